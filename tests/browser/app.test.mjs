// The app shell, the branches page and storage, in headless Chromium against the release build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, reload, stored } from './harness.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const rows = (page) => page.locator('[data-testid="branch-row"]');

test('first visit shows the sample organisation in Chinese', async () => {
  const page = await openApp(browser, server.url);
  await page.waitForSelector('[data-testid="branch-row"]');
  assert.equal(await rows(page).count(), 12);
  assert.match(await page.getByTestId('scenario-name').innerText(), /西部气田公司党委/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.match(await page.getByTestId('save-status').innerText(), /已保存在本浏览器中/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a branch added through the form is still there after a reload', async () => {
  const page = await openApp(browser, server.url);
  await page.getByTestId('add-branch').click();
  await page.getByTestId('branch-name').fill('测试新建党支部');
  await page.getByTestId('branch-members').fill('17');
  await page.getByTestId('branch-personnel').fill('4');
  await page.getByTestId('branch-save').click();
  await page.waitForSelector('text=测试新建党支部');
  assert.equal(await rows(page).count(), 13);
  await reload(page);
  await page.waitForSelector('[data-testid="branch-row"]');
  assert.equal(await rows(page).count(), 13);
  const row = rows(page).filter({ hasText: '测试新建党支部' });
  assert.match(await row.innerText(), /17/);
  const doc = JSON.parse(await stored(page, 'pbcalc.document'));
  const added = doc.scenarios[0].branches.find((b) => b.name === '测试新建党支部');
  assert.equal(added.members, 17);
  assert.equal(added.conditions.personnel, 4);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('invalid input is marked in place, named, and changes nothing', async () => {
  const page = await openApp(browser, server.url);
  const first = rows(page).first();
  const before = await first.innerText();
  await first.getByTestId('branch-edit').click();
  await page.getByTestId('branch-infrastructure').fill('7');
  const err = page.getByTestId('branch-infrastructure-error');
  await err.waitFor();
  assert.match(await err.innerText(), /基础设施/);
  assert.match(await err.innerText(), /1 … 5/);
  await page.getByTestId('branch-name').fill('   ');
  await page.getByTestId('branch-save').click();
  assert.match(await page.getByTestId('branch-name-error').innerText(), /支部名称.*不能为空/);
  assert.equal(await page.getByTestId('branch-editor').count(), 1, 'the editor stays open');
  await page.keyboard.press('Escape');
  assert.equal(await page.getByTestId('branch-editor').count(), 0);
  assert.equal(await first.innerText(), before);
  await page.context().close();
});

test('delete can be undone, from the toast and with Ctrl+Z, and redone', async () => {
  const page = await openApp(browser, server.url);
  const name = await rows(page).first().getByTestId('branch-row-name').innerText();
  await rows(page).first().getByTestId('branch-delete').click();
  assert.equal(await rows(page).count(), 11);
  assert.match(await page.getByTestId('toast').innerText(), new RegExp(name));
  await page.getByTestId('toast-undo').click();
  assert.equal(await rows(page).count(), 12);
  assert.equal(await rows(page).first().getByTestId('branch-row-name').innerText(), name);
  await rows(page).first().getByTestId('branch-delete').click();
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('Control+z');
  assert.equal(await rows(page).count(), 12);
  await page.keyboard.press('Control+Shift+z');
  assert.equal(await rows(page).count(), 11);
  await reload(page);
  assert.equal(await rows(page).count(), 11, 'the redone deletion was saved');
  await page.context().close();
});

test('English stays chosen after a reload', async () => {
  const page = await openApp(browser, server.url);
  await page.getByTestId('lang-switch').selectOption('en');
  await page.waitForSelector('text=Branches & categories');
  await reload(page);
  await page.waitForSelector('text=Branches & categories');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.match(await page.getByTestId('save-status').innerText(), /Saved in this browser/);
  await page.getByTestId('lang-switch').selectOption('zh-CN');
  await page.waitForSelector('text=支部与类别');
  await page.context().close();
});

test('an unreadable stored document is kept as a backup and the user is told', async () => {
  const page = await openApp(browser, server.url);
  const corrupt = '{"format":"pbcalc-store","version":1,"scenarios":[{"name": oops';
  await page.evaluate((t) => localStorage.setItem('pbcalc.document', t), corrupt);
  await reload(page);
  const notice = page.getByTestId('storage-notice');
  await notice.waitFor();
  assert.match(await notice.innerText(), /无法读取/);
  const key = await page.getByTestId('backup-key').innerText();
  assert.equal(await stored(page, key), corrupt, 'the corrupted text is still in storage');
  assert.equal(await rows(page).count(), 12, 'the sample loads beside it');
  // Editing afterwards saves normally and leaves the backup alone.
  await rows(page).first().getByTestId('branch-delete').click();
  assert.equal(await stored(page, key), corrupt);
  assert.notEqual(await stored(page, 'pbcalc.document'), corrupt);
  await page.context().close();
});

test('every page of the navigation opens without errors', async () => {
  const page = await openApp(browser, server.url);
  for (const slug of ['indicators', 'targets', 'periods', 'results', 'grades', 'scenarios', 'settings']) {
    await page.goto(`${server.url}#/${slug}`);
    await page.getByTestId(`page-${slug}`).waitFor();
  }
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
