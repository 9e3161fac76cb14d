// The service worker of dist/index.html (registered by www/boot.js): keeps
// the app's files, the shell, in a cache named after their content, so the
// page opens without a network and one version is never mixed with another.
//
// scripts/assemble.mjs (--precache) puts one line in front of this file:
//   const VERSION = "<hash of the shell>", SHELL = ["boot.js", ...];
// (paths relative to this file). A new build has a new hash, hence a new
// sw.js: the browser installs it beside the running one, which goes on
// serving the open pages; the page offers the update, and when the reader
// takes it this worker takes over and the older caches are deleted.

// Under a sub-path (GitHub Pages), other apps of the same origin keep their
// caches: only this path's are ever deleted.
const SCOPE = new URL("./", self.location).pathname;
const PREFIX = `parallax ${SCOPE} `;
const CACHE = PREFIX + VERSION;
// The page is kept under the address it is visited at (…/, not
// …/index.html): the copy the browser just loaded then serves.
const url = (path) => new URL(path === "index.html" ? "./" : path, self.location).href;
const INDEX = url("index.html");
const FILES = new Set(SHELL.map(url));

self.addEventListener("install", (event) => {
  // "no-cache": each file is checked with the server (a 304 costs nothing),
  // never taken stale from the HTTP cache.
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll([...FILES].map((u) => new Request(u, { cache: "no-cache" })))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k)))),
  );
});

// The page's "Reload" on the update banner.
self.addEventListener("message", (event) => {
  if (event.data === "update") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const { origin, pathname } = new URL(request.url);
  const path = origin + pathname;
  // The page itself, whatever its query (an article shared to the app
  // arrives as ?title=…&text=…&url=…).
  const page = request.mode === "navigate" && (path === INDEX || path === `${INDEX}index.html`);
  // Anything else (another origin: an article the reader asked to fetch;
  // the single file parallax.html) goes to the network untouched.
  if (!page && !FILES.has(path)) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(page ? INDEX : request, { ignoreSearch: true, ignoreVary: true }))
      .then((hit) => hit || fetch(request)),
  );
});
