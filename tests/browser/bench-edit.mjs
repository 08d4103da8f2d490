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
// The app saves the whole document to localStorage after every change, just after the frame that shows it (after
// a pause in the editing when a save is slow). To show what saving still costs, each size is measured twice: as
// shipped ("saving on"), and with saving off — the scenario is
// then imported through the import-file input into a session whose saving is off (the app turns saving off when
// stored data it cannot read cannot be backed up; the bench makes the backup fail), so every number but the save
// is the same.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveDist, launch } from './harness.mjs';

const sizes = (process.env.BENCH_SIZES || '50,1000').split(',').map(Number);
const reps = Number(process.env.BENCH_REPS || 50);

/** Knuth's MMIX linear congruential generator, so every run measures the same scenario. */
function lcg(seed) {
  let s = BigInt(seed);
  return () => {
    s = (s * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    return Number(s >> 11n) / 2 ** 53;
  };
}

/** A scenario file (docs/FORMAT.md) of n branches × 30 indicators × 8 periods. */
function scenario(n) {
  const rnd = lcg(0x5eed + n);
  const pick = (k) => Math.floor(rnd() * k);
  const indicators = [];
  for (let i = 0; i < 30; i++) {
    const id = `i${String(i).padStart(2, '0')}`;
    if (i >= 28) {
      indicators.push({ id, name: `否定指标${i}`, kind: 'veto' });
    } else if (i % 4 === 3) {
      indicators.push({ id, name: `定性指标${i}`, kind: i % 2 ? 'elastic' : 'controllable', measure: 'qualitative', weight: 1 + pick(10) });
    } else {
      indicators.push({
        id, name: `定量指标${i}`, kind: i % 2 ? 'elastic' : 'controllable', measure: 'quantitative',
        direction: i % 5 === 4 ? 'lower' : 'higher', unit: '项', decimals: i % 3, base_target: 10 + pick(50),
        weight: 1 + pick(10), tolerance: 0.1,
      });
    }
  }
  const quant = indicators.filter((i) => i.measure === 'quantitative');
  const categories = [0, 1, 2, 3].map((c) => ({
    id: `cat${c}`, name: `类别${c}`,
    coefficients: Object.fromEntries(quant.filter(() => rnd() < 0.3).map((i) => [i.id, Math.round((0.8 + 0.4 * rnd()) * 100) / 100])),
  }));
  const optional_actions = [0, 1, 2, 3].map((a) => ({ id: `a${a}`, name: `自选动作${a}`, points: 1 + a }));
  const branches = [];
  for (let b = 0; b < n; b++) {
    branches.push({
      id: `b${String(b).padStart(4, '0')}`, name: `第${b + 1}党支部`, category: `cat${b % 4}`, members: 10 + pick(40),
      conditions: { infrastructure: 1 + pick(5), personnel: 1 + pick(5), circumstances: 1 + pick(5) },
      grade: 1 + pick(5),
      history: Object.fromEntries(quant.map((i) => [i.id, [0, 1, 2].map(() => Math.round(i.base_target * (0.7 + 0.6 * rnd())))])),
    });
  }
  const periods = [];
  for (let p = 0; p < 8; p++) {
    const records = {};
    for (const b of branches) {
      const actuals = {};
      for (const i of indicators) {
        if (i.kind === 'veto') continue;
        actuals[i.id] = i.measure === 'qualitative' ? 'ABCD'[pick(4)] : Math.round(i.base_target * (0.6 + 0.8 * rnd()) * 10) / 10;
      }
      records[b.id] = {
        actuals,
        vetoes: { i28: rnd() < 0.02, i29: false },
        optional_done: optional_actions.filter(() => rnd() < 0.3).map((a) => a.id),
        evaluation: {
          ballots: { excellent: pick(20), good: pick(15), fair: pick(5), poor: pick(2) },
          peers: 60 + pick(40), superiors: 60 + pick(40),
        },
      };
    }
    periods.push({ id: `2025P${p + 1}`, name: `第${p + 1}期`, records });
  }
  return {
    format: 'pbcalc-scenario', version: 1, name: `基准：${n} 个党支部`,
    indicators, categories, optional_actions, branches, periods,
  };
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
  for (let k = 0; k < reps; k++) {
    const row = k % 12;
    const branch = `b${String(row).padStart(4, '0')}`;
    const value = Math.floor(k / 12) % 2 === 0 ? '0' : '100000';
    await page.waitForTimeout(50);
    const sel = `[data-testid="period-row"][data-branch="${branch}"]`;
    await page.locator(`${sel} td[data-field="final"]`).waitFor();
    await page.locator(`${sel} td[data-field="${field}"]`).click({ position: { x: 5, y: 5 } });
    await page.evaluate((sel) => {
      const target = document.querySelector(`${sel} td[data-field="final"]`);
      const b = (window.__bench = { t0: 0, t1: 0, t2: 0, before: target.textContent });
      // The clock starts at each keystroke; the one that changes F is the one measured (results follow the
      // typing: every valid keystroke counts).
      const onKey = (e) => {
        if (e.key.length === 1 && !b.t1) b.t0 = performance.now();
      };
      document.addEventListener('keydown', onKey, true);
      const mo = new MutationObserver(() => {
        const now = document.querySelector(`${sel} td[data-field="final"]`);
        if (b.t0 && !b.t1 && now && now.textContent !== b.before) {
          b.t1 = performance.now();
          mo.disconnect();
          document.removeEventListener('keydown', onKey, true);
          requestAnimationFrame(() => { b.t2 = performance.now(); });
        }
      });
      mo.observe(document.querySelector('[data-testid="period-matrix"] tbody'), { childList: true, subtree: true, characterData: true });
    }, sel);
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
    for (const saving of [true, false]) {
      const r = await measure(browser, server.url, n, saving);
      if (process.env.BENCH_DEBUG) console.log(r);
      console.log(
        `${String(n).padStart(8)} × 30 × 8            ${saving ? 'on ' : 'off'}   ${fmt(r.commit.median)} ${fmt(r.commit.p95)}` +
        `          ${fmt(r.frame.median)} ${fmt(r.frame.p95)}   ${(r.load / 1000).toFixed(1).padStart(6)}  ` +
        `${(r.docChars / 1e6).toFixed(2)} M chars, save status ${r.status}${r.missed ? `, ${r.missed} edits without a visible change` : ''}${r.errors.length ? `, errors: ${r.errors.join('; ')}` : ''}`,
      );
    }
  }
} finally {
  await browser.close();
  await server.close();
}
