// The official record and what-ifs (issue: the record stays put), in headless Chromium against the release
// build: the impact notice of an edit and its one-click undo, the lock refusing typing, pasting, importing and
// undo, "copy as what-if", imports that never collide by name, and the compare page against the native engine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serveDist, launch, openApp, stored, goTo } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..');
const VIEW = { viewport: { width: 1400, height: 900 } };

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return fs.readFileSync(await dl.path(), 'utf8');
}

function tmpFile(name, text) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pbcalc-')), name);
  fs.writeFileSync(file, text);
  return file;
}

/** The native engine's results of a scenario file (`pbcalc results`). */
function nativeResults(file) {
  return JSON.parse(execFileSync('cargo', ['run', '--release', '--quiet', '--', 'results', file], { cwd: root, encoding: 'utf8' }));
}

/** Paste text at the focused element the way a browser does after Ctrl+V. */
async function paste(page, text) {
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test('bulk suggested targets: the notice names the changed grades, one click undoes the whole edit', async () => {
  const page = await openApp(browser, server.url, VIEW);
  const before = await download(page, 'export-results');
  await goTo(page, server.url, 'targets');
  await page.getByTestId('apply-suggested-all').click();
  const notice = page.getByTestId('impact-notice');
  await notice.waitFor();
  const text = await notice.innerText();
  assert.match(text, /此修改改变了已完成考核期的结果/);
  assert.ok(Number(await notice.getAttribute('data-grades')) > 0, text);
  assert.match(text, /个等级/);
  // The notice names exactly the branches whose grade after a complete cycle changed, as the exported results
  // before and after the edit say.
  const after = JSON.parse(await download(page, 'export-results'));
  const was = JSON.parse(before);
  const grade = (r, c, b) => r.cycles.find((x) => x.cycle === c).branches.find((x) => x.branch === b)?.grade_after;
  const changed = new Set();
  for (const c of was.cycles.filter((c) => c.complete)) {
    for (const row of c.branches) if (grade(after, c.cycle, row.branch) !== row.grade_after) changed.add(row.branch);
  }
  assert.ok(changed.size > 0, 'the bulk edit changes a grade of a complete cycle');
  const scenario = JSON.parse(await download(page, 'export-scenario'));
  const names = await page.getByTestId('impact-grade-names').innerText();
  for (const b of scenario.branches) {
    assert.equal(names.includes(b.name), changed.has(b.id), `${b.name} named iff its grade changed: ${names}`);
  }
  await page.getByTestId('impact-show').click();
  assert.ok(await page.getByTestId('impact-cells').locator('li').count() > 0);
  assert.match(await page.getByTestId('impact-cells').innerText(), /→/);
  // One click takes the whole bulk edit back: the results are the ones before, byte for byte.
  await page.getByTestId('impact-undo').click();
  await notice.waitFor({ state: 'detached' });
  assert.equal(await download(page, 'export-results'), before);
  // An edit of the period in progress only (the sample's last period, in an unfinished cycle) raises no notice.
  await goTo(page, server.url, 'periods');
  const peers = page.locator('[data-testid="period-row"][data-branch="c1a"] td[data-field="peers"]');
  await peers.click();
  await page.keyboard.type('55');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="undo"]') && !document.querySelector('[data-testid="undo"]').disabled);
  // The notice's comparison runs once typing pauses (300 ms) and after a frame: wait well past that.
  await page.waitForTimeout(1000);
  assert.equal(await page.getByTestId('impact-notice').count(), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a locked copy refuses typing, pasting, importing and undo; "copy as what-if" makes an unlocked copy', async () => {
  const page = await openApp(browser, server.url, VIEW);
  await goTo(page, server.url, 'scenarios');
  await page.getByTestId('scenario-duplicate').first().click();
  const rows = page.getByTestId('scenario-row');
  await rows.nth(1).getByTestId('scenario-lock').click();
  await page.getByTestId('locked-icon').waitFor();
  assert.equal(await rows.nth(1).getByTestId('scenario-locked').count(), 1);
  let doc = JSON.parse(await stored(page));
  assert.equal(doc.current, 1);
  assert.equal(doc.scenarios[1].locked, true);
  assert.equal(doc.scenarios[0].locked, false, 'the sample is not locked');
  const saved = await stored(page);
  const refusal = page.getByTestId('locked-refusal');
  const dismiss = async () => { await page.getByTestId('refusal-close').click(); await refusal.waitFor({ state: 'detached' }); };

  // Typing in a branch name: nothing typed, the refusal shown; saving the form refused too.
  await goTo(page, server.url, 'branches');
  await page.getByTestId('locked-banner').waitFor();
  const name = await page.getByTestId('branch-row-name').first().innerText();
  await page.getByTestId('branch-edit').first().click();
  const input = page.getByTestId('branch-name');
  await input.click();
  await page.keyboard.type('改');
  await refusal.waitFor();
  assert.equal(await input.inputValue(), name);
  await dismiss();
  await page.getByTestId('branch-save').click();
  await refusal.waitFor();
  assert.equal(await page.getByTestId('branch-row-name').first().innerText(), name);
  assert.equal(await stored(page), saved);
  await dismiss();

  // Pasting into the periods grid.
  await goTo(page, server.url, 'periods');
  await page.locator('[data-testid="period-row"][data-branch="c1a"] td[data-field="peers"]').click();
  await paste(page, '77\r\n78\r\n');
  await refusal.waitFor();
  assert.equal(await stored(page), saved);
  await dismiss();

  // Importing into it.
  await page.getByTestId('import-file').setInputFiles(path.join(root, 'tests', 'fixtures', 'small.pbcalc.json'));
  await refusal.waitFor();
  assert.equal(await stored(page), saved);
  await dismiss();

  // Undo of the edit made before locking (the duplication).
  await page.getByTestId('undo').click();
  await refusal.waitFor();
  assert.equal(await stored(page), saved);
  assert.match(await refusal.innerText(), /正式记录/);

  // "复制为试算方案" creates an unlocked copy and switches to it.
  await page.getByTestId('refusal-copy').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="scenario-name"]').innerText.includes('（试算）'));
  assert.equal(await page.getByTestId('locked-icon').count(), 0);
  doc = JSON.parse(await stored(page));
  assert.equal(doc.scenarios.length, 3);
  assert.match(doc.scenarios[doc.current].name, /（副本）（试算）$/);
  assert.equal(doc.scenarios[doc.current].locked, false);
  assert.equal(doc.scenarios[1].locked, true);

  // Unlocking asks first.
  await goTo(page, server.url, 'scenarios');
  await rows.nth(1).getByTestId('scenario-unlock').click();
  await page.getByTestId('unlock-confirm').waitFor();
  await page.getByTestId('unlock-no').click();
  assert.equal(JSON.parse(await stored(page)).scenarios[1].locked, true);
  await rows.nth(1).getByTestId('scenario-unlock').click();
  await page.getByTestId('unlock-yes').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="scenario-locked"]'));
  assert.equal(JSON.parse(await stored(page)).scenarios[1].locked, false);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('imports never collide by name, and the compare page lists exactly the tiers the native engine changes', async () => {
  const page = await openApp(browser, server.url, VIEW);
  const record = await download(page, 'export-scenario');
  // A what-if with one weight changed, imported twice: "（2）" and "（3）" are added to the name.
  const whatIf = JSON.parse(record);
  const ind = whatIf.indicators.find((i) => typeof i.weight === 'number' && i.weight > 0);
  ind.weight = ind.weight * 3 + 5;
  const whatIfFile = tmpFile('what-if.pbcalc.json', JSON.stringify(whatIf));
  await page.getByTestId('import-file').setInputFiles(whatIfFile);
  await page.waitForFunction((n) => document.querySelector('[data-testid="scenario-name"]').innerText.endsWith(`${n}（2）`), whatIf.name);
  await page.getByTestId('import-file').setInputFiles(whatIfFile);
  await page.waitForFunction((n) => document.querySelector('[data-testid="scenario-name"]').innerText.endsWith(`${n}（3）`), whatIf.name);
  let doc = JSON.parse(await stored(page));
  assert.deepEqual(doc.scenarios.map((s) => s.name), [whatIf.name, `${whatIf.name}（2）`, `${whatIf.name}（3）`]);

  // Lock the record; compare it (A, by default the locked one) with the first what-if.
  await goTo(page, server.url, 'scenarios');
  await page.getByTestId('scenario-row').nth(0).getByTestId('scenario-lock').click();
  await page.getByTestId('scenario-locked').waitFor();
  await page.getByTestId('compare-open').click();
  await page.getByTestId('page-compare').waitFor();
  const options = await page.getByTestId('compare-a').locator('option').allInnerTexts();
  assert.equal(options.length, 3);
  assert.ok(options[0].includes(whatIf.name));
  assert.equal(await page.getByTestId('compare-a').inputValue(), '0');
  await page.getByTestId('compare-b').selectOption('1');

  // The native engine on both exported scenarios.
  const ra = nativeResults(tmpFile('record.pbcalc.json', record));
  const rb = nativeResults(whatIfFile);
  let expected = 0;
  const perPeriod = {};
  for (const pa of ra.periods) {
    const pb = rb.periods.find((p) => p.period === pa.period);
    perPeriod[pa.period] = 0;
    for (const x of pa.branches) {
      const y = pb.branches.find((b) => b.branch === x.branch);
      if (y && y.tier !== x.tier) { expected += 1; perPeriod[pa.period] += 1; }
    }
  }
  assert.ok(expected > 0, 'the weight change moves some tier');
  const count = page.getByTestId('compare-tier-changes');
  await page.waitForFunction((n) => document.querySelector('[data-testid="compare-tier-changes"]').dataset.count === String(n), expected);
  assert.equal(Number(await count.getAttribute('data-count')), expected);
  for (const [period, n] of Object.entries(perPeriod)) {
    assert.equal(await page.locator(`[data-testid="compare-period"][data-period="${period}"]`).getAttribute('data-tier-changes'), String(n), period);
  }
  // The setup difference is the weight, by path.
  assert.match(await page.getByTestId('compare-setup').innerText(), new RegExp(`indicators\\[${ind.id}\\]\\.weight`));
  // The same scenario on both sides: nothing.
  await page.getByTestId('compare-b').selectOption('0');
  await page.waitForFunction(() => document.querySelector('[data-testid="compare-tier-changes"]').dataset.count === '0');
  // Back to the what-if: the CSV export (with a BOM) lists the changes.
  await page.getByTestId('compare-b').selectOption('1');
  await page.waitForFunction((n) => document.querySelector('[data-testid="compare-tier-changes"]').dataset.count === String(n), expected);
  const csv = await download(page, 'compare-export');
  assert.ok(csv.startsWith('\uFEFF'), 'BOM');
  assert.match(csv, /weight/);
  assert.equal(csv.split('\r\n').filter((l) => l.includes('档次') && !l.includes('档次变化')).length, expected);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
