// Registers pbcalc's service worker (web/sw.js), which keeps the app's files for offline use. A separate
// file, not an inline script, so that the Content-Security-Policy allows no inline code but trunk's loader.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('sw.js').catch(() => {
      // Without a service worker the app still works online; nothing to tell the user.
    });
  });
}
