// The largest scenario the limits allow (FORMAT.md "Limits"), imported in headless Chromium against the
// release build. Not part of the test run:   node tests/browser/bench-limits.mjs   (PBCALC_DIST=<dir> for another
// build; BENCH_REPS=3).
//
// The file is generated here: 250 branches × 25 indicators (one in five a veto) × 40 periods — 10,000 branch
// records (the limit) and 250,000 record cells (the limit), the most records the limits allow — with short ids
// (some actuals are missing, which costs the engine more, not less). LIMITS_SHAPE=1000,30,8 or 1000,50,2 for the
// other corners. It is imported through the import-file
// input; the time is from handing the file to the input to the frame after the new scenario's name shows (read,
// strict check, the whole evaluation, saving, the first render). Then the results page is opened and timed the
// same way, and then every page of the navigation in turn (the time to its second frame and the longest task the
// PerformanceObserver saw while it opened). Printed: file size, medians, the phases of the import timed inside the
// page (`wasmBindings.bench_import`: read + check, check alone, evaluate, write), the longest task of each page,
// the page's memory (WebAssembly linear memory from `wasmBindings.wasm_memory_bytes`, JS heap from CDP
// Performance.getMetrics) after the import and after every page was opened, and the stored document's size.
// `node tests/browser/bench-limits.mjs --write FILE` only writes the file (for `pbcalc bench-import FILE`).
// With PBCALC_BIN=<path of a native release pbcalc> (or target/release/pbcalc when it exists) the native figures
// of the same file are printed beside the page's. The figures end with one table (the closing note's).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serveDist, launch } from './harness.mjs';

const reps = Number(process.env.BENCH_REPS || 3);

function lcg(seed) {
  let s = BigInt(seed);
  return () => {
    s = (s * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    return Number(s >> 11n) / 2 ** 53;
  };
}

// The shape (LIMITS_SHAPE=branches,indicators,periods to try another).
const [NB, NI, NP] = (process.env.LIMITS_SHAPE || '250,25,40').split(',').map(Number);
const SHAPE = `${NB} branches × ${NI} indicators × ${NP} periods`;

export function largest() {
  const rnd = lcg(0x1113);
  const pick = (k) => Math.floor(rnd() * k);
  const indicators = [];
  for (let i = 0; i < NI; i++) {
    const id = `i${i}`;
    if (i % 5 === 4) indicators.push({ id, name: `否定${i}`, kind: 'veto' });
    else if (i % 3 === 2) indicators.push({ id, name: `定性${i}`, kind: 'elastic', measure: 'qualitative', weight: 1 + pick(9) });
    else indicators.push({ id, name: `定量${i}`, kind: i % 2 ? 'elastic' : 'controllable', measure: 'quantitative', base_target: 10 + pick(50), weight: 1 + pick(9) });
  }
  const quant = indicators.filter((i) => i.measure === 'quantitative');
  const branches = [];
  for (let b = 0; b < NB; b++) {
    branches.push({
      id: `b${b}`, name: `第${b + 1}支部`, members: 5 + pick(50), grade: 1 + pick(5),
      conditions: { infrastructure: 1 + pick(5), personnel: 1 + pick(5), circumstances: 1 + pick(5) },
      history: Object.fromEntries(quant.slice(0, 4).map((i) => [i.id, [pick(60), pick(60), pick(60)]])),
    });
  }
  const periods = [];
  for (let p = 0; p < NP; p++) {
    const records = {};
    for (const b of branches) {
      const actuals = {};
      for (const i of indicators) {
        if (i.kind === 'veto' || rnd() < 0.15) continue;
        actuals[i.id] = i.measure === 'qualitative' ? 'ABCD'[pick(4)] : pick(70);
      }
      const r = { actuals };
      if (rnd() < 0.02) r.vetoes = { i4: true };
      if (rnd() < 0.3) r.evaluation = { peers: 60 + pick(40) };
      records[b.id] = r;
    }
    periods.push({ id: `P${p}`, name: `第${p + 1}期`, records });
  }
  return {
    format: 'pbcalc-scenario', version: 1, name: `最大规模：${NB} 个支部 × ${NI} 项指标 × ${NP} 期`,
    settings: { consequences: { bonus_pool: 1000000 } }, indicators, branches, periods,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const PAGES = ['branches', 'indicators', 'targets', 'periods', 'results', 'grades', 'scenarios', 'settings', 'storage', 'method'];
const frame = (page) => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))));

async function memory(page, cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  const wasm = await page.evaluate(() => window.wasmBindings.wasm_memory_bytes());
  return { wasm, js: m.JSHeapUsedSize };
}

// The renderer main thread's tasks in a trace (playwright's browser.startTracing): the longest one's wall time and
// thread CPU time (`tdur`: what the task itself cost, whatever else the machine ran), and the CPU time of all.
async function traced(browser, page, run) {
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', '__metadata'] });
  await run();
  const buf = await browser.stopTracing();
  const events = JSON.parse(buf.toString()).traceEvents || [];
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args && e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => /RunTask$/.test(e.name) && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
  const longest = tasks.reduce((m, e) => (e.dur > m.dur ? e : m), { dur: 0, tdur: 0 });
  return { wall: longest.dur / 1000, cpu: (longest.tdur || 0) / 1000, cpuAll: tasks.reduce((a, e) => a + (e.tdur || 0), 0) / 1000 };
}

// Long tasks of the page, from its start (the observer is installed before any script runs).
async function longTasksSince(page, t0) {
  return page.evaluate((t) => (window.__longtasks || []).filter((e) => e.start >= t).reduce((m, e) => Math.max(m, e.duration), 0), t0);
}

async function main() {
  const sc = largest();
  const text = JSON.stringify(sc);
  const w = process.argv.indexOf('--write');
  if (w > 0) {
    fs.writeFileSync(process.argv[w + 1], text);
    console.log(`wrote ${process.argv[w + 1]}: ${(text.length / 1e6).toFixed(2)} MB`);
    return;
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pbcalc-largest-')), 'largest.pbcalc.json');
  fs.writeFileSync(file, text);
  console.log(`file: ${(text.length / 1e6).toFixed(2)} MB (limit 5 MB); ${SHAPE}`);
  const server = await serveDist();
  const browser = await launch();
  const imports = [], results = [], importTasks = [], pages = {}, importCpu = [], resultsCpu = [];
  let mem, phases, stored, saveStatus;
  for (let r = 0; r < reps; r++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
    await context.addInitScript(() => {
      window.__longtasks = [];
      try {
        new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration }); })
          .observe({ type: 'longtask', buffered: true });
      } catch (e) { /* no long task timing */ }
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(server.url);
    await page.waitForSelector('[data-testid="save-status"]');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    if (r === 0) {
      phases = JSON.parse(await page.evaluate(([t, n]) => window.wasmBindings.bench_import(t, n), [text, 3]));
      await page.reload();
      await page.waitForSelector('[data-testid="save-status"]');
    }
    let tStart = await page.evaluate(() => performance.now());
    const t0 = Date.now();
    const tr = await traced(browser, page, async () => {
      await page.getByTestId('import-file').setInputFiles(file);
      await page.waitForFunction((name) => document.querySelector('[data-testid="scenario-name"]')?.innerText.includes(name), '最大规模', { timeout: 120000, polling: 'raf' });
      await frame(page);
      imports.push(Date.now() - t0);
      await page.waitForTimeout(1500); // the save after a pause for big documents
    });
    importCpu.push(tr);
    importTasks.push(await longTasksSince(page, tStart));
    const err = await page.$('[data-testid="import-error"]');
    if (err) throw new Error(`import refused: ${await err.innerText()}`);
    const afterImport = await memory(page, cdp);
    tStart = await page.evaluate(() => performance.now());
    const t1 = Date.now();
    resultsCpu.push(await traced(browser, page, async () => {
      await page.goto(`${server.url}#/results`);
      await page.getByTestId('ranking-row').first().waitFor({ timeout: 120000 });
      await frame(page);
      results.push(Date.now() - t1);
    }));
    (pages.results ||= { ms: [], task: [] }).task.push(await longTasksSince(page, tStart));
    for (const name of PAGES) {
      tStart = await page.evaluate(() => performance.now());
      const t = Date.now();
      await page.evaluate((h) => { location.hash = h; }, `#/${name}`);
      await page.waitForFunction((h) => location.hash === h, `#/${name}`);
      await frame(page);
      const p = (pages[name] ||= { ms: [], task: [] });
      p.ms.push(Date.now() - t);
      p.task.push(await longTasksSince(page, tStart));
    }
    const afterPages = await memory(page, cdp);
    stored = await page.evaluate(() => (localStorage.getItem('pbcalc.document') || '').length);
    saveStatus = await page.getByTestId('save-status').innerText();
    mem = { afterImport, afterPages };
    if (errors.length) console.log('page errors:', errors);
    await context.close();
  }
  const f = (x) => x.toFixed(0);
  if (phases.error) console.log(`bench_import refused the file at ${phases.error}`);
  else console.log(`in the page (bench_import, median of 3): read + check ${f(phases.read_ms)} ms (check ${f(phases.check_ms)} ms), evaluate ${f(phases.evaluate_ms)} ms, write ${f(phases.write_ms)} ms; ${(phases.stored_chars / 1e6).toFixed(2)} M chars`);
  console.log(`import → scenario shown (read, check, evaluate, save, render): median ${median(imports)} ms  (${imports.join(', ')}); longest task ${f(median(importTasks))} ms`);
  console.log(`results page opened → ranking shown:                          median ${median(results)} ms  (${results.join(', ')}); longest task ${f(median(pages.results.task))} ms`);
  const cpuLine = (xs) => `longest task ${f(median(xs.map((x) => x.wall)))} ms wall, ${f(median(xs.map((x) => x.cpu)))} ms CPU; all tasks ${f(median(xs.map((x) => x.cpuAll)))} ms CPU`;
  console.log(`trace of the import (until 1.5 s after it shows, the save included): ${cpuLine(importCpu)}`);
  console.log(`trace of opening the results page: ${cpuLine(resultsCpu)}`);
  for (const name of PAGES) console.log(`  #/${name.padEnd(11)} opened in ${String(median(pages[name].ms)).padStart(5)} ms, longest task ${f(median(pages[name].task)).padStart(5)} ms`);
  const mb = (x) => (x == null ? 'n/a' : `${(x / 1048576).toFixed(1)} MiB`);
  console.log(`memory after import: wasm ${mb(mem.afterImport.wasm)}, JS heap used ${mb(mem.afterImport.js)}; after every page: wasm ${mb(mem.afterPages.wasm)}, JS heap used ${mb(mem.afterPages.js)}`);
  console.log(`stored document: ${(stored / 1e6).toFixed(2)} M chars (${mb(stored * 2)} as UTF-16); save status: ${saveStatus.trim() || '(none)'}`);
  await browser.close();
  await server.close();

  // The native figures of the same file, when a native build is at hand.
  const here = path.dirname(fileURLToPath(import.meta.url));
  const bin = process.env.PBCALC_BIN || path.resolve(here, '../../target/release/pbcalc');
  let native = null;
  if (fs.existsSync(bin)) {
    try {
      native = JSON.parse(execFileSync(bin, ['bench-import', file, '3'], { encoding: 'utf8' }).trim().split('\n').pop());
    } catch (e) { console.log(`native bench-import failed: ${e.message}`); }
  }
  const row = (k, v) => console.log(`| ${k.padEnd(44)} | ${String(v).padStart(14)} |`);
  console.log(`\n| ${SHAPE.padEnd(44)} | ${''.padStart(14)} |`);
  console.log(`|${'-'.repeat(46)}|${'-'.repeat(16)}|`);
  row('file size', `${(text.length / 1e6).toFixed(2)} MB`);
  if (native && !native.error) {
    row('native: read + check (check) ms', `${f(native.read_ms)} (${f(native.check_ms)})`);
    row('native: evaluate ms', f(native.evaluate_ms));
    row('native: write ms', f(native.write_ms));
  }
  if (!phases.error) {
    row('Chromium: read + check (check) ms', `${f(phases.read_ms)} (${f(phases.check_ms)})`);
    row('Chromium: evaluate ms', f(phases.evaluate_ms));
    row('Chromium: write ms', f(phases.write_ms));
  }
  row('import → shown ms (longest task ms)', `${median(imports)} (${f(median(importTasks))})`);
  for (const name of PAGES) row(`#/${name}: opened ms (longest task ms)`, `${median(pages[name].ms)} (${f(median(pages[name].task))})`);
  row('wasm memory after import', mb(mem.afterImport.wasm));
  row('wasm memory after every page', mb(mem.afterPages.wasm));
  row('JS heap after every page', mb(mem.afterPages.js));
}

// Run when started as a script (profile-pages.mjs imports the generator only).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => { console.error(e); process.exit(1); });
}
