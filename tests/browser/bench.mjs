// Browser benchmark (not a test: run by scripts/bench-browser.sh).
//
//   node tests/browser/bench.mjs [--sizes 5,10,20,50,100,300] [--limit SECONDS] [--gen DIR]
//                                [--only demo,scale,add,load,offline,main,bigdraw,sizes] [--repeat N]
//
// --only runs the named sections alone (e.g. `--only main --sizes 300`: the
// main thread during a 300-article run); --repeat runs that section N times
// (each in a fresh page) and prints every run's rows.
//
// In headless Chromium, over dist/ served on loopback. The engine runs in
// the app's own worker (dist/worker.js, the module the page compiled):
//   - the demo set, cold (fresh worker), warm (same articles again), and
//     steady state (warm code, the engine's caches reset before each run);
//   - generated articles (~700 words each, from examples/generate.rs,
//     GEN/N/*.txt) at each size, one fresh worker per size: time, and the
//     wasm linear memory afterwards (it never shrinks: the peak);
//   - adding one article to 50 with the worker's cached engine;
//   - page load to the demo's results (performance marks set by the app);
//   - a reload offline, served by the service worker, to the demo's results;
//   - the main thread while the app computes the largest set (long tasks, a click);
//   - the main thread while a share link of 50 articles of 299k characters
//     opens and its result is drawn, then shown side by side (long tasks);
//   - wasm + JS sizes, gzip -9.
// Prints a table and writes target/bench/browser.json and scale-wasm.jsonl
// (read by scripts/bench-plot.sh). Sizes whose run exceeds --limit seconds
// are reported as such (the worker is ended).

import { deflateRawSync, gzipSync } from "node:zlib";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DIST, ROOT, bigArticles, closeAll, getBrowser, getServer } from "./lib.mjs";

// The service worker's own requests obey setOffline only with this (read
// when a worker starts).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = "1";
const SECTIONS = "demo,scale,add,load,offline,main,bigdraw,sizes";

const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: "5,10,20,50,100,300" },
    limit: { type: "string", default: "300" },
    gen: { type: "string", default: join(ROOT, "target", "bench", "gen") },
    loads: { type: "string", default: "5" },
    only: { type: "string", default: SECTIONS },
    repeat: { type: "string", default: "1" },
  },
});
const only = new Set(args.only.split(","));
const repeat = Math.max(1, Number(args.repeat) || 1);
const sizes = args.sizes.split(",").map(Number).filter((n) => n > 0);
const limitMs = Number(args.limit) * 1000;
const OUT = join(ROOT, "target", "bench");
mkdirSync(OUT, { recursive: true });

const readDir = (dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => ({ label: f.replace(/\.txt$/, ""), text: readFileSync(join(dir, f), "utf8"), ignored: [] }));
const words = (docs) => docs.reduce((n, d) => n + d.text.split(/\s+/).filter(Boolean).length, 0);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * In the page: a fresh app worker; runs `runs` (lists of docs; `null`
 * resets the engine's caches) in order and returns per run { ms (round
 * trip), workerMs (in the worker), resultBytes, groups }, then the wasm
 * memory size. Ends the
 * worker after `limitMs` in total.
 */
async function inWorker(page, runs, limitMs) {
  return page.evaluate(
    async ({ runs, limitMs }) => {
      const module = await WebAssembly.compileStreaming(fetch("parallax_bg.wasm"));
      let partialAt = null;
      const w = new Worker("worker.js", { type: "module" });
      const next = () =>
        new Promise((ok, fail) => {
          w.onmessage = (e) => {
            if (e.data.type === "progress") return;
            if (e.data.type === "partial") {
              partialAt = performance.now();
              return;
            }
            ok(e.data);
          };
          w.onerror = (e) => fail(new Error(e.message || "worker failed"));
        });
      const all = (async () => {
        w.postMessage({ type: "init", module });
        const ready = await next();
        if (ready.type !== "ready") throw new Error(JSON.stringify(ready));
        const out = [];
        for (const [i, docs] of runs.entries()) {
          if (docs === null) {
            // Forget the engine's caches; the compiled code stays warm.
            w.postMessage({ type: "reset" });
            await next();
            continue;
          }
          const json = JSON.stringify(docs);
          const t0 = performance.now();
          partialAt = null;
          w.postMessage({ type: "compare", id: i, docs: json });
          const r = await next();
          const ms = performance.now() - t0;
          if (r.type !== "result") throw new Error(r.message || JSON.stringify(r));
          // The result's binary form (src/formats/wire.rs) starts with the group count.
          const groups = new DataView(r.result.buffer, r.result.byteOffset, 4).getUint32(0, true);
          out.push({ ms, workerMs: r.ms, resultBytes: r.result.byteLength, groups, partialMs: partialAt === null ? null : partialAt - t0 });
        }
        w.postMessage({ type: "memory" });
        const mem = await next();
        return { runs: out, wasmBytes: mem.bytes };
      })();
      let timer;
      const timeout = new Promise((ok) => {
        timer = setTimeout(() => ok({ timeout: true }), limitMs);
      });
      try {
        return await Promise.race([all, timeout]);
      } finally {
        clearTimeout(timer);
        w.terminate();
      }
    },
    { runs, limitMs },
  );
}

const rows = [];
const row = (what, value, target, note = "") => {
  rows.push({ what, value, target, note });
  console.log(`${what.padEnd(44)} ${String(value).padStart(14)}   target ${target.padEnd(10)} ${note}`);
};

const browser = await getBrowser();
const { url } = await getServer();
const context = await browser.newContext();
const page = await context.newPage();
await page.goto(url, { waitUntil: "load" });
console.log(`Chromium ${browser.version()}, dist/ at ${url}\n`);

// ------------------------------------------------------------ demo set
const demo = readDir(join(ROOT, "www", "demo"));
if (only.has("demo")) {
  const cold = [];
  let warm = null;
  for (let i = 0; i < 5; i++) {
    const r = await inWorker(page, [demo, demo], limitMs);
    cold.push(r.runs[0].ms);
    warm = warm === null ? r.runs[1].ms : Math.min(warm, r.runs[1].ms);
  }
  row("engine, demo set (5 articles), fresh worker, wasm", `${median(cold).toFixed(1)} ms`, "", `median of 5; first run of freshly compiled code; ${words(demo)} words`);
  row("engine, demo set again (cached), wasm", `${warm.toFixed(1)} ms`, "", "same articles, warm caches");
  // Steady state: compiled code warmed up by earlier runs, the engine's
  // caches emptied before each run (what a reader's next comparison costs).
  // V8 moves hot functions from its baseline compiler to its optimizing
  // one as they run: in the first runs some of the code is still baseline
  // code, so those runs are reported apart.
  const WARM = 30;
  const MEASURED = 20;
  const runs = [];
  for (let i = 0; i < WARM + MEASURED; i++) runs.push(demo, null);
  const r = await inWorker(page, runs, limitMs);
  const early = r.runs.slice(2, 12);
  const later = r.runs.slice(WARM);
  row(
    "engine, demo set, warm code, fresh engine, wasm",
    `${median(later.map((x) => x.workerMs)).toFixed(1)} ms`,
    "<= 5 ms",
    `median of runs ${WARM + 1}-${WARM + MEASURED}; in the worker (read, align, write the result); round trip ${median(later.map((x) => x.ms)).toFixed(1)} ms`,
  );
  row(
    "  the same, runs 3-12 (code partly baseline)",
    `${median(early.map((x) => x.workerMs)).toFixed(1)} ms`,
    "",
    "median of 10",
  );
}

// ------------------------------------------------------------ scaling
const scale = [];
for (const n of only.has("scale") ? sizes : []) {
  const dir = join(args.gen, String(n));
  if (!existsSync(dir)) {
    console.log(`(no ${dir}: run scripts/bench-browser.sh, which generates it)`);
    continue;
  }
  const docs = readDir(dir);
  const r = await inWorker(page, [docs], limitMs);
  if (r.timeout) {
    scale.push({ mode: "compare", articles: n, words: words(docs), timeout_s: limitMs / 1000 });
    row(`engine, ${n} generated articles, wasm`, `> ${limitMs / 1000} s`, n === 300 ? "<= 1 s" : "", `${words(docs)} words; stopped`);
    continue;
  }
  const peak = r.wasmBytes / 2 ** 20;
  scale.push({ mode: "compare", articles: n, words: words(docs), ms_median: r.runs[0].ms, peak_mb: peak, groups: r.runs[0].groups });
  row(
    `engine, ${n} generated articles, wasm`,
    `${(r.runs[0].ms / 1000).toFixed(2)} s`,
    n === 300 ? "<= 1 s" : "",
    `${words(docs)} words, ${r.runs[0].groups} groups, wasm memory ${peak.toFixed(0)} MB${n === 300 ? " (target <= 300 MB)" : ""}`,
  );
}

// ------------------------------------------------------------ add one to 50
if (only.has("add")) {
  const dir = join(args.gen, "51");
  if (existsSync(dir)) {
    const docs = readDir(dir);
    // The 51st article added five times to the same engine, taken out
    // again in between (so it is prepared anew each time, as a new
    // article is): the figure is the median of the five additions.
    const fifty = docs.slice(0, 50);
    const seq = [fifty];
    for (let k = 0; k < 5; k++) seq.push(docs, fifty);
    const r = await inWorker(page, seq.slice(0, -1), limitMs);
    if (r.timeout) {
      row("add 1 article to 50 (cached engine), wasm", `> ${limitMs / 1000} s`, "<= 100 ms", "stopped");
    } else {
      const adds = r.runs.filter((_, i) => i % 2 === 1);
      const removes = r.runs.filter((_, i) => i > 0 && i % 2 === 0);
      const p = adds[0].partialMs;
      row(
        "add 1 article to 50: provisional result, wasm",
        p === null ? "none" : `${p.toFixed(0)} ms`,
        "",
        p === null ? "not made below about 50,000 words: the exact result comes first" : "kept links + the new article's",
      );
      const ms = adds.map((a) => a.ms);
      row(
        "add 1 article to 50: exact result, wasm",
        `${median(ms).toFixed(0)} ms`,
        "<= 100 ms",
        `median of ${ms.length} (${Math.min(...ms).toFixed(0)}-${Math.max(...ms).toFixed(0)}); first 50: ${(r.runs[0].ms / 1000).toFixed(2)} s`,
      );
      row("  remove it again, wasm", `${median(removes.map((a) => a.ms)).toFixed(0)} ms`, "", `median of ${removes.length}`);
      scale.push({ mode: "add_one", articles: 51, words: words(docs), ms_median: median(ms), provisional_ms: p, peak_mb: r.wasmBytes / 2 ** 20 });
    }
  }
}

// ------------------------------------------------------------ page load
if (only.has("load")) {
  const results = [];
  const wasms = [];
  const starts = [];
  const computes = [];
  for (let i = 0; i < Number(args.loads); i++) {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await p.goto(url, { waitUntil: "load" });
    await p.waitForFunction(() => performance.getEntriesByName("parallax:results-rendered").length > 0, null, {
      timeout: 60_000,
    });
    const m = await p.evaluate(() => {
      const at = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
      return {
        results: at("parallax:results-rendered"),
        wasm: at("parallax:wasm-start"),
        start: at("parallax:compute-start"),
        end: at("parallax:compute-end"),
      };
    });
    results.push(m.results);
    if (m.wasm !== null) wasms.push(m.wasm);
    if (m.start !== null) starts.push(m.start);
    if (m.start !== null && m.end !== null) computes.push(m.end - m.start);
    await ctx.close();
  }
  row("page load to demo results rendered (http)", `${median(results).toFixed(0)} ms`, "<= 500 ms", `median of ${results.length}; mark parallax:results-rendered`);
  if (wasms.length) row("  of which loading and compiling the module", `${median(wasms).toFixed(0)} ms`, "", "navigation to wasm-start mark (the module's start function)");
  if (starts.length) row("  of which start, to the alignment", `${median(starts).toFixed(0)} ms`, "", "navigation to compute-start mark");
  if (computes.length) row("  of which alignment", `${median(computes).toFixed(0)} ms`, "", "compute-start to compute-end marks (the page aligns the demo before its first render)");
}

// ------------------------------------------------------------ offline
// The installed app without a network: after a first visit has installed
// the service worker, reloads served from its cache to the demo's results.
// First, what the first visit transfers for the installed app: the worker,
// its copies of the shell (revalidated: 304 for files the page loaded), the
// manifest and its icons.
if (only.has("offline")) {
  const ctx = await browser.newContext();
  const sizes = [];
  ctx.on("requestfinished", (r) =>
    sizes.push(
      r.sizes().then((z) => ({
        path: new URL(r.url()).pathname,
        bytes: z.responseBodySize + z.responseHeadersSize,
        // A revalidated file (304 turned back into the cached 200) carries no body.
        unchanged: z.responseBodySize === 0,
        byWorker: r.serviceWorker() !== null,
      })),
    ),
  );
  const p = await ctx.newPage();
  await p.goto(url, { waitUntil: "load" });
  await p.evaluate(async () => {
    const w = (await navigator.serviceWorker.ready).active;
    if (w.state !== "activated") await new Promise((ok) => w.addEventListener("statechange", () => w.state === "activated" && ok()));
  });
  // (A request of a worker that has ended since can no longer be sized.)
  const done = (await Promise.all(sizes.map((p) => p.catch(() => null)))).filter(Boolean);
  const kb = (list) => `${(list.reduce((n, x) => n + x.bytes, 0) / 1024).toFixed(1)} KB`;
  const app = done.filter((x) => x.byWorker || /\/(sw\.js|manifest\.webmanifest|icons\/.*)$/.test(x.path));
  row(
    "first visit, installed-app transfers",
    kb(app),
    "",
    `${app.length} responses (${app.filter((x) => x.unchanged).length} of them revalidated, headers only), of ${kb(done)} in all; uncompressed (loopback server)`,
  );
  await ctx.setOffline(true);
  const times = [];
  for (let i = 0; i < Number(args.loads); i++) {
    const res = await p.reload({ waitUntil: "load" });
    if (!res?.fromServiceWorker()) throw new Error("offline reload not served by the service worker");
    await p.waitForFunction(() => performance.getEntriesByName("parallax:results-rendered").length > 0, null, { timeout: 60_000 });
    times.push(await p.evaluate(() => performance.getEntriesByName("parallax:results-rendered")[0].startTime));
  }
  row("offline reload to demo results rendered", `${median(times).toFixed(0)} ms`, "", `median of ${times.length}; served by the service worker, browser offline`);
  await ctx.close();
}

// ------------------------------------------------------------ responsiveness
// The app itself with the largest generated set added through its file
// input: while its worker computes, the page's main thread must stay free.
// Long tasks (> 50 ms, PerformanceObserver) between the run's compute-start
// and compute-end marks, and a click on the theme toggle mid-run (event
// timing: input delay + handler + next paint), then again once the result
// is shown.
for (let run = 0; only.has("main") && run < repeat; run++) {
  const n = Math.max(...sizes);
  const dir = join(args.gen, String(n));
  if (existsSync(dir)) {
    const docs = readDir(dir);
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await p.goto(url, { waitUntil: "load" });
    await p.waitForFunction(() => performance.getEntriesByName("parallax:results-rendered").length > 0, null, { timeout: 60_000 });
    await p.evaluate(() => {
      window.__tasks = [];
      window.__clicks = [];
      new PerformanceObserver((l) => window.__tasks.push(...l.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: "longtask" });
      new PerformanceObserver((l) => window.__clicks.push(...l.getEntries().filter((e) => e.name === "click").map((e) => e.duration))).observe({
        type: "event",
        durationThreshold: 16,
      });
    });
    const ends = await p.evaluate(() => performance.getEntriesByName("parallax:compute-end").length);
    await p.getByTestId("file-input").setInputFiles(docs.map((d) => ({ name: `${d.label}.txt`, mimeType: "text/plain", buffer: Buffer.from(d.text) })));
    await p.getByTestId("computing").waitFor();
    await p.getByTestId("theme-toggle").click();
    const clickedBeforeEnd = await p.evaluate((b) => performance.getEntriesByName("parallax:compute-end").length === b, ends);
    await p.waitForFunction((b) => performance.getEntriesByName("parallax:compute-end").length > b, ends, { timeout: limitMs });
    await p.waitForSelector('[data-testid="results"]');
    const m = await p.evaluate(() => {
      const last = (name) => performance.getEntriesByName(name).slice(-1)[0]?.startTime ?? 0;
      const start = last("parallax:compute-start");
      const end = last("parallax:compute-end");
      // The task that receives the result sets compute-end itself: tasks
      // that end by compute-end ran while the worker computed; the one
      // that contains it, and those after, show the result.
      const during = window.__tasks.filter(([t, d]) => t >= start && t + d <= end).map(([, d]) => d);
      const intake = window.__tasks.filter(([t]) => t < start).map(([, d]) => d);
      const showing = window.__tasks.filter(([t, d]) => t + d > end).map(([, d]) => d);
      return { during, intake, showing, clicks: window.__clicks, runMs: end - start };
    });
    // A second click once the result is shown (the theme back): with the
    // whole overview of the set on the page.
    await p.waitForTimeout(1000);
    const seen = await p.evaluate(() => window.__clicks.length);
    await p.getByTestId("theme-toggle").click();
    await p.waitForTimeout(500);
    const after = await p.evaluate((k) => window.__clicks.slice(k), seen);
    const longest = (xs) => (xs.length ? Math.max(...xs) : 0);
    row(
      `main thread during a ${n}-article run`,
      `${longest(m.during).toFixed(0)} ms`,
      "<= 50 ms",
      `longest task; ${m.during.length} tasks > 50 ms in ${(m.runMs / 1000).toFixed(2)} s`,
    );
    row(
      `  before it: reading ${n} files`,
      `${longest(m.intake).toFixed(0)} ms`,
      "",
      `longest task; ${m.intake.length} tasks > 50 ms`,
    );
    row(
      `  after it: showing the result`,
      `${longest(m.showing).toFixed(0)} ms`,
      "",
      `longest task; ${m.showing.length} tasks > 50 ms`,
    );
    row(
      "  click on the page mid-run",
      m.clicks.length ? `${Math.max(...m.clicks).toFixed(0)} ms` : "< 16 ms",
      "<= 50 ms",
      `click to next paint${clickedBeforeEnd ? "" : " (the run ended first)"}`,
    );
    row("  click on the page with the result shown", after.length ? `${Math.max(...after).toFixed(0)} ms` : "< 16 ms", "", "the theme toggle again, 1 s after the result");
    await ctx.close();
  }
}

// ------------------------------------------------------------ a large link drawn
// The share link of tests/browser/lib.mjs bigArticles() (50 articles of
// 299k characters, 2,452 shared passages) opened in a fresh page: the
// longest main-thread task while it opens and the worker computes, then
// from the result's arrival until every coverage bar is drawn, then from
// a click on "Read them side by side" until both columns hold their whole
// text. (Long tasks > 50 ms, PerformanceObserver.)
for (let run = 0; only.has("bigdraw") && run < repeat; run++) {
  const articles = bigArticles();
  const ws = { format: "parallax-workspace", version: 1, settings: {}, articles };
  const code = deflateRawSync(Buffer.from(JSON.stringify(ws), "utf8"), { level: 9 }).toString("base64url");
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  await p.addInitScript(() => {
    window.__tasks = [];
    new PerformanceObserver((l) => window.__tasks.push(...l.getEntries().map((e) => [e.startTime, e.duration]))).observe({
      type: "longtask",
      buffered: true,
    });
  });
  await p.goto(`${url}#ws=${code}`, { waitUntil: "load" });
  const n = articles.length;
  await p.waitForFunction((n) => document.querySelectorAll('[data-testid="coverage-strip"]').length === n, n, { timeout: limitMs });
  const drawnAt = await p.evaluate(() => performance.now());
  const m = await p.evaluate(() => {
    const end = performance.getEntriesByName("parallax:compute-end").slice(-1)[0]?.startTime ?? 0;
    const tasks = window.__tasks;
    return {
      opening: tasks.filter(([t, d]) => t + d <= end).map(([, d]) => d),
      drawing: tasks.filter(([t, d]) => t + d > end).map(([, d]) => d),
      end,
    };
  });
  const t0 = await p.evaluate(() => performance.now());
  await p.getByTestId("open-closest").click();
  const chars = articles[0].text.length;
  await p.waitForFunction(
    (chars) => {
      const t = document.querySelectorAll(".read-text");
      return t.length === 2 && [...t].every((e) => e.textContent.length >= chars);
    },
    chars,
    { timeout: limitMs },
  );
  const side = await p.evaluate((t0) => {
    const d = window.__tasks.filter(([t]) => t >= t0).map(([, d]) => d);
    return { d, ms: performance.now() - t0 };
  }, t0);
  const longest = (xs) => (xs.length ? Math.max(...xs) : 0);
  row(
    `a ${(code.length / 1024).toFixed(0)} KB link of ${n} x ${(chars / 1000).toFixed(0)}k chars: drawing`,
    `${longest(m.drawing).toFixed(0)} ms`,
    "<= 200 ms",
    `longest task from the result to the last bar; ${m.drawing.length} tasks > 50 ms in ${((drawnAt - m.end) / 1000).toFixed(2)} s`,
  );
  row("  opening it (intake, storage, worker)", `${longest(m.opening).toFixed(0)} ms`, "<= 200 ms", `longest task; ${m.opening.length} tasks > 50 ms`);
  row(
    "  then two of them side by side",
    `${longest(side.d).toFixed(0)} ms`,
    "<= 200 ms",
    `longest task until both texts are whole; ${side.d.length} tasks > 50 ms in ${(side.ms / 1000).toFixed(2)} s`,
  );
  await ctx.close();
}

// ------------------------------------------------------------ sizes
if (only.has("sizes")) {
  const gz = (f) => gzipSync(readFileSync(join(DIST, f)), { level: 9 }).length;
  const files = ["parallax_bg.wasm", "parallax.js", "worker.js", "boot.js", "io.js", "sw.js"].filter((f) => existsSync(join(DIST, f)));
  const total = files.reduce((n, f) => n + gz(f), 0);
  row("wasm + JS, gzip -9", `${(total / 1024).toFixed(0)} KB`, "<= 300 KB", files.map((f) => `${f} ${(gz(f) / 1024).toFixed(0)}`).join(", "));
  row("  dist/pwa.js, gzip -9", `${(gz("pwa.js") / 1024).toFixed(1)} KB`, "", "loaded only when something arrives: a shared article, opened files, a new version");
  row("  dist/parallax.html, gzip -9", `${(gz("parallax.html") / 1024).toFixed(0)} KB`, "", "the single file");
}

if (args.only === SECTIONS && repeat === 1) {
  writeFileSync(join(OUT, "browser.json"), JSON.stringify({ chromium: browser.version(), rows }, null, 1));
  writeFileSync(join(OUT, "scale-wasm.jsonl"), scale.map((r) => JSON.stringify(r)).join("\n") + "\n");
  console.log(`\nwrote ${join(OUT, "browser.json")} and scale-wasm.jsonl`);
}
await context.close();
await closeAll();
