// Benchmark (not a test): the same engine code natively and in the page, on the same generated scenarios:
//   evaluate   — 1000 branches × 30 indicators × 8 periods (the edit benchmark's big scenario), median of 9;
//   Monte Carlo — 1000 trials × 50 branches × 30 indicators × 12 periods (the simulation benchmark), median of 5,
//                 single-threaded (the page's exported `bench`, no slicing and no repaints); and the same with
//                 10,000 trials, median of 3 (the single-thread figure of bench-sim.mjs's worker rows).
// Natively through `pbcalc bench <file>` (target/release/pbcalc, or PBCALC_BIN); in the page through
// `window.wasmBindings.bench(text, runs, simRuns)` of the release build (trunk exposes the wasm exports there).
// Run: node tests/browser/bench-engine.mjs  (after trunk build --release and cargo build --release)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serveDist, launch, openApp } from './harness.mjs';
import { editScenario, simScenario } from './scenarios.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = process.env.PBCALC_BIN
  || path.join(process.env.CARGO_TARGET_DIR || path.join(root, 'target'), 'release/pbcalc');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pbcalc-bench-'));
const big = editScenario(1000);
big.settings = { simulation: { trials: 1 } };
const cases = [
  { key: 'evaluate', what: 'evaluate, 1000 × 30 × 8', text: JSON.stringify(big), runs: 9, simRuns: 1, pick: (f) => f.evaluate_ms },
  { key: 'mc', what: 'Monte Carlo, 1000 trials × 50 × 30 × 12', text: JSON.stringify(simScenario(50, 30, 12)), runs: 1, simRuns: 5, pick: (f) => f.simulate_ms },
  // The 10,000 trials of bench-sim.mjs's worker rows, on one thread (median of 3).
  { key: 'mc10k', what: 'Monte Carlo, 10,000 trials × 50 × 30 × 12', text: JSON.stringify(sim10k()), runs: 1, simRuns: 3, pick: (f) => f.simulate_ms },
];

function sim10k() {
  const s = simScenario(50, 30, 12);
  s.settings.simulation.trials = 10000;
  return s;
}

const server = await serveDist();
const browser = await launch();
try {
  const page = await openApp(browser, server.url);
  await page.waitForFunction(() => window.wasmBindings && window.wasmBindings.bench);
  console.log('engine natively and in the page (single thread), median ms');
  console.log('what                                        native     page   page/native');
  for (const c of cases) {
    const file = path.join(dir, `${c.key}.pbcalc.json`);
    fs.writeFileSync(file, c.text);
    const native = JSON.parse(execFileSync(bin, ['bench', file, String(c.runs), String(c.simRuns)], { encoding: 'utf8' }));
    const inPage = JSON.parse(await page.evaluate(([t, r, s]) => window.wasmBindings.bench(t, r, s), [c.text, c.runs, c.simRuns]));
    if (inPage.error !== undefined) throw new Error(`page could not read the scenario: ${inPage.error}`);
    const n = c.pick(native); const p = c.pick(inPage);
    console.log(`${c.what.padEnd(42)} ${n.toFixed(1).padStart(8)} ${p.toFixed(1).padStart(8)} ${(p / n).toFixed(2).padStart(10)}`);
    console.log(`BENCH ${c.key}_native_ms ${n.toFixed(1)}`);
    console.log(`BENCH ${c.key}_page_ms ${p.toFixed(1)}`);
  }
} finally {
  await browser.close();
  await server.close();
}
