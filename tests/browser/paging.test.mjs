// Long lists in pages of rows (src/paging.rs, src/ui/components/paging.rs), in headless Chromium against the
// release build: a generated organisation of 320 branches shows the ranking, the cycle tables, the grade paths,
// the branches and the Monte Carlo's rows in pages of 100 with a pager; the pager works from the keyboard; the
// rows of every page are the exported results' rows in order; the large motivation map waits for a button; the
// sample (12 branches) shows no pager at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveDist, launch, openApp } from './harness.mjs';

const NB = 320;

function lcg(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** 320 branches × 5 indicators × 8 periods (two complete cycles of the default length). */
function organisation() {
  const rnd = lcg(320);
  const pick = (k) => Math.floor(rnd() * k);
  const indicators = [
    { id: 'q1', name: '发展党员', kind: 'controllable', measure: 'quantitative', base_target: 20, weight: 3 },
    { id: 'q2', name: '学习时长', kind: 'elastic', measure: 'quantitative', base_target: 40, weight: 2 },
    { id: 'q3', name: '志愿服务', kind: 'elastic', measure: 'quantitative', base_target: 12, weight: 2 },
    { id: 'l1', name: '组织生活', kind: 'elastic', measure: 'qualitative', weight: 2 },
    { id: 'v1', name: '安全事故', kind: 'veto' },
  ];
  const branches = Array.from({ length: NB }, (_, b) => ({
    id: `b${b}`, name: `第${b + 1}支部`, members: 5 + pick(40), grade: 1 + pick(5),
    conditions: { infrastructure: 1 + pick(5), personnel: 1 + pick(5), circumstances: 1 + pick(5) },
    history: { q1: [pick(30), pick(30), pick(30)] },
  }));
  const periods = Array.from({ length: 8 }, (_, p) => ({
    id: `P${p + 1}`, name: `第${p + 1}季度`,
    records: Object.fromEntries(branches.map((b) => [b.id, {
      actuals: { q1: pick(35), q2: pick(60), q3: pick(20), l1: 'ABCD'[pick(4)] },
      ...(rnd() < 0.02 ? { vetoes: { v1: true } } : {}),
    }])),
  }));
  return {
    format: 'pbcalc-scenario', version: 1, name: `分页测试：${NB} 个支部`,
    settings: { simulation: { trials: 40, cycles: 1 } }, indicators, branches, periods,
  };
}

let server, browser, file;
before(async () => {
  server = await serveDist();
  browser = await launch();
  file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pbcalc-paging-')), 'paging.pbcalc.json');
  fs.writeFileSync(file, JSON.stringify(organisation()));
});
after(async () => { await browser?.close(); await server?.close(); });

async function imported() {
  const page = await openApp(browser, server.url, { viewport: { width: 1280, height: 900 } });
  await page.getByTestId('import-file').setInputFiles(file);
  await page.waitForFunction(() => document.querySelector('[data-testid="scenario-name"]')?.innerText.includes('分页测试'));
  return page;
}

async function results(page) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-results').click()]);
  return JSON.parse(fs.readFileSync(await dl.path(), 'utf8'));
}

const attr = (loc, name) => loc.evaluateAll((els, n) => els.map((e) => e.getAttribute(n)), name);
const focused = (page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));

test('the ranking of 320 branches is shown in pages of 100, moved by keyboard, each page the results in order', async () => {
  const page = await imported();
  const expected = (await results(page)).periods.at(-1).branches;
  assert.equal(expected.length, NB);
  await page.goto(`${server.url}#/results`);
  const pager = page.getByTestId('ranking-pager');
  await pager.waitFor();
  const rows = page.getByTestId('ranking-row');
  assert.equal(await pager.getAttribute('data-pages'), '4');
  assert.equal(await pager.getByTestId('pager-count').innerText(), '第 1–100 行，共 320 行');
  const seen = [];
  const check = async (k) => {
    assert.equal(await pager.getAttribute('data-page'), String(k));
    const ids = await attr(rows, 'data-branch');
    const want = expected.slice(k * 100, k * 100 + 100);
    assert.deepEqual(ids, want.map((r) => r.branch), `page ${k + 1}: the results' rows in order`);
    assert.deepEqual((await rows.getByTestId('rank').allInnerTexts()).map(Number), want.map((r) => r.rank));
    seen.push(...ids);
  };
  await check(0);
  // "Previous" on the first page does nothing and keeps the focus.
  await pager.getByTestId('pager-prev').focus();
  await page.keyboard.press('Enter');
  await check(0);
  seen.length = 0;
  await check(0);
  // Tab to "next", Enter and Space turn the pages; the focus stays on the button.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'pager-next');
  await page.keyboard.press('Enter');
  await check(1);
  await page.keyboard.press(' ');
  await check(2);
  assert.equal(await pager.getByTestId('pager-count').innerText(), '第 201–300 行，共 320 行');
  await page.keyboard.press('Enter');
  await check(3);
  assert.equal(await rows.count(), 20);
  assert.equal(await focused(page), 'pager-next');
  assert.equal(await pager.getByTestId('pager-next').getAttribute('aria-disabled'), 'true');
  await page.keyboard.press('Enter');
  assert.equal(await pager.getAttribute('data-page'), '3', 'no page after the last');
  assert.deepEqual([...new Set(seen)].sort(), expected.map((r) => r.branch).sort(), 'every branch on exactly one page');
  assert.equal(seen.length, NB);
  // The page select jumps; the arrows move within the page shown (End: its last row).
  await pager.getByTestId('pager-select').selectOption('1');
  await check(1);
  await rows.first().focus();
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-branch')), expected[199].branch);
  await page.keyboard.press('Enter');
  await page.getByTestId('why-panel').waitFor();
  assert.match(await page.getByTestId('why-panel').innerText(), new RegExp(`第${Number(expected[199].branch.slice(1)) + 1}支部`));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('cycle tables, grade paths and branches are paged; the paths table is built when opened; the map waits', async () => {
  const page = await imported();
  const res = await results(page);
  await page.goto(`${server.url}#/grades`);
  // The last cycle's table is open, in pages; the earlier one is folded until shown.
  const cycle = page.locator('[data-testid="cycle"][data-cycle="2"]');
  await cycle.waitFor();
  assert.equal(await cycle.getByTestId('cycle-row').count(), 100);
  const cyclePager = cycle.getByTestId('cycle-pager');
  await cyclePager.getByTestId('pager-last').click();
  assert.deepEqual(await attr(cycle.getByTestId('cycle-row'), 'data-branch'), res.cycles[1].branches.slice(300).map((r) => r.branch));
  const first = page.locator('[data-testid="cycle"][data-cycle="1"]');
  assert.equal(await first.getByTestId('cycle-row').count(), 0);
  assert.equal(await first.getByTestId('cycle-fold').getAttribute('aria-expanded'), 'false');
  await first.getByTestId('cycle-fold').focus();
  await page.keyboard.press('Enter');
  await first.getByTestId('cycle-row').first().waitFor();
  assert.deepEqual(await attr(first.getByTestId('cycle-row'), 'data-branch'), res.cycles[0].branches.slice(0, 100).map((r) => r.branch));
  // Grade paths: 100 figures, the page's branches in the scenario's order.
  const paths = page.getByTestId('grade-paths').locator('figure.path');
  assert.equal(await paths.count(), 100);
  await page.getByTestId('paths-pager').getByTestId('pager-next').click();
  assert.deepEqual(await attr(paths, 'data-branch'), Array.from({ length: 100 }, (_, i) => `b${100 + i}`));
  // The Monte Carlo's rows: in pages too, the branches in the scenario's order.
  await page.getByTestId('run-simulation').click();
  await page.getByTestId('simulation-done').waitFor({ timeout: 120000 });
  const simRows = page.getByTestId('simulation-row');
  assert.equal(await simRows.count(), 100);
  await page.getByTestId('simulation-pager').getByTestId('pager-select').selectOption('3');
  assert.deepEqual(await attr(simRows, 'data-branch'), Array.from({ length: 20 }, (_, i) => `b${300 + i}`));
  // The paths' data table: not built until opened, then every branch.
  const details = page.locator('.paths details.chart-data');
  assert.equal(await details.locator('tbody tr').count(), 0);
  await details.locator('summary').click();
  await details.locator('tbody tr').first().waitFor();
  assert.equal(await details.locator('tbody tr').count(), NB);

  await page.goto(`${server.url}#/branches`);
  const pager = page.getByTestId('branch-pager');
  await pager.getByTestId('pager-last').click();
  const names = page.getByTestId('branch-row-name');
  assert.equal(await names.count(), 20);
  assert.equal(await names.first().innerText(), '第301支部');
  // Editing a row of a later page opens that branch.
  await page.getByTestId('branch-edit').first().click();
  assert.equal(await page.getByTestId('branch-name').inputValue(), '第301支部');

  // Targets: 320 × 3 cells of motivation map are drawn on request only.
  await page.goto(`${server.url}#/targets`);
  const wait = page.getByTestId('motivation-on-request');
  await wait.waitFor();
  assert.equal(await wait.getAttribute('data-cells'), String(NB * 3));
  assert.equal(await page.locator('figure[data-chart="motivation"]').count(), 0);
  await wait.getByTestId('draw-chart').click();
  await page.locator('figure[data-chart="motivation"]').waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the sample (12 branches) is shown whole: no pager, the map drawn at once', async () => {
  const page = await openApp(browser, server.url);
  for (const slug of ['results', 'grades', 'branches']) {
    await page.goto(`${server.url}#/${slug}`);
    await page.locator('main h2').first().waitFor();
    assert.equal(await page.locator('nav.pager').count(), 0, `#/${slug} has no pager`);
  }
  await page.goto(`${server.url}#/targets`);
  await page.locator('figure[data-chart="motivation"]').waitFor();
  assert.equal(await page.getByTestId('motivation-on-request').count(), 0);
  await page.context().close();
});
