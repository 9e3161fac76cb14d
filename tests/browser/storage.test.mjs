// Nothing lost, nothing frozen: the kept workspace and its history under
// full storage, share links, reloads mid-save, two tabs and damaged copies;
// long pastes and fetches that hang, never end or cannot happen; Markdown
// and labels; and a soak of random steps after which every article ever
// added is open or in the history.
//
//   ./scripts/build.sh && node --test tests/browser/storage.test.mjs
//
// Timings (the longest main-thread task, from PerformanceObserver
// "longtask") are printed as test diagnostics, never asserted.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { deflateRawSync } from "node:zlib";
import { ARTICLE, assertClean, bigArticles, closeAll, demoTexts, getBrowser, openPage, pageUrl, waitForApp } from "./lib.mjs";

after(closeAll);

const ITEM = '[data-testid="manage-item"]';
const NOTE = '[data-testid="note"]';
const HIST = '[data-testid="history-item"]';

/** Records long main-thread tasks from the start of every page. */
const LONGTASKS = `
  window.__long = [];
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__long.push(e.duration);
    }).observe({ type: "longtask", buffered: true });
  } catch {}
`;

/** Storage that is full while sessionStorage says so (survives reloads). */
const FULL = `
  {
    const full = () => sessionStorage.getItem("full") === "1";
    const quota = () => new DOMException("The quota has been exceeded.", "QuotaExceededError");
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...a) {
      if (full()) throw quota();
      return put.apply(this, a);
    };
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (full() && this === window.localStorage) throw quota();
      return set.call(this, k, v);
    };
  }
`;

async function start(mode = "http", options = {}) {
  const s = await openPage(mode, { ...options, initScripts: [LONGTASKS, ...(options.initScripts ?? [])] });
  await waitForApp(s.page, { selector: '[data-testid="manage-panel"]' });
  await s.page.locator(ITEM).first().waitFor();
  return s;
}

const count = (page) => page.locator(ITEM).count();
async function waitForCount(page, n) {
  await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [ITEM, n], { timeout: 60_000 });
}
async function waitForNote(page, re) {
  const note = page.locator(NOTE).filter({ hasText: re }).first();
  await note.waitFor({ timeout: 60_000 });
  return note.textContent();
}
function labels(page) {
  return page.locator(`${ITEM} [data-testid="label-input"]`).evaluateAll((els) => els.map((e) => e.value));
}
async function paste(page, text) {
  await page.getByTestId("paste-text").fill(text);
  await page.getByTestId("paste-add").click();
}
/** Pastes `text` into the paste box as the browser would (a paste event). */
async function pasteEvent(page, text) {
  await page.getByTestId("paste-text").evaluate((el, text) => {
    const dt = new DataTransfer();
    dt.setData("text/plain", text);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}
async function longest(page) {
  return page.evaluate(() => Math.max(0, ...window.__long));
}
async function resetLong(page) {
  await page.evaluate(() => {
    window.__long.length = 0;
  });
}

/**
 * What the browser keeps: the current workspace (stamp, labels, texts),
 * the history list and the articles of each entry (raw text when it is
 * not a workspace). Read straight from IndexedDB.
 */
function kept(page) {
  return page.evaluate(
    () =>
      new Promise((ok, bad) => {
        const r = indexedDB.open("parallax", 1);
        r.onupgradeneeded = () => r.result.createObjectStore("kv");
        r.onerror = () => bad(r.error);
        r.onsuccess = () => {
          const db = r.result;
          const all = {};
          const c = db.transaction("kv").objectStore("kv").openCursor();
          c.onerror = () => bad(c.error);
          c.onsuccess = () => {
            const cur = c.result;
            if (cur) {
              all[cur.key] = cur.value;
              cur.continue();
              return;
            }
            db.close();
            const body = (v) => {
              try {
                return JSON.parse(v).articles.map((a) => ({ label: a.label, text: a.text }));
              } catch {
                return v;
              }
            };
            const current = all.current ? all.current.slice(all.current.indexOf("\n") + 1) : null;
            const history = all.history ? JSON.parse(all.history) : [];
            ok({
              current: current === null ? null : body(current),
              history,
              entries: Object.fromEntries(history.map((e) => [e.id, body(all["h" + e.id] ?? "")])),
            });
          };
        };
      }),
  );
}

/** Waits until `pred(kept)` holds. */
async function waitKept(page, pred, what) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const k = await kept(page);
    if (pred(k)) return k;
    if (Date.now() > deadline) throw new Error(`kept data never became: ${what}\n${JSON.stringify(k).slice(0, 2000)}`);
  }
}
const textsOf = (arts) => (Array.isArray(arts) ? arts.map((a) => a.text).join("\n") : String(arts));

function shareCode(ws) {
  return deflateRawSync(Buffer.from(JSON.stringify({ format: "parallax-workspace", version: 1, settings: {}, ...ws }), "utf8"), {
    level: 9,
  }).toString("base64url");
}
function linkOf(s, articles) {
  return `${s.url}#ws=${shareCode({ articles })}`;
}
async function openLink(page, link) {
  await page.goto(link);
  await page.reload();
  await waitForApp(page, { selector: '[data-testid="manage-panel"]' });
}

const MINE = "Mine: the harbour bridge reopened on Monday after three weeks of repairs.";

// ------------------------------------------------------------ points 1 and 2

test("point 1: a link opened with storage full overwrites nothing and says nothing false; the own workspace comes back", async (t) => {
  const s = await start("http", { initScripts: [FULL] });
  const { page } = s;
  try {
    await paste(page, MINE);
    await waitForCount(page, 6);
    await waitKept(page, (k) => textsOf(k.current).includes("Mine:"), "own workspace kept");
    await page.evaluate(() => sessionStorage.setItem("full", "1"));
    const link = linkOf(s, [
      { label: "Link A", text: "Alpha: the ferry kept running." },
      { label: "Link B", text: "Beta: the ferry kept running too." },
    ]);
    await openLink(page, link);
    await waitForCount(page, 2);
    await page.locator('[data-testid="save-status"][data-ok="false"]').filter({ hasText: /full/ }).waitFor();
    t.diagnostic(`point 1: link opened with storage full; longest main-thread task ${Math.round(await longest(page))} ms`);
    assert.equal(await page.locator(NOTE).filter({ hasText: /set aside/ }).count(), 0, "no note claims a set-aside");
    const k = await kept(page);
    assert.equal(k.current.length, 6, "the kept workspace is untouched");
    assert.ok(textsOf(k.current).includes("Mine:"));
    // Still full: the page without the link shows the own workspace.
    await page.goto(s.url);
    await page.reload();
    await waitForCount(page, 6);
    t.diagnostic("point 1 after: own workspace back after a reload with storage full: yes");
    // Room again: the link sets the own workspace aside, truly.
    await page.evaluate(() => sessionStorage.removeItem("full"));
    await openLink(page, link);
    await waitForCount(page, 2);
    await waitForNote(page, /workspace you had open before \(6 articles: .*\) was set aside/);
    await page.getByTestId("note-bring-back").click();
    await waitForCount(page, 6);
    assert.ok((await labels(page)).some((l) => l.startsWith("Mine:")), "the own pasted article is back");
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("point 2: two links in a row: the own workspace stays in the history and comes back", async (t) => {
  const s = await start();
  const { page } = s;
  try {
    await paste(page, MINE);
    await waitForCount(page, 6);
    const mine = page.locator(ITEM).nth(5).getByTestId("label-input");
    await mine.fill("My own desk");
    await mine.press("Enter");
    await waitKept(page, (k) => k.current?.some((a) => a.label === "My own desk"), "renamed");
    await openLink(page, linkOf(s, [{ label: "First link", text: "First link: the ferry kept running." }]));
    await waitForCount(page, 1);
    await waitForNote(page, /before \(6 articles: .*\) was set aside/);
    await openLink(page, linkOf(s, [{ label: "Second link", text: "Second link: the ferry stopped." }]));
    await waitForCount(page, 1);
    // The note names what was open: the first link's workspace, not "your own".
    const note = await waitForNote(page, /before \(1 article: First link\) was set aside/);
    t.diagnostic(`point 2: second link opened; longest main-thread task ${Math.round(await longest(page))} ms`);
    assert.doesNotMatch(note, /your own/i);
    await page.reload();
    const own = page.locator(`${HIST}[data-why="link"]`).filter({ hasText: /6 articles/ });
    await own.waitFor();
    assert.equal(await page.locator(HIST).filter({ hasText: /First link/ }).count(), 1);
    await own.getByTestId("history-restore").click();
    await waitForCount(page, 6);
    assert.equal((await labels(page))[5], "My own desk");
    // What that replaced is in the history in its turn.
    await page.locator(HIST).filter({ hasText: /Second link/ }).waitFor();
    t.diagnostic("point 2 after: own workspace restorable after two links: yes");
    assertClean(s);
  } finally {
    await s.close();
  }
});

// ------------------------------------------------------------ point 3

/** `n` distinct pseudo-words from a seeded generator. */
function words(seed, n) {
  let x = seed >>> 0 || 1;
  const out = [];
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out.push(((x % 46656) + 1296).toString(36));
  }
  return out;
}

test("point 3: a large workspace: a reload right after a change finds it, never nothing", async (t) => {
  const s = await start();
  const { page } = s;
  try {
    const articles = Array.from({ length: 20 }, (_, i) => {
      let text = "";
      let p = 0;
      while (text.length < 289_000) text += words(i * 7919 + ++p, 12).join(" ") + ".\n";
      return { label: `Big ${i + 1}`, text: text.slice(0, 289_000).trimEnd() };
    });
    await page.getByTestId("workspace-open").setInputFiles({
      name: "big.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify({ format: "parallax-workspace", version: 1, articles })),
    });
    await waitForCount(page, 20);
    await waitKept(page, (k) => k.current?.length === 20, "20 kept");
    for (const round of [1, 2]) {
      const before = await count(page);
      const t0 = Date.now();
      await page.locator(ITEM).nth(0).getByTestId("remove").click();
      await page.reload();
      await waitForApp(page, { selector: '[data-testid="manage-panel"]' });
      await page.waitForFunction(
        ([sel, a, b]) => [a, b].includes(document.querySelectorAll(sel).length),
        [ITEM, before, before - 1],
        { timeout: 60_000 },
      );
      const after = await count(page);
      t.diagnostic(`point 3 round ${round}: longest main-thread task after the reload ${Math.round(await longest(page))} ms`);
      t.diagnostic(`point 3 round ${round}: ${before} articles, remove then reload after ${Date.now() - t0} ms: ${after} found`);
      assert.equal(await page.locator(NOTE).filter({ hasText: /could not be read/ }).count(), 0);
    }
    assertClean(s);
  } finally {
    await s.close();
  }
});

// ------------------------------------------------------------ point 4

test("point 4: two tabs: a change in one shows in the other; a clash sets the other's version aside", async (t) => {
  const browser = await getBrowser();
  const url = await pageUrl("http");
  const context = await browser.newContext();
  try {
    const a = await context.newPage();
    await a.goto(url);
    await waitForApp(a, { selector: '[data-testid="manage-panel"]' });
    await a.locator(ITEM).first().waitFor();
    await paste(a, MINE);
    await waitForCount(a, 6);
    await waitKept(a, (k) => k.current?.length === 6, "6 kept");
    const b = await context.newPage();
    await b.goto(url);
    await waitForCount(b, 6);
    // A renames: B shows it.
    const la = a.locator(ITEM).nth(0).getByTestId("label-input");
    await la.fill("Renamed in A");
    await la.press("Enter");
    await b.waitForFunction(() => document.querySelector('[data-testid="label-input"]')?.value === "Renamed in A");
    await waitForNote(b, /changed in another tab/);
    // B removes one: A follows.
    await b.locator(ITEM).nth(1).getByTestId("remove").click();
    await waitForCount(a, 5);
    // A tab that hears nothing (no BroadcastChannel) and edits: the other's
    // change is set aside, not overwritten.
    const c = await context.newPage();
    await c.addInitScript(() => {
      window.BroadcastChannel = undefined;
    });
    await c.goto(url);
    await waitForCount(c, 5);
    const lb = a.locator(ITEM).nth(0).getByTestId("label-input");
    await lb.fill("Changed again in A");
    await lb.press("Enter");
    await waitKept(a, (k) => k.current?.[0]?.label === "Changed again in A", "A saved");
    await paste(c, "Added in C while A changed a label.");
    await waitForCount(c, 6);
    await waitForNote(c, /Another tab had changed this workspace.*set aside/);
    const k = await waitKept(c, (k) => k.history.some((e) => e.why === "tab"), "tab entry");
    const aside = k.history.find((e) => e.why === "tab");
    assert.ok(k.entries[aside.id].some((x) => x.label === "Changed again in A"), "A's version kept");
    t.diagnostic("point 4 after: other tab's change shown live; a clash keeps both (history entry 'tab')");
  } finally {
    await context.close();
  }
});

// ------------------------------------------------------------ point 5

test("point 5: an unreadable or newer kept copy is kept until the reader chooses", async () => {
  const s = await start();
  const { page } = s;
  try {
    await paste(page, MINE);
    await waitKept(page, (k) => k.current?.length === 6, "6 kept");
    const NEWER = '{"format":"parallax-workspace","version":9,"articles":[{"label":"From the future","text":"x"}]}';
    await page.evaluate(
      (v) =>
        new Promise((ok, bad) => {
          const r = indexedDB.open("parallax", 1);
          r.onsuccess = () => {
            const tx = r.result.transaction("kv", "readwrite");
            tx.objectStore("kv").put("other.1\n" + v, "current");
            tx.oncomplete = () => {
              r.result.close();
              ok();
            };
            tx.onerror = () => bad(tx.error);
          };
        }),
      NEWER,
    );
    await page.reload();
    const note = await waitForNote(page, /kept in this browser could not be read/);
    assert.match(note, /newer Parallax/);
    assert.doesNotMatch(note, /link/);
    const entry = page.locator(`${HIST}[data-why="unreadable"]`);
    await entry.waitFor();
    // A change is saved; the unreadable copy stays in the history.
    await paste(page, "A change after the unreadable copy.");
    await waitKept(page, (k) => textsOf(k.current).includes("A change after"), "saved");
    await page.reload();
    await entry.waitFor();
    const [dl] = await Promise.all([page.waitForEvent("download"), entry.getByTestId("history-export").click()]);
    assert.equal(readFileSync(await dl.path(), "utf8"), NEWER, "exported as it was kept");
    await entry.getByTestId("history-forget").click();
    await entry.waitFor({ state: "detached" });
    assertClean(s);
  } finally {
    await s.close();
  }
  // The previous version's localStorage copies: moved over; a damaged
  // compressed one is described as a damaged stored copy, not a link.
  const ws = (labels) =>
    JSON.stringify({ format: "parallax-workspace", version: 1, articles: labels.map((l) => ({ label: l, text: `${l} text.` })) });
  for (const [current, previous, expect] of [
    [ws(["Old A", "Old B"]), ws(["Prev A", "Prev B", "Prev C"]), { count: 2, history: /Prev A/ }],
    ["z:AAAAnotacode", null, { note: /stored copy is damaged/ }],
  ]) {
    const m = await start("http", {
      initScripts: [
        `if (!sessionStorage.getItem("seeded")) {
           sessionStorage.setItem("seeded", "1");
           localStorage.setItem("parallax-workspace", ${JSON.stringify(current)});
           ${previous ? `localStorage.setItem("parallax-workspace-previous", ${JSON.stringify(previous)});` : ""}
         }`,
      ],
    });
    try {
      if (expect.count) await waitForCount(m.page, expect.count);
      if (expect.history) await m.page.locator(HIST).filter({ hasText: expect.history }).waitFor();
      if (expect.note) {
        const n = await waitForNote(m.page, expect.note);
        assert.doesNotMatch(n, /link/);
        await m.page.locator(`${HIST}[data-why="unreadable"]`).waitFor();
      }
      await m.page.waitForFunction(() => localStorage.getItem("parallax-workspace") === null);
      assertClean(m);
    } finally {
      await m.close();
    }
  }
});

// ------------------------------------------------------------ point 6

test("point 6: a 2 MB paste is read without freezing the page", async (t) => {
  const s = await start();
  const { page } = s;
  try {
    const big = `${words(6, 100_000).join(" ")} `.repeat(6).slice(0, 2 * 1024 * 1024);
    await resetLong(page);
    const t0 = Date.now();
    await pasteEvent(page, big);
    await waitForNote(page, /Not added: its text is 2,09\d,\d{3} characters long/);
    const ms = Date.now() - t0;
    const long = await longest(page);
    t.diagnostic(`point 6 after: 2 MB paste refused in ${ms} ms; longest main-thread task ${Math.round(long)} ms`);
    assert.equal(await page.getByTestId("paste-text").inputValue(), "", "the text never landed in the box");
    // A paste of several articles, 400 KB in all, is added directly.
    const parts = [1, 2, 3, 4].map((i) => words(60 + i, 15_000).join(" ")).join("\n---\n");
    await resetLong(page);
    await pasteEvent(page, parts);
    await waitForCount(page, 9);
    t.diagnostic(`point 6: 4 articles pasted at once (${parts.length} chars); longest task ${Math.round(await longest(page))} ms`);
    // The box's direction follows its text.
    await page.getByTestId("paste-text").fill("مرحبا بالعالم");
    assert.equal(await page.getByTestId("paste-text").getAttribute("dir"), "rtl");
    assertClean(s);
  } finally {
    await s.close();
  }
});

// ------------------------------------------------------------ point 7

/**
 * Records each click as the page handles it (were the bars all drawn?),
 * and the long tasks with their start times.
 */
const CLICKS = `
  window.__clicks = [];
  document.addEventListener("click", () => window.__clicks.push(!!document.querySelector('.strip-list[data-drawn="all"]')), true);
  window.__tasks = [];
  new PerformanceObserver((l) => window.__tasks.push(...l.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: "longtask", buffered: true });
`;
/** The longest tasks before and after the result came (the last compute-end mark). */
const split = (page) =>
  page.evaluate(() => {
    const end = performance.getEntriesByName("parallax:compute-end").slice(-1)[0]?.startTime ?? 0;
    const max = (xs) => Math.round(Math.max(0, ...xs.map(([, d]) => d)));
    return { opening: max(window.__tasks.filter(([t, d]) => t + d <= end)), drawing: max(window.__tasks.filter(([t, d]) => t + d > end)) };
  });
/** An article column's text as drawn, without the words for screen readers. */
const drawnText = (col) =>
  col.evaluate((el) => {
    const t = el.querySelector(".read-text").cloneNode(true);
    for (const h of t.querySelectorAll(".visually-hidden")) h.remove();
    return t.textContent;
  });

test("point 7: a link of 50 articles of 299k characters: the page answers while the result is drawn, and all of it is drawn", async (t) => {
  const s = await start("http", { initScripts: [CLICKS] });
  const { page } = s;
  try {
    const articles = bigArticles();
    const link = linkOf(s, articles);
    t.diagnostic(`point 7: a link of ${link.length - s.url.length} characters, ${articles.length} articles of ${articles[0].text.length}`);
    await openLink(page, link);
    await page.getByTestId("compute-stop").waitFor({ timeout: 60_000 });
    // The first bars are drawn, not yet the last: a click is handled now
    // (the page is polled between its tasks; the click goes straight in).
    const toggle = await page.getByTestId("theme-toggle").boundingBox();
    await page.waitForFunction(() => document.querySelector('[data-testid="coverage-strip"]'), null, { timeout: 300_000, polling: 5 });
    await page.mouse.click(toggle.x + toggle.width / 2, toggle.y + toggle.height / 2);
    await page.locator('.strip-list[data-drawn="all"]').waitFor({ timeout: 60_000 });
    const clicks = await page.evaluate(() => window.__clicks);
    assert.deepEqual(clicks, [false], "the click was handled before the last bars were drawn");
    assert.equal(await page.getByTestId("theme-toggle").getAttribute("aria-pressed"), "true");
    assert.equal(await page.getByTestId("coverage-strip").count(), articles.length, "a bar per article");
    const { opening, drawing } = await split(page);
    t.diagnostic(`point 7 after: longest main-thread task while the link opens ${opening} ms, from the result to the last bar drawn ${drawing} ms`);
    // Side by side: each column's whole text ends up drawn, the passages marked.
    await resetLong(page);
    await page.getByTestId("open-closest").click();
    const cols = page.locator(ARTICLE);
    await cols.nth(1).waitFor();
    await page.waitForFunction(() => {
      const t = document.querySelectorAll(".read-text");
      return t.length === 2 && [...t].every((e) => e.dataset.drawn === "all");
    }, null, { timeout: 60_000 });
    for (const col of await cols.all()) {
      const doc = Number(await col.getAttribute("data-doc"));
      assert.equal(await drawnText(col), articles[doc].text, `the whole text of ${articles[doc].label}`);
    }
    assert.ok((await page.locator(".read-text mark.pg").count()) > 100, "the shared passages are marked");
    t.diagnostic(`point 7 after: two columns of 299k characters drawn; longest main-thread task ${Math.round(await longest(page))} ms`);
    assertClean(s);
  } finally {
    await s.close();
  }
});

// ------------------------------------------------------------ point 8

test("point 8: fetch can be cancelled, times out, stops reading past 10 MB, and says when offline or blocked", async (t) => {
  const s = await start("http", {
    initScripts: [
      `{
        const real = window.fetch;
        window.__pulled = 0;
        window.fetch = function (req, ...rest) {
          const url = String(req?.url ?? req);
          if (!url.startsWith("https://endless.test/")) return real.call(this, req, ...rest);
          const chunk = new Uint8Array(64 * 1024).fill(97);
          const body = new ReadableStream({
            pull(c) {
              window.__pulled += chunk.length;
              if (window.__pulled > 60 * 1024 * 1024) c.close();
              else c.enqueue(chunk);
            },
          }, { highWaterMark: 0 });
          return Promise.resolve(new Response(body, { status: 200, headers: { "content-type": "text/plain" } }));
        };
      }`,
    ],
  });
  const { page } = s;
  try {
    await s.context.route("https://hanging.test/**", () => {}); // never answered
    const fetchUrl = async (u) => {
      await page.getByTestId("url-input").fill(u);
      await page.getByTestId("url-fetch").click();
    };
    await fetchUrl("https://hanging.test/story");
    await page.getByTestId("url-cancel").click();
    await waitForNote(page, /Fetching was stopped; nothing was added/);
    await page.locator('[data-testid="url-fetch"]:not([disabled])').waitFor();
    const t0 = Date.now();
    await fetchUrl("https://hanging.test/other");
    await waitForNote(page, /did not answer within 15 seconds/);
    t.diagnostic(`point 8 after: a hanging site given up after ${Date.now() - t0} ms (before: "Fetching…" for 20 s or more, no cancel)`);
    await fetchUrl("https://endless.test/big");
    await waitForNote(page, /larger than 10\.0 MB/);
    const pulled = await page.evaluate(() => window.__pulled);
    t.diagnostic(`point 8 after: a reply without a length read to ${(pulled / 1048576).toFixed(1)} MB, then stopped (before: 57 MB read whole)`);
    assert.ok(pulled <= 11 * 1024 * 1024, `read ${pulled} bytes`);
    await fetchUrl("http://plain-http.test/story");
    await waitForNote(page, /only secure addresses \(https:\/\/\)/);
    assert.ok(!s.requests.some((r) => r.startsWith("http://plain-http.test")), "no request made");
    await s.context.setOffline(true);
    await fetchUrl("https://hanging.test/offline");
    await waitForNote(page, /browser is offline/);
    await s.context.setOffline(false);
    assert.equal(await count(page), 5);
  } finally {
    await s.close();
  }
});

// ------------------------------------------------------------ smaller points

test("Markdown keeps its words; labels are cleaned, bounded and told apart", async () => {
  const s = await start();
  const { page } = s;
  try {
    await page.getByTestId("file-input").setInputFiles({
      name: "notes.md",
      mimeType: "text/markdown",
      buffer: Buffer.from("# Title\n\nThe `snake__case__name` field and a snake__case__name word, **bold** and `a*b*c`.\n"),
    });
    await waitForCount(page, 6);
    const item = page.locator(ITEM).nth(5);
    await item.getByTestId("edit").click();
    await page.waitForFunction(() => document.querySelector('[data-testid="edit-text"]')?.value.length > 0);
    assert.equal(
      await item.getByTestId("edit-text").inputValue(),
      "Title\n\nThe snake__case__name field and a snake__case__name word, bold and a*b*c.",
    );
    await item.getByTestId("edit-cancel").click();
    await paste(page, "One.\nSource: same.test\n---\nTwo.\nSource: same.test");
    await waitForCount(page, 8);
    assert.deepEqual((await labels(page)).slice(6), ["same.test", "same.test (2)"]);
    const label = page.locator(ITEM).nth(6).getByTestId("label-input");
    await label.evaluate((el) => {
      el.removeAttribute("maxlength");
      el.value = "Ev\u202eil\u0007 " + "x".repeat(1_000_000);
      el.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="label-input"]')[6].value.startsWith("Evil x"));
    const l = (await labels(page))[6];
    assert.equal([...l].length, 80);
    assert.ok(!/[\u0000-\u001f\u202a-\u202e\u2066-\u2069]/.test(l));
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("the matrix of 30 articles is one Tab stop; arrows move in it, Enter opens the pair", async () => {
  const s = await start();
  const { page } = s;
  try {
    const demo = demoTexts();
    const articles = Array.from({ length: 30 }, (_, i) => ({ label: `Desk ${i + 1}`, text: `${demo[i % demo.length]}\nFiled by desk ${i + 1}.` }));
    await openLink(page, linkOf(s, articles));
    const cells = page.getByTestId("matrix-cell");
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="matrix-cell"]').length === n, 30 * 29, { timeout: 120_000 });
    const stops = () =>
      page.getByTestId("matrix").evaluate((m) => [...m.querySelectorAll("[tabindex]")].filter((e) => e.tabIndex >= 0).map((e) => `${e.dataset.row}.${e.dataset.col}`));
    assert.deepEqual(await stops(), ["0.1"], "one Tab stop: the first cell");
    assert.equal(await cells.count(), 870);
    const focused = () => page.evaluate(() => `${document.activeElement?.dataset.row}.${document.activeElement?.dataset.col}`);
    await page.locator('[data-testid="matrix-cell"][tabindex="0"]').focus();
    await page.keyboard.press("ArrowRight");
    assert.equal(await focused(), "0.2");
    await page.keyboard.press("ArrowDown");
    assert.equal(await focused(), "1.2");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    assert.equal(await focused(), "1.0", "the diagonal is stepped over");
    assert.deepEqual(await stops(), ["1.0"], "the Tab stop follows the focus");
    // Tab leaves the matrix at once.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="matrix"]')), false);
    await page.keyboard.press("Shift+Tab");
    assert.equal(await focused(), "1.0", "Shift+Tab comes back to the same cell");
    // Pointing elsewhere does not move what the keys move from.
    await page.locator('[data-testid="matrix-cell"][data-row="5"][data-col="6"]').hover();
    await page.keyboard.press("ArrowRight");
    assert.equal(await focused(), "1.2");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector('[data-testid="results"]')?.dataset.view === "reading");
    assert.deepEqual(await page.locator(ARTICLE).evaluateAll((els) => els.map((e) => e.dataset.doc)), ["1", "2"]);
    assertClean(s);
  } finally {
    await s.close();
  }
});

// ------------------------------------------------------------ soak

test("soak: 200 random steps (add, remove, edit, link, reload); every article ever added is open or in the history", async (t) => {
  const s = await start();
  const { page } = s;
  let seed = 20241208;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const ever = new Set();
  let n = 0;
  const article = () => {
    const token = `tok${++n}x`;
    ever.add(token);
    return { label: `Soak ${n}`, text: `Article ${token}: ${words(n, 30).join(" ")}.` };
  };
  const steps = { add: 0, remove: 0, edit: 0, link: 0, reload: 0 };
  const t0 = Date.now();
  try {
    for (let step = 0; step < 200; step++) {
      const r = rand();
      const have = await count(page);
      if (r < 0.3 || have === 0) {
        steps.add++;
        const a = article();
        await paste(page, a.text);
        await waitForCount(page, have + 1);
        await waitKept(page, (k) => textsOf(k.current).includes(a.text), "added kept");
      } else if (r < 0.5) {
        steps.remove++;
        const i = Math.floor(rand() * have);
        await page.locator(ITEM).nth(i).getByTestId("remove").click();
        await waitForCount(page, have - 1);
        await waitKept(page, (k) => k.current?.length === have - 1, "removal kept");
      } else if (r < 0.65) {
        steps.edit++;
        const i = Math.floor(rand() * have);
        const item = page.locator(ITEM).nth(i);
        await item.getByTestId("edit").click();
        await page.waitForFunction(() => document.querySelector('[data-testid="edit-text"]')?.value.length > 0);
        const box = item.getByTestId("edit-text");
        const text = `${await box.inputValue()} Edited ${step}.`;
        await box.fill(text);
        await item.getByTestId("edit-save").click();
        await box.waitFor({ state: "detached" });
        await waitKept(page, (k) => textsOf(k.current).includes(`Edited ${step}.`), "edit kept");
      } else if (r < 0.8) {
        steps.link++;
        const list = Array.from({ length: 1 + Math.floor(rand() * 3) }, article);
        await openLink(page, linkOf(s, list));
        await waitForCount(page, list.length);
        await waitKept(page, (k) => textsOf(k.current).includes(list[0].text), "link kept");
      } else {
        steps.reload++;
        await page.reload();
        await waitForApp(page, { selector: '[data-testid="manage-panel"]' });
        await waitForCount(page, have);
      }
    }
    const k = await waitKept(page, () => true, "read");
    const everywhere = [textsOf(k.current), ...Object.values(k.entries).map(textsOf)].join("\n");
    const lost = [...ever].filter((tok) => !everywhere.includes(`Article ${tok}:`));
    t.diagnostic(
      `soak: ${JSON.stringify(steps)}, ${ever.size} articles added, ${k.history.length} history entries, ${Math.round((Date.now() - t0) / 1000)} s`,
    );
    assert.deepEqual(lost, [], "articles neither open nor in the history");
    // And the history restores: the oldest entry comes back.
    const oldest = [...k.history].reverse().find((e) => /Article tok\d+x:/.test(textsOf(k.entries[e.id])));
    const token = textsOf(k.entries[oldest.id]).match(/Article (tok\d+x):/)[1];
    const more = page.getByTestId("history-more").getByTestId("show-more");
    while (await more.count()) await more.click();
    await page.locator(`${HIST}[data-id="${oldest.id}"]`).getByTestId("history-restore").click();
    await waitKept(page, (k) => textsOf(k.current).includes(`Article ${token}:`), "oldest entry restored");
    assertClean(s);
  } finally {
    await s.close();
  }
});
