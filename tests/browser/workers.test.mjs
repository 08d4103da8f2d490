// The Monte Carlo on all cores (src/ui/mc_workers.rs, web/mc-worker.js): the page's workers give the same
// figures, number for number, as the single-threaded run on the page (`?workers=0`, the slices) with the same
// seed; a run falls back to the slices when the workers cannot run; cancel stops the workers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serveDist, launch, openApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function setSetting(page, path, value) {
  const input = page.getByTestId(`setting-${path}`);
  await input.fill(String(value));
  await input.press('Enter');
}

/** Runs the sample's Monte Carlo (`trials` trials, seed 11) at `url` and returns how it ran and the exported block. */
async function run(url, trials, { context } = {}) {
  const page = await openApp(browser, url, context);
  await page.goto(`${url}#/grades`);
  await setSetting(page, 'simulation.trials', trials);
  await setSetting(page, 'simulation.seed', 11);
  await page.getByTestId('run-simulation').click();
  const done = page.getByTestId('simulation-done');
  await done.waitFor({ timeout: 120_000 });
  const workers = Number(await done.getAttribute('data-workers'));
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-results').click()]);
  const block = JSON.parse(fs.readFileSync(await dl.path(), 'utf8')).simulation;
  const problems = page.problems;
  await page.context().close();
  return { workers, block, problems };
}

test('workers give the single-threaded result number for number (same seed), with 1, 3 and all workers', async () => {
  const trials = 1001; // not a multiple of 2 or 3: the ranges are uneven
  const single = await run(`${server.url}?workers=0`, trials);
  assert.equal(single.workers, 0, 'workers=0 runs on the page');
  assert.equal(single.block.trials, trials);
  assert.equal(single.block.complete, true);
  const cores = await (async () => {
    const page = await openApp(browser, server.url);
    const n = await page.evaluate(() => navigator.hardwareConcurrency);
    await page.context().close();
    return Math.min(8, Math.max(1, n));
  })();
  for (const [query, expected] of [['', cores], ['?workers=1', 1], ['?workers=3', 3]]) {
    const par = await run(`${server.url}${query}`, trials);
    assert.equal(par.workers, expected, `workers for "${query}"`);
    assert.deepEqual(par.block, single.block, `the simulation block with "${query}"`);
    assert.deepEqual(par.problems, []);
  }
  // And another seed really gives other numbers (the comparison can fail).
  assert.ok(single.block.transitions.counts.flat().reduce((a, b) => a + b, 0) > 0);
});

test('without a working worker the run falls back to the slices, with the same result', async () => {
  const single = await run(`${server.url}?workers=0`, 300);
  // A worker script that fails as it loads.
  const broken = await serveDist({
    rewrite: (name, buf) => (name === 'mc-worker.js' ? Buffer.from("throw new Error('no worker here');") : buf),
  });
  try {
    const fallback = await run(broken.url, 300);
    assert.equal(fallback.workers, 0, 'ran on the page');
    assert.deepEqual(fallback.block, single.block);
    assert.deepEqual(fallback.problems, []);
  } finally {
    await broken.close();
  }
});

test('cancel stops the workers and shows the trials they counted', async () => {
  const page = await openApp(browser, server.url);
  await page.goto(`${server.url}#/grades`);
  await setSetting(page, 'simulation.trials', 1000000); // the most the settings allow
  await page.getByTestId('run-simulation').click();
  // Progress comes from the workers' messages.
  await page.waitForFunction(() => {
    const v = document.querySelector('[data-testid="simulation-progress"] progress');
    return v && Number(v.value) > 0;
  });
  // The run's workers (none is waiting for a next run while one runs).
  const running = page.workers();
  assert.ok(running.length >= 1, 'the run has workers');
  let closed = 0;
  for (const w of running) w.on('close', () => { closed += 1; });
  await page.getByTestId('cancel-simulation').click();
  await page.getByTestId('cancel-simulation').waitFor({ state: 'detached' });
  // Terminated: every worker of the run is gone (those started for the next run are new ones).
  for (let i = 0; i < 50 && closed < running.length; i++) await page.waitForTimeout(100);
  assert.equal(closed, running.length, 'workers terminated');
  assert.ok(page.workers().every((w) => !running.includes(w)));
  const shown = Number(await page.getByTestId('simulation-result').getAttribute('data-trials'));
  assert.ok(shown > 0 && shown < 1000000, `partial trials ${shown}`);
  // The page still works: a short run completes.
  await setSetting(page, 'simulation.trials', 200);
  await page.getByTestId('run-simulation').click();
  await page.getByTestId('simulation-done').waitFor();
  assert.equal(await page.getByTestId('simulation-result').getAttribute('data-trials'), '200');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the next run\'s workers start as the Monte Carlo is shown, and end when the page is left', async () => {
  const page = await openApp(browser, `${server.url}?workers=2`);
  const count = async (n) => {
    for (let i = 0; i < 50 && page.workers().length !== n; i++) await page.waitForTimeout(100);
    return page.workers().length;
  };
  assert.equal(await count(0), 0, 'no worker on the first page');
  await page.goto(`${server.url}?workers=2#/grades`);
  await page.getByTestId('run-simulation').waitFor();
  assert.equal(await count(2), 2, 'two workers waiting for a run');
  const waiting = page.workers();
  // A run takes those two (no new worker is started for it), and two more wait after it.
  await setSetting(page, 'simulation.trials', 500);
  await page.getByTestId('run-simulation').click();
  await page.getByTestId('simulation-done').waitFor();
  assert.equal(await page.getByTestId('simulation-done').getAttribute('data-workers'), '2');
  assert.equal(await count(2), 2);
  assert.ok(page.workers().every((w) => !waiting.includes(w)), 'the run used (and ended) the waiting ones');
  await page.goto(`${server.url}?workers=2#/branches`);
  await page.getByTestId('page-branches').waitFor();
  assert.equal(await count(0), 0, 'ended with the page');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
