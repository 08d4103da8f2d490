// The reader's limits, strict JSON and encoding rule through the real import (FORMAT.md "Limits", "Strict
// text", "Encoding"), in headless Chromium against the release build: each refused file shows what is wrong and
// where, and nothing changes in storage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launch, openApp, stored } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const small = () => JSON.parse(fs.readFileSync(path.join(here, '..', 'fixtures', 'small.pbcalc.json'), 'utf8'));

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

function write(name, content) {
  const file = path.join(fs.mkdtempSync('/tmp/pbcalc-limits-'), name);
  fs.writeFileSync(file, content);
  return file;
}

/** Imports `file`, expects a refusal; returns its message after checking storage and the page did not change. */
async function refused(page, file) {
  const before = await stored(page);
  const name = await page.getByTestId('scenario-name').innerText();
  await page.getByTestId('import-file').setInputFiles(file);
  const err = page.getByTestId('import-error');
  await err.waitFor();
  const text = await err.innerText();
  assert.equal(await stored(page), before, 'storage unchanged');
  assert.equal(await page.getByTestId('scenario-name').innerText(), name, 'scenario unchanged');
  await err.getByRole('button').click();
  return text;
}

test('a file that is not UTF-8 is refused with the encoding problem, not imported as mojibake', async () => {
  const page = await openApp(browser, server.url);
  // The fixture with its name written in GB18030 (党支部 = B5 B3 D6 A7 B2 BF).
  const text = JSON.stringify({ ...small(), name: 'NAME' });
  const [a, b] = text.split('NAME');
  const gb = Buffer.concat([Buffer.from(a), Buffer.from([0xb5, 0xb3, 0xd6, 0xa7, 0xb2, 0xbf]), Buffer.from(b)]);
  const message = await refused(page, write('gb18030.pbcalc.json', gb));
  assert.match(message, /不是 UTF-8 编码/);
  assert.match(message, /0xB5/);
  // UTF-16 with a byte-order mark is read.
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(small()), 'utf16le')]);
  await page.getByTestId('import-file').setInputFiles(write('utf16.pbcalc.json', utf16));
  await page.waitForSelector('text=公开示例：小型气田党委');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('numbers and sizes beyond the limits are refused with their path and the limit', async () => {
  const page = await openApp(browser, server.url);
  const huge = small();
  huge.settings = { ...(huge.settings || {}) };
  huge.settings.grades = { ...(huge.settings.grades || {}), bonus_coefficients: [1e300, 1, 1, 1, 1] };
  huge.settings.consequences = { ...(huge.settings.consequences || {}), bonus_pool: 1e13 };
  huge.branches[0].history = { [huge.indicators.find((i) => i.measure === 'quantitative').id]: [1e308, 1] };
  let message = await refused(page, write('huge.pbcalc.json', JSON.stringify(huge)));
  assert.match(message, /settings\.grades\.bonus_coefficients\[0\]: 超出允许范围，应为 0 … 1000/);
  assert.match(message, /branches\[0\]\.history\.\S+\[0\]: 超出允许范围，应为 -1000000000000 … 1000000000000/);

  const many = small();
  const template = many.branches[0];
  many.branches = Array.from({ length: 1001 }, (_, i) => ({ ...template, id: `x${i}`, name: `支部${i}` }));
  message = await refused(page, write('many.pbcalc.json', JSON.stringify(many)));
  assert.match(message, /branches: 条目过多：1,001 项，上限 1,000 项/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('duplicate keys, invisible names and broken JSON are refused in words, with the place', async () => {
  const page = await openApp(browser, server.url);
  const text = JSON.stringify(small());
  const dup = text.replace('"name":', '"name":"重复的名称","name":');
  let message = await refused(page, write('dup.pbcalc.json', dup));
  assert.match(message, /name: 同一对象中此键出现了两次/);

  const invisible = small();
  invisible.branches[0].name = '\u200b\ufeff';
  invisible.branches[1].id = ' ';
  message = await refused(page, write('invisible.pbcalc.json', JSON.stringify(invisible)));
  assert.match(message, /branches\[0\]\.name: 没有可见字符/);
  assert.match(message, /branches\[1\]\.id: 不能为空/);

  message = await refused(page, write('cut.pbcalc.json', text.slice(0, 58)));
  assert.match(message, /文件在第 1 行第 \d+ 列意外结束/);
  await page.context().close();
});
