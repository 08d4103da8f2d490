// Where the time goes when each page opens at the limits: imports the largest scenario (bench-limits.mjs's
// generator, LIMITS_SHAPE as there) and, for every page, records a CPU profile (CDP Profiler) while it opens,
// printing the functions with the most self time. For a build whose wasm keeps its function names (the
// wasm-bindgen output before wasm-opt): PBCALC_DIST=<dir>. Not part of the test run:
//   node tests/browser/profile-pages.mjs [page …]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveDist, launch, profileTimes } from './harness.mjs';
import { largest } from './bench-limits.mjs';

const PAGES = process.argv.slice(2).length ? process.argv.slice(2)
  : ['branches', 'targets', 'results', 'grades', 'scenarios', 'settings', 'storage'];
const frame = (page) => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))));

const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pbcalc-prof-')), 'largest.pbcalc.json');
fs.writeFileSync(file, JSON.stringify(largest()));
const server = await serveDist();
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
const page = await context.newPage();
await page.goto(server.url);
await page.waitForSelector('[data-testid="save-status"]');
await page.getByTestId('import-file').setInputFiles(file);
await page.waitForFunction(() => document.querySelector('[data-testid="scenario-name"]')?.innerText.includes('最大规模'), null, { timeout: 120000 });
await page.waitForTimeout(2000);
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
for (const name of PAGES) {
  await page.evaluate(() => { location.hash = '#/method'; });
  await frame(page);
  await cdp.send('Profiler.start');
  const t = Date.now();
  await page.evaluate((h) => { location.hash = h; }, `#/${name}`);
  await frame(page);
  const ms = Date.now() - t;
  const { profile } = await cdp.send('Profiler.stop');
  const { self, total } = profileTimes(profile);
  console.log(`#/${name}: ${ms} ms`);
  console.log('  self:');
  for (const [f, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`   ${v.toFixed(0).padStart(6)} ms  ${f.slice(0, 140)}`);
  console.log('  total (Rust):');
  for (const [f, v] of [...total.entries()].filter(([f]) => /pbcalc::|alloc::|core::.*clone|Clone|malloc/.test(f)).sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`   ${v.toFixed(0).padStart(6)} ms  ${f.slice(0, 140)}`);
}
await browser.close();
await server.close();
