// Benchmark (not a test): the Monte Carlo through the page's controls in headless Chromium, on 50 branches × 30
// indicators × 12 recorded periods (3 simulated cycles of 4), from the click on "run" to "done" as the page
// measures it:
//   * 1000 trials on the page in slices (`?workers=0`), median of 7;
//   * 10,000 trials on the page in slices, on one worker (`?workers=1`) and on all workers (the default:
//     navigator.hardwareConcurrency, at most 8), median of 3 each, with the page's frame timing during the run
//     (the gaps between requestAnimationFrame callbacks: 16.7 ms is 60 fps) to show whether the page keeps drawing.
// Each click comes 1 s after the page was shown or the last run ended, as a user's would.
// Run: node tests/browser/bench-sim.mjs   (after trunk build --release --offline; PBCALC_DIST for another dir)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveDist, launch, openApp } from './harness.mjs';
import { simScenario as scenario } from './scenarios.mjs';

const server = await serveDist();
const browser = await launch();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pbcalc-bench-'));
const page = await openApp(browser, server.url);

/** Imports `s` as the document (kept in the page's storage across the reloads below). */
async function use(s) {
  const file = path.join(dir, 'bench.pbcalc.json');
  fs.writeFileSync(file, JSON.stringify(s));
  await page.getByTestId('import-file').setInputFiles(file);
  await page.waitForSelector(`text=${s.name}`);
}

/**
 * `runs` runs at address `query`: page wall times (s, sorted), workers used, the frame gaps (ms) of all runs, and
 * what each worker did in each run (the page's `data-worker-timing`: start, end, trials, ranges).
 */
async function measure(query, runs) {
  await page.goto(`${server.url}${query}#/grades`);
  await page.getByTestId('run-simulation').waitFor();
  const times = []; const gaps = []; const timing = []; let workers;
  for (let i = 0; i < runs; i++) {
    await page.evaluate(() => {
      window.__frames = [];
      const tick = (t) => { window.__frames.push(t); if (!window.__stopFrames) requestAnimationFrame(tick); };
      window.__stopFrames = false;
      requestAnimationFrame(tick);
    });
    // A user's pause before the click: the page starts the next run's workers as the card is shown and after
    // each run, and they are loaded by then.
    await page.waitForTimeout(1000);
    await page.getByTestId('run-simulation').click();
    const done = page.getByTestId('simulation-done');
    await done.waitFor({ timeout: 300_000 });
    const f = await page.evaluate(() => { window.__stopFrames = true; return window.__frames; });
    for (let j = 1; j < f.length; j++) gaps.push(f[j] - f[j - 1]);
    times.push(Number(await done.getAttribute('data-seconds')));
    workers = Number(await done.getAttribute('data-workers'));
    timing.push(await done.getAttribute('data-worker-timing'));
  }
  times.sort((a, b) => a - b);
  gaps.sort((a, b) => a - b);
  return { times, workers, gaps, timing };
}

const q = (xs, p) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const frames = (g) => g.length
  ? `frame gaps median ${q(g, 0.5).toFixed(1)} ms, p95 ${q(g, 0.95).toFixed(1)} ms, max ${g[g.length - 1].toFixed(0)} ms `
    + `(${g.filter((x) => x > 20).length} of ${g.length} over 20 ms)`
  : 'no frame drawn';

await use(scenario(50, 30, 12));
const small = await measure('?workers=0', 7);
console.log('Monte Carlo through the page: 1000 trials × 50 branches × 30 indicators × 12 periods (3 cycles)');
console.log(`  slices on the page: runs ${small.times.map((t) => t.toFixed(3)).join(' ')} s`);
console.log(`  median ${small.times[3].toFixed(3)} s, best ${small.times[0].toFixed(3)} s (page wall time, incl. repaints between slices)`);
console.log(`BENCH mc_page_ui_ms ${(small.times[3] * 1000).toFixed(0)}`);

const big = scenario(50, 30, 12);
big.name = '基准 10000 × 50×30×12';
big.settings.simulation.trials = 10000;
await use(big);
console.log('Monte Carlo through the page: 10,000 trials × 50 × 30 × 12, median of 3 (page wall time), frame timing during the runs');
for (const [key, query, what] of [
  ['mc10k_slices', '?workers=0', 'slices on the page'],
  ['mc10k_worker1', '?workers=1', 'one worker'],
  ['mc10k_workers', '', 'all workers'],
]) {
  const r = await measure(query, 3);
  const label = key === 'mc10k_workers' ? `${what} (${r.workers})` : what;
  console.log(`  ${label.padEnd(20)} ${r.times.map((t) => t.toFixed(3)).join(' ')} s; ${frames(r.gaps)}`);
  // Each worker's start (ms from the click, and its parts), its last range's end, its trials and ranges.
  for (const w of r.timing.filter(Boolean)) console.log(`    workers: ${w}`);
  console.log(`BENCH ${key}_ms ${(r.times[1] * 1000).toFixed(0)}`);
  console.log(`BENCH ${key}_frame_p95_ms ${r.gaps.length ? q(r.gaps, 0.95).toFixed(1) : '—'}`);
  console.log(`BENCH ${key}_frame_max_ms ${r.gaps.length ? r.gaps[r.gaps.length - 1].toFixed(0) : '—'}`);
  if (key === 'mc10k_workers') console.log(`BENCH mc10k_workers_n ${r.workers}`);
}
await browser.close();
await server.close();
