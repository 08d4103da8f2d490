// A locked-down page that works offline: the Content-Security-Policy holds for a whole session (no request
// to any other origin, no violation), and after one visit the app and its data come back with the server
// stopped; a new build replaces the cached one without touching the stored data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launch, stored } from './harness.mjs';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A new context and page that records every request, console error and CSP violation. */
async function watched(url) {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN' });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(m.text()); });
  page.on('pageerror', (e) => page.problems.push(String(e)));
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(url);
  await page.waitForSelector('[data-testid="save-status"]');
  return { context, page, requests };
}

/** Waits until the service worker is active and has cached the page and its wasm. */
async function cached(page) {
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    if (!reg?.active) return false;
    const keys = await caches.keys();
    if (keys.length !== 1) return false;
    const cache = await caches.open(keys[0]);
    const names = (await cache.keys()).map((r) => r.url);
    return names.some((u) => u.endsWith('.wasm')) && names.some((u) => new URL(u).pathname === '/');
  }, null, { timeout: 20_000, polling: 200 });
}

test('a whole session asks nothing of any other origin and breaks no rule of the policy', async () => {
  const server = await serveDist();
  const { context, page, requests } = await watched(server.url);
  const origin = new URL(server.url).origin;
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]+=*'/);
  assert.match(csp, /connect-src 'self'/);
  const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src '));
  assert.doesNotMatch(scriptSrc, /'unsafe-inline'|'unsafe-eval'/);
  assert.doesNotMatch(csp, /pbcalc-inline-scripts/, 'the build step replaced the placeholder');

  for (const slug of ['branches', 'indicators', 'targets', 'periods', 'results', 'grades', 'scenarios', 'settings',
    'storage']) {
    await page.goto(`${server.url}#/${slug}`);
    await page.getByTestId(`page-${slug}`).waitFor();
  }
  await page.getByTestId('import-file').setInputFiles(path.join(fixtures, 'small.pbcalc.json'));
  await page.getByTestId('toast').waitFor();
  await page.goto(`${server.url}#/results`);
  for (const id of ['export-scenario', 'export-results', 'export-csv']) {
    await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
  }
  await page.reload();
  await page.waitForSelector('[data-testid="save-status"]');
  await cached(page);

  const foreign = requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin);
  assert.deepEqual(foreign, []);
  assert.ok(requests.some((u) => u.endsWith('.wasm')), 'the requests were recorded');
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(page.problems, []);

  // The policy is really in force: an inline script added now is refused and reported.
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.injected = true;';
    document.body.append(s);
    await new Promise((ok) => setTimeout(ok, 50));
    return window.injected === true;
  });
  assert.equal(ran, false);
  assert.match((await page.evaluate(() => window.cspViolations)).join(), /script-src/);
  await context.close();
  await server.close();
});

test('after one visit the app and its data start with the server stopped', async () => {
  const server = await serveDist();
  const { context, page } = await watched(server.url);
  await page.waitForSelector('[data-testid="branch-row"]');
  await page.locator('[data-testid="branch-row"]').first().getByTestId('branch-delete').click();
  await stored(page);
  await cached(page);
  await server.close();

  await page.reload();
  await page.waitForSelector('[data-testid="branch-row"]');
  assert.equal(await page.locator('[data-testid="branch-row"]').count(), 11, 'the stored data is there');
  await page.goto(`${page.url().split('#')[0]}#/results`);
  await page.getByTestId('page-results').waitFor();
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  // A new tab of the same browser starts offline too.
  const second = await context.newPage();
  await second.goto(page.url().split('#')[0]);
  await second.waitForSelector('[data-testid="branch-row"]');
  assert.equal(await second.locator('[data-testid="branch-row"]').count(), 11);
  await context.close();
});

test('a new build replaces the cached one on the next visit and leaves the stored data alone', async () => {
  // The same files served twice; the second time sw.js carries another build id, as a new build would.
  let build = 'old';
  const server = await serveDist({
    rewrite: (name, buf) => (name === 'sw.js' ? Buffer.from(`// ${build}\n${buf}`.replace(/const BUILD = "([^"]+)"/, `const BUILD = "$1-${build}"`)) : buf),
  });
  const { context, page } = await watched(server.url);
  await page.locator('[data-testid="branch-row"]').first().getByTestId('branch-delete').click();
  const doc = await stored(page);
  await cached(page);
  const first = await page.evaluate(() => caches.keys());

  build = 'new';
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await page.waitForFunction(async (old) => {
    const keys = await caches.keys();
    return keys.length === 1 && keys[0] !== old;
  }, first[0], { timeout: 20_000, polling: 200 });
  await page.reload();
  await page.waitForSelector('[data-testid="branch-row"]');
  assert.equal(await page.evaluate(() => localStorage.getItem('pbcalc.document')), doc);
  assert.equal(await page.locator('[data-testid="branch-row"]').count(), 11);
  assert.deepEqual(page.problems, []);
  await context.close();
  await server.close();
});
