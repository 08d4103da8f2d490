// Benchmark (not a test): first render of the built-in sample in headless Chromium, from navigation start to the
// first frame that shows the app's text (the shell's status line and the first page), median of 9 runs, cold (a
// fresh browser context: empty cache, empty storage → the sample is read) and warm (a reload of that context).
// Run: node tests/browser/bench-first.mjs   (after trunk build --release --offline; PBCALC_DIST for another dir)
// Prints a table and, for scripts/bench.sh, lines `BENCH <key> <value>`.
import { serveDist, launch } from './harness.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 9);

/** Installed before the page's own scripts: notes the first frame after the first page's text is in the DOM. */
function watch() {
  const seen = () => document.querySelector('[data-testid="save-status"]') && document.querySelector('[data-testid^="page-"]');
  const obs = new MutationObserver(() => {
    if (window.__firstText !== undefined || !seen()) return;
    window.__firstText = performance.now();
    obs.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => { window.__firstFrame = performance.now(); }));
  });
  obs.observe(document, { childList: true, subtree: true });
}

async function measure(page, load) {
  await load();
  await page.waitForFunction(() => window.__firstFrame !== undefined, null, { timeout: 30000 });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return { frame: window.__firstFrame, text: window.__firstText, fetched: nav ? nav.responseEnd : NaN };
  });
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const server = await serveDist();
const browser = await launch();
const cold = [];
const warm = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
    await context.addInitScript(watch);
    const page = await context.newPage();
    cold.push(await measure(page, () => page.goto(server.url)));
    warm.push(await measure(page, () => page.reload()));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const row = (name, xs) => console.log(
  `${name.padEnd(6)} ${median(xs.map((x) => x.frame)).toFixed(0).padStart(8)} ms  (text in DOM ${median(xs.map((x) => x.text)).toFixed(0)} ms, document fetched ${median(xs.map((x) => x.fetched)).toFixed(0)} ms)`);
console.log(`first render of the sample, navigation start → first frame with the app's text, median of ${RUNS}`);
row('cold', cold);
row('warm', warm);
console.log(`BENCH first_render_cold_ms ${median(cold.map((x) => x.frame)).toFixed(0)}`);
console.log(`BENCH first_render_warm_ms ${median(warm.map((x) => x.frame)).toFixed(0)}`);
