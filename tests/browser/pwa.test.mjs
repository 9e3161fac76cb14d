// The installed app: the manifest, the service worker (offline use, safe
// updates), the share target and file handling; and the single file,
// which has none of them.
//
//   ./scripts/build.sh && node --test tests/browser/pwa.test.mjs
//
// The service worker test serves a copy of dist/ under a sub-path from its
// own loopback server, in a persistent browser profile (Chromium judges
// installability only outside incognito profiles), then stops the server
// and takes the browser offline, then serves a changed build at the same
// address.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startStaticServer } from "../../scripts/static-server.mjs";
import {
  CHROMIUM_ARGS,
  DIST,
  ROOT,
  assertClean,
  chromiumPath,
  closeAll,
  contextOptions,
  getServer,
  openPage,
  waitForApp,
  waitForResult,
  watchContext,
} from "./lib.mjs";

// Playwright sees (and routes) the service worker's own requests only with
// this, read when a worker starts: without it, "no request leaves the
// origin" would not cover them, nor setOffline.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = "1";
after(closeAll);

const ITEM = '[data-testid="manage-item"]';
const NOTE = '[data-testid="note"]';
const SUB = "reader/parallax/";

const temps = [];
after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir() {
  const d = mkdtempSync(join(tmpdir(), "parallax-pwa-"));
  temps.push(d);
  return d;
}

/** The shell line of `dir`/sw.js: { version, shell }. */
function swHeader(dir) {
  const m = /^const VERSION = "([0-9a-f]+)", SHELL = (\[[^\n]*\]);\n/.exec(readFileSync(join(dir, "sw.js"), "utf8"));
  assert.ok(m, "sw.js starts with its shell line");
  return { version: m[1], shell: JSON.parse(m[2]) };
}

/** Recomputes the shell line of `dir`/sw.js; returns the version. */
function precache(dir) {
  execFileSync(process.execPath, [join(ROOT, "scripts", "assemble.mjs"), "--precache", dir], { stdio: "pipe" });
  return swHeader(dir).version;
}

async function waitForCount(page, n) {
  await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [ITEM, n], { timeout: 60_000 });
}

/** Waits for the app with `n` articles compared. */
async function waitForCompared(page, n) {
  await waitForApp(page, { selector: '[data-testid="manage-panel"]' });
  await waitForCount(page, n);
  await waitForResult(page);
}

function labels(page) {
  return page.locator(`${ITEM} [data-testid="label-input"]`).evaluateAll((els) => els.map((e) => e.value));
}

/** In the page: the active service worker's scope, state and caches. */
function workerState(page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    const w = reg.active;
    if (w.state !== "activated") {
      await new Promise((ok) => w.addEventListener("statechange", () => w.state === "activated" && ok()));
    }
    const keys = await caches.keys();
    const files = await Promise.all(keys.map(async (k) => (await (await caches.open(k)).keys()).map((r) => r.url)));
    return { scope: reg.scope, controlled: !!navigator.serviceWorker.controller, keys, files };
  });
}

const stop = (server) =>
  new Promise((ok) => {
    server.close(ok);
    server.closeAllConnections();
  });

// An article of the fixtures without its "Source:" line (so the label comes
// from the shared title).
const SHARED_TEXT = readFileSync(join(ROOT, "tests", "fixtures", "article-a.txt"), "utf8").replace(/^Source:.*$/m, "").trim();

test("installed: offline after the first visit, a new build offered and run, the workspace kept", async () => {
  const root = tempDir();
  const site = join(root, SUB);
  cpSync(DIST, site, { recursive: true });
  const first = swHeader(site);
  assert.equal(precache(site), first.version, "the same files give the same version");
  let { server, url: origin } = await startStaticServer(root, 0);
  const url = origin + SUB;
  const port = Number(new URL(origin).port);
  const context = await chromium.launchPersistentContext(tempDir(), {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    ...contextOptions(),
  });
  const s = await watchContext(context, "http", url);
  const { page } = s;
  try {
    await page.goto(url, { waitUntil: "load" });
    await waitForCompared(page, 5);

    // First visit: the worker installs and keeps exactly the shell, in a
    // cache named after this path and the build's hash.
    const installed = await workerState(page);
    assert.equal(installed.scope, url);
    assert.equal(installed.controlled, false, "the first visit is not taken over");
    assert.deepEqual(installed.keys, [`parallax /${SUB} ${first.version}`]);
    // The page under the address it is visited at.
    const kept = first.shell.map((f) => url + (f === "index.html" ? "" : f));
    assert.deepEqual(installed.files[0].sort(), kept.sort());
    for (const f of ["index.html", "boot.js", "pwa.js", "parallax.js", "parallax_bg.wasm", "worker.js", "style.css", "manifest.webmanifest"]) {
      assert.ok(first.shell.includes(f), `the shell holds ${f}`);
    }
    assert.equal(await page.getByTestId("update-ready").count(), 0, "nothing to offer on a first visit");

    // Chromium's installability criteria, as DevTools reports them.
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send("Page.getAppManifest");
    assert.equal(manifest.url, `${url}manifest.webmanifest`);
    assert.deepEqual(manifest.errors, [], "manifest parse errors");
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, [], "installability errors");

    // A workspace of six articles.
    await page.getByTestId("paste-text").fill(SHARED_TEXT);
    await page.getByTestId("paste-add").click();
    await waitForCompared(page, 6);

    // Offline: no server, no network. The worker serves the page, which
    // opens the kept workspace and compares it.
    await stop(server);
    await context.setOffline(true);
    const offline = await page.reload({ waitUntil: "load" });
    assert.ok(offline.fromServiceWorker(), "the page came from the service worker");
    await waitForCompared(page, 6);
    assert.equal((await labels(page)).length, 6);
    assert.equal((await workerState(page)).controlled, true);
    assert.equal(await page.getByTestId("update-ready").count(), 0, "the same version is not offered");

    // A new build at the same address: another page title, so another hash.
    ({ server } = await startStaticServer(root, port));
    await context.setOffline(false);
    const html = readFileSync(join(site, "index.html"), "utf8");
    writeFileSync(join(site, "index.html"), html.replace("<title>Parallax:", "<title>Parallax (new build):"));
    const next = precache(site);
    assert.notEqual(next, first.version, "a changed file changes the version");

    // The open page checks for it on its next load, installs it beside the
    // running one and offers it; until then the old version runs whole.
    await page.reload({ waitUntil: "load" });
    await page.getByTestId("update-ready").waitFor({ timeout: 60_000 });
    assert.match(await page.title(), /^Parallax: /, "the running version is not mixed with the new one");
    await waitForCompared(page, 6);

    // Reload: the new version runs, the old cache is gone, the workspace stays.
    const reloaded = page.waitForEvent("load");
    await page.getByTestId("update-ready-action").click();
    await reloaded;
    assert.match(await page.title(), /^Parallax \(new build\): /);
    await waitForCompared(page, 6);
    const updated = await workerState(page);
    assert.deepEqual(updated.keys, [`parallax /${SUB} ${next}`]);
    assert.equal(await page.getByTestId("update-ready").count(), 0);
    assertClean(s);
  } finally {
    await context.close();
    await stop(server);
  }
});

test("the manifest names the app, its icons exist at their sizes, its URLs are relative", async () => {
  const { url } = await getServer();
  const index = readFileSync(join(DIST, "index.html"), "utf8");
  assert.match(index, /<link rel="manifest" href="manifest\.webmanifest">/);
  const res = await fetch(`${url}manifest.webmanifest`);
  assert.equal(res.headers.get("content-type"), "application/manifest+json");
  const m = await res.json();
  assert.ok(m.name.startsWith("Parallax") && m.short_name === "Parallax");
  assert.equal(m.display, "standalone");
  const relative = (u) => !/^[a-z][a-z0-9+.-]*:|^\//i.test(u);
  for (const u of [m.start_url, m.scope, m.id, m.share_target.action, ...m.file_handlers.map((h) => h.action)]) {
    assert.ok(relative(u), `${u} is relative (the site may live under a sub-path)`);
  }
  for (const c of [m.theme_color, m.background_color]) assert.match(c, /^#[0-9a-f]{6}$/i);
  assert.match(index, /<meta name="theme-color" content="#[0-9a-f]{6}" media="\(prefers-color-scheme: dark\)">/);
  const sizes = [];
  for (const icon of m.icons) {
    const r = await fetch(url + icon.src);
    assert.equal(r.status, 200, icon.src);
    const png = Buffer.from(await r.arrayBuffer());
    assert.equal(png.subarray(1, 4).toString(), "PNG", `${icon.src} is a PNG`);
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    assert.equal(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.sizes, `${icon.src} has its stated size`);
    sizes.push(`${icon.sizes} ${icon.purpose}`);
  }
  for (const want of ["192x192 any", "512x512 any", "512x512 maskable"]) assert.ok(sizes.includes(want), want);
  assert.equal(m.share_target.method, "GET");
  assert.deepEqual(m.share_target.params, { title: "title", text: "text", url: "url" });
  const accepted = m.file_handlers.flatMap((h) => Object.values(h.accept).flat());
  for (const ext of [".txt", ".md", ".html"]) assert.ok(accepted.includes(ext), ext);
});

test("a shared title and text add an article once; a shared address waits to be fetched", async () => {
  const query = new URLSearchParams({ title: "Harbour report", text: SHARED_TEXT });
  const s = await openPage("http", { path: `?${query}` });
  try {
    await waitForCompared(s.page, 6);
    assert.equal((await labels(s.page))[5], "Harbour report");
    await s.page.locator(NOTE).filter({ hasText: /Added 1 article: Harbour report/ }).waitFor();
    assert.equal(await s.page.evaluate(() => location.search), "", "the share is taken out of the address");
    // A reload opens the kept workspace, without adding the article again.
    await s.page.reload({ waitUntil: "load" });
    await waitForCompared(s.page, 6);

    // News apps often share a title and a link: the link is not fetched.
    const link = "https://news.example/2024/12/harbour";
    await s.page.goto(`${s.url}?${new URLSearchParams({ title: "Harbour", text: link })}`, { waitUntil: "load" });
    await s.page.getByTestId("shared-url").waitFor();
    const input = s.page.getByTestId("url-input");
    assert.equal(await input.inputValue(), link);
    assert.ok(await input.evaluate((el) => el === document.activeElement), "the address box has focus");
    await waitForCompared(s.page, 6);
    assert.deepEqual(s.requests.filter((r) => r.startsWith("https://news.example")), [], "nothing fetched unasked");
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("files opened with the installed app are added like dropped files", async () => {
  // The launch queue (filled by the OS when a file is opened with the app)
  // stands in as a recorder of the page's consumer.
  const stub = `Object.defineProperty(window, "launchQueue", { value: { setConsumer: (f) => { window.__launch = f; } } });`;
  const s = await openPage("http", { initScripts: [stub] });
  try {
    await waitForCompared(s.page, 5);
    await s.page.waitForFunction(() => typeof window.__launch === "function");
    const md = readFileSync(join(ROOT, "tests", "fixtures", "article-b.md"), "utf8");
    await s.page.evaluate(
      ([a, b]) =>
        window.__launch({
          files: [
            { getFile: async () => new File([a], "dockers.md", { type: "text/markdown" }) },
            { getFile: async () => new File([b], "harbour.txt", { type: "text/plain" }) },
          ],
        }),
      [md, SHARED_TEXT],
    );
    await waitForCompared(s.page, 7);
    assert.deepEqual((await labels(s.page)).slice(5), ["dockers", "harbour"]);
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("the single file has no manifest and no service worker, and reports nothing broken", async () => {
  const single = readFileSync(join(DIST, "parallax.html"), "utf8");
  assert.doesNotMatch(single, /rel="manifest"|sw\.js|serviceWorker/);
  const s = await openPage("file");
  try {
    await waitForCompared(s.page, 5);
    const registrations = await s.page.evaluate(async () =>
      navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations().catch(() => [])).length : 0,
    );
    assert.equal(registrations, 0);
    assert.equal(await s.page.locator(".pwa-note").count(), 0);
    assertClean(s);
  } finally {
    await s.close();
  }
});
