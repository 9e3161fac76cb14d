// Trust: nothing a reader loads runs as code, nothing leaves the page,
// nothing is lost when storage fails or the app stops, and the Content
// Security Policy is in force in both builds.
//
//   ./scripts/build.sh && node --test tests/browser/trust.test.mjs
//
// Hostile samples live in tests/fixtures/hostile/: every payload there
// would set `window.__pwned` if it ever ran.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { deflateRawSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, assertClean, closeAll, getBrowser, keptArticles, openPage, waitForApp, waitForResult, waitKept } from "./lib.mjs";

after(closeAll);

const HOSTILE = join(ROOT, "tests", "fixtures", "hostile");
const hostile = (name) => join(HOSTILE, name);
const ITEM = '[data-testid="manage-item"]';
const NOTE = '[data-testid="note"]';
const VIEWS = ["overview", "reading", "story", "sources"];

/** Records CSP violations and dialogs from the very start of each page. */
const WATCH = `
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "") + " " + (e.sample || ""));
  });
`;

/** A page with the app started, watched for CSP violations and dialogs. */
async function start(mode = "http", options = {}) {
  const s = await openPage(mode, { ...options, initScripts: [WATCH, ...(options.initScripts ?? [])] });
  s.dialogs = [];
  s.page.on("dialog", (d) => {
    s.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await waitForApp(s.page, { selector: '[data-testid="manage-panel"]' });
  await s.page.locator(ITEM).first().waitFor();
  return s;
}

async function waitForCount(page, n) {
  await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [ITEM, n]);
}

async function openView(page, slug) {
  await page.getByTestId(`tab-${slug}`).click();
  await page.waitForSelector(`[data-testid="results"][data-view="${slug}"]`);
}

/**
 * Asserts that nothing hostile ran or was created: the payload flag is
 * unset, no dialog opened, no script element was added, no element carries
 * an event-handler attribute, no javascript: link, no frame or object, and
 * no CSP violation was reported.
 */
async function assertInert(s, scriptsBefore, where) {
  const found = await s.page.evaluate(() => {
    const handlers = [];
    for (const el of document.querySelectorAll("*")) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) handlers.push(`${el.tagName}[${a.name}]`);
      }
    }
    return {
      pwned: window.__pwned ?? null,
      scripts: document.scripts.length,
      handlers,
      jsLinks: [...document.querySelectorAll("[href],[src],[action],[formaction]")]
        .map((e) => e.getAttribute("href") ?? e.getAttribute("src") ?? e.getAttribute("action") ?? e.getAttribute("formaction"))
        .filter((v) => /^\s*javascript:/i.test(v)),
      embeds: document.querySelectorAll("iframe, object, embed, frame, base, meta[http-equiv=refresh i]").length,
      csp: window.__csp,
    };
  });
  assert.equal(found.pwned, null, `${where}: a payload ran`);
  assert.deepEqual(s.dialogs, [], `${where}: a dialog opened`);
  assert.equal(found.scripts, scriptsBefore, `${where}: script elements were added`);
  assert.deepEqual(found.handlers, [], `${where}: event-handler attributes in the page`);
  assert.deepEqual(found.jsLinks, [], `${where}: javascript: URLs in the page`);
  assert.equal(found.embeds, 0, `${where}: frames, objects, <base> or refresh in the page`);
  assert.deepEqual(found.csp, [], `${where}: Content Security Policy violations`);
}

const scriptCount = (page) => page.evaluate(() => document.scripts.length);
const bodyText = (page) => page.evaluate(() => document.body.innerText);

// ------------------------------------------------------------ CSP

for (const mode of ["http", "file"]) {
  test(`CSP (${mode}): strict policy, enforced, no violation in a session`, async () => {
    const s = await start(mode);
    const { page } = s;
    try {
      const metas = await page.$$eval('meta[http-equiv="Content-Security-Policy" i]', (ms) =>
        ms.map((m) => m.getAttribute("content")),
      );
      assert.equal(metas.length, 1, "one CSP meta tag");
      const policy = Object.fromEntries(
        metas[0]
          .split(";")
          .map((d) => d.trim().split(/\s+/))
          .filter((p) => p[0])
          .map(([k, ...v]) => [k, v]),
      );
      assert.deepEqual(policy["default-src"], ["'none'"]);
      assert.deepEqual(policy["object-src"], ["'none'"]);
      assert.deepEqual(policy["base-uri"], ["'none'"]);
      assert.deepEqual(policy["form-action"], ["'none'"]);
      for (const d of ["script-src", "style-src", "font-src", "img-src"]) {
        const v = policy[d] ?? [];
        assert.ok(v.length > 0, `${d} present`);
        for (const src of v) {
          assert.ok(
            /^'(self|none|wasm-unsafe-eval|sha256-[A-Za-z0-9+/=]+)'$|^(data|blob):$/.test(src),
            `${d} allows ${src}: only the page itself, data:/blob: and hashes are allowed`,
          );
        }
      }
      assert.ok(!policy["script-src"].includes("'unsafe-inline'"), "no unsafe-inline scripts");
      assert.ok(!policy["script-src"].includes("'unsafe-eval'"), "no unsafe-eval");
      assert.ok(!policy["style-src"].includes("'unsafe-inline'"), "no unsafe-inline styles");
      if (mode === "file") {
        assert.ok(policy["script-src"].some((v) => v.startsWith("'sha256-")), "inline module allowed by hash");
        assert.ok(!policy["script-src"].includes("'self'"), "file:// page: no 'self' scripts");
      }

      // Use the app: every view, then the workspace tools.
      const before = await scriptCount(page);
      await waitForResult(page);
      for (const v of VIEWS) await openView(page, v);
      await page.getByTestId("theme-toggle").click();
      await page.getByTestId("share-make").click();
      await assertInert(s, before, `${mode} session`);

      // Things the policy must stop.
      const blocked = await page.evaluate(async () => {
        const out = {};
        window.__ran = [];
        const sc = document.createElement("script");
        sc.textContent = "window.__ran.push('inline script')";
        document.head.append(sc);
        const img = document.createElement("div");
        img.innerHTML = `<img src="data:," onerror="window.__ran.push('inline handler')" onload="window.__ran.push('inline handler')">`;
        document.body.append(img);
        // Code run by the test harness itself is exempt from the policy;
        // code run from a page task (a timer) is not.
        const inTask = (f) => new Promise((ok) => setTimeout(() => ok(f()), 0));
        out.eval = await inTask(() => {
          try {
            // eslint-disable-next-line no-eval
            eval("window.__ran.push('eval')");
            return "ran";
          } catch (e) {
            return e.name;
          }
        });
        out.fn = await inTask(() => {
          try {
            new Function("window.__ran.push('Function')")();
            return "ran";
          } catch (e) {
            return e.name;
          }
        });
        setTimeout("window.__ran.push('string timer')", 0);
        const styled = document.createElement("p");
        styled.setAttribute("style", "color: rgb(1, 2, 3)");
        document.body.append(styled);
        out.inlineStyle = getComputedStyle(styled).color;
        const ext = document.createElement("script");
        ext.src = "https://cdn.example.test/x.js";
        const extDone = new Promise((ok) => {
          ext.onerror = () => ok("blocked");
          ext.onload = () => ok("loaded");
        });
        document.head.append(ext);
        out.remoteScript = await extDone;
        // Let any pending event (image load/error) fire.
        await new Promise((ok) => setTimeout(ok, 50));
        out.ran = window.__ran;
        img.remove();
        styled.remove();
        sc.remove();
        ext.remove();
        return out;
      });
      assert.deepEqual(blocked.ran, [], `${mode}: injected code ran: ${blocked.ran}`);
      assert.equal(blocked.eval, "EvalError", "eval is refused");
      assert.equal(blocked.fn, "EvalError", "new Function is refused");
      assert.notEqual(blocked.inlineStyle, "rgb(1, 2, 3)", "inline style attribute is refused");
      assert.equal(blocked.remoteScript, "blocked", "remote script is refused");
      const violations = await page.evaluate(() => window.__csp);
      assert.ok(violations.length >= 4, `violations were reported: ${violations.join(" | ")}`);
    } finally {
      await s.close();
    }
  });
}

// ------------------------------------------------------------ hostile text

for (const mode of ["http", "file"]) {
  test(`hostile text (${mode}): workspace, paste, HTML and Markdown files and labels render as text only`, async () => {
    const s = await start(mode);
    const { page } = s;
    try {
      const before = await scriptCount(page);
      // A workspace whose labels, titles, dates, texts and settings are markup.
      await page.getByTestId("file-input").setInputFiles([hostile("workspace.json")]);
      await waitForCount(page, 3);
      await waitForResult(page);
      const ws = JSON.parse(readFileSync(hostile("workspace.json"), "utf8"));
      for (const v of VIEWS) {
        await openView(page, v);
        await assertInert(s, before, `${mode} workspace, ${v}`);
      }
      await openView(page, "reading");
      const text = await bodyText(page);
      for (const needle of [
        `<script>window.__pwned="ws text 1"</script>`,
        `<img src=x onerror="window.__pwned='ws text 2'">`,
        ws.articles[0].label,
      ]) {
        assert.ok(text.includes(needle), `shown literally: ${needle}`);
      }
      const labels = await page
        .locator(`${ITEM} [data-testid="label-input"]`)
        .evaluateAll((els) => els.map((e) => e.value));
      assert.equal(labels[0], ws.articles[0].label, "label kept as typed");

      // A pasted article full of markup.
      await page.getByTestId("paste-text").fill(readFileSync(hostile("paste.txt"), "utf8"));
      await page.getByTestId("paste-add").click();
      await waitForCount(page, 4);
      // Hostile files: an HTML page and Markdown.
      await page.getByTestId("file-input").setInputFiles([hostile("article.html"), hostile("article.md")]);
      await waitForCount(page, 6);
      // A label typed as markup.
      const label = page.locator(`${ITEM} [data-testid="label-input"]`).nth(3);
      await label.fill(`<img src=x onerror="window.__pwned='typed label'">`);
      await label.press("Enter");
      await label.blur();
      await waitForResult(page);
      for (const v of VIEWS) {
        await openView(page, v);
        await assertInert(s, before, `${mode} pasted and files, ${v}`);
      }
      // Side by side with the pasted article: its markup is text.
      await page.evaluate(() => {
        location.hash = "view=reading;c=3.1";
      });
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="article"]').length >= 2);
      const reading = await bodyText(page);
      assert.ok(reading.includes(`<script>window.__pwned="paste script"</script>`), "pasted markup shown as text");
      assert.ok(reading.includes(`<img src=x onerror="window.__pwned='typed label'">`), "typed label shown as text");
      await assertInert(s, before, `${mode} reading pasted`);
      assertClean(s);
    } finally {
      await s.close();
    }
  });
}

test("the exported HTML report of hostile articles is inert and loads nothing", async () => {
  const s = await start("http");
  const { page } = s;
  let reportPath;
  try {
    await page.getByTestId("file-input").setInputFiles([hostile("workspace.json")]);
    await waitForCount(page, 3);
    await waitForResult(page);
    const [dl] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-report").click()]);
    reportPath = join(ROOT, "target", "tmp", "trust-hostile-report.html");
    await dl.saveAs(reportPath);
    assertClean(s);
  } finally {
    await s.close();
  }
  const context = await (await getBrowser()).newContext();
  const requests = [];
  context.on("request", (r) => requests.push(r.url()));
  await context.route(/^(https?|wss?|ftp):/, (route) => route.abort("blockedbyclient"));
  try {
    const report = await context.newPage();
    const dialogs = [];
    report.on("dialog", (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    const url = pathToFileURL(reportPath).href;
    await report.goto(url, { waitUntil: "load" });
    const found = await report.evaluate(() => ({
      pwned: window.__pwned ?? null,
      scripts: document.scripts.length,
      handlers: [...document.querySelectorAll("*")].flatMap((el) =>
        [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`),
      ),
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy" i]')?.getAttribute("content") ?? "",
      // textContent: the full texts sit in closed <details>.
      text: document.body.textContent,
    }));
    assert.equal(found.pwned, null, "a payload ran in the report");
    assert.equal(found.scripts, 0, "the report has no script");
    assert.deepEqual(found.handlers, [], "event-handler attributes in the report");
    assert.deepEqual(dialogs, []);
    assert.match(found.csp, /default-src 'none'/, "the report carries its own strict policy");
    assert.ok(found.text.includes(`<script>window.__pwned="ws text 1"</script>`), "article markup shown as text");
    assert.ok(found.text.includes(`<img src=x onerror="window.__pwned='ws label'">`), "label markup shown as text");
    assert.deepEqual(requests, [url], "the report loads nothing but itself");
  } finally {
    await context.close();
  }
});

/** A share code as the app makes it: raw DEFLATE, base64url, no padding. */
function shareCode(json) {
  return deflateRawSync(Buffer.from(json, "utf8"), { level: 9 }).toString("base64url");
}

test("hostile URL fragments: nothing runs, the page starts, bad links are explained", async () => {
  const ws = readFileSync(hostile("workspace.json"), "utf8");
  const cases = [
    { hash: `#view=<script>window.__pwned='view'</script>` },
    { hash: `#view=${encodeURIComponent(`reading;src=<img src=x onerror="window.__pwned='src'">`)}` },
    { hash: `#view=reading;c=0.1.99999.4294967296;g=424242424242;min=999;hide=0.1.2.3.4.5` },
    { hash: `#view=story;g=-1;k=<svg/onload=window.__pwned=1>` },
    { hash: "#ws=garbage", note: /link|damaged|could not/i },
    { hash: "#ws=" + "A".repeat(5000), note: /link|damaged|could not|too/i },
    { hash: "#ws=" + shareCode("{not json"), note: /link|could not|workspace/i },
    { hash: "#ws=" + shareCode(ws), count: 3 },
    { hash: "#%00%ff%fe&&&===;;;#ws=#view=" },
  ];
  for (const mode of ["http", "file"]) {
    for (const c of cases) {
      const s = await openPage(mode, { initScripts: [WATCH] });
      s.dialogs = [];
      s.page.on("dialog", (d) => {
        s.dialogs.push(d.message());
        d.dismiss().catch(() => {});
      });
      try {
        await waitForApp(s.page, { selector: '[data-testid="manage-panel"]' });
        const before = await scriptCount(s.page);
        await s.page.goto(s.url + c.hash);
        await s.page.reload();
        await waitForApp(s.page, { selector: '[data-testid="manage-panel"]' });
        await s.page.locator(ITEM).first().waitFor();
        if (c.count) await waitForCount(s.page, c.count);
        if (c.note) {
          const note = s.page.locator(NOTE).filter({ hasText: c.note }).first();
          await note.waitFor();
        }
        await waitForResult(s.page).catch(() => {});
        await assertInert(s, before, `${mode} ${c.hash.slice(0, 60)}`);
        assert.equal(await s.page.locator('[data-testid="crash"]').count(), 0, "no crash notice");
        assertClean(s);
      } finally {
        await s.close();
      }
    }
  }
});

// ------------------------------------------------------------ zero network

async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testid).click()]);
  await dl.path();
  return dl.suggestedFilename();
}

for (const mode of ["http", "file"]) {
  test(`zero network (${mode}): a full session sends nothing beyond the page's own files`, async () => {
    const s = await start(mode);
    const { page } = s;
    try {
      await waitForResult(page);
      await page
        .getByTestId("paste-text")
        .fill("Port officials said the harbour bridge reopens after repairs.\nThe mayor thanked the crews on Monday.");
      await page.getByTestId("paste-add").click();
      await waitForCount(page, 6);
      await page.getByTestId("file-input").setInputFiles([hostile("article.html")]);
      await waitForCount(page, 7);
      await waitForResult(page);
      for (const v of VIEWS) await openView(page, v);
      const names = [];
      for (const t of ["export-json", "export-matrix", "export-passages", "export-report", "workspace-save"]) {
        names.push(await download(page, t));
      }
      assert.equal(names.length, 5);
      await page.getByTestId("share-make").click();
      await waitKept(page, (a) => a.length === 7);
      await page.reload();
      await waitForApp(page, { selector: '[data-testid="manage-panel"]' });
      await waitForCount(page, 7);
      assert.deepEqual(s.foreignRequests(), [], "requests left the page's own origin/file");
      const own = s.requests.filter((r) => !r.startsWith("data:") && !r.startsWith("blob:"));
      if (mode === "file") {
        assert.ok(own.every((r) => r === s.url), `file mode loads only itself: ${own.join(", ")}`);
      } else {
        const origin = new URL(s.url).origin;
        assert.ok(own.every((r) => new URL(r).origin === origin), own.join(", "));
      }
      assertClean(s);
    } finally {
      await s.close();
    }
  });
}

// ------------------------------------------------------------ storage failures

const QUOTA = `
  Storage.prototype.setItem = function () {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  };
  if (window.indexedDB) {
    IDBFactory.prototype.open = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  }
`;
const DISABLED = `
  for (const name of ["localStorage", "sessionStorage", "indexedDB"]) {
    Object.defineProperty(window, name, {
      configurable: true,
      get() {
        throw new DOMException("Access is denied for this document.", "SecurityError");
      },
    });
  }
`;

for (const [name, stub, message] of [
  ["full", QUOTA, /full/i],
  ["disabled", DISABLED, /storage|keep/i],
]) {
  test(`storage ${name}: the reader is told, nothing loaded is lost`, async () => {
    const s = await start("http", { initScripts: [stub] });
    const { page } = s;
    try {
      await waitForResult(page);
      await page.getByTestId("paste-text").fill("A pasted article that must stay: the harbour bridge reopened on Monday.");
      await page.getByTestId("paste-add").click();
      await waitForCount(page, 6);
      // Told: a notice and the save status.
      await page.locator(`${NOTE}, [data-testid="save-status"][data-ok="false"]`).filter({ hasText: message }).first().waitFor();
      const status = page.locator('[data-testid="save-status"]');
      assert.equal(await status.getAttribute("data-ok"), "false");
      // Nothing lost: all articles still there and comparable.
      await page.getByTestId("paste-text").fill("Another one: the ferry kept running while the harbour bridge was closed.");
      await page.getByTestId("paste-add").click();
      await waitForCount(page, 7);
      await waitForResult(page);
      await openView(page, "reading");
      assert.ok((await page.locator('[data-testid="article"]').count()) >= 2, "articles shown side by side");
      const labels = await page
        .locator(`${ITEM} [data-testid="label-input"]`)
        .evaluateAll((els) => els.map((e) => e.value));
      assert.equal(labels.length, 7);
      // The workspace can still be kept by hand.
      const [dl] = await Promise.all([page.waitForEvent("download"), page.getByTestId("workspace-save").click()]);
      const saved = JSON.parse(readFileSync(await dl.path(), "utf8"));
      assert.equal(saved.articles.length, 7, "saved file holds every article");
      assert.ok(saved.articles.some((a) => a.text.includes("must stay")));
      assert.equal(await page.locator('[data-testid="crash"]').count(), 0);
      assertClean(s);
    } finally {
      await s.close();
    }
  });
}

test("a damaged kept workspace is reported and left in place", async () => {
  const DAMAGED = `{"format":"parallax-workspace","version":1,"articles":[{"label":"x","text":`;
  const s = await start("http", {
    initScripts: [
      `if (!sessionStorage.getItem("seeded")) {
         sessionStorage.setItem("seeded", "1");
         localStorage.setItem("parallax-workspace", ${JSON.stringify(DAMAGED)});
       }`,
    ],
  });
  const { page } = s;
  try {
    await page.locator(NOTE).filter({ hasText: /could not be read/i }).first().waitFor();
    // Moved, as it was, into the history: saved from there byte for byte.
    const entry = page.locator('[data-testid="history-item"][data-why="unreadable"]');
    const [dl] = await Promise.all([page.waitForEvent("download"), entry.getByTestId("history-export").click()]);
    assert.equal(readFileSync(await dl.path(), "utf8"), DAMAGED, "kept copy untouched");
    assertClean(s);
  } finally {
    await s.close();
  }
});

// ------------------------------------------------------------ panic notice

test("a panic shows a readable notice with Reload, and the workspace comes back", async () => {
  const s = await start("http");
  const { page } = s;
  try {
    await waitForResult(page);
    await page.getByTestId("paste-text").fill("Kept across a crash: the harbour bridge reopened on Monday, officials said.");
    await page.getByTestId("paste-add").click();
    await waitForCount(page, 6);
    await waitKept(page, (a) => a.some((x) => x.text.includes("Kept across a crash")));
    const threw = await page.evaluate(async () => {
      const m = await import("./parallax.js");
      try {
        m.__parallax_test_panic();
        return null;
      } catch (e) {
        return String(e);
      }
    });
    assert.ok(threw, "the panic surfaced as an exception");
    const crash = page.getByTestId("crash");
    await crash.waitFor();
    assert.equal(await crash.getAttribute("role"), "alert");
    const text = await crash.innerText();
    assert.match(text, /stopped working/);
    assert.match(text, /reload/i);
    assert.match(await page.getByTestId("crash-kept").innerText(), /kept in this browser/);
    assert.match(await page.getByTestId("crash-detail").textContent(), /test panic requested/);
    assert.ok(
      s.consoleErrors.some((t) => /Parallax stopped/.test(t) && /test panic requested/.test(t)),
      `logged to the console: ${s.consoleErrors.join(" | ")}`,
    );
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute("data-testid")),
      "crash-reload",
      "Reload has the focus",
    );
    // The kept workspace can be saved as a file from the notice.
    const [dl] = await Promise.all([page.waitForEvent("download"), page.getByTestId("crash-save").click()]);
    const saved = JSON.parse(readFileSync(await dl.path(), "utf8"));
    assert.equal(dl.suggestedFilename(), "parallax-workspace.json");
    assert.equal(saved.articles.length, 6);
    assert.ok(saved.articles.some((a) => a.text.includes("Kept across a crash")));
    // Reload restores the workspace (six articles, the pasted one too).
    await Promise.all([page.waitForEvent("load"), page.getByTestId("crash-reload").click()]);
    await waitForApp(page, { selector: '[data-testid="manage-panel"]' });
    await waitForCount(page, 6);
    const texts = JSON.stringify(await keptArticles(page));
    assert.ok(texts.includes("Kept across a crash"), "workspace kept in storage");
    assert.equal(await page.locator('[data-testid="crash"]').count(), 0, "fresh page after reload");
    assert.deepEqual(s.foreignRequests(), []);
  } finally {
    await s.close();
  }
});

test("the panic notice says so when storage is unavailable", async () => {
  const s = await start("http", { initScripts: [DISABLED] });
  const { page } = s;
  try {
    await page.evaluate(async () => {
      const m = await import("./parallax.js");
      try {
        m.__parallax_test_panic();
      } catch {
        // expected
      }
    });
    await page.getByTestId("crash").waitFor();
    assert.match(await page.getByTestId("crash-kept").innerText(), /could not be kept/);
  } finally {
    await s.close();
  }
});
