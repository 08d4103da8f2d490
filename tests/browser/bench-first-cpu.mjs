// Benchmark (not a test): the renderer main thread's CPU time for the first render of the built-in sample, from
// navigation to the first text (and to the first frame after it), read from a Chromium trace (`tdur`, the thread
// time of each top-level task). On a busy machine the wall-clock figures of bench-first.mjs mostly measure the
// wait for a core; this one counts only the work the page itself does, so it compares builds where those cannot.
// Median of 9, cold (fresh context: the sample is read) and warm (a reload of that context).
// Run: node tests/browser/bench-first-cpu.mjs   (after trunk build --release --offline; PBCALC_DIST for another dir)
// Prints a table and lines `BENCH <key> <value>`.
import { serveDist, launch } from './harness.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 9);

/** As bench-first.mjs, plus a performance mark at the first text and at the frame after it (found in the trace). */
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

/** CPU ms of the main thread's top-level tasks that began before the text mark and before the frame mark. */
async function measure(browser, page, load) {
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
try {
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
    await context.addInitScript(watch);
    const page = await context.newPage();
    cold.push(await measure(browser, page, () => page.goto(server.url)));
    warm.push(await measure(browser, page, () => page.reload()));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const row = (name, xs) => console.log(
  `${name.padEnd(6)} ${median(xs.map((x) => x.text)).toFixed(0).padStart(6)} ms until the text, ${median(xs.map((x) => x.frame)).toFixed(0).padStart(6)} ms until the frame after it`);
console.log(`first render of the sample, the renderer main thread's CPU time from navigation, median of ${RUNS}`);
row('cold', cold);
row('warm', warm);
console.log(`BENCH first_render_cpu_cold_ms ${median(cold.map((x) => x.frame)).toFixed(0)}`);
console.log(`BENCH first_render_cpu_warm_ms ${median(warm.map((x) => x.frame)).toFixed(0)}`);
