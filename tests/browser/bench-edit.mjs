// Edit-to-result latency of the periods matrix, in headless Chromium against the release build.
// Not part of the test run:   node tests/browser/bench-edit.mjs   (PBCALC_DIST=<dir> for another build;
// BENCH_SIZES=50,1000 and BENCH_REPS=50 to change what is measured).
//
// For each size it writes a generated scenario (N branches × 30 indicators × 8 periods) into localStorage as the
// stored document (src/store/document.rs), reloads, opens the periods page on the last period and then, ~50
// times: types a value into a quantitative actual of a visible row (then Enter), alternating between a value
// far below and far above the target so that the branch's final score F must change. Results follow the typing,
// so it times, inside the page, from the keystroke that changes F:
//   key → F      from that keydown (a capturing listener, before the app sees it) to the mutation of the row's
//                F cell (a MutationObserver; the app has recomputed the results and rendered them);
//   key → frame  from the same keydown to the next animation frame after that mutation (what the user sees).
// Medians and 95th percentiles are printed per size, with the size of the stored document.
//
// With --profile: a CPU profile (CDP Profiler) of the measured edits with saving on, printed per size as the
// functions with the most self time and the app's functions with the most total time (give it a build whose wasm
// keeps its function names with PBCALC_DIST, as for profile-pages.mjs).
//
// The app saves the whole document to localStorage after every change, just after the frame that shows it (after
// a pause in the editing when a save is slow). To show what saving still costs, each size is measured twice: as
// shipped ("saving on"), and with saving off — the scenario is
// then imported through the import-file input into a session whose saving is off (the app turns saving off when
// stored data it cannot read cannot be backed up; the bench makes the backup fail), so every number but the save
// is the same.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveDist, launch, profileTimes } from './harness.mjs';
import { editScenario as scenario } from './scenarios.mjs';

const sizes = (process.env.BENCH_SIZES || '50,1000').split(',').map(Number);
const reps = Number(process.env.BENCH_REPS || 50);
const PROFILE = process.argv.includes('--profile');
const TRACE = process.argv.includes('--trace');

/** Prints where the main thread's time goes between each measured keystroke and the frame after it, from a
 * Chromium trace (`devtools.timeline`): the events by name (self time: an event's time minus its children's) and
 * the time the main thread ran no task. */
function printTrace(events, title) {
  const marks = events.filter((e) => e.name === 'bench-key' || e.name === 'bench-frame').sort((a, b) => a.ts - b.ts);
  const main = marks[0] ? { pid: marks[0].pid, tid: marks[0].tid } : null;
  const spans = [];
  for (let k = 0; k < marks.length; k++) {
    if (marks[k].name === 'bench-key' && marks[k + 1]?.name === 'bench-frame') spans.push([marks[k].ts, marks[k + 1].ts]);
  }
  const xs = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur > 0);
  const self = new Map();
  let busy = 0;
  let total = 0;
  for (const [a, b] of spans) {
    total += b - a;
    // Clip every complete event to the span; self time = clipped duration − clipped durations of the events nested in it.
    const inSpan = xs.filter((e) => e.ts < b && e.ts + e.dur > a).map((e) => ({ name: e.name, s: Math.max(a, e.ts), t: Math.min(b, e.ts + e.dur) }));
    inSpan.sort((x, y) => x.s - y.s || y.t - x.t);
    const stack = [];
    for (const e of inSpan) {
      while (stack.length && stack[stack.length - 1].t <= e.s) stack.pop();
      const d = e.t - e.s;
      if (stack.length) stack[stack.length - 1].child += d; else busy += d;
      e.child = 0;
      stack.push(e);
    }
    for (const e of inSpan) self.set(e.name, (self.get(e.name) || 0) + (e.t - e.s - e.child));
  }
  const ms = (us) => (us / 1000 / Math.max(1, spans.length)).toFixed(2).padStart(7);
  console.log(`${title}: ${spans.length} keystroke → frame spans, per span (ms): span ${ms(total)}, main thread busy ${ms(busy)}, idle ${ms(total - busy)}`);
  for (const [n, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log(`  ${ms(v)}  ${n}`);
}

/** Prints the functions with the most self time, and the app's with the most total time, of a CPU profile: only
 * the samples from a measured keystroke to the frame after it (marked in the profile by the bench's own listeners,
 * `benchKey` and `benchFrame`, which run for a millisecond each while profiling). */
function printProfile(profile, title) {
  const dt = profile.timeDeltas || [];
  const names = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName]));
  const up = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) up.set(c, n.id);
  // The bench's marker a sample is in (`spin`, called by it), if any.
  const marker = (id) => (names.get(id) === 'spin' ? names.get(up.get(id)) : undefined);
  const inside = [];
  let on = false;
  let windows = 0;
  let span = 0;
  profile.samples.forEach((id, k) => {
    const name = marker(id);
    if (name === 'benchKey' && !on) {
      on = true;
      windows += 1;
    } else if (name === 'benchFrame') {
      on = false;
    }
    inside.push(on);
    if (on) span += (dt[k] || 0) / 1000;
  });
  const { self, total } = profileTimes(profile, (k) => inside[k]);
  console.log(`${title}, CPU profile of ${windows} measured keystroke → frame spans (${span.toFixed(0)} ms together)`);
  console.log('  self:');
  for (const [f, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`   ${v.toFixed(1).padStart(7)}  ${f.slice(0, 150)}`);
  console.log('  total (the app, yew):');
  for (const [f, v] of [...total.entries()].filter(([f]) => /pbcalc::|yew::|serde_json::/.test(f)).sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(`   ${v.toFixed(1).padStart(7)}  ${f.slice(0, 150)}`);
}


function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { median: q(0.5), p95: q(0.95), min: s[0], max: s[s.length - 1] };
}

const fmt = (x) => x.toFixed(1).padStart(7);

async function measure(browser, url, n, saving) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const sc = scenario(n);
  const doc = JSON.stringify({ format: 'pbcalc-store', version: 1, lang: 'zh-CN', current: 0, scenarios: [sc] });
  const t = Date.now();
  if (saving) {
    await page.goto(url);
    await page.waitForSelector('[data-testid="save-status"]');
    await page.evaluate((text) => localStorage.setItem('pbcalc.document', text), doc);
    await page.goto(`${url}#/periods`);
    await page.reload();
  } else {
    await page.addInitScript(() => {
      localStorage.setItem('pbcalc.document', 'not a document');
      const set = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        if (String(k).startsWith('pbcalc.backup.')) throw new DOMException('bench: no backup', 'QuotaExceededError');
        return set.call(this, k, v);
      };
    });
    await page.goto(`${url}#/periods`);
    await page.waitForSelector('[data-testid="save-status"][data-state="off"]');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pbcalc-bench-')), `bench-${n}.pbcalc.json`);
    fs.writeFileSync(file, JSON.stringify(sc));
    await page.getByTestId('import-file').setInputFiles(file);
    await page.waitForFunction((name) => document.querySelector('[data-testid="scenario-name"]')?.textContent.includes(name), sc.name, { timeout: 120_000 });
  }
  await page.getByTestId('period-matrix').waitFor({ timeout: 120_000 });
  const load = Date.now() - t;
  // A quantitative, higher-is-better indicator: 0 scores nothing, 100000 scores in full.
  const field = 'actual:i00';
  const commit = [];
  const frame = [];
  // Warm-up, not measured: every row used gets a value that scores in full, so that each measured edit (0, then
  // 100000 again, …) changes its row's F.
  await page.waitForTimeout(500);
  for (let row = 0; row < 12; row++) {
    const cell = page.locator(`[data-testid="period-row"][data-branch="b${String(row).padStart(4, '0')}"] td[data-field="${field}"]`);
    for (let attempt = 0; attempt < 3 && (await cell.innerText()) !== '100000'; attempt++) {
      await cell.click({ position: { x: 5, y: 5 } });
      await page.keyboard.type('100000');
      await page.keyboard.press('Enter');
      await page.waitForTimeout(50);
    }
  }
  let missed = 0;
  const cdp = PROFILE && saving ? await context.newCDPSession(page) : null;
  if (TRACE && saving) {
    await browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing', 'toplevel', 'v8.execute'] });
  }
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  }
  for (let k = 0; k < reps; k++) {
    const row = k % 12;
    const branch = `b${String(row).padStart(4, '0')}`;
    const value = Math.floor(k / 12) % 2 === 0 ? '0' : '100000';
    await page.waitForTimeout(50);
    const sel = `[data-testid="period-row"][data-branch="${branch}"]`;
    await page.locator(`${sel} td[data-field="final"]`).waitFor();
    await page.locator(`${sel} td[data-field="${field}"]`).click({ position: { x: 5, y: 5 } });
    await page.evaluate(([sel, mark]) => {
      const target = document.querySelector(`${sel} td[data-field="final"]`);
      const b = (window.__bench = { t0: 0, t1: 0, t2: 0, before: target.textContent });
      // Profiling: the keystroke and the frame are marked in the CPU profile by a millisecond spent in each.
      const spin = (ms) => { const t = performance.now(); while (mark && performance.now() - t < ms); };
      // The clock starts at each keystroke; the one that changes F is the one measured (results follow the
      // typing: every valid keystroke counts).
      const onKey = function benchKey(e) {
        if (e.key.length === 1 && !b.t1) {
          if (!b.t0) performance.mark('bench-key');
          b.t0 = performance.now();
          spin(1);
        }
      };
      document.addEventListener('keydown', onKey, true);
      const mo = new MutationObserver(() => {
        const now = document.querySelector(`${sel} td[data-field="final"]`);
        if (b.t0 && !b.t1 && now && now.textContent !== b.before) {
          b.t1 = performance.now();
          mo.disconnect();
          document.removeEventListener('keydown', onKey, true);
          requestAnimationFrame(function benchFrame() {
            performance.mark('bench-frame');
            b.t2 = performance.now();
            spin(1);
          });
        }
      });
      mo.observe(document.querySelector('[data-testid="period-matrix"] tbody'), { childList: true, subtree: true, characterData: true });
    }, [sel, Boolean(cdp)]);
    await page.keyboard.type(value);
    const seen = await page.waitForFunction(() => window.__bench.t2 > 0, null, { timeout: 10_000 }).catch(() => null);
    const b = await page.evaluate(() => window.__bench);
    if (!seen) {
      missed += 1;
      await page.keyboard.press('Enter');
      if (process.env.BENCH_DEBUG) {
        console.log('missed', k, branch, value, await page.locator(`${sel} td[data-field="${field}"]`).innerText(), await page.locator(`${sel} td[data-field="final"]`).innerText(), b);
      }
      continue;
    }
    commit.push(b.t1 - b.t0);
    frame.push(b.t2 - b.t0);
    await page.keyboard.press('Enter');
  }
  if (cdp) printProfile((await cdp.send('Profiler.stop')).profile, `${n} × 30 × 8`);
  if (TRACE && saving) printTrace(JSON.parse((await browser.stopTracing()).toString()).traceEvents, `${n} × 30 × 8`);
  const saved = await page.evaluate(() => (localStorage.getItem('pbcalc.document') || '').length);
  const status = await page.getByTestId('save-status').getAttribute('data-state');
  await context.close();
  return { n, saving, missed, load, commit: stats(commit), frame: stats(frame), docChars: doc.length, saved, status, errors };
}

const server = await serveDist();
const browser = await launch();
try {
  console.log(`edit → result in the periods matrix, ${reps} edits per size (ms)`);
  console.log('branches × indicators × periods  saving   key→F median    p95   key→frame median    p95   load(s)  document');
  for (const n of sizes) {
    for (const saving of PROFILE || TRACE ? [true] : [true, false]) {
      const r = await measure(browser, server.url, n, saving);
      if (process.env.BENCH_DEBUG) console.log(r);
      console.log(
        `${String(n).padStart(8)} × 30 × 8            ${saving ? 'on ' : 'off'}   ${fmt(r.commit.median)} ${fmt(r.commit.p95)}` +
        `          ${fmt(r.frame.median)} ${fmt(r.frame.p95)}   ${(r.load / 1000).toFixed(1).padStart(6)}  ` +
        `${(r.docChars / 1e6).toFixed(2)} M chars, save status ${r.status}${r.missed ? `, ${r.missed} edits without a visible change` : ''}${r.errors.length ? `, errors: ${r.errors.join('; ')}` : ''}`,
      );
      if (saving) {
        console.log(`BENCH key_frame_${n}_median_ms ${r.frame.median.toFixed(1)}`);
        console.log(`BENCH key_frame_${n}_p95_ms ${r.frame.p95.toFixed(1)}`);
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
