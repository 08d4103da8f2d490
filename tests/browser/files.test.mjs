// Import and export through the real UI (FORMAT.md), in headless Chromium against the release build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launch, openApp, stored, assertClose } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name) => path.join(here, '..', 'fixtures', name);

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Clicks an export button and returns the downloaded file's name and text. */
async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

async function importFile(page, file) {
  await page.getByTestId('import-file').setInputFiles(file);
}

test('the public example imported through the UI exports exactly the expected results', async () => {
  const page = await openApp(browser, server.url);
  await importFile(page, fixture('small.pbcalc.json'));
  await page.waitForSelector('text=公开示例：小型气田党委');
  const { name, text } = await download(page, 'export-results');
  assert.match(name, /\.pbcalc-results\.json$/);
  const expected = JSON.parse(fs.readFileSync(fixture('small.expected.pbcalc-results.json'), 'utf8'));
  assertClose(JSON.parse(text), expected);
  // The import was saved like any other change.
  const doc = JSON.parse(await stored(page));
  assert.equal(doc.scenarios.length, 2);
  assert.equal(doc.scenarios[doc.current].name, '公开示例：小型气田党委');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the sample exported and imported back gives identical results', async () => {
  const page = await openApp(browser, server.url);
  const scenario = await download(page, 'export-scenario');
  assert.match(scenario.name, /\.pbcalc\.json$/);
  const before = await download(page, 'export-results');
  const file = path.join(fs.mkdtempSync('/tmp/pbcalc-'), scenario.name);
  fs.writeFileSync(file, scenario.text);
  await importFile(page, file);
  await page.waitForFunction(() => (JSON.parse(localStorage.getItem('pbcalc.document')) ?? { scenarios: [] }).scenarios.length === 2);
  const after = await download(page, 'export-results');
  // The import is named apart from the sample it copies ("（2）"); the results are otherwise identical.
  const [a, b] = [JSON.parse(after.text), JSON.parse(before.text)];
  assert.equal(a.scenario, `${b.scenario}（2）`);
  assert.deepEqual({ ...a, scenario: b.scenario }, b);
  await page.context().close();
});

test('a malformed file shows the path of each problem and changes nothing', async () => {
  const page = await openApp(browser, server.url);
  const before = await stored(page);
  const bad = JSON.parse(fs.readFileSync(fixture('small.pbcalc.json'), 'utf8'));
  bad.branches[1].conditions.personnel = 9;
  bad.indicators[0].wieght = 30;
  const file = path.join(fs.mkdtempSync('/tmp/pbcalc-'), 'bad.pbcalc.json');
  fs.writeFileSync(file, JSON.stringify(bad));
  await importFile(page, file);
  const err = page.getByTestId('import-error');
  await err.waitFor();
  const text = await err.innerText();
  assert.match(text, /branches\[1\]\.conditions\.personnel/);
  assert.match(text, /indicators\[0\]\.wieght/);
  assert.equal(await stored(page), before);
  assert.match(await page.getByTestId('scenario-name').innerText(), /西部气田公司党委/);
  // Not JSON at all.
  fs.writeFileSync(file, '{ "format": "pbcalc-scenario", ');
  await importFile(page, file);
  await page.waitForSelector('[data-testid="import-error"] >> text=意外结束');
  assert.equal(await stored(page), before);
  await page.context().close();
});

test('a file over 5 MB is refused before it is read', async () => {
  const page = await openApp(browser, server.url);
  const file = path.join(fs.mkdtempSync('/tmp/pbcalc-'), 'big.pbcalc.json');
  fs.writeFileSync(file, ' '.repeat(5_000_001));
  await importFile(page, file);
  const err = page.getByTestId('import-error');
  await err.waitFor();
  assert.match(await err.innerText(), /过大/);
  await page.context().close();
});

test('the ranking CSV starts with a BOM and has one row a branch', async () => {
  const page = await openApp(browser, server.url);
  await importFile(page, fixture('small.pbcalc.json'));
  await page.waitForSelector('text=公开示例：小型气田党委');
  await page.goto(`${server.url}#/results`);
  await page.getByTestId('period-select').selectOption('2023Q1');
  const { name, text } = await download(page, 'export-csv');
  assert.match(name, /2023Q1\.csv$/);
  assert.equal(text.charCodeAt(0), 0xfeff);
  const lines = text.slice(1).trim().split(/\r\n/);
  assert.equal(lines.length, 6);
  assert.match(lines[0], /^期间编号,期间名称,排名,编号,支部名称/);
  // Numbers as the results page shows them (F to 2 decimals), with the period's id and name.
  assert.match(lines[1], /^2023Q1,2023年第1季度,1,o1,机关第一党支部,机关,94\.72,/);
  for (const line of lines.slice(1)) {
    for (const cell of line.split(',')) assert.ok(!/^-?\d+\.\d{3,}$/.test(cell), `${cell} in ${line}`);
  }
  await page.context().close();
});

test('the results page explains a branch: from actuals to its tier', async () => {
  const page = await openApp(browser, server.url);
  await importFile(page, fixture('small.pbcalc.json'));
  await page.waitForSelector('text=公开示例：小型气田党委');
  await page.goto(`${server.url}#/results`);
  await page.getByTestId('period-select').selectOption('2023Q1');
  const rows = page.getByTestId('ranking-row');
  assert.equal(await rows.count(), 5);
  assert.equal(await rows.first().getAttribute('data-branch'), 'o1');
  assert.equal(await rows.first().getByTestId('final').innerText(), '94.72');
  const p3 = page.locator('[data-testid="ranking-row"][data-branch="p3"]');
  assert.equal(await p3.getByTestId('tier').getAttribute('data-tier'), 'bottom');
  await p3.click();
  const why = page.getByTestId('why-panel');
  await why.waitFor();
  const text = await why.innerText();
  assert.match(text, /综合得分 F/);
  assert.match(text, /68\.14/);
  assert.match(text, /末档/);
  await page.context().close();
});
