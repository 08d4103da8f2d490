// Trainers: the welcome panel, the guided walk-through over a copy of the sample, the method page, printing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, reload, stored, goTo } from './harness.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the welcome shows on a first visit and not after it is dismissed; help brings it back', async () => {
  const page = await openApp(browser, server.url);
  await page.getByTestId('welcome').waitFor();
  for (const id of ['welcome-indicators', 'welcome-demo', 'welcome-import']) {
    assert.ok(await page.getByTestId(id).isVisible(), id);
  }
  await page.getByTestId('welcome-close').click();
  assert.equal(await page.getByTestId('welcome').count(), 0);
  await reload(page);
  await page.waitForTimeout(200);
  assert.equal(await page.getByTestId('welcome').count(), 0, 'dismissal is remembered');
  await page.getByTestId('help').click();
  await page.getByTestId('welcome').waitFor();
  await page.getByTestId('welcome-indicators').click();
  await page.getByTestId('page-indicators').waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the walk-through goes through every step with its live change and leaves storage byte-for-byte unchanged', async () => {
  const page = await openApp(browser, server.url);
  // The user's own scenario, saved: a renamed branch makes it differ from the sample.
  await goTo(page, server.url, 'scenarios');
  await page.getByTestId('welcome-close').click().catch(() => {});
  await page.evaluate(() => localStorage.setItem('pbcalc.welcome', 'dismissed'));
  await goTo(page, server.url, 'branches');
  await page.getByTestId('add-branch').click();
  await page.getByTestId('branch-name').fill('我的支部');
  await page.getByTestId('branch-save').click();
  await page.waitForSelector('text=我的支部');
  const before = await stored(page);
  assert.match(before, /我的支部/);
  const keys = await page.evaluate(() => Object.keys(localStorage).sort().join(','));

  await page.getByTestId('demo-start').click();
  const step = page.getByTestId('demo-step');
  await step.waitFor();
  const n = Number(await step.getAttribute('data-steps'));
  assert.equal(n, 10);
  const titles = [];
  for (let i = 1; i <= n; i++) {
    assert.equal(await step.getAttribute('data-step'), String(i));
    titles.push(await page.getByTestId('demo-title').innerText());
    // The step's change moves the numbers it names; taking it back shows none moved.
    await page.getByTestId('demo-change').click();
    await page.getByTestId('demo-moved').waitFor({ timeout: 20000 });
    const moved = page.getByTestId('demo-moved-row');
    assert.ok(await moved.count() > 0, `step ${i} moves something`);
    const first = await moved.first().locator('td').allInnerTexts();
    assert.notEqual(first[1], first[2], `step ${i}: before differs from after`);
    await page.getByTestId('demo-change').click();
    assert.equal(await page.getByTestId('demo-moved').count(), 0);
    if (i < n) {
      if (i % 2) await page.getByTestId('demo-next').click(); else await page.keyboard.press('ArrowRight');
    }
  }
  assert.ok(await page.getByTestId('demo-next').isDisabled());
  // Back with the arrow key and the button.
  await page.keyboard.press('ArrowLeft');
  assert.equal(await step.getAttribute('data-step'), String(n - 1));
  await page.getByTestId('demo-prev').click();
  assert.equal(await step.getAttribute('data-step'), String(n - 2));
  assert.equal(new Set(titles).size, n);
  // The pages show the sample copy, not the user's scenario, while the walk-through runs.
  await page.getByTestId('demo-change').click();
  await page.keyboard.press('Escape');
  assert.equal(await page.getByTestId('demo-step').count(), 0);
  await goTo(page, server.url, 'branches');
  await page.waitForSelector('text=我的支部');
  assert.equal(await stored(page), before, 'the stored document is byte-for-byte unchanged');
  assert.equal(await page.evaluate(() => Object.keys(localStorage).sort().join(',')), keys);
  await reload(page);
  await page.waitForSelector('text=我的支部');
  assert.equal(await stored(page), before);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the method page fills in the scenario settings and the why chain links to it', async () => {
  const page = await openApp(browser, server.url, { locale: 'en' });
  await page.goto(`${server.url}#/method`);
  await page.getByTestId('method').waitFor();
  assert.equal(await page.getByTestId('method-section').count(), 10);
  const text = await page.getByTestId('method').innerText();
  assert.ok(!text.includes('{}'));
  assert.match(text, /\[75\]/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the printed results page (A4 PDF) holds every column header and every branch of the period as text', async () => {
  const page = await openApp(browser, server.url);
  await goTo(page, server.url, 'results');
  await page.getByTestId('ranking-table').waitFor();
  const headers = (await page.locator('[data-testid="ranking-table"] thead th').allInnerTexts())
    .map((t) => t.split('\n')[0].trim()).filter(Boolean);
  const names = await page.locator('[data-testid="ranking-row"] td.name').allInnerTexts();
  assert.ok(headers.length >= 16 && names.length === 12);
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['topbar', 'sidebar', 'welcome']) {
    const visible = await page.locator(`.${hidden}`).first().isVisible().catch(() => false);
    assert.equal(visible, false, `${hidden} is not printed`);
  }
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  const fs = await import('node:fs');
  const { execFileSync } = await import('node:child_process');
  const file = `/tmp/pbcalc-print-${process.pid}.pdf`;
  fs.writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  for (const h of headers) assert.ok(text.includes(h.replace(/\s+/g, '')), `header ${h} is printed`);
  for (const n of names) assert.ok(text.includes(n.replace(/\s+/g, '')), `branch ${n} is printed`);
  assert.ok(!text.includes('导出方案'), 'no buttons printed');
  fs.unlinkSync(file);
  await page.context().close();
});
