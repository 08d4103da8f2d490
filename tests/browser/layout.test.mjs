// Layout at 1024×768 and at 1366×768 with 150 % zoom, in headless Chromium against the release build: no page
// scrolls sideways, nothing sticky (status line, sticky table headers, fixed name columns, the grid's detail line)
// is drawn over another, every grade-table input sits under its own header, the results page reaches its last
// columns with the names in view, the edited row's F / rank / tier stay in view, and a grid entry that did not
// parse is never lost silently.
//
// 150 % zoom: browser zoom makes the CSS viewport smaller and the device pixel ratio larger, so 1366×768 at
// 150 % is a 911×512 CSS viewport at deviceScaleFactor 1.5 (media queries, `vh` and the layout see exactly what
// they see under real zoom). `document.body.style.zoom` would not be faithful: it leaves the viewport, the media
// queries and `vh` at 1366×768.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, goTo } from './harness.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const SIZES = {
  '1024×768': { viewport: { width: 1024, height: 768 } },
  '1366×768 at 150 %': { viewport: { width: 911, height: 512 }, deviceScaleFactor: 1.5 },
};
/** Every page of src/ui/route.rs (the home and not-found routes show the branches page). */
const PAGES = ['branches', 'indicators', 'targets', 'periods', 'results', 'grades', 'scenarios', 'settings',
  'compare', 'storage', 'method'];

/** Waits for the renders that follow an action (two animation frames). */
const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/**
 * Scrolls every scrolling table a bit (down and right) and the page so that the first one starts at `at` of the
 * window's height, then lists what is drawn
 * over what: for each sticky part in view (the status line, sticky header cells, fixed-column cells, the grid's
 * detail line) the topmost element at a few of its points must belong to it (points under the status line are
 * skipped for the parts the page scrolls under it), and the detail line's box meets no header or fixed cell.
 */
async function overlaps(page, at) {
  await page.evaluate((at) => {
    const wraps = [...document.querySelectorAll('.table-wrap')];
    for (const w of wraps) { w.scrollTop = 70; w.scrollLeft = 60; }
    const first = wraps.find((w) => w.scrollHeight > w.clientHeight) || wraps[0];
    if (first) window.scrollTo(0, Math.max(0, first.getBoundingClientRect().top + window.scrollY - at * innerHeight));
  }, at);
  await settle(page);
  await page.waitForTimeout(100);
  return page.evaluate(() => {
    const problems = [];
    const vw = innerWidth, vh = innerHeight;
    const status = document.querySelector('.status-area') || document.querySelector('footer.status');
    const sr = status.getBoundingClientRect();
    const name = (el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}"${(el.innerText || '').trim().slice(0, 16)}"`;
    const parts = [];
    // (A table in a closed <details> keeps a layout box but is not shown.)
    for (const w of [...document.querySelectorAll('.table-wrap')].filter((w) => w.checkVisibility())) {
      const wr = w.getBoundingClientRect();
      let hb = wr.top;
      for (const th of w.querySelectorAll('thead th')) {
        if (getComputedStyle(th).position !== 'sticky') continue;
        parts.push({ el: th, kind: 'header', clip: wr, wrap: w });
        hb = Math.max(hb, th.getBoundingClientRect().bottom);
      }
      for (const c of w.querySelectorAll('tbody th, tbody td')) {
        if (getComputedStyle(c).position !== 'sticky') continue;
        const r = c.getBoundingClientRect();
        // Cells scrolled under the header row or out of the box are hidden by design.
        if (r.top >= hb - 0.5 && r.bottom <= wr.bottom + 0.5) parts.push({ el: c, kind: 'fixed column', clip: wr, wrap: w });
      }
    }
    const details = [...document.querySelectorAll('.mx-detail')];
    for (const d of details) parts.push({ el: d, kind: 'detail line', clip: null });
    const clipRect = (r, c) => c ? {
      left: Math.max(r.left, c.left), right: Math.min(r.right, c.right),
      top: Math.max(r.top, c.top), bottom: Math.min(r.bottom, c.bottom),
    } : r;
    const meet = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    // The status line is never drawn over.
    for (const fx of [0.05, 0.3, 0.5, 0.7, 0.95]) {
      const x = sr.left + fx * sr.width, y = sr.top + sr.height / 2;
      if (x < 0 || x >= vw || y < 0 || y >= vh) continue;
      const top = document.elementFromPoint(x, y);
      if (top && !status.contains(top)) problems.push(`status line covered at x=${Math.round(x)} by ${name(top)}`);
    }
    // Each sticky part in view is on top where it is.
    for (const p of parts) {
      const r = clipRect(p.el.getBoundingClientRect(), p.clip);
      if (r.right - r.left < 4 || r.bottom - r.top < 4) continue;
      for (const [fx, fy] of [[0.5, 0.5], [0.15, 0.5], [0.85, 0.5]]) {
        const x = r.left + fx * (r.right - r.left), y = r.top + fy * (r.bottom - r.top);
        if (x < 0 || x >= vw || y < 0 || y >= vh || y >= sr.top) continue;
        const top = document.elementFromPoint(x, y);
        if (!top || p.el.contains(top)) continue;
        // Inside one table, a cell scrolling under its sticky header row or name column is the point of them.
        const cover = top.closest('th, td');
        if (p.wrap && cover && p.wrap.contains(cover) && getComputedStyle(cover).position === 'sticky') continue;
        problems.push(`${p.kind} ${name(p.el)} covered by ${name(top)}`);
      }
    }
    // The detail line's box meets no sticky header or fixed column of a table.
    for (const d of details) {
      const dr = d.getBoundingClientRect();
      for (const p of parts.filter((q) => q.kind !== 'detail line')) {
        if (meet(dr, clipRect(p.el.getBoundingClientRect(), p.clip))) problems.push(`detail line meets ${p.kind} ${name(p.el)}`);
      }
    }
    return [...new Set(problems)].slice(0, 8);
  });
}

for (const [size, options] of Object.entries(SIZES)) {
  test(`every page at ${size}: no sideways scrolling, nothing sticky drawn over another`, async () => {
    const page = await openApp(browser, server.url, options);
    const found = [];
    for (const slug of PAGES) {
      await goTo(page, server.url, slug);
      await settle(page);
      const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
      if (sw > iw) found.push(`${slug}: page ${sw} px wide in a ${iw} px window`);
      // The first scrolling table near the top of the window, then low in it (running under the status line).
      for (const at of [0.2, 0.6]) {
        for (const p of await overlaps(page, at)) found.push(`${slug} (table at ${at * 100} % of the height): ${p}`);
      }
    }
    assert.deepEqual(found, []);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test('every input of the grade table sits under its own header, at both sizes', async () => {
  for (const options of Object.values(SIZES)) {
    const page = await openApp(browser, server.url, options);
    await goTo(page, server.url, 'grades');
    const table = page.getByTestId('grade-names');
    await table.waitFor();
    const misplaced = await table.evaluate((t) => {
      const heads = [...t.querySelectorAll('thead th')].map((th) => th.getBoundingClientRect());
      const out = [];
      for (const tr of t.querySelectorAll('tbody tr')) {
        const cells = [...tr.children];
        if (cells.length !== heads.length) out.push(`row with ${cells.length} cells under ${heads.length} headers`);
        for (const [kind, col] of [['name', 1], ['coef', 2], ['text', 3]]) {
          const input = tr.querySelector(`[data-testid^="grade-${kind}-"]`);
          const r = input.getBoundingClientRect();
          const h = heads[col];
          if (r.left < h.left - 1 || r.right > h.right + 1) out.push(`${input.dataset.testid} at ${Math.round(r.left)}–${Math.round(r.right)}, header ${Math.round(h.left)}–${Math.round(h.right)}`);
          if (input.closest('td') !== cells[col]) out.push(`${input.dataset.testid} not in column ${col + 1}`);
        }
        // The branch count is in the last column.
        const last = cells[cells.length - 1].getBoundingClientRect();
        const h = heads[heads.length - 1];
        if (last.left < h.left - 1 || last.right > h.right + 1) out.push('branch count outside its column');
      }
      return out;
    });
    assert.deepEqual(misplaced, []);
    await page.context().close();
  }
});

test('results at 150 %: 提示, 奖金 and 约谈整改 are reached in the table with the names in view', async () => {
  const page = await openApp(browser, server.url, SIZES['1366×768 at 150 %']);
  await goTo(page, server.url, 'results');
  const table = page.getByTestId('ranking-table');
  await table.waitFor();
  const seen = await table.evaluate(async (t) => {
    const wrap = t.closest('.table-wrap');
    wrap.scrollLeft = wrap.scrollWidth;
    await new Promise((r) => requestAnimationFrame(r));
    const wr = wrap.getBoundingClientRect();
    const inView = (el) => { const r = el.getBoundingClientRect(); return r.left >= wr.left - 1 && r.right <= wr.right + 1 && r.right <= innerWidth; };
    const heads = [...t.querySelectorAll('thead th')];
    const byText = (s) => heads.find((h) => h.innerText.trim() === s);
    return {
      page: document.documentElement.scrollWidth <= innerWidth,
      flags: inView(byText('提示')), bonus: inView(byText('奖金（元）') || byText('奖金')), talk: inView(byText('约谈整改')),
      name: inView(heads[1]) && inView(t.querySelector('tbody td.name')), rank: inView(heads[0]),
    };
  });
  assert.deepEqual(seen, { page: true, flags: true, bonus: true, talk: true, name: true, rank: true });
  await page.context().close();
});

/** The data cell of a branch (row) and a field (column key) on the periods page. */
const cell = (page, branch, field) =>
  page.locator(`[data-testid="period-row"][data-branch="${branch}"] td[data-field="${field}"]`);

test("while a period's data is entered, the row's F, rank and tier stay in view and follow the typing", async () => {
  const page = await openApp(browser, server.url, SIZES['1366×768 at 150 %']);
  await goTo(page, server.url, 'periods');
  await page.getByTestId('period-matrix').waitFor();
  // A cell far to the right: the F, rank and tier columns have scrolled out of the grid's view.
  const target = cell(page, 'c1a', 'actual:tasks');
  await target.click();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
  await settle(page);
  const summary = page.getByTestId('row-summary');
  await summary.waitFor();
  const before = await summary.getAttribute('data-final');
  // It is visible, and not drawn over.
  const visible = await summary.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return r.top >= 0 && r.bottom <= innerHeight && r.right <= innerWidth && el.contains(top);
  });
  assert.ok(visible, 'the row summary is in view');
  // Back to a data cell of the row whose value changes the score, typed: the summary follows each keystroke.
  await target.click();
  await page.keyboard.type('1');
  await page.waitForFunction((f) => document.querySelector('[data-testid="row-summary"]')?.dataset.final !== f, before);
  const after = await summary.getAttribute('data-final');
  assert.notEqual(after, before);
  const rowFinal = await page.locator('[data-testid="period-row"][data-branch="c1a"] [data-testid="row-final"]').innerText();
  assert.equal(after, rowFinal);
  assert.match(await summary.innerText(), /排名 \d+/);
  await page.context().close();
});

test('a grid entry that did not parse is kept, counted in the status line, and leaving the page asks', async () => {
  const page = await openApp(browser, server.url, SIZES['1024×768']);
  await goTo(page, server.url, 'periods');
  await page.getByTestId('period-matrix').waitFor();
  const unsaved = page.getByTestId('unsaved-cells');
  assert.equal(await unsaved.count(), 0);
  await cell(page, 'c1a', 'actual:tasks').click();
  await page.keyboard.type('abc');
  await page.keyboard.press('Enter');
  await unsaved.waitFor();
  assert.equal(await unsaved.getAttribute('data-count'), '1');
  assert.match(await unsaved.innerText(), /有 1 个单元格未保存/);
  // A second one counts too.
  await cell(page, 'c1b', 'actual:tasks').click();
  await page.keyboard.type('x');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="unsaved-cells"]')?.dataset.count === '2');
  // Another page of the app keeps them (and says so); coming back finds them in their cells.
  await page.locator('.sidebar a[href$="#/results"]').click();
  await page.getByTestId('page-results').waitFor();
  assert.equal(await unsaved.getAttribute('data-count'), '2');
  await page.getByTestId('unsaved-go').click();
  await page.getByTestId('period-matrix').waitFor();
  const marked = cell(page, 'c1a', 'actual:tasks');
  await page.waitForFunction(() => document.querySelector('[data-testid="period-row"][data-branch="c1a"] td[data-field="actual:tasks"]')?.classList.contains('mx-invalid'));
  assert.match(await marked.innerText(), /abc/);
  // Closing the tab asks while there are some.
  const asked = [];
  page.on('dialog', async (d) => { asked.push(d.type()); await d.dismiss(); });
  await page.close({ runBeforeUnload: true });
  await page.waitForTimeout(300);
  assert.deepEqual(asked, ['beforeunload']);
  assert.ok(!page.isClosed(), 'the page stays when the question is answered "stay"');
  // Esc discards one; "discard all" the other; then the count is gone and leaving does not ask.
  await marked.click();
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('[data-testid="unsaved-cells"]')?.dataset.count === '1');
  await page.getByTestId('period-matrix-discard').click();
  await unsaved.waitFor({ state: 'detached' });
  await page.close({ runBeforeUnload: true });
  await new Promise((r) => setTimeout(r, 500));
  assert.deepEqual(asked, ['beforeunload']);
  assert.ok(page.isClosed());
  await page.context().close();
});
