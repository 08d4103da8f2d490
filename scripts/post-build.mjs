// Trunk's post-build hook (Trunk.toml [[hooks]]), so it runs in every build: scripts/test.sh, scripts/serve.sh,
// a plain `trunk build`. It works on the staging directory before trunk moves it to dist/.
//
// 1. Content-Security-Policy: trunk writes one inline module script (the loader of the wasm). The policy in
//    index.html allows no inline script but by hash: the placeholder 'pbcalc-inline-scripts' in the policy's
//    meta tag becomes the sha256 of every inline script of the final page. A page without it fails the build.
// 2. Service worker: sw.js gets the build's id (a hash of every file of the build) and the list of files to
//    cache, so each build has its own cache and a changed worker script.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (run through trunk)');
  process.exit(1);
}
const htmlPath = path.join(dir, 'index.html');
let html = fs.readFileSync(htmlPath, 'utf8');

// 1. The hashes of the inline scripts (a <script> without src), exactly as the browser hashes them.
const PLACEHOLDER = "'pbcalc-inline-scripts'";
const META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*"/i;
if (!META.exec(html)?.[0].includes(PLACEHOLDER)) {
  console.error(`post-build: index.html has no ${PLACEHOLDER} in its Content-Security-Policy meta tag`);
  process.exit(1);
}
const hashes = [];
for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (/\bsrc\s*=/.test(m[1])) continue;
  hashes.push(`'sha256-${crypto.createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
}
html = html.replace(META, (meta) => meta.replace(PLACEHOLDER, hashes.join(' ') || "'none'"));
fs.writeFileSync(htmlPath, html);

// 2. The service worker's list of files and the build id.
const swPath = path.join(dir, 'sw.js');
if (fs.existsSync(swPath)) {
  const files = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      // (precompressed copies, if a later step made them, are for static hosts, not for the cache)
      else if (p !== swPath && !/\.(br|gz)$/.test(p)) files.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  files.sort();
  const id = crypto.createHash('sha256');
  for (const f of files) id.update(f).update('\0').update(fs.readFileSync(path.join(dir, f)));
  const build = id.digest('hex').slice(0, 16);
  const list = ['./', ...files.filter((f) => f !== 'index.html')];
  let sw = fs.readFileSync(swPath, 'utf8');
  sw = sw.replace("'__PBCALC_BUILD__'", JSON.stringify(build)).replace('__PBCALC_FILES__', JSON.stringify(list));
  fs.writeFileSync(swPath, sw);
  console.log(`post-build: CSP with ${hashes.length} inline script hash(es); service worker build ${build}, ${list.length} files`);
}
