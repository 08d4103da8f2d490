// The largest scenario the limits allow (FORMAT.md "Limits"), imported in headless Chromium against the
// release build. Not part of the test run:   node tests/browser/bench-limits.mjs   (PBCALC_DIST=<dir> for another
// build; BENCH_REPS=3).
//
// The file is generated here: 500 branches × 25 indicators (one in five a veto) × 40 periods — 20,000 branch
// records (the limit) and 500,000 record cells (the limit) — with short ids so that it fits the 5 MB file limit
// (some actuals are missing, which costs the engine more, not less). It is imported through the import-file
// input; the time is from handing the file to the input to the frame after the new scenario's name shows (read,
// strict check, the whole evaluation, saving, the first render). Then the results page is opened and timed the
// same way. Printed: file size, medians, and the page's memory (JS heap from performance.memory and the
// WebAssembly memory from the CDP heap usage and the document's size).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveDist, launch } from './harness.mjs';

const reps = Number(process.env.BENCH_REPS || 3);

function lcg(seed) {
  let s = BigInt(seed);
  return () => {
    s = (s * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    return Number(s >> 11n) / 2 ** 53;
  };
}

export function largest() {
  const rnd = lcg(0x1113);
  const pick = (k) => Math.floor(rnd() * k);
  const indicators = [];
  for (let i = 0; i < 25; i++) {
    const id = `i${i}`;
    if (i % 5 === 4) indicators.push({ id, name: `否定${i}`, kind: 'veto' });
    else if (i % 3 === 2) indicators.push({ id, name: `定性${i}`, kind: 'elastic', measure: 'qualitative', weight: 1 + pick(9) });
    else indicators.push({ id, name: `定量${i}`, kind: i % 2 ? 'elastic' : 'controllable', measure: 'quantitative', base_target: 10 + pick(50), weight: 1 + pick(9) });
  }
  const quant = indicators.filter((i) => i.measure === 'quantitative');
  const branches = [];
  for (let b = 0; b < 500; b++) {
    branches.push({
      id: `b${b}`, name: `第${b + 1}支部`, members: 5 + pick(50), grade: 1 + pick(5),
      conditions: { infrastructure: 1 + pick(5), personnel: 1 + pick(5), circumstances: 1 + pick(5) },
      history: Object.fromEntries(quant.slice(0, 4).map((i) => [i.id, [pick(60), pick(60), pick(60)]])),
    });
  }
  const periods = [];
  for (let p = 0; p < 40; p++) {
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
    format: 'pbcalc-scenario', version: 1, name: '最大规模：500 个支部 × 25 项指标 × 40 期',
    settings: { consequences: { bonus_pool: 1000000 } }, indicators, branches, periods,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const sc = largest();
  const text = JSON.stringify(sc);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pbcalc-largest-')), 'largest.pbcalc.json');
  fs.writeFileSync(file, text);
  console.log(`file: ${(text.length / 1e6).toFixed(2)} MB (limit 5 MB); 500 branches × 25 indicators × 40 periods`);
  const server = await serveDist();
  const browser = await launch();
  const imports = [], results = [];
  let memory;
  for (let r = 0; r < reps; r++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(server.url);
    await page.waitForSelector('[data-testid="save-status"]');
    const t0 = Date.now();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.waitForFunction((name) => document.querySelector('[data-testid="scenario-name"]')?.innerText.includes(name), '最大规模', { timeout: 120000, polling: 'raf' });
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok())));
    imports.push(Date.now() - t0);
    const err = await page.$('[data-testid="import-error"]');
    if (err) throw new Error(`import refused: ${await err.innerText()}`);
    const t1 = Date.now();
    await page.goto(`${server.url}#/results`);
    await page.getByTestId('ranking-row').first().waitFor({ timeout: 120000 });
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok())));
    results.push(Date.now() - t1);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    const js = await page.evaluate(() => performance.memory ? performance.memory.usedJSHeapSize : null);
    const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
    const stored = await page.evaluate(() => (localStorage.getItem('pbcalc.document') || '').length);
    memory = { jsHeapUsed: js, cdpJsHeapUsed: m.JSHeapUsedSize, heapUsage: usedSize, heapTotal: totalSize, stored };
    if (errors.length) console.log('page errors:', errors);
    await context.close();
  }
  console.log(`import → scenario shown (read, check, evaluate, save, render): median ${median(imports)} ms  (${imports.join(', ')})`);
  console.log(`results page opened → ranking shown:                          median ${median(results)} ms  (${results.join(', ')})`);
  const mb = (x) => (x == null ? 'n/a' : `${(x / 1048576).toFixed(1)} MiB`);
  console.log(`memory: JS heap used ${mb(memory.jsHeapUsed)} (CDP ${mb(memory.cdpJsHeapUsed)}, heap total ${mb(memory.heapTotal)}); stored document ${mb(memory.stored * 2)} as UTF-16`);
  await browser.close();
  await server.close();
}

main().catch((e) => { console.error(e); process.exit(1); });
