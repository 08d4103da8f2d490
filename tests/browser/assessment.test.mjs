// A whole assessment built from a blank scenario through the UI only (2 categories, 3 branches, 4 indicators,
// 1 period), then its exported results compared with what the engine computes natively for the exported
// scenario (`pbcalc results`, the same engine as a command line).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launch, openApp, stored, goTo } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const go = (page, slug) => goTo(page, server.url, slug);

async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return fs.readFileSync(await dl.path(), 'utf8');
}

async function addCategory(page, id, name) {
  await page.getByTestId('add-category').click();
  await page.getByTestId('category-name').fill(name);
  await page.getByTestId('category-id').fill(id);
  await page.getByTestId('category-save').click();
  await page.locator(`[data-testid="category-row"][data-id="${id}"]`).waitFor();
}

async function addIndicator(page, fields) {
  await page.getByTestId('add-indicator').click();
  await page.getByTestId('indicator-editor').waitFor();
  for (const [key, value] of Object.entries(fields)) {
    const input = page.getByTestId(`ind-${key}`);
    if (['kind', 'measure', 'direction'].includes(key)) await input.selectOption(value);
    else await input.fill(String(value));
  }
  await page.getByTestId('ind-save').click();
  await page.getByTestId('indicator-editor').waitFor({ state: 'detached' });
}

async function addBranch(page, name, category, members, [infra, personnel, circ]) {
  await page.getByTestId('add-branch').click();
  await page.getByTestId('branch-name').fill(name);
  await page.getByTestId('branch-category').selectOption(category);
  await page.getByTestId('branch-members').fill(String(members));
  await page.getByTestId('branch-infrastructure').fill(String(infra));
  await page.getByTestId('branch-personnel').fill(String(personnel));
  await page.getByTestId('branch-circumstances').fill(String(circ));
  await page.getByTestId('branch-save').click();
  await page.getByTestId('branch-editor').waitFor({ state: 'detached' });
}

/** Types a value into a cell of the periods matrix and commits it with Enter. */
async function enter(page, branch, field, value) {
  const cell = page.locator(`[data-testid="period-row"][data-branch="${branch}"] td[data-field="${field}"]`);
  await cell.click();
  await page.keyboard.type(String(value));
  await page.keyboard.press('Enter');
  await page.waitForFunction(([b, f, v]) => {
    const td = document.querySelector(`[data-testid="period-row"][data-branch="${b}"] td[data-field="${f}"]`);
    return td && td.innerText.trim() === v;
  }, [branch, field, String(value)]);
}

test('a blank scenario built through the UI exports what the engine computes for it', async () => {
  const page = await openApp(browser, server.url, { viewport: { width: 1400, height: 900 } });
  await go(page, 'scenarios');
  await page.getByTestId('new-scenario').click();
  await page.waitForSelector('[data-testid="scenario-name"] >> text=新方案');

  // Indicators: one of each kind that scores, and a veto.
  await go(page, 'indicators');
  await addIndicator(page, { name: '攻坚任务完成数', kind: 'controllable', measure: 'quantitative', direction: 'higher',
    base_target: 10, weight: 40, decimals: 0 });
  await addIndicator(page, { name: '群众投诉件数', kind: 'elastic', measure: 'quantitative', direction: 'lower',
    base_target: 2, weight: 30, tolerance: 0.2 });
  await addIndicator(page, { name: '三会一课质量', kind: 'elastic', measure: 'qualitative', weight: 30 });
  await addIndicator(page, { name: '安全事故', kind: 'veto' });
  assert.equal(await page.getByTestId('indicator-row').count(), 4);

  // Categories with a coefficient, then branches.
  await go(page, 'branches');
  await addCategory(page, 'field', '生产一线');
  await addCategory(page, 'office', '机关');
  await page.getByTestId('coef-field-i01').fill('1.2');
  await page.getByTestId('coef-field-i01').press('Enter');
  await addBranch(page, '采气队党支部', 'field', 20, [4, 3, 3]);
  await addBranch(page, '维修队党支部', 'field', 15, [2, 3, 2]);
  await addBranch(page, '机关党支部', 'office', 10, [3, 3, 3]);
  assert.equal(await page.getByTestId('branch-row').count(), 3);

  // One period with its data.
  await go(page, 'periods');
  await page.getByTestId('period-add').click();
  await page.getByTestId('period-new-id').fill('2025Q1');
  await page.getByTestId('period-new-name').fill('2025年一季度');
  await page.getByTestId('period-new-save').click();
  await page.getByTestId('period-matrix').waitFor();
  const data = {
    b01: { 'actual:i01': 13, 'actual:i02': 1, 'actual:i03': 'A', 'ballot:excellent': 15, 'ballot:good': 4, peers: 88, superiors: 92 },
    b02: { 'actual:i01': 9, 'actual:i02': 3, 'actual:i03': 'B', 'ballot:excellent': 8, 'ballot:good': 5, 'ballot:fair': 2, peers: 80, superiors: 78 },
    b03: { 'actual:i01': 6, 'actual:i02': 0, 'actual:i03': 'C', 'ballot:excellent': 5, 'ballot:good': 4, 'ballot:poor': 1, peers: 75, superiors: 85 },
  };
  for (const [branch, fields] of Object.entries(data)) {
    for (const [field, value] of Object.entries(fields)) await enter(page, branch, field, value);
  }
  // b03 failed the veto: from its last actual, one cell right is the veto column; Space toggles it.
  await page.locator('[data-testid="period-row"][data-branch="b03"] td[data-field="actual:i03"]').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => {
    const td = document.querySelector('[data-testid="period-row"][data-branch="b03"] [data-testid="row-tier"]');
    return td && td.dataset.tier === 'bottom';
  });

  // Export the scenario and its results; compute the results natively from the exported scenario.
  const scenarioText = await download(page, 'export-scenario');
  const resultsText = await download(page, 'export-results');
  const scenario = JSON.parse(scenarioText);
  assert.equal(scenario.categories.length, 2);
  assert.equal(scenario.branches.length, 3);
  assert.equal(scenario.indicators.length, 4);
  assert.equal(scenario.periods.length, 1);
  assert.equal(scenario.categories[0].coefficients.i01, 1.2);
  assert.deepEqual(scenario.branches[0].conditions, { infrastructure: 4, personnel: 3, circumstances: 3 });
  assert.equal(scenario.periods[0].records.b01.actuals.i03, 'A');
  assert.equal(scenario.periods[0].records.b03.vetoes.i04, true);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pbcalc-')), 'built.pbcalc.json');
  fs.writeFileSync(file, scenarioText);
  const native = execFileSync('cargo', ['run', '--release', '--quiet', '--', 'results', file], { cwd: root, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(resultsText), JSON.parse(native));

  // A hand check of one number: b01's target of i01 is round(10 × 1.2 × f, 0) with f = 1 + 0.05 × (10/3 − 3).
  const results = JSON.parse(resultsText);
  const t = results.targets.find((x) => x.branch === 'b01' && x.indicator === 'i01');
  assert.equal(t.target, Math.round(10 * 1.2 * (1 + 0.05 * (10 / 3 - 3))));
  // And the saved document holds the same scenario.
  const doc = JSON.parse(await stored(page));
  assert.deepEqual(doc.scenarios[doc.current].periods, scenario.periods);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
