// The editors: categories and coefficients, indicators and optional actions, settings — in headless Chromium
// against the release build. Every change is checked where it lands: the saved document and the pages that
// compute from it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, stored, goTo } from './harness.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const go = (page, slug) => goTo(page, server.url, slug);
/** The current scenario as saved in localStorage (null before the first change). */
const saved = async (page) => {
  const text = await stored(page);
  if (!text) return null;
  const doc = JSON.parse(text);
  return doc.scenarios[doc.current];
};
const savedText = (page) => stored(page);
const target = (page, branch, indicator) => page
  .locator(`[data-testid="target-cell"][data-branch="${branch}"][data-indicator="${indicator}"] .value`)
  .innerText();
/** Types into an in-place field and commits it with Enter. */
const commit = async (page, testid, text) => {
  await page.getByTestId(testid).fill(text);
  await page.getByTestId(testid).press('Enter');
};

test('a category is added, renamed, its coefficient changes a target, and its deletion is undone', async () => {
  const page = await openApp(browser, server.url);
  const rows = page.locator('[data-testid="category-row"]');
  await page.getByTestId('category-table').waitFor();
  assert.equal(await rows.count(), 4);

  // Add through the form; the id is offered and the name is required.
  await page.getByTestId('add-category').click();
  await page.getByTestId('category-save').click();
  assert.match(await page.getByTestId('category-name-error').innerText(), /类别名称.*不能为空/);
  await page.getByTestId('category-name').fill('测试类别');
  await page.getByTestId('category-id').fill('prod');
  assert.match(await page.getByTestId('category-id-error').innerText(), /重复/);
  await page.getByTestId('category-id').fill('test');
  await page.getByTestId('category-save').click();
  assert.equal(await rows.count(), 5);
  assert.equal(await page.locator('[data-testid="category-row"][data-id="test"] [data-testid="category-row-name"]').innerText(), '测试类别');
  assert.deepEqual((await saved(page)).categories.at(-1), { id: 'test', name: '测试类别', coefficients: {} });

  // Rename in place: Enter saves.
  await page.locator('[data-testid="category-row"][data-id="test"] [data-testid="category-rename"]').click();
  await page.getByTestId('category-rename-input').fill('试点类别');
  await page.getByTestId('category-rename-input').press('Enter');
  assert.equal((await saved(page)).categories.at(-1).name, '试点类别');

  // A coefficient: c1a is in "prod" (k 1.2 for tasks) → target round(8 × k × f, 0) with f = 1.0167.
  await go(page, 'targets');
  assert.equal(await target(page, 'c1a', 'tasks'), '10');
  await go(page, 'branches');
  await commit(page, 'coef-prod-tasks', '2');
  assert.equal((await saved(page)).categories[0].coefficients.tasks, 2);
  await go(page, 'targets');
  assert.equal(await target(page, 'c1a', 'tasks'), '16');

  // Invalid input is named in place and never reaches the model; Escape brings the value back.
  await go(page, 'branches');
  const before = await savedText(page);
  await page.getByTestId('coef-prod-tasks').fill('-1');
  assert.match(await page.getByTestId('coef-prod-tasks-error').innerText(), /类别系数 k.*0 … 1000/);
  await page.getByTestId('coef-prod-tasks').press('Enter');
  await page.getByTestId('coef-prod-tasks').fill('abc');
  assert.match(await page.getByTestId('coef-prod-tasks-error').innerText(), /数值/);
  await page.getByTestId('coef-prod-tasks').press('Tab');
  assert.equal(await savedText(page), before, 'nothing changed');
  await page.getByTestId('coef-prod-tasks').press('Escape');
  assert.equal(await page.getByTestId('coef-prod-tasks').inputValue(), '2');
  assert.equal(await page.getByTestId('coef-prod-tasks-error').count(), 0);

  // Cleared (or 1) means the default: the entry goes.
  await commit(page, 'coef-prod-tasks', '');
  assert.equal((await saved(page)).categories[0].coefficients.tasks, undefined);
  await commit(page, 'coef-prod-hours', '1');
  assert.equal((await saved(page)).categories[0].coefficients.hours, undefined);

  // Delete: the branches become uncategorised; undo brings both back.
  await page.locator('[data-testid="category-row"][data-id="prod"] [data-testid="category-delete"]').click();
  assert.equal(await rows.count(), 4);
  const afterDelete = await saved(page);
  assert.ok(afterDelete.branches.filter((b) => b.id === 'c1a').every((b) => b.category == null));
  assert.match(await page.getByTestId('category-deleted').innerText(), /生产一线/);
  await page.getByTestId('category-deleted-undo').click();
  assert.equal(await rows.count(), 5);
  assert.equal((await saved(page)).branches.find((b) => b.id === 'c1a').category, 'prod');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('an indicator is added with every field, shows up everywhere, and its deletion is undone', async () => {
  const page = await openApp(browser, server.url);
  await go(page, 'indicators');
  const rows = page.locator('[data-testid="indicator-row"]');
  assert.equal(await rows.count(), 11);
  assert.equal(await page.getByTestId('total-weight').innerText(), '100');

  await page.getByTestId('add-indicator').click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-ind-name', 'the editor takes the focus');
  // Errors show as fields are touched; saving with errors keeps the editor open and changes nothing.
  await page.getByTestId('ind-weight').fill('-3');
  assert.match(await page.getByTestId('ind-weight-error').innerText(), /权重.*超出允许范围/);
  await page.getByTestId('ind-save').click();
  assert.match(await page.getByTestId('ind-name-error').innerText(), /指标名称.*不能为空/);
  assert.equal(await page.getByTestId('indicator-editor').count(), 1);
  assert.equal(await rows.count(), 11);
  // A veto indicator has no weight or target.
  await page.getByTestId('ind-kind').selectOption('veto');
  assert.equal(await page.getByTestId('ind-weight').count(), 0);
  await page.getByTestId('ind-veto-note').waitFor();
  await page.getByTestId('ind-kind').selectOption('elastic');
  await page.getByTestId('ind-name').fill('志愿服务时长');
  await page.getByTestId('ind-dimension').fill('群众反映好');
  await page.getByTestId('ind-weight').fill('10');
  await page.getByTestId('ind-base_target').fill('40');
  await page.getByTestId('ind-unit').fill('小时');
  await page.getByTestId('ind-decimals').fill('0');
  await page.getByTestId('ind-tolerance').fill('0.95');
  assert.match(await page.getByTestId('ind-tolerance-error').innerText(), /容差.*0 … 0.9/);
  await page.getByTestId('ind-tolerance').fill('0.2');
  await page.getByTestId('ind-workload').fill('每名党员每季度参加志愿服务');
  await page.getByTestId('ind-effect').fill('群众满意');
  await page.getByTestId('ind-name').press('Enter');
  await page.locator('[data-testid="indicator-row"][data-id="i01"]').waitFor();
  assert.equal(await rows.count(), 12);
  assert.equal(await page.getByTestId('total-weight').innerText(), '110');
  const added = (await saved(page)).indicators.find((i) => i.id === 'i01');
  assert.equal(added.kind, 'elastic');
  assert.equal(added.measure, 'quantitative');
  assert.equal(added.tolerance, 0.2);
  assert.equal(added.weight, 10);
  assert.equal(added.workload, '每名党员每季度参加志愿服务');
  const share = await page.locator('[data-testid="indicator-row"][data-id="i01"] [data-testid="ind-share"]').innerText();
  assert.match(share, /9\.1%/);

  // It is a column of the coefficient matrix and of the targets.
  await go(page, 'branches');
  await page.getByTestId('coef-prod-i01').waitFor();
  await go(page, 'targets');
  assert.equal(await target(page, 'c1a', 'i01'), '41');

  // Changing the measure of an indicator with data says beforehand what would go; Escape cancels.
  await go(page, 'indicators');
  await page.locator('[data-testid="indicator-row"][data-id="tasks"] [data-testid="ind-edit"]').click();
  assert.equal(await page.getByTestId('ind-losses').count(), 0);
  await page.getByTestId('ind-measure').selectOption('qualitative');
  assert.match(await page.getByTestId('ind-losses').innerText(), /实际值/);
  await page.keyboard.press('Escape');
  assert.equal(await page.getByTestId('indicator-editor').count(), 0);

  // Delete an indicator that has data: every reference goes; undo brings it all back.
  await go(page, 'indicators');
  const uses = (sc) => sc.periods.flatMap((p) => Object.values(p.records)).filter((r) => r.actuals && 'tasks' in r.actuals).length;
  const beforeDelete = await saved(page);
  assert.ok(uses(beforeDelete) > 0);
  await page.locator('[data-testid="indicator-row"][data-id="tasks"] [data-testid="ind-delete"]').click();
  assert.equal(await page.locator('[data-testid="indicator-row"][data-id="tasks"]').count(), 0);
  const gone = await saved(page);
  assert.equal(uses(gone), 0);
  assert.ok(gone.categories.every((c) => !('tasks' in c.coefficients)));
  assert.ok(gone.branches.every((b) => !('tasks' in (b.target_overrides || {}))));
  await page.getByTestId('indicator-deleted-undo').click();
  await page.locator('[data-testid="indicator-row"][data-id="tasks"]').waitFor();
  assert.equal(uses(await saved(page)), uses(beforeDelete));
  // The same with the top bar's undo.
  await page.locator('[data-testid="indicator-row"][data-id="tasks"] [data-testid="ind-delete"]').click();
  await page.getByTestId('undo').click();
  await page.locator('[data-testid="indicator-row"][data-id="tasks"]').waitFor();

  // Optional actions and the bonus cap.
  await page.getByTestId('add-action').click();
  await page.getByTestId('act-name').fill('结对共建');
  await page.getByTestId('act-points').fill('1.5');
  await page.getByTestId('act-save').click();
  assert.deepEqual((await saved(page)).optional_actions.at(-1), { id: 'a01', name: '结对共建', points: 1.5 });
  await commit(page, 'bonus-cap', '8');
  assert.equal((await saved(page)).settings.scoring.bonus_cap, 8);
  await page.getByTestId('bonus-cap').fill('-1');
  assert.match(await page.getByTestId('bonus-cap-error').innerText(), /加分上限/);
  await page.getByTestId('bonus-cap').press('Enter');
  assert.equal((await saved(page)).settings.scoring.bonus_cap, 8);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a setting applies when valid, is reset, and an out-of-range value changes nothing', async () => {
  const page = await openApp(browser, server.url);
  // A setting that moves a target: condition_step 0 makes f = 1 (hours, prod k 0.9: 24 × 0.9 = 21.6).
  await go(page, 'targets');
  assert.equal(await target(page, 'c1a', 'hours'), '22.0');
  await go(page, 'settings');
  await commit(page, 'setting-differentiation.condition_step', '0');
  assert.equal((await saved(page)).settings.differentiation.condition_step, 0);
  await go(page, 'targets');
  assert.equal(await target(page, 'c1a', 'hours'), '21.6');
  await go(page, 'settings');
  await page.getByTestId('setting-reset-differentiation.condition_step').click();
  assert.equal((await saved(page)).settings.differentiation.condition_step, 0.05);
  assert.equal(await page.getByTestId('setting-differentiation.condition_step').inputValue(), '0.05');
  assert.ok(await page.getByTestId('setting-reset-differentiation.condition_step').isDisabled());

  // Out of range: a message naming the setting and its range; nothing saved, nothing undoable added.
  const before = await savedText(page);
  const undoTitle = await page.getByTestId('undo').getAttribute('title');
  await page.getByTestId('setting-scoring.floor_ratio').fill('1.5');
  const err = page.getByTestId('setting-scoring.floor_ratio-error');
  assert.match(await err.innerText(), /起评线.*0 … 0.99/);
  await page.getByTestId('setting-scoring.floor_ratio').press('Enter');
  await page.getByTestId('setting-scoring.floor_ratio').press('Tab');
  assert.equal(await savedText(page), before);
  assert.equal(await page.getByTestId('undo').getAttribute('title'), undoTitle);
  await page.getByTestId('setting-simulation.trials').fill('2.5');
  assert.match(await page.getByTestId('setting-simulation.trials-error').innerText(), /整数/);
  await page.getByTestId('setting-simulation.trials').press('Escape');
  assert.equal(await page.getByTestId('setting-simulation.trials').inputValue(), '1000');
  // factor_min above factor_max is refused with its own message.
  await page.getByTestId('setting-differentiation.factor_min').fill('1.5');
  assert.match(await page.getByTestId('setting-differentiation.factor_min-error').innerText(), /下限不能大于上限/);
  await page.getByTestId('setting-differentiation.factor_min').press('Escape');
  assert.equal(await savedText(page), before);

  // The members' weight must be the largest: warned, and the section reset puts it right.
  assert.equal(await page.getByTestId('members-weight-warning').count(), 0);
  await commit(page, 'setting-evaluation.weights.members', '0.1');
  await page.getByTestId('members-weight-warning').waitFor();
  await page.getByTestId('section-reset-evaluation').click();
  assert.equal(await page.getByTestId('members-weight-warning').count(), 0);
  assert.equal((await saved(page)).settings.evaluation.weights.members, 0.5);

  // Fewer grades: the grade table shrinks and branches above L are lowered; undo restores both.
  assert.equal(await page.locator('[data-testid="grade-row"]').count(), 5);
  await commit(page, 'setting-grades.levels', '3');
  assert.equal(await page.locator('[data-testid="grade-row"]').count(), 3);
  const three = await saved(page);
  assert.equal(three.settings.grades.names.length, 3);
  assert.ok(three.branches.every((b) => b.grade <= 3));
  await page.getByTestId('undo').click();
  assert.equal(await page.locator('[data-testid="grade-row"]').count(), 5);
  assert.ok((await saved(page)).branches.some((b) => b.grade > 3));

  // A grade's name and the tiering method.
  await commit(page, 'grade-name-1', '起步');
  assert.equal((await saved(page)).settings.grades.names[0], '起步');
  await page.getByTestId('setting-tiers.method').selectOption('threshold');
  assert.equal((await saved(page)).settings.tiers.method, 'threshold');
  await page.getByTestId('setting-reset-tiers.method').click();
  assert.equal((await saved(page)).settings.tiers.method, 'quota');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the editors read completely in English', async () => {
  const page = await openApp(browser, server.url);
  await page.getByTestId('lang-switch').selectOption('en');
  const cjk = /[\u4e00-\u9fff]/;

  await page.getByTestId('categories').waitFor();
  assert.match(await page.getByTestId('add-category').innerText(), /Add category/);
  const head = await page.locator('[data-testid="category-table"] thead').innerText();
  assert.match(head, /Category id/);
  await page.getByTestId('coef-prod-tasks').fill('x');
  assert.match(await page.getByTestId('coef-prod-tasks-error').innerText(), /Category coefficient k: wrong type: expected a number/);
  await page.getByTestId('coef-prod-tasks').press('Escape');

  await go(page, 'indicators');
  assert.match(await page.getByTestId('indicators-page').locator('h2').innerText(), /Indicators/);
  assert.match(await page.getByTestId('optional-actions').innerText(), /Optional actions[\s\S]*Bonus cap/);
  await page.getByTestId('add-indicator').click();
  const editor = await page.getByTestId('indicator-editor').innerText();
  for (const word of ['Indicator name', 'Dimension', 'Kind', 'Measure', 'Direction', 'Weight (points)', 'Base target',
    'Unit', 'Decimals', 'Workload', 'Measures', 'Deadline', 'Effect']) {
    assert.ok(editor.includes(word), word);
  }
  assert.doesNotMatch(editor, cjk);
  await page.keyboard.press('Escape');

  await go(page, 'settings');
  const first = await page.getByTestId('settings-section-differentiation').innerText();
  assert.match(first, /Differentiated targets[\s\S]*Reset this section[\s\S]*Condition step/);
  assert.doesNotMatch(first, cjk);
  assert.doesNotMatch(await page.getByTestId('settings-section-simulation').innerText(), cjk);
  await page.getByTestId('setting-scoring.floor_ratio').fill('2');
  assert.equal(await page.getByTestId('setting-scoring.floor_ratio-error').innerText(), 'Floor: out of range: allowed 0 … 0.99');
  await page.getByTestId('setting-scoring.floor_ratio').press('Escape');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
