// Nothing is lost: two tabs of one browser, a full storage, kept backups, the storage page, and a document
// stored by the first version, in headless Chromium against the release build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launch, openApp, reload, stored, goTo } from './harness.mjs';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const rows = (page) => page.locator('[data-testid="branch-row"]');
const names = async (page) => page.locator('[data-testid="branch-row-name"]').allInnerTexts();

/** Opens a second page of the same context (same storage) on the app. */
async function secondPage(page) {
  const other = await page.context().newPage();
  other.problems = [];
  other.on('console', (m) => { if (m.type() === 'error') other.problems.push(m.text()); });
  other.on('pageerror', (e) => other.problems.push(String(e)));
  await other.goto(server.url);
  await other.waitForSelector('[data-testid="branch-row"]');
  return other;
}

/** The branch names of every scenario stored, by scenario name. */
async function storedBranches(page) {
  const doc = JSON.parse(await stored(page));
  return Object.fromEntries(doc.scenarios.map((s) => [s.name, s.branches.map((b) => b.name)]));
}

test('two tabs: keeping this one saves both versions; reloading theirs takes the other tab\'s edit', async () => {
  const a = await openApp(browser, server.url);
  await a.waitForSelector('[data-testid="branch-row"]');
  const b = await secondPage(a);
  const first = (await names(a))[0];
  const last = (await names(a)).at(-1);

  // Tab A deletes the first branch and saves.
  await rows(a).first().getByTestId('branch-delete').click();
  assert.deepEqual(Object.values(await storedBranches(a))[0], await names(a));
  // Tab B is told at once, before it edits anything.
  const notice = b.getByTestId('other-tab');
  await notice.waitFor();
  assert.match(await notice.innerText(), /另一个标签页修改了此方案/);
  // Tab B edits anyway: its save does not overwrite A's.
  await rows(b).last().getByTestId('branch-delete').click();
  assert.equal(await rows(b).count(), 11);
  await b.locator('[data-testid="save-status"][data-state="other-tab"]').waitFor();
  assert.match(await b.getByTestId('save-status').innerText(), /本页的修改尚未保存：另一个标签页修改了此方案/);
  await b.waitForTimeout(300);
  let kept = Object.values(await storedBranches(a));
  assert.equal(kept.length, 1);
  assert.ok(!kept[0].includes(first), 'A\'s deletion is what is stored');
  assert.ok(kept[0].includes(last), 'B\'s deletion was not written over it');

  // B keeps its version: both are stored, B's as a copy.
  await b.getByTestId('keep-mine').click();
  await notice.waitFor({ state: 'detached' });
  const both = await storedBranches(b);
  const [theirsName, oursName] = Object.keys(both);
  assert.equal(Object.keys(both).length, 2);
  assert.match(oursName, /（本标签页）$/);
  assert.ok(!both[theirsName].includes(first) && both[theirsName].includes(last), 'A\'s edit kept');
  assert.ok(both[oursName].includes(first) && !both[oursName].includes(last), 'B\'s edit kept');
  assert.match(await b.getByTestId('scenario-name').innerText(), /（本标签页）/);

  // Now A is told; it reloads theirs and sees both scenarios, nothing of its own lost.
  await a.getByTestId('other-tab').waitFor();
  await a.getByTestId('reload-theirs').click();
  await a.getByTestId('other-tab').waitFor({ state: 'detached' });
  assert.match(await a.getByTestId('scenario-name').innerText(), /（本标签页）/);
  assert.deepEqual(await names(a), both[oursName]);
  // Taking theirs writes nothing new, so B is not told again.
  await a.waitForTimeout(300);
  assert.equal(await b.getByTestId('other-tab').count(), 0);
  assert.deepEqual(await storedBranches(a), both);

  // An edit in A after that saves normally and B sees the notice; B reloads theirs and has A's edit.
  await rows(a).first().getByTestId('branch-delete').click();
  await b.getByTestId('other-tab').waitFor();
  await b.getByTestId('reload-theirs').click();
  assert.deepEqual(await names(b), await names(a));
  await reload(b);
  assert.deepEqual(await names(b), await names(a));
  assert.deepEqual(a.problems, []);
  assert.deepEqual(b.problems, []);
  await a.context().close();
});

test('a full storage: said in words, export offered, and the edit is written by itself once there is room', async () => {
  const page = await openApp(browser, server.url);
  await page.waitForSelector('[data-testid="branch-row"]');
  await page.evaluate(() => {
    window.realSetItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function setItem(k, v) {
      if (String(k).startsWith('pbcalc.')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return window.realSetItem.call(this, k, v);
    };
  });
  const before = await page.evaluate(() => localStorage.getItem('pbcalc.document'));
  const deleted = (await names(page))[0];
  await rows(page).first().getByTestId('branch-delete').click();
  const banner = page.getByTestId('save-failed');
  await banner.waitFor();
  const text = await banner.innerText();
  assert.match(text, /浏览器存储空间已满/);
  assert.match(text, /修改仍保留在本页中/);
  assert.doesNotMatch(text + await page.getByTestId('save-status').innerText(), /JsValue|DOMException|QuotaExceeded/);
  assert.equal(await page.evaluate(() => localStorage.getItem('pbcalc.document')), before, 'nothing written');
  assert.equal(await rows(page).count(), 11, 'the work is kept in memory');

  // "Export now" gives the scenario as it is in the page.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-now').click()]);
  assert.match(download.suggestedFilename(), /\.pbcalc\.json$/);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(exported.branches.length, 11);
  assert.ok(!exported.branches.some((b) => b.name === deleted));

  // Space returns: without any further edit the document is written within a few seconds.
  await page.evaluate(() => { Storage.prototype.setItem = window.realSetItem; });
  await page.waitForFunction(() => {
    const d = JSON.parse(localStorage.getItem('pbcalc.document') || '{}');
    return d.scenarios?.[0]?.branches?.length === 11;
  }, null, { timeout: 10_000 });
  await banner.waitFor({ state: 'detached' });
  await reload(page);
  assert.equal(await rows(page).count(), 11);
  assert.ok(!(await names(page)).includes(deleted));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('kept backups can be downloaded from the notice; the storage page lists, downloads and deletes keys', async () => {
  const page = await openApp(browser, server.url);
  const corrupt = '{"format":"pbcalc-store","version":2,"revision":3,"scenarios":[{"name": oops';
  await page.evaluate((t) => {
    localStorage.setItem('pbcalc.backup.1', 'an older backup');
    localStorage.setItem('pbcalc.document', t);
  }, corrupt);
  await reload(page);
  await page.getByTestId('storage-notice').waitFor();
  const buttons = page.getByTestId('download-backup');
  assert.equal(await buttons.count(), 2);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-testid="download-backup"][data-key="pbcalc.backup.2"]').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'pbcalc-backup-2.json');
  assert.equal(fs.readFileSync(await download.path(), 'utf8'), corrupt);

  // An edit, so the document is stored, then the storage page.
  await rows(page).first().getByTestId('branch-delete').click();
  await stored(page);
  await page.evaluate(() => localStorage.setItem('unrelated.key', 'not ours'));
  await goTo(page, server.url, 'storage');
  const keys = await page.locator('[data-testid="storage-row"]').evaluateAll((rs) => rs.map((r) => r.dataset.key));
  assert.deepEqual(keys, ['pbcalc.document', 'pbcalc.backup.1', 'pbcalc.backup.2']);
  const docRow = page.locator('[data-testid="storage-row"][data-key="pbcalc.document"]');
  assert.match(await docRow.innerText(), /\d+(\.\d)? KB/);
  assert.equal(await docRow.getByTestId('delete-key').count(), 0, 'the document in use cannot be deleted');
  const [docDownload] = await Promise.all([page.waitForEvent('download'), docRow.getByTestId('download-key').click()]);
  assert.equal(fs.readFileSync(await docDownload.path(), 'utf8'), await stored(page));

  // Deleting asks; cancel keeps it, confirming removes it.
  const row1 = page.locator('[data-testid="storage-row"][data-key="pbcalc.backup.1"]');
  await row1.getByTestId('delete-key').click();
  assert.match(await row1.getByTestId('confirm-delete').innerText(), /确定删除/);
  await row1.getByRole('button', { name: '取消' }).click();
  assert.equal(await page.evaluate(() => localStorage.getItem('pbcalc.backup.1')), 'an older backup');
  await row1.getByTestId('delete-key').click();
  await row1.getByTestId('confirm-yes').click();
  await row1.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => localStorage.getItem('pbcalc.backup.1')), null);
  assert.equal(await page.evaluate(() => localStorage.getItem('unrelated.key')), 'not ours');
  assert.equal(await page.locator('[data-testid="storage-row"]').count(), 2);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a document stored by version 1 opens, and is saved as version 2', async () => {
  const page = await openApp(browser, server.url);
  const v1 = fs.readFileSync(path.join(fixtures, 'store-v1.json'), 'utf8');
  await page.evaluate((t) => localStorage.setItem('pbcalc.document', t), v1);
  await reload(page);
  await page.waitForSelector('[data-testid="branch-row"]');
  assert.equal(await page.getByTestId('storage-notice').count(), 0);
  assert.match(await page.getByTestId('scenario-name').innerText(), /Scenario: 公开示例：小型气田党委/);
  const n = await rows(page).count();
  await rows(page).first().getByTestId('branch-delete').click();
  const doc = JSON.parse(await stored(page));
  assert.equal(doc.version, 2);
  assert.equal(doc.revision, 1);
  assert.equal(doc.scenarios.length, 2);
  assert.equal(doc.scenarios[1].branches.length, n - 1);
  assert.equal(doc.scenarios[0].name, '试点方案');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
