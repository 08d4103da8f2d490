// pbcalc's service worker: after one visit the app starts without the server.
//
// The build step (scripts/post-build.mjs) writes the build's id and its list of files below, so every build
// has its own cache and its own worker script; the browser sees the changed script on the next visit, the new
// worker caches the new files and deletes the old caches. localStorage (the user's data) is never touched.
//
// Pages (navigations) go to the network first, so a new version is used as soon as it is online, and fall
// back to the cached page offline. Every other file of the app has its content hash in its name, so it is
// answered from the cache when there; a new page asks for new names, which are never in an old cache: an
// old wasm is never served with a new script.
const BUILD = '__PBCALC_BUILD__';
const FILES = __PBCALC_FILES__;
const CACHE = `pbcalc-${BUILD}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('pbcalc-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) {
            const copy = res.clone();
            caches.open(CACHE).then((c) => c.put('./', copy));
          }
          return res;
        })
        .catch(() => caches.open(CACHE).then((c) => c.match('./')).then((r) => r || Response.error())),
    );
    return;
  }
  event.respondWith(caches.open(CACHE).then((c) => c.match(req).then((hit) => hit || fetch(req))));
});
