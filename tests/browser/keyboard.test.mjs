// Keyboard and screen readers, in headless Chromium against the release build: each grid is one Tab stop,
// keys typed faster than the renders land where the previous key left the cursor, the ranking rows are
// browsed with the arrows and open / close "why" with Enter / Escape, the focus follows the simulation's end,
// and every form control of every page has a name of its own in Chromium's accessibility tree.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, goTo } from './harness.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const VIEW = { viewport: { width: 1024, height: 768 } };

/** Waits for the renders that follow the keys just pressed (two animation frames). */
const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** What has the keyboard focus: its testid (or its own or closest grid's), tag and whether it is inside a grid. */
const active = (page) => page.evaluate(() => {
  const a = document.activeElement;
  const grid = a?.closest('[role="grid"]');
  return {
    testid: a?.dataset?.testid ?? null,
    tag: a?.tagName.toLowerCase(),
    grid: grid?.dataset?.testid ?? null,
    branch: a?.dataset?.branch ?? null,
  };
});

/** Presses Tab until the focus is in the grid `testid` (at most `max` presses); returns the count. */
async function tabInto(page, testid, max = 80) {
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press('Tab');
    if ((await active(page)).grid === testid) return n;
  }
  throw new Error(`${testid} not reached in ${max} Tabs`);
}

for (const [slug, grid] of [['periods', 'period-matrix-grid'], ['targets', 'targets-table-grid']]) {
  test(`the ${slug} grid is one Tab stop: arrows move inside, Tab and Shift+Tab leave it`, async () => {
    const page = await openApp(browser, server.url, VIEW);
    await goTo(page, server.url, slug);
    await page.getByTestId(grid).waitFor();
    // Nothing inside the grid is a Tab stop of its own.
    const stops = await page.getByTestId(grid).evaluate((g) =>
      [...g.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
        .filter((e) => e.tabIndex >= 0 && !e.disabled).length);
    assert.equal(stops, 0, 'no Tab stop inside the grid');
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await tabInto(page, grid);
    const id0 = await page.getByTestId(grid).getAttribute('aria-activedescendant');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await settle(page);
    const id1 = await page.getByTestId(grid).getAttribute('aria-activedescendant');
    assert.notEqual(id1, id0, 'arrows move the active cell');
    // One Tab leaves the grid, one Shift+Tab comes back to the same cell.
    await page.keyboard.press('Tab');
    await settle(page);
    const out = await active(page);
    assert.equal(out.grid, null, `Tab left the grid (focus on ${out.tag} ${out.testid})`);
    await page.keyboard.press('Shift+Tab');
    await settle(page);
    assert.equal((await active(page)).grid, grid, 'Shift+Tab comes back');
    assert.equal(await page.getByTestId(grid).getAttribute('aria-activedescendant'), id1);
    // Shift+Tab leaves it backwards.
    await page.keyboard.press('Shift+Tab');
    await settle(page);
    assert.equal((await active(page)).grid, null, 'Shift+Tab left the grid');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

// Typed at once after the click: the Tab may come before the render that puts the focus in the cell's input,
// and that pending request must not bring the focus back after the Tab (it did, now and then).
test('Tab while a cell is edited saves it and leaves the grid', async () => {
  const page = await openApp(browser, server.url, VIEW);
  await goTo(page, server.url, 'periods');
  const c = page.locator('[data-testid="period-row"][data-branch="c1b"] td[data-field="actual:hours"]');
  await c.click();
  await page.keyboard.type('33');
  await page.keyboard.press('Tab');
  await settle(page);
  assert.equal((await active(page)).grid, null, 'out of the grid');
  assert.equal(await c.innerText(), '33');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('keys typed faster than the renders land on consecutive rows (Enter moves down before the next key)', async () => {
  for (const [slug, sel] of [
    ['periods', (b) => `[data-testid="period-row"][data-branch="${b}"] td[data-field="actual:hours"]`],
    ['targets', (b) => `[data-testid="target-cell"][data-branch="${b}"][data-indicator="tasks"]`],
  ]) {
    const page = await openApp(browser, server.url, VIEW);
    await goTo(page, server.url, slug);
    const rowOf = (b) => page.locator(sel(b));
    const first = rowOf('c1a');
    await first.click();
    const r0 = Number(await first.getAttribute('data-r'));
    const c0 = Number(await first.getAttribute('data-c'));
    // No wait between the keys: each must act on the cell the previous one left the cursor on.
    // ("1\n2\n3\n" as the issue has it, and three more rows, since a lost key depends on the timing.)
    await page.keyboard.type('1\n2\n3\n4\n5\n6\n');
    await page.waitForFunction(([r, c]) => document.activeElement?.closest('[role="grid"]')
      ?.getAttribute('aria-activedescendant')?.endsWith(`-${r}-${c}`), [r0 + 6, c0], { timeout: 5000 }).catch(() => {});
    const texts = [];
    for (let k = 0; k < 6; k++) {
      const td = page.locator(`td[data-r="${r0 + k}"][data-c="${c0}"]`);
      texts.push((await td.innerText()).match(/^[✎\s]*([-\d.]*)/)[1]);
    }
    assert.deepEqual(texts, ['1', '2', '3', '4', '5', '6'], `${slug}: consecutive rows`);
    const id = await page.locator('[role="grid"]').first().getAttribute('aria-activedescendant');
    assert.ok(id.endsWith(`-${r0 + 6}-${c0}`), `${slug}: cursor on the seventh row (${id})`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test('ranking rows: one Tab stop, arrows move, Enter opens "why", Escape closes it back to the row', async () => {
  for (const lang of ['zh-CN', 'en']) {
    const page = await openApp(browser, server.url, VIEW);
    await page.getByTestId('lang-switch').selectOption(lang);
    await goTo(page, server.url, 'results');
    const rows = page.getByTestId('ranking-row');
    const n = await rows.count();
    assert.ok(n > 3);
    const tabindexes = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('tabindex')));
    assert.equal(tabindexes.filter((t) => t === '0').length, 1, 'one row is the Tab stop');
    assert.equal(tabindexes.filter((t) => t === '-1').length, n - 1);
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.branch));
    await page.getByTestId('period-select').focus();
    // Tab reaches the first row; the arrows move between rows.
    for (let k = 0; k < 10 && (await active(page)).testid !== 'ranking-row'; k++) await page.keyboard.press('Tab');
    assert.equal((await active(page)).branch, ids[0]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    assert.equal((await active(page)).branch, ids[1]);
    await page.keyboard.press('End');
    assert.equal((await active(page)).branch, ids[n - 1]);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await settle(page);
    assert.equal(await rows.nth(1).getAttribute('tabindex'), '0', 'the Tab stop follows');
    // Enter opens "why" for the row and moves the focus into it; Escape closes it and the focus is on the row again.
    await page.keyboard.press('Enter');
    const why = page.getByTestId('why-panel');
    await why.waitFor();
    await settle(page);
    assert.equal((await active(page)).testid, 'why-panel', 'the focus is in the panel');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => !!document.activeElement.closest('[data-testid="why-panel"]')), true);
    await page.keyboard.press('Escape');
    await why.waitFor({ state: 'detached' });
    assert.equal((await active(page)).branch, ids[1], 'focus back on the row');
    // Escape on the row itself closes too (the panel opened by a click leaves the focus on the row).
    await rows.nth(1).click();
    await why.waitFor();
    assert.equal((await active(page)).branch, ids[1]);
    await page.keyboard.press('Escape');
    await why.waitFor({ state: 'detached' });
    assert.equal((await active(page)).branch, ids[1]);
    // Shift+Tab leaves the rows in one step.
    await page.keyboard.press('Shift+Tab');
    assert.notEqual((await active(page)).testid, 'ranking-row');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test('the focus goes to the simulation summary when it ends, back to the run button after cancel', async () => {
  const page = await openApp(browser, server.url, VIEW);
  await goTo(page, server.url, 'grades');
  const set = async (path, v) => {
    const input = page.getByTestId(`setting-${path}`);
    await input.fill(String(v));
    await input.press('Enter');
  };
  await set('simulation.trials', 1000000);
  await page.getByTestId('run-simulation').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('cancel-simulation').waitFor();
  await page.getByTestId('cancel-simulation').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('cancel-simulation').waitFor({ state: 'detached' });
  await settle(page);
  assert.equal((await active(page)).testid, 'run-simulation', 'back on the run button');
  await set('simulation.trials', 200);
  await page.getByTestId('run-simulation').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('simulation-done').waitFor();
  await settle(page);
  assert.equal((await active(page)).testid, 'simulation-done', 'on the summary');
  // The sensitivity sweep does the same.
  await page.getByTestId('run-sweep').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('sweep-done').waitFor();
  await settle(page);
  assert.equal((await active(page)).testid, 'sweep-done');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

/** The form controls of the page as Chromium's accessibility tree has them: [role, name]. */
async function controls(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const roles = new Set(['textbox', 'searchbox', 'spinbutton', 'combobox', 'listbox', 'checkbox', 'radio', 'switch', 'slider']);
  return nodes.filter((n) => !n.ignored && roles.has(n.role?.value)).map((n) => [n.role.value, (n.name?.value ?? '').trim()]);
}

const SLUGS = ['', 'branches', 'indicators', 'targets', 'periods', 'results', 'grades', 'scenarios', 'settings',
  'compare', 'storage', 'method', '404'];
/** Pages with an editor or panel open: [slug, what opens it, its name in the failures]. */
const OPEN = [
  ['branches', async (p) => { await p.getByTestId('add-branch').click(); await p.getByTestId('branch-editor').waitFor(); }, 'branch editor'],
  ['branches', async (p) => { await p.getByTestId('add-category').click(); await p.getByTestId('category-name').waitFor(); }, 'category editor'],
  ['indicators', async (p) => { await p.getByTestId('add-indicator').click(); await p.getByTestId('indicator-editor').waitFor(); }, 'indicator editor'],
  ['periods', async (p) => { await p.getByTestId('period-add').click(); await p.getByTestId('period-new-id').waitFor(); }, 'new period'],
  ['periods', async (p) => {
    await p.locator('[data-testid="period-row"][data-branch="yjy"] td[data-field="adjustments"]').click();
    await p.getByTestId('adj-editor').waitFor();
    await p.getByTestId('adj-add').click();
    await p.getByTestId('adj-add').click();
    await p.waitForFunction(() => document.querySelectorAll('[data-testid="adj-line"]').length >= 2);
  }, 'adjustments'],
  ['results', async (p) => { await p.getByTestId('ranking-row').first().click(); await p.getByTestId('why-panel').waitFor(); }, 'why'],
];

/** The failures of the page as it is: unnamed controls and names shared by several. */
async function nameFailures(page, where) {
  const failures = [];
  const list = await controls(page);
  const seen = new Map();
  for (const [role, name] of list) {
    if (!name) failures.push(`${where}: a ${role} without a name`);
    else seen.set(name, (seen.get(name) ?? 0) + 1);
  }
  for (const [name, k] of seen) if (k > 1) failures.push(`${where}: ${k} controls named «${name}»`);
  return { failures, count: list.length };
}

test('every form control of every page has a name, and no two share one (Chinese and English)', async () => {
  const failures = [];
  for (const lang of ['zh-CN', 'en']) {
    const page = await openApp(browser, server.url, VIEW);
    await page.getByTestId('lang-switch').selectOption(lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    const locale = lang;
    for (const slug of SLUGS) {
      await page.goto(`${server.url}#/${slug}`);
      await page.waitForSelector('main.page[data-testid^="page-"]');
      await settle(page);
      const got = await nameFailures(page, `${locale} #/${slug}`);
      failures.push(...got.failures);
      assert.ok(got.count > 0, `${locale} #/${slug}: controls found`);
    }
    for (const [slug, open, what] of OPEN) {
      await goTo(page, server.url, slug);
      await open(page);
      await settle(page);
      failures.push(...(await nameFailures(page, `${locale} #/${slug} (${what})`)).failures);
    }
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
  assert.deepEqual(failures, []);
});
