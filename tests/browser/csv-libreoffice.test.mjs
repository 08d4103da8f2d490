// The ranking CSV as a committee member opens it: exported from the results page (built-in sample, headless
// Chromium), opened by LibreOffice Calc headless with the UTF-8 CSV filter and printed to PDF, read back with
// pdftotext. Every column header and every branch row must be there, no number may show more than 2 decimals,
// and no cell may be too narrow for its number ("###").
//
// Needs `soffice` (Debian: libreoffice-calc-nogui) and `pdftotext` (poppler-utils) on PATH; without them the
// test is skipped with the reason printed. Run: node --test tests/browser/csv-libreoffice.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveDist, launch, openApp, goTo } from './harness.mjs';

const onPath = (cmd) => {
  try { execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }); return true; } catch { return false; }
};
const missing = ['soffice', 'pdftotext'].filter((c) => !onPath(c));
const skip = missing.length ? `${missing.join(' and ')} not on PATH (install libreoffice-calc-nogui and poppler-utils)` : false;
if (skip) console.log(`# csv-libreoffice skipped: ${skip}`);

let server, browser;
before(async () => { if (!skip) { server = await serveDist(); browser = await launch(); } });
after(async () => { await browser?.close(); await server?.close(); });

/** The fields of one CSV line (RFC 4180 quoting). */
function fields(line) {
  const out = [];
  let cur = '', quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') quoted = false; else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}

const squeeze = (s) => s.replace(/\s+/g, '');

test('the ranking CSV opened in LibreOffice Calc shows every header and row, numbers to at most 2 decimals', { skip }, async () => {
  const page = await openApp(browser, server.url);
  await goTo(page, server.url, 'results');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pbcalc-csv-'));
  const csv = path.join(dir, 'ranking.csv');
  fs.copyFileSync(await dl.path(), csv);
  const branches = await page.locator('[data-testid="ranking-row"] td.name').allInnerTexts();
  await page.context().close();
  assert.ok(branches.length > 0);

  const text = fs.readFileSync(csv, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.trim().split(/\r?\n/);
  const headers = fields(lines[0]);
  // Calc: UTF-8 (76), comma-separated (44), double quotes (34), from line 1; landscape pages so every column fits.
  execFileSync('soffice', [
    '--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`,
    '--infilter=CSV:44,34,76,1', '--convert-to', 'pdf', '--outdir', dir, csv,
  ], { stdio: 'pipe', timeout: 120000 });
  const pdf = path.join(dir, 'ranking.pdf');
  assert.ok(fs.existsSync(pdf), 'LibreOffice wrote the PDF');
  const shown = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  if (process.env.CSV_LO_TEXT) fs.writeFileSync(process.env.CSV_LO_TEXT, shown);
  const flat = squeeze(shown);
  console.log(`# ${headers.length} columns, ${lines.length - 1} rows; PDF text ${shown.length} characters`);

  const absent = headers.filter((h) => !flat.includes(squeeze(h)));
  assert.deepEqual(absent, [], 'column headers missing from the printed sheet');
  for (const line of lines.slice(1)) {
    const f = fields(line);
    // Each row's period id, branch id and name are printed.
    for (const v of [f[0], f[3], f[4]]) assert.ok(flat.includes(squeeze(v)), `row value ${v} missing (${line})`);
  }
  for (const b of branches) assert.ok(flat.includes(squeeze(b)), `branch ${b} missing`);
  const long = shown.match(/-?\d+\.\d{3,}/g) || [];
  assert.deepEqual(long, [], 'numbers with more than 2 decimals');
  assert.ok(!shown.includes('###'), 'a column too narrow for its number');
  fs.rmSync(dir, { recursive: true, force: true });
});
