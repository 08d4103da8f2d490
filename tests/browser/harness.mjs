// Shared set-up of the browser tests: serves dist/ on a free loopback port and drives Debian's Chromium
// (/usr/bin/chromium) with playwright-core. Nothing here downloads a browser.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

// PBCALC_DIST lets parallel builds test their own output directory.
const root = process.env.PBCALC_DIST
  ? path.resolve(process.env.PBCALC_DIST)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.ico': 'image/x-icon',
  '.png': 'image/png', '.webmanifest': 'application/manifest+json',
};

/**
 * Serves the built app; resolves to { url, close }. `close` also ends open connections (a test may stop the
 * server while the browser is still up). `rewrite(name, buffer)` may change a file as it is served.
 */
export async function serveDist({ rewrite } = {}) {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`no build in ${root}: run trunk build --release first`);
  }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      file = path.join(root, 'index.html');
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    if (rewrite) res.end(rewrite(path.relative(root, file), fs.readFileSync(file)));
    else fs.createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  const close = () => new Promise((ok) => {
    server.close(ok);
    server.closeAllConnections();
  });
  return { url: `http://127.0.0.1:${port}/`, close };
}

/** Launches headless Debian Chromium with the flags that keep it quiet on a closed network. */
export async function launch() {
  // playwright-core gives the browser a new empty profile of its own (its --user-data-dir).
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/**
 * A fresh page (its own storage) on the app. Console errors and page errors are collected in
 * `page.problems` so a test can assert there were none.
 */
export async function openApp(browser, url, options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN', ...options });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(m.text()); });
  page.on('pageerror', (e) => page.problems.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('[data-testid="save-status"]');
  return page;
}

/** Reloads and waits for the app to be up again. */
export async function reload(page) {
  await page.reload();
  await page.waitForSelector('[data-testid="save-status"]');
}

/**
 * The text stored under `key` once the app has written its latest change (it saves just after the frame that
 * shows a change, or after a pause in the editing for big documents; `<html data-saving>` is set meanwhile).
 */
export async function stored(page, key = 'pbcalc.document') {
  await page.waitForFunction(() => !document.documentElement.hasAttribute('data-saving'));
  return page.evaluate((k) => localStorage.getItem(k), key);
}

/** Opens page `slug` (`#/slug`) of the app served at `url` and waits for it. */
export async function goTo(page, url, slug) {
  await page.goto(`${url}#/${slug}`);
  await page.getByTestId(`page-${slug}`).waitFor();
}

/** Asserts that `actual` equals `expected` value for value, numbers within 1e-6, naming the JSON path of a difference. */
export function assertClose(actual, expected, where = '$') {
  if (typeof expected === 'number') {
    assert.equal(typeof actual, 'number', `${where}: ${JSON.stringify(actual)} is not a number`);
    assert.ok(Math.abs(actual - expected) <= 1e-6, `${where}: ${actual} ≠ ${expected}`);
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: not a list`);
    assert.equal(actual.length, expected.length, `${where}: length`);
    expected.forEach((e, i) => assertClose(actual[i], e, `${where}[${i}]`));
  } else if (expected && typeof expected === 'object') {
    assert.ok(actual && typeof actual === 'object', `${where}: not an object`);
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${where}: keys`);
    for (const k of Object.keys(expected)) assertClose(actual[k], expected[k], `${where}.${k}`);
  } else {
    assert.equal(actual, expected, `${where}`);
  }
}

/** Runs a sensitivity sweep of `parameter` from `from` to `to` in `steps` steps on the grades page and waits for
 *  it to finish; returns the step rows. */
export async function runSweep(page, url, parameter, from, to, steps) {
  await page.goto(`${url}#/grades`);
  await page.getByTestId('sweep-parameter').selectOption(parameter);
  await page.getByTestId('sweep-from').fill(String(from));
  await page.getByTestId('sweep-to').fill(String(to));
  await page.getByTestId('sweep-steps').fill(String(steps));
  await page.getByTestId('run-sweep').click();
  await page.getByTestId('sweep-done').waitFor();
  return page.getByTestId('sweep-step');
}

/**
 * Self and total time (ms) per function of a CDP `Profiler.stop` profile, counting only the samples `k` for which
 * `inWindow(k)` holds (all of them by default). A function is named by its name, else by its script's file.
 */
export function profileTimes(profile, inWindow = () => true) {
  const dt = profile.timeDeltas || [];
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const self = new Map();
  const total = new Map();
  const key = (n) => n.callFrame.functionName || `(${n.callFrame.url.split('/').pop()})`;
  profile.samples.forEach((id, k) => {
    if (!inWindow(k)) return;
    const d = (dt[k] || 0) / 1000;
    const n = byId.get(id);
    self.set(key(n), (self.get(key(n)) || 0) + d);
    const seen = new Set();
    for (let x = id; x != null; x = parent.get(x)) seen.add(key(byId.get(x)));
    for (const f of seen) total.set(f, (total.get(f) || 0) + d);
  });
  return { self, total };
}
