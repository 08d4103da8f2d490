// Target plans (METHOD.md §1, 年度目标计划) through the real UI, in headless Chromium against the release build:
// the worked example with plans imported, and a new plan from the last period that leaves every earlier period
// as it was scored.
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

const VIEW = { viewport: { width: 1400, height: 900 } };

async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return fs.readFileSync(await dl.path(), 'utf8');
}

test('the worked example with target plans imported through the UI exports exactly the expected results', async () => {
  const page = await openApp(browser, server.url, VIEW);
  await page.getByTestId('import-file').setInputFiles(fixture('small-plans.pbcalc.json'));
  await page.waitForSelector('text=含年度目标计划');
  const expected = JSON.parse(fs.readFileSync(fixture('small-plans.expected.pbcalc-results.json'), 'utf8'));
  assertClose(JSON.parse(await download(page, 'export-results')), expected);
  // The plans are exported back as they were read.
  const scenario = JSON.parse(await download(page, 'export-scenario'));
  const source = JSON.parse(fs.readFileSync(fixture('small-plans.pbcalc.json'), 'utf8'));
  assert.deepEqual(scenario.target_plans.map((p) => [p.id, p.from]), source.target_plans.map((p) => [p.id, p.from]));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a new plan from the last period changes one target and no earlier period', async () => {
  const page = await openApp(browser, server.url, VIEW);
  const before = JSON.parse(await download(page, 'export-results'));
  await page.goto(`${server.url}#/targets`);
  await page.getByTestId('targets-table').waitFor();
  // The sample's own plan is in force in the last period; the selector says so.
  assert.match(await page.getByTestId('plan-in-force').innerText(), /2026年第2季度起 · 2025年度目标/);
  // In English the period follows "From" (a Chinese suffix in Chinese).
  await page.getByTestId('lang-switch').selectOption('en');
  await page.waitForFunction(() => /^From 2026年第2季度 · 2025年度目标/.test(document.querySelector('[data-testid="plan-in-force"]').innerText));
  await page.getByTestId('lang-switch').selectOption('zh-CN');
  await page.waitForFunction(() => /2026年第2季度起 · /.test(document.querySelector('[data-testid="plan-in-force"]').innerText));
  // A period before the sample's plan shows the scenario's own targets.
  await page.getByTestId('plan-period').selectOption('2024Q3');
  assert.match(await page.getByTestId('plan-in-force').innerText(), /方案基础目标/);
  await page.getByTestId('plan-period').selectOption('2026Q2');
  await page.getByTestId('new-plan').click();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('pbcalc.document')).scenarios.some((s) => s.target_plans.length === 2));
  assert.match(await page.getByTestId('plan-in-force').innerText(), /2026年第2季度起目标计划/);
  assert.equal(await page.getByTestId('new-plan').isDisabled(), true, 'one plan per period');
  // One target changed in the new plan.
  const cell = page.locator('[data-testid="target-cell"][data-branch="c1b"][data-indicator="tasks"]');
  await cell.click();
  await page.keyboard.type('15');
  await page.keyboard.press('Enter');
  assert.equal(await cell.getAttribute('data-overridden'), 'true');
  assert.equal(await cell.getAttribute('data-from-plan'), 'true');
  const doc = JSON.parse(await stored(page));
  const plan = doc.scenarios[doc.current].target_plans.find((p) => p.from === '2026Q2');
  assert.deepEqual(plan.target_overrides, { c1b: { tasks: 15 } });
  assert.deepEqual(plan.base_targets, {});
  // The earlier period's row of c1b still uses the old target; every earlier period's rows are unchanged.
  const after = JSON.parse(await download(page, 'export-results'));
  const last = before.periods.length - 1;
  for (let u = 0; u < last; u++) assert.deepEqual(after.periods[u], before.periods[u], `period ${u}`);
  assert.equal(after.targets.find((t) => t.branch === 'c1b' && t.indicator === 'tasks').target, 15);
  // A period that starts a plan cannot be deleted; the message names the plan.
  await page.goto(`${server.url}#/periods`);
  await page.getByTestId('period-matrix').waitFor();
  const periods = doc.scenarios[doc.current].periods.length;
  await page.getByTestId('period-delete').click();
  await page.waitForSelector('text=从此考核期开始');
  assert.equal(JSON.parse(await stored(page)).scenarios[doc.current].periods.length, periods);
  // The plan is deleted with undo.
  await page.goto(`${server.url}#/targets`);
  await page.getByTestId('plan-period').selectOption('2026Q2');
  await page.getByTestId('plan-delete').click();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('pbcalc.document')).scenarios.every((s) => s.target_plans.length === 1));
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('pbcalc.document')).scenarios.some((s) => s.target_plans.length === 2));
  // The grades page marks the cycle in which the sample's plan started.
  await page.goto(`${server.url}#/grades`);
  await page.getByTestId('plan-started').first().waitFor();
  assert.match(await page.getByTestId('plan-started').first().innerText(), /2025年度目标/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
