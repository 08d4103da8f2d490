// The grades page (METHOD.md §8) against the public example's expected cycles.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launch, openApp } from './harness.mjs';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('every cycle of the public example is shown as expected, the trailing one in progress', async () => {
  const page = await openApp(browser, server.url);
  await page.getByTestId('import-file').setInputFiles(path.join(fixtures, 'small.pbcalc.json'));
  await page.waitForSelector('text=公开示例：小型气田党委');
  await page.goto(`${server.url}#/grades`);
  const expected = JSON.parse(fs.readFileSync(path.join(fixtures, 'small.expected.pbcalc-results.json'), 'utf8')).cycles;
  const cycles = page.getByTestId('cycle');
  assert.equal(await cycles.count(), expected.length);
  for (const [i, c] of expected.entries()) {
    const el = cycles.nth(i);
    assert.equal(await el.getAttribute('data-complete'), String(c.complete));
    const rows = el.getByTestId('cycle-row');
    assert.equal(await rows.count(), c.branches.length);
    for (const [j, r] of c.branches.entries()) {
      const row = rows.nth(j);
      assert.equal(await row.getAttribute('data-branch'), r.branch, `cycle ${c.cycle} row ${j}`);
      assert.equal(await row.getAttribute('data-reason'), r.reason);
      const text = await row.innerText();
      assert.ok(text.includes(r.score.toFixed(2)), `${text} has ${r.score.toFixed(2)}`);
      assert.ok(text.includes(`${r.grade_before}\n→\n${r.grade_after}`) || text.includes(`${r.grade_before} → ${r.grade_after}`), text);
    }
  }
  assert.match(await cycles.nth(1).innerText(), /进行中/);
  // p3 was vetoed in cycle 1: 4 → 2, and its path shows it.
  assert.equal(await page.locator('.path[data-branch="p3"]').getAttribute('data-grades'), '4,2,2');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a grade name edited on the page is used everywhere and can be undone', async () => {
  const page = await openApp(browser, server.url);
  await page.goto(`${server.url}#/grades`);
  await page.getByTestId('grade-name-5').fill('标杆党支部');
  await page.waitForSelector('text=五级（标杆）', { state: 'detached' });
  assert.ok((await page.locator('.cycle').first().innerText()).includes('标杆党支部'));
  await page.getByTestId('grade-name-5').fill('');
  await page.waitForSelector('[role="alert"] >> text=不能为空');
  await page.getByTestId('undo').click();
  await page.waitForSelector('text=五级（标杆）');
  await page.context().close();
});
