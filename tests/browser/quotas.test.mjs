// Grade quotas (METHOD.md §8) through the UI: the public worked example with quotas imported and exported value
// for value, the grades page (quota per grade, holders per cycle against the places, the held-back reason in words,
// the path mark), editing a quota with its inline check and undo, the settings page field, the simulation's
// per-grade figure and a sweep of a grade's quota.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launch, openApp, assertClose, runSweep } from './harness.mjs';

const fixture = (name) => path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', name);
const NAME = '公开示例：小型气田党委（含等级比例控制）';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return { name: dl.suggestedFilename(), text: fs.readFileSync(await dl.path(), 'utf8') };
}

async function openExample() {
  const page = await openApp(browser, server.url);
  await page.getByTestId('import-file').setInputFiles(fixture('small-quotas.pbcalc.json'));
  await page.waitForSelector(`text=${NAME}`);
  return page;
}

test('the worked example with quotas imported through the UI exports exactly the expected results', async () => {
  const page = await openExample();
  const { text } = await download(page, 'export-results');
  const expected = JSON.parse(fs.readFileSync(fixture('small-quotas.expected.pbcalc-results.json'), 'utf8'));
  assertClose(JSON.parse(text), expected);
  // The scenario exported keeps the quotas.
  const scenario = JSON.parse((await download(page, 'export-scenario')).text);
  assert.deepEqual(scenario.settings.grades.quotas, [null, null, 0.2, 0.2, null]);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the grades page shows each quota, the holders per cycle, the reason in words and the path mark', async () => {
  const page = await openExample();
  await page.goto(`${server.url}#/grades`);
  const p2 = page.locator('[data-testid="cycle"][data-cycle="1"] [data-testid="cycle-row"][data-branch="p2"]');
  assert.equal(await p2.getAttribute('data-reason'), 'quota');
  assert.match(await p2.innerText(), /第一档且满足保持期，但三级名额已满（上限 1 个，已有 1 个）：保持二级/);
  // Grade 3: quota 0.2, one place, after cycle 1 one holder (o2) and one promotion waiting (p2).
  const row3 = page.locator('[data-testid="quota-row"][data-grade="3"]');
  assert.equal(await row3.getByTestId('quota-3').inputValue(), '0.2');
  assert.equal(await row3.getByTestId('quota-places').innerText(), '1');
  const c3 = row3.getByTestId('quota-count').first();
  assert.equal(await c3.getAttribute('data-holding'), '1');
  assert.equal(await c3.getAttribute('data-waiting'), '1');
  assert.match(await c3.innerText(), /1 \/ 1/);
  // Grade 4: p1 was admitted, nobody waits; grade 5 has no limit.
  const c4 = page.locator('[data-testid="quota-row"][data-grade="4"] [data-testid="quota-count"]').first();
  assert.equal(await c4.getAttribute('data-waiting'), '0');
  assert.equal(await page.locator('[data-testid="quota-row"][data-grade="5"] [data-testid="quota-places"]').innerText(), '不限');
  // p2's path marks the held-back promotion; no other branch has the mark.
  assert.equal(await page.locator('.path[data-branch="p2"] [data-testid="quota-mark"]').count(), 1);
  assert.equal(await page.getByTestId('quota-mark').count(), 1);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a quota edited on the grades page changes the grades at once, refuses a bad share, and undoes', async () => {
  const page = await openExample();
  await page.goto(`${server.url}#/grades`);
  const p2 = page.locator('[data-testid="cycle"][data-cycle="1"] [data-testid="cycle-row"][data-branch="p2"]');
  const input = page.getByTestId('quota-3');
  // 40 % = two places: p2 is promoted.
  await input.fill('40%');
  await page.waitForFunction(() => document.querySelector('[data-testid="cycle"][data-cycle="1"] [data-branch="p2"]')?.dataset.reason === 'promoted');
  assert.equal(await page.locator('[data-testid="quota-row"][data-grade="3"] [data-testid="quota-places"]').innerText(), '2');
  // A share above 1 is refused in place, naming the field; the grades stay.
  await input.fill('1.5');
  await page.waitForSelector('[role="alert"] >> text=比例上限');
  // Empty = no limit.
  await input.fill('');
  await page.waitForSelector('[data-testid="quota-row"][data-grade="3"] [data-testid="quota-places"] >> text=不限');
  await page.waitForFunction(() => document.querySelector('[data-testid="cycle"][data-cycle="1"] [data-branch="p2"]')?.dataset.reason === 'promoted');
  await input.blur();
  // Undo goes back to the imported 0.2 (one step for the field's editing).
  await page.getByTestId('undo').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="cycle"][data-cycle="1"] [data-branch="p2"]')?.dataset.reason === 'quota');
  assert.equal(await input.inputValue(), '0.2');
  // The settings page edits the same list.
  await page.goto(`${server.url}#/settings`);
  assert.equal(await page.getByTestId('grade-quota-4').inputValue(), '0.2');
  assert.equal(await page.getByTestId('grade-quota-5').inputValue(), '');
  await page.context().close();
});

test('the simulation shows per grade the share of trials in which the quota held a promotion back', async () => {
  const page = await openExample();
  await page.goto(`${server.url}#/grades`);
  await page.getByTestId('run-simulation').click();
  await page.getByTestId('simulation-done').waitFor({ timeout: 60_000 });
  const rows = page.getByTestId('simulation-quota-row');
  assert.deepEqual(await rows.evaluateAll((rs) => rs.map((r) => r.dataset.grade)), ['4', '3']);
  const shares = await rows.evaluateAll((rs) => rs.map((r) => Number(r.dataset.p)));
  for (const p of shares) assert.ok(p >= 0 && p <= 1, `share ${p}`);
  assert.ok(shares.some((p) => p > 0), `${shares}`);
  const { text } = await download(page, 'export-results');
  const sim = JSON.parse(text).simulation;
  assert.equal(sim.quota_held_back.length, 5);
  assert.equal(sim.quota_held_back[3], shares[0]);
  assert.equal(sim.quota_held_back[2], shares[1]);
  assert.deepEqual([sim.quota_held_back[0], sim.quota_held_back[1], sim.quota_held_back[4]], [0, 0, 0]);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a sweep of a grade quota names the branch whose grade changes as the cap moves', async () => {
  const page = await openExample();
  const steps = await runSweep(page, server.url, 'quota:3', 0, 1, 6);
  assert.equal(await steps.count(), 6);
  // From a cap of 2 (0.4) on, 集输站党支部 (p2) reaches grade 3; at 0 and 0.2 nothing changes.
  const changes = await steps.evaluateAll((rs) => rs.map((r) => r.children[3].innerText));
  assert.deepEqual(changes.map((c) => c.includes('集输站党支部')), [false, false, true, true, true, true]);
  await page.context().close();
});
