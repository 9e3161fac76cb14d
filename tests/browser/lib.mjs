// Shared helpers for the browser tests (headless Debian Chromium driven by
// playwright-core; never a downloaded browser).
//
// Build first (./scripts/build.sh), then run one file:
//   node --test tests/browser/ground.test.mjs
// or all of them: ./scripts/test.sh (or node --test tests/browser/*.test.mjs).
//
// Usage in a test file:
//   import { test, after } from "node:test";
//   import assert from "node:assert/strict";
//   import { openPage, waitForApp, assertClean, screenshot, closeAll } from "./lib.mjs";
//   after(closeAll);
//   test("something", async () => {
//     const s = await openPage("http");          // or "file" (dist/parallax.html via file://)
//     try {
//       await waitForApp(s.page);                 // app started (or pass { selector })
//       await s.page.getByTestId("...").click();  // data-testid hooks; wait on conditions, never sleep
//       await screenshot(s.page, "my-view");      // target/screenshots/my-view-{light,dark}.png
//       assertClean(s);                           // no foreign requests, page errors, console errors
//     } finally {
//       await s.close();
//     }
//   });
//
// openPage(mode, { colorScheme, viewport, reducedMotion, acceptDownloads, initScripts, path }) gives
//   { page, context, url, mode, requests, pageErrors, consoleErrors, foreignRequests(), close() };
// watchContext(context, mode, url, options) gives the same for a context made elsewhere
// (e.g. a persistent one, which an installed app needs).
// One browser and one static server (127.0.0.1, random port, over dist/) are started
// lazily per test file and shared; closeAll() stops them.
// Environment: CHROMIUM_PATH overrides the browser; PARALLAX_DIST overrides dist/.

import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { startStaticServer } from "../../scripts/static-server.mjs";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DIST = resolve(process.env.PARALLAX_DIST ?? join(ROOT, "dist"));
export const SCREENSHOTS = join(ROOT, "target", "screenshots");

/** Selector of one rendered article column (side-by-side view). */
/** The demo articles, read from www/demo/ (the same files the app embeds). */
export function demoTexts() {
  const dir = join(ROOT, "www", "demo");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => readFileSync(join(dir, f), "utf8"));
}

/**
 * A large set that a share link carries in little room: `n` articles of
 * `chars` characters, each one numbered paragraph of a demo article
 * repeated (50 of 299k: a link of about 126 KB, 2,452 shared passages).
 */
export function bigArticles(n = 50, chars = 299_000) {
  const demo = demoTexts();
  return Array.from({ length: n }, (_, i) => {
    const para = `Report ${i + 1}: ${demo[i % demo.length].split("\n").slice(0, 6).join("\n")}\n`;
    let text = `Headline ${i + 1}\n`;
    while (text.length < chars) text += para;
    return { label: `Big ${i + 1}`, text: text.slice(0, chars).trimEnd() };
  });
}

export const ARTICLE = '[data-testid="article"]';
/** Selector that exists once the app has replaced the loading indicator. */
export const APP_READY = "#app main";

const BROWSER_CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
];

/** Flags for headless Chromium on these machines (root, no GPU, no background traffic). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export function chromiumPath() {
  const env = process.env.CHROMIUM_PATH;
  if (env) return env;
  const found = BROWSER_CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new Error("no Chromium found: run ./scripts/setup.sh --test or set CHROMIUM_PATH");
  return found;
}

let browserPromise = null;
const pageScheme = new WeakMap();
let serverPromise = null;

/** The shared browser (playwright creates a fresh, temporary user-data-dir). */
export function getBrowser() {
  browserPromise ??= chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return browserPromise;
}

/** The shared static server over dist/: resolves to { server, url }. */
export function getServer() {
  if (!existsSync(join(DIST, "index.html"))) {
    throw new Error(`${DIST}/index.html missing: run ./scripts/build.sh first`);
  }
  serverPromise ??= startStaticServer(DIST, 0);
  return serverPromise;
}

/** URL of the page for `mode`: "http" (dist/index.html over loopback) or "file" (dist/parallax.html). */
export async function pageUrl(mode) {
  if (mode === "http") return (await getServer()).url;
  if (mode === "file") {
    const file = join(DIST, "parallax.html");
    if (!existsSync(file)) throw new Error(`${file} missing: run ./scripts/build.sh first`);
    return pathToFileURL(file).href;
  }
  throw new Error(`unknown mode ${mode} (use "http" or "file")`);
}

/** Is `url` one of the page's own resources for `mode`? data: and blob: URLs are local. */
export function isOwnRequest(url, mode, pageHref) {
  if (url.startsWith("data:") || url.startsWith("blob:")) return true;
  const u = new URL(url);
  const own = new URL(pageHref);
  if (mode === "http") return u.origin === own.origin;
  // file mode: only the single file itself.
  return u.protocol === "file:" && u.pathname === own.pathname;
}

/** Options of a new context (also for chromium.launchPersistentContext). */
export function contextOptions(options = {}) {
  return {
    colorScheme: options.colorScheme ?? "light",
    viewport: options.viewport ?? { width: 1280, height: 900 },
    reducedMotion: options.reducedMotion ?? "reduce",
    acceptDownloads: options.acceptDownloads ?? true,
  };
}

/**
 * Open a fresh context and page at `mode`'s URL (plus `options.path`, e.g.
 * a query), recording every request and every error. Requests to anything
 * but the page's own origin/file are recorded and aborted.
 */
export async function openPage(mode = "http", options = {}) {
  const browser = await getBrowser();
  const url = await pageUrl(mode);
  const context = await browser.newContext(contextOptions(options));
  const s = await watchContext(context, mode, url, options);
  await s.page.goto(url + (options.path ?? ""), { waitUntil: "load" });
  return s;
}

/**
 * Records every request and error of `context` (pages of `url`, in `mode`),
 * aborts requests to anything but the page's own origin/file, and opens a
 * page (not navigated yet). Returns the session object of openPage.
 */
export async function watchContext(context, mode, url, options = {}) {
  const requests = [];
  const pageErrors = [];
  const consoleErrors = [];
  context.on("request", (r) => requests.push(r.url()));
  await context.route(/^(https?|wss?|ftp):/, (route) =>
    isOwnRequest(route.request().url(), mode, url) ? route.continue() : route.abort("blockedbyclient"),
  );
  // Scripts run in every page before its own (e.g. stubs of browser APIs).
  for (const script of options.initScripts ?? []) await context.addInitScript(script);
  const page = context.pages()[0] ?? (await context.newPage());
  pageScheme.set(page, options.colorScheme ?? "light");
  page.on("pageerror", (e) => pageErrors.push(String(e?.stack ?? e)));
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  return {
    page,
    context,
    url,
    mode,
    requests,
    pageErrors,
    consoleErrors,
    foreignRequests: () => requests.filter((r) => !isOwnRequest(r, mode, url)),
    close: () => context.close(),
  };
}

/**
 * Wait until the app has rendered `selector` (default: the app's <main>).
 * Fails at once with the message if the boot code reported an error.
 */
export async function waitForApp(page, { selector = APP_READY, timeout = 30_000 } = {}) {
  const first = await page.waitForSelector(`${selector}, .boot-error`, { timeout });
  if (await first.evaluate((el) => el.classList.contains("boot-error"))) {
    throw new Error(`app failed to start: ${await first.textContent()}`);
  }
}

/** Wait until the comparison is done (export buttons enabled, results shown). */
export async function waitForResult(page) {
  await page.waitForFunction(
    () => {
      const b = document.querySelector('[data-testid="export-json"]');
      return b && !b.disabled && document.querySelector('[data-testid="results"]');
    },
    null,
    { timeout: 60_000 },
  );
}

/** Assert the session stayed on its own origin/file and logged no errors. */
export function assertClean(session, { allowConsoleErrors = [] } = {}) {
  assert.deepEqual(session.foreignRequests(), [], "requests left the page's own origin/file");
  assert.deepEqual(session.pageErrors, [], "uncaught page errors");
  const unexpected = session.consoleErrors.filter((t) => !allowConsoleErrors.some((re) => re.test(t)));
  assert.deepEqual(unexpected, [], "console errors");
}

/**
 * Save `target/screenshots/<name>-light.png` and `<name>-dark.png`
 * (prefers-color-scheme emulated). Returns the two paths.
 */
export async function screenshot(page, name, { fullPage = false, schemes = ["light", "dark"] } = {}) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const paths = [];
  for (const colorScheme of schemes) {
    await page.emulateMedia({ colorScheme });
    const path = join(SCREENSHOTS, `${name}-${colorScheme}.png`);
    await page.screenshot({ path, fullPage, animations: "disabled" });
    paths.push(path);
  }
  await page.emulateMedia({ colorScheme: pageScheme.get(page) ?? "light" });
  return paths;
}

/** The articles of the workspace kept in the page's IndexedDB, or null. */
export function keptArticles(page) {
  return page.evaluate(
    () =>
      new Promise((ok) => {
        const r = indexedDB.open("parallax", 1);
        r.onupgradeneeded = () => r.result.createObjectStore("kv");
        r.onerror = () => ok(null);
        r.onsuccess = () => {
          const g = r.result.transaction("kv").objectStore("kv").get("current");
          g.onerror = () => ok(null);
          g.onsuccess = () => {
            r.result.close();
            try {
              ok(JSON.parse(g.result.slice(g.result.indexOf("\n") + 1)).articles);
            } catch {
              ok(null);
            }
          };
        };
      }),
  );
}

/**
 * Waits until the kept workspace's articles satisfy `pred` (saving is
 * asynchronous: wait for it before a reload). Returns them.
 */
export async function waitKept(page, pred, timeout = 30_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const a = await keptArticles(page);
    if (a && pred(a)) return a;
    if (Date.now() > end) throw new Error(`the kept workspace never matched: ${JSON.stringify(a)?.slice(0, 500)}`);
  }
}

/** Stop the shared browser and server (use as `after(closeAll)`). */
export async function closeAll() {
  const b = browserPromise;
  const s = serverPromise;
  browserPromise = null;
  serverPromise = null;
  if (b) await (await b).close();
  if (s) await new Promise((ok) => s.then(({ server }) => server.close(ok), ok));
}
