// Benchmark (not a test): Monte Carlo time in headless Chromium for 1000 trials × 50 branches × 30 indicators
// × 12 recorded periods (3 simulated cycles of 4), from the click on "run" to "done" as the page measures it.
// Run: node tests/browser/bench-sim.mjs   (after trunk build --release --offline; PBCALC_DIST for another dir)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveDist, launch, openApp } from './harness.mjs';

/** A deterministic scenario: n branches, k indicators (every 6th qualitative, one veto), p periods. */
function scenario(n, k, p) {
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const indicators = [{ id: 'veto', name: '否决', kind: 'veto' }];
  for (let j = 0; j < k - 1; j++) {
    indicators.push(j % 6 === 5
      ? { id: `i${j}`, name: `定性${j}`, kind: 'elastic', measure: 'qualitative', weight: 5 }
      : { id: `i${j}`, name: `定量${j}`, kind: j % 2 ? 'elastic' : 'controllable', measure: 'quantitative',
          direction: j % 4 === 3 ? 'lower' : 'higher', base_target: 10 + j, weight: 5 });
  }
  const branches = Array.from({ length: n }, (_, b) => ({
    id: `b${b}`, name: `支部${b}`, members: 10 + (b % 30), grade: 1 + (b % 5),
    conditions: { infrastructure: 1 + (b % 5), personnel: 1 + ((b * 3) % 5), circumstances: 1 + ((b * 7) % 5) },
  }));
  const periods = Array.from({ length: p }, (_, t) => ({
    id: `p${t}`, name: `第${t + 1}期`,
    records: Object.fromEntries(branches.map((b) => [b.id, {
      actuals: Object.fromEntries(indicators.filter((i) => i.kind !== 'veto').map((i) => [i.id,
        i.measure === 'qualitative' ? 'ABCD'[Math.floor(rnd() * 4)] : Math.round((i.base_target * (0.7 + 0.6 * rnd())) * 10) / 10])),
      vetoes: { veto: rnd() < 0.01 },
      evaluation: { ballots: { excellent: Math.floor(rnd() * 20), good: 5, fair: 2, poor: 1 }, peers: 70 + 30 * rnd(), superiors: 70 + 30 * rnd() },
    }])),
  }));
  return { format: 'pbcalc-scenario', version: 1, name: `基准 ${n}×${k}×${p}`,
    settings: { simulation: { trials: 1000, cycles: 3 } }, indicators, branches, periods };
}

const server = await serveDist();
const browser = await launch();
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pbcalc-bench-')), 'bench.pbcalc.json');
fs.writeFileSync(file, JSON.stringify(scenario(50, 30, 12)));
const page = await openApp(browser, server.url);
await page.getByTestId('import-file').setInputFiles(file);
await page.waitForSelector('text=基准 50×30×12');
await page.goto(`${server.url}#/grades`);
const times = [];
for (let i = 0; i < 7; i++) {
  await page.getByTestId('run-simulation').click();
  await page.getByTestId('simulation-done').waitFor();
  times.push(Number(await page.getByTestId('simulation-done').getAttribute('data-seconds')));
}
times.sort((a, b) => a - b);
console.log('Monte Carlo in headless Chromium: 1000 trials × 50 branches × 30 indicators × 12 periods (3 cycles)');
console.log(`  runs: ${times.map((t) => t.toFixed(3)).join(' ')} s`);
console.log(`  median ${times[3].toFixed(3)} s, best ${times[0].toFixed(3)} s (page wall time, incl. repaints between slices)`);
await browser.close();
await server.close();
