// Benchmark (not a test): Monte Carlo time in headless Chromium for 1000 trials × 50 branches × 30 indicators
// × 12 recorded periods (3 simulated cycles of 4), from the click on "run" to "done" as the page measures it.
// Run: node tests/browser/bench-sim.mjs   (after trunk build --release --offline; PBCALC_DIST for another dir)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveDist, launch, openApp } from './harness.mjs';
import { simScenario as scenario } from './scenarios.mjs';


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
console.log(`BENCH mc_page_ui_ms ${(times[3] * 1000).toFixed(0)}`);
await browser.close();
await server.close();
