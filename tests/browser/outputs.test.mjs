// Outputs that don't mislead (results page lines), and no page scrolling sideways at 1024 px or at 150 % zoom.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launch, openApp } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const PAGES = ['branches', 'indicators', 'targets', 'periods', 'results', 'grades', 'scenarios', 'settings'];

test('a period with few branches assessed says so, and the bonus pool says how many share it', async () => {
  const small = JSON.parse(fs.readFileSync(path.join(here, '..', 'fixtures', 'small.pbcalc.json'), 'utf8'));
  const last = small.periods[small.periods.length - 1];
  const ids = Object.keys(last.records);
  for (const id of ids.slice(2)) delete last.records[id];
  const file = path.join(fs.mkdtempSync('/tmp/pbcalc-'), 'few.pbcalc.json');
  fs.writeFileSync(file, JSON.stringify(small));
  const page = await openApp(browser, server.url);
  await page.getByTestId('import-file').setInputFiles(file);
  await page.waitForSelector('text=公开示例：小型气田党委');
  await page.goto(`${server.url}#/results`);
  await page.getByTestId('period-select').selectOption(last.id);
  const line = page.getByTestId('assessed-count');
  assert.match(await line.innerText(), new RegExp(`仅 2/${small.branches.length} 个支部参评`));
  const pool = page.getByTestId('pool-line');
  const sharing = await pool.getAttribute('data-sharing');
  assert.match(await pool.innerText(), new RegExp(`由 ${sharing} 个支部分享`));
  const paid = await page.$$eval('[data-testid="ranking-row"]', (rows) => rows.length);
  assert.ok(Number(sharing) <= paid && Number(sharing) > 0);
  // Every branch assessed: a plain count, no warning.
  await page.getByTestId('period-select').selectOption(small.periods[0].id);
  assert.match(await line.innerText(), new RegExp(`^${small.branches.length}/${small.branches.length} 个支部参评`));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

/** The pages that scroll sideways (document wider than the window) at the given viewport. */
async function sideways(options) {
  const page = await openApp(browser, server.url, options);
  const wide = [];
  for (const p of PAGES) {
    await page.goto(`${server.url}#/${p}`);
    await page.waitForTimeout(150);
    const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    if (sw > iw) wide.push(`${p}: ${sw} > ${iw}`);
  }
  await page.context().close();
  return wide;
}

test('no page scrolls sideways at 1024×768', async () => {
  assert.deepEqual(await sideways({ viewport: { width: 1024, height: 768 } }), []);
});

// 150 % zoom on 1366×768: a viewport of 1366/1.5 × 768/1.5 CSS px at device scale 1.5.
const ZOOMED = { viewport: { width: Math.floor(1366 / 1.5), height: Math.floor(768 / 1.5) }, deviceScaleFactor: 1.5 };

test('no page scrolls sideways at 1366×768 with 150 % zoom', async () => {
  assert.deepEqual(await sideways(ZOOMED), []);
});

test('at 150 % zoom the sidebar collapses to its step numbers, still named for screen readers', async () => {
  const page = await openApp(browser, server.url, ZOOMED);
  const width = await page.$eval('.sidebar', (n) => n.getBoundingClientRect().width);
  assert.ok(width < 80, `sidebar ${width} px wide`);
  const names = await page.$$eval('.sidebar .nav-link', (ls) => ls.map((l) => l.textContent.trim()));
  assert.ok(names.some((n) => n.includes('支部与类别')), names.join(' | '));
  await page.context().close();
});
