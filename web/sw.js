// The service worker: keeps the app shell (index.html and the hashed files of this build,
// and the logos and images the pages showed) so the portal opens on a job site without
// signal. It never stores API answers: the app keeps the last lists a user opened itself,
// keyed by that user and cleared at logout (web/src/offline.rs), and the API is always
// asked first.
//
// scripts/build-web.sh fills in {{version}} (a hash of this build) and {{shell}} (the files
// to keep); a new build changes this file, so the browser installs the new worker, which
// drops the old build's cache once it takes over.

const VERSION = '{{version}}';
const CACHE = `shell-${VERSION}`;
const SHELL = {{shell}};
const INDEX = '/';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll([INDEX, ...SHELL])).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('shell-') && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

/** Dealer logos: public, and a new upload gets a new address. */
const isLogo = (path) => path.startsWith('/api/v1/logos/');
/** Build files named by their content (`web-<16 hex>_bg.wasm`, the lazily loaded areas,
 *  the screens' style sheet, the catalogue's files). */
const isHashed = (path) => /-[0-9a-f]{16}(_bg)?\.(wasm|js|css|ftl)$/.test(path);

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') && !isLogo(url.pathname)) return;

  if (request.mode === 'navigate') {
    // Pages: the network first (a new build shows at once), the kept shell without signal.
    event.respondWith(
      fetch(request).catch(() => caches.open(CACHE).then((cache) => cache.match(INDEX)).then((r) => r || Response.error())),
    );
    return;
  }
  if (SHELL.includes(url.pathname) || isHashed(url.pathname)) {
    // Hashed files never change: the kept copy, else the network (kept for next time: the
    // customer's and the store's areas load when first used).
    event.respondWith(
      caches.open(CACHE).then((cache) =>
        cache.match(url.pathname).then(
          (kept) =>
            kept ||
            fetch(request).then((response) => {
              if (response.ok) cache.put(url.pathname, response.clone());
              return response;
            }),
        ),
      ),
    );
    return;
  }
  // Other files (dealer logos, icons): the network, keeping what it sends for a time
  // without signal.
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      fetch(request)
        .then((response) => {
          if (response.ok) cache.put(request, response.clone());
          return response;
        })
        .catch(() => cache.match(request).then((r) => r || Response.error())),
    ),
  );
});
