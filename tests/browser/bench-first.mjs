// Benchmark (not a test): first render of the built-in sample in headless Chromium, from navigation start to the
// first frame that shows the app's text (the shell's status line and the first page), median of 9 runs, cold (a
// fresh browser context: empty cache, empty storage → the sample is read) and warm (a reload of that context).
// With --cpu: the renderer main thread's CPU time until the same marks instead, read from a Chromium trace
// (`tdur`, the thread time of each top-level task): on a busy machine the wall-clock figures mostly measure the
// wait for a core, while this counts only the work the page itself does, so it compares builds where those cannot.
// Run: node tests/browser/bench-first.mjs [--cpu]   (after trunk build --release --offline; PBCALC_DIST for another
// dir). Prints a table and, for scripts/bench.sh, lines `BENCH <key> <value>`.
import { serveDist, launch } from './harness.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 9);
const CPU = process.argv.includes('--cpu');

/** Installed before the page's own scripts: notes (and marks, for the trace) the first frame after the first
 * page's text is in the DOM. */
function watch() {
  const seen = () => document.querySelector('[data-testid="save-status"]') && document.querySelector('[data-testid^="page-"]');
  const obs = new MutationObserver(() => {
    if (window.__firstText !== undefined || !seen()) return;
    window.__firstText = performance.now();
    performance.mark('pbcalc-first-text');
    obs.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => {
      window.__firstFrame = performance.now();
      performance.mark('pbcalc-first-frame');
    }));
  });
  obs.observe(document, { childList: true, subtree: true });
}

/** Wall-clock ms from navigation to the text, the frame after it and the document's arrival. */
async function measure(browser, page, load) {
  await load();
  await page.waitForFunction(() => window.__firstFrame !== undefined, null, { timeout: 30000 });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return { frame: window.__firstFrame, text: window.__firstText, fetched: nav ? nav.responseEnd : NaN };
  });
}

/** CPU ms of the main thread's top-level tasks that began before the text mark and before the frame mark. */
async function measureCpu(browser, page, load) {
  await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing', '__metadata'] });
  await load();
  await page.waitForFunction(() => window.__firstFrame !== undefined, null, { timeout: 30000 });
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const mark = (name) => events.find((e) => e.name === name);
  const text = mark('pbcalc-first-text');
  const frame = mark('pbcalc-first-frame');
  const tasks = events.filter((e) => e.pid === text.pid && e.tid === text.tid && e.ph === 'X'
    && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask'));
  const cpu = (until) => tasks.filter((e) => e.ts < until).reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000;
  return { text: cpu(text.ts), frame: cpu(frame.ts) };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const server = await serveDist();
const browser = await launch();
const cold = [];
const warm = [];
const take = CPU ? measureCpu : measure;
try {
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
    await context.addInitScript(watch);
    const page = await context.newPage();
    cold.push(await take(browser, page, () => page.goto(server.url)));
    warm.push(await take(browser, page, () => page.reload()));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const med = (xs, k) => median(xs.map((x) => x[k])).toFixed(0);
if (CPU) {
  console.log(`first render of the sample, the renderer main thread's CPU time from navigation, median of ${RUNS}`);
  for (const [name, xs] of [['cold', cold], ['warm', warm]]) {
    console.log(`${name.padEnd(6)} ${med(xs, 'text').padStart(6)} ms until the text, ${med(xs, 'frame').padStart(6)} ms until the frame after it`);
  }
  console.log(`BENCH first_render_cpu_cold_ms ${med(cold, 'frame')}`);
  console.log(`BENCH first_render_cpu_warm_ms ${med(warm, 'frame')}`);
} else {
  console.log(`first render of the sample, navigation start → first frame with the app's text, median of ${RUNS}`);
  for (const [name, xs] of [['cold', cold], ['warm', warm]]) {
    console.log(`${name.padEnd(6)} ${med(xs, 'frame').padStart(8)} ms  (text in DOM ${med(xs, 'text')} ms, document fetched ${med(xs, 'fetched')} ms)`);
  }
  console.log(`BENCH first_render_cold_ms ${med(cold, 'frame')}`);
  console.log(`BENCH first_render_warm_ms ${med(warm, 'frame')}`);
}
