// The charts (ui/charts): every picture has an accessible name (computed by Chromium's accessibility tree) and
// sits in a figure with a legend and a data table holding the chart's numbers; the numbers agree with the
// page's own tables (the ladder's flows with the cycle tables, the curve's s with the "why" table, the τ chart
// with the sweep table, the motivation map with branches × quantitative indicators).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, goTo } from './harness.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/**
 * Checks every picture of the page: an accessible name in the accessibility tree, inside a `[data-chart]`
 * figure that has a legend and a non-empty data table. Returns the figures' kinds.
 */
async function checkCharts(page) {
  const pictures = page.locator('svg[role="img"], [data-chart] [role="img"]');
  const n = await pictures.count();
  assert.ok(n > 0, 'the page has charts');
  for (let i = 0; i < n; i++) {
    const pic = pictures.nth(i);
    const snapshot = await pic.ariaSnapshot();
    assert.match(snapshot, /- '?img "[^"]+"/, `picture ${i} has an accessible name: ${snapshot}`);
    const inFigure = await pic.evaluate((el) => {
      const fig = el.closest('[data-chart]');
      if (!fig) return null;
      return {
        kind: fig.dataset.chart,
        legend: fig.querySelectorAll('.chart-legend li').length,
        rows: fig.querySelectorAll('[data-testid="chart-data"] tbody tr').length,
        digits: /\d/.test(fig.querySelector('[data-testid="chart-data"] tbody')?.textContent ?? ''),
      };
    });
    assert.ok(inFigure, `picture ${i} (${snapshot}) has a figure with a text alternative`);
    assert.ok(inFigure.legend > 0, `${inFigure.kind}: a legend`);
    assert.ok(inFigure.rows > 0 && inFigure.digits, `${inFigure.kind}: a data table with numbers`);
  }
  return page.locator('[data-chart]').evaluateAll((figs) => figs.map((f) => f.dataset.chart));
}

/** The data table of the chart of `kind` as rows of cell texts. */
const dataRows = (page, kind) => page.locator(`[data-chart="${kind}"] [data-testid="chart-data"] tbody tr`)
  .evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.textContent.trim())));

test('results: the tier bar and the "why" scoring curve, whose s is the engine\'s', async () => {
  const page = await openApp(browser, server.url);
  await goTo(page, server.url, 'results');
  await page.getByTestId('ranking-row').nth(3).click();
  await page.getByTestId('why-panel').waitFor();
  const kinds = await checkCharts(page);
  assert.deepEqual(kinds.sort(), ['curve', 'tiers']);
  // The tier table's counts are the ranking's.
  const tiers = await page.getByTestId('tier').evaluateAll((cells) => cells.map((c) => c.dataset.tier));
  const counts = (await dataRows(page, 'tiers')).map((r) => Number(r[1]));
  assert.deepEqual(counts, ['first', 'middle', 'bottom'].map((t) => tiers.filter((x) => x === t).length));
  // Pick the second quantitative indicator of the why table: the curve follows, its dot's s is the table's s.
  const why = page.locator('[data-testid="why-panel"] tbody tr.clickable');
  assert.ok(await why.count() >= 2);
  await why.nth(1).click();
  const cells = await why.nth(1).locator('td').allInnerTexts();
  const [name, target, , , s] = cells;
  assert.match(await page.locator('[data-chart="curve"] .chart-title').innerText(), new RegExp(name));
  const rows = await dataRows(page, 'curve');
  assert.equal(rows[2][1], target, 'the target row holds the target');
  const dot = rows[3];
  assert.ok(dot.slice(1).includes(s), `the dot's s (${dot}) includes the why table's ${s}`);
  assert.equal(await page.locator('[data-chart="curve"] .panel.in-force').count(), 1);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('grades: the ladder\'s flows are the cycle tables\' grade changes; the paths\' table is their grades', async () => {
  const page = await openApp(browser, server.url);
  await goTo(page, server.url, 'grades');
  await page.getByTestId('grade-ladder').waitFor();
  const kinds = await checkCharts(page);
  assert.ok(kinds.includes('ladder') && kinds.includes('paths'), kinds.join());
  const branches = await page.locator('.path[data-branch]').count();
  const flows = (await dataRows(page, 'ladder')).map(([step, from, to, count]) => ({
    cycle: Number(step.split('→')[1].match(/\d+/)[0]), from: parseInt(from, 10), to: parseInt(to, 10), count: Number(count),
  }));
  const cycles = await page.getByTestId('cycle').evaluateAll((els) => els.map((c) => ({
    cycle: Number(c.dataset.cycle),
    rows: [...c.querySelectorAll('[data-testid="cycle-row"]')].map((r) => {
      const g = r.querySelectorAll('.grade-badge');
      return [Number(g[0].dataset.grade), Number(g[1].dataset.grade)];
    }),
  })));
  assert.ok(cycles.length >= 2);
  let movers = 0;
  for (const c of cycles) {
    const here = flows.filter((f) => f.cycle === c.cycle);
    assert.equal(here.reduce((a, f) => a + f.count, 0), branches, `cycle ${c.cycle}: every branch flows once`);
    for (const [from, to] of c.rows.filter(([a, b]) => a !== b)) {
      const n = c.rows.filter(([a, b]) => a === from && b === to).length;
      assert.equal(here.find((f) => f.from === from && f.to === to)?.count, n, `cycle ${c.cycle} ${from}→${to}`);
    }
    for (const f of here.filter((f) => f.from !== f.to)) {
      assert.equal(c.rows.filter(([a, b]) => a === f.from && b === f.to).length, f.count, `cycle ${c.cycle}: no invented flow`);
      movers += f.count;
    }
  }
  assert.ok(movers > 0, 'the sample has promotions or demotions');
  // The drawn bands carry the same counts as the table.
  const drawn = await page.locator('[data-chart="ladder"] .flow').evaluateAll((gs) => gs.map((g) => Number(g.dataset.count)));
  assert.deepEqual(drawn, flows.map((f) => f.count));
  const paths = await page.locator('.path[data-branch]').evaluateAll((els) => els.map((e) => e.dataset.grades));
  assert.deepEqual((await dataRows(page, 'paths')).map((r) => r.slice(1).join(',')), paths);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('targets: the motivation map has branches × quantitative indicators, p in every cell, the limits in its legend', async () => {
  const page = await openApp(browser, server.url);
  await goTo(page, server.url, 'targets');
  await page.getByTestId('motivation-map').waitFor();
  assert.deepEqual(await checkCharts(page), ['motivation']);
  const branches = 12; // the sample's
  assert.equal(await page.locator('[data-chart="motivation"] .map-row').count(), branches);
  const rows = await dataRows(page, 'motivation');
  assert.equal(rows.length, branches);
  const cols = await page.locator('[data-chart="motivation"] [data-testid="chart-data"] thead th').count();
  assert.ok(cols >= 3, `${cols} columns`);
  for (const r of rows) assert.equal(r.length, cols);
  assert.equal(await page.locator('[data-chart="motivation"] .cell').count(), branches * (cols - 1));
  // Every known p is a probability; the drawn cells write the same p (two decimals).
  const ps = rows.flatMap((r) => r.slice(1)).map((v) => parseFloat(v)).filter((v) => !Number.isNaN(v));
  assert.ok(ps.length > 0 && ps.every((p) => p >= 0 && p <= 1));
  const drawn = await page.locator('[data-chart="motivation"] .cell text').allTextContents();
  const drawnP = drawn.map((t) => parseFloat(t.replace(/^\D+/, ''))).filter((v) => !Number.isNaN(v));
  assert.equal(drawnP.length, ps.length);
  // The cells write p to 2 decimals, the table to 3 (both rounded from the engine's p).
  drawnP.forEach((d, i) => assert.ok(Math.abs(d - ps[i]) <= 0.0051, `cell ${i}: ${d} vs ${ps[i]}`));
  const legend = await page.locator('[data-chart="motivation"] .chart-legend').innerText();
  assert.match(legend, /p < 0?\.\d+/);
  assert.match(legend, /p > 0?\.\d+/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('simulation: the distribution bars have a legend and their numbers; the τ chart has labelled axes and values', async () => {
  const page = await openApp(browser, server.url, { locale: 'en' });
  await goTo(page, server.url, 'grades');
  await page.getByTestId('lang-switch').selectOption('en');
  const trials = page.getByTestId('setting-simulation.trials');
  await trials.fill('300');
  await trials.press('Enter');
  await page.getByTestId('run-simulation').click();
  await page.getByTestId('simulation-done').waitFor();
  await page.getByTestId('run-sweep').click();
  await page.getByTestId('sweep-done').waitFor();
  const kinds = await checkCharts(page);
  assert.ok(['ladder', 'paths', 'dist', 'tau'].every((k) => kinds.includes(k)), kinds.join());
  // Distributions: one table row per branch and simulated cycle, each summing to about 100 %.
  const dist = await dataRows(page, 'dist');
  const simRows = await page.getByTestId('simulation-row').count();
  const cycles = await page.locator('[data-testid="simulation-branches"] thead th').count() - 5;
  assert.equal(dist.length, simRows * cycles);
  for (const r of dist) {
    const sum = r.slice(2).reduce((a, v) => a + parseFloat(v), 0);
    assert.ok(Math.abs(sum - 100) <= r.length, `${r} sums to about 100 %`);
  }
  assert.ok(await page.locator('[data-chart="dist"] .chart-legend li').count() >= 3);
  // Its legend is read before the (scrolling) table of bars it explains.
  const legendFirst = await page.locator('[data-chart="dist"]').evaluate((fig) => {
    const legend = fig.querySelector('.chart-legend');
    const table = fig.querySelector('[data-testid="simulation-branches"]') || fig.querySelector('table');
    return Boolean(legend.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.ok(legendFirst, 'the distributions legend comes before the table of bars');
  // τ: the data table is the sweep table; the axes are labelled and the values written.
  const tau = await dataRows(page, 'tau');
  const steps = await page.getByTestId('sweep-step').evaluateAll((rs) => rs.map((r) => [Number(r.dataset.value), r.dataset.tau]));
  assert.equal(tau.length, steps.length);
  tau.forEach((r, i) => {
    assert.equal(Number(r[0]), Number(steps[i][0].toFixed(3)));
    if (steps[i][1] !== '') assert.equal(r[1], Number(steps[i][1]).toFixed(3));
  });
  const svgText = await page.locator('[data-chart="tau"] svg').textContent();
  assert.match(svgText, /Agreement with the current ranking/);
  assert.match(svgText, /Inspection/i, 'the x axis names the parameter');
  assert.ok(!/^\s*1\s*0\s*$/.test(svgText));
  const written = await page.locator('[data-chart="tau"] .dot text').count();
  assert.ok(written >= Math.min(steps.length, 10), `${written} values written`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the walk-through\'s 刚性与弹性 step shows the scoring curve; its change moves the rule in force', async () => {
  const page = await openApp(browser, server.url);
  await page.getByTestId('demo-start').click();
  const step = page.getByTestId('demo-step');
  while (await step.getAttribute('data-step') !== '4') await page.getByTestId('demo-next').click();
  const curve = step.locator('[data-chart="curve"]');
  await curve.waitFor();
  const panels = () => curve.locator('.panel').evaluateAll((ps) => ps.map((p) => p.classList.contains('in-force')));
  assert.deepEqual(await panels(), [true, false], 'controllable in force');
  await page.getByTestId('demo-change').click();
  await page.getByTestId('demo-moved').waitFor();
  assert.deepEqual(await panels(), [false, true], 'elastic in force after the change');
  assert.match(await curve.locator('svg').ariaSnapshot(), /- '?img "[^"]+"/);
  await page.getByTestId('demo-change').click();
  assert.deepEqual(await panels(), [true, false], 'taken back');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
