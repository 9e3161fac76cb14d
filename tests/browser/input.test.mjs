// Bringing articles in, cleaning, keeping, sharing and exporting them, and
// every kind of bad input, in headless Chromium.
//
//   ./scripts/build.sh && node --test tests/browser/input.test.mjs
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, assertClean, closeAll, openPage, screenshot, waitForApp, waitKept } from "./lib.mjs";

after(closeAll);

const FIXTURES = join(ROOT, "tests", "fixtures");
const fixture = (name) => join(FIXTURES, name);
const ITEM = '[data-testid="manage-item"]';
const NOTE = '[data-testid="note"]';

/** A page with the app started (demo set shown). */
async function start(mode = "http", options = {}) {
  const s = await openPage(mode, options);
  await waitForApp(s.page, { selector: '[data-testid="manage-panel"]' });
  await s.page.locator(ITEM).first().waitFor();
  return s;
}

/** Labels of the articles, in order. */
function labels(page) {
  return page.locator(`${ITEM} [data-testid="label-input"]`).evaluateAll((els) => els.map((e) => e.value));
}

/** Waits until there are `n` articles. */
async function waitForCount(page, n) {
  await page.waitForFunction(
    ([sel, n]) => document.querySelectorAll(sel).length === n,
    [ITEM, n],
  );
}

/** Waits for a note whose text matches `re`; returns its text. */
async function waitForNote(page, re) {
  const note = page.locator(NOTE).filter({ hasText: re }).first();
  await note.waitFor();
  return note.textContent();
}

/** The text of article `index` (0-based), read from its edit box. */
async function articleText(page, index) {
  const item = page.locator(ITEM).nth(index);
  await item.getByTestId("edit").click();
  // Filled right after it appears (articles are never empty).
  await page.waitForFunction(() => document.querySelector('[data-testid="edit-text"]')?.value.length > 0);
  const value = await item.getByTestId("edit-text").inputValue();
  await item.getByTestId("edit-cancel").click();
  return value;
}

/** Drops files (name, content, type) on the drop zone with a synthetic DataTransfer. */
async function dropFiles(page, files) {
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const f of files) {
      const body = f.bytes ? new Uint8Array(f.bytes) : f.size ? new Uint8Array(f.size).fill(97) : f.content;
      dt.items.add(new File([body], f.name, { type: f.type ?? "" }));
    }
    const zone = document.querySelector('[data-testid="drop-zone"]');
    for (const type of ["dragenter", "dragover", "drop"]) {
      zone.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, files);
}

/** Clicks `testid` and returns the download's name and text. */
async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testid).click()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), text: readFileSync(path, "utf8") };
}

/** Waits until the comparison is done (export buttons enabled). */
async function waitForResult(page) {
  await page.waitForFunction(() => {
    const b = document.querySelector('[data-testid="export-json"]');
    return b && !b.disabled;
  }, null, { timeout: 60_000 });
}

test("paste one article, then several separated by --- and ===", async () => {
  const s = await start();
  const { page } = s;
  try {
    await waitForCount(page, 5);
    await page.getByTestId("paste-text").fill("A single pasted article about the harbour bridge.\nIt reopened on Sunday.");
    await page.getByTestId("paste-add").click();
    await waitForCount(page, 6);
    assert.equal(await page.getByTestId("paste-text").inputValue(), "", "box cleared once taken in");
    await page.getByTestId("paste-text").fill(
      "First of three, about the port strike.\n---\nSecond of three.\nSource: example-news.test\n\n===\nThird of three.",
    );
    await page.getByTestId("paste-add").click();
    await waitForCount(page, 9);
    const l = await labels(page);
    // Named by the outlet a text names, else by its headline.
    assert.deepEqual(l.slice(5), [
      "A single pasted article about the\u2026",
      "First of three, about the port strike",
      "example-news.test",
      "Third of three",
    ]);
    assert.equal(await articleText(page, 8), "Third of three.");
    await waitForNote(page, /Added 3 articles/);
    // Page source pasted as text is read like a saved page.
    await page.getByTestId("paste-text").fill(readFileSync(fixture("saved-news.html"), "utf8"));
    await page.getByTestId("paste-text").press("Control+Enter");
    await waitForCount(page, 10);
    assert.equal((await labels(page))[9], "The Daily Example");
    assert.match(await articleText(page, 9), /^Harbour bridge reopens after storm repairs\n\nThe harbour bridge/);
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("pick several files: .txt, .md and a saved news page", async () => {
  const s = await start();
  const { page } = s;
  try {
    await page
      .getByTestId("file-input")
      .setInputFiles([fixture("article-a.txt"), fixture("article-b.md"), fixture("saved-news.html")]);
    await waitForCount(page, 8);
    const l = await labels(page);
    assert.deepEqual(l.slice(5), ["harbour-times.test", "article-b", "The Daily Example"]);
    // Markdown becomes plain text.
    const md = await articleText(page, 6);
    assert.match(md, /^Dockers back at work as strike ends\n/);
    assert.ok(!md.includes("**") && !md.includes("](http"), md);
    assert.match(md, /mediated by the labour ministry, the union said/);
    // The page: title first, paragraphs, nothing from scripts, nav, cookie banner,
    // share bar, related links, comments, sidebar or footer.
    const html = await articleText(page, 7);
    assert.match(html, /^Harbour bridge reopens after storm repairs\n\nThe harbour bridge reopened/);
    for (const p of ["three weeks after a storm", "Marta Olsen", "40,000 vehicles", "Readers shared their stories"]) {
      assert.ok(html.includes(p), `kept: ${p}`);
    }
    for (const junk of [
      "We use cookies", "Sport", "Share on Facebook", "Storm damage in pictures", "First! This bridge",
      "Celebrity chef", "All rights reserved", "svg text", "inline script", "enable JavaScript", "secret-style",
    ]) {
      assert.ok(!html.includes(junk), `left out: ${junk}\n${html}`);
    }
    const item = page.locator(ITEM).nth(7);
    assert.match(await item.textContent(), /2024-12-08T09:30:00Z/);
    assert.match(await item.textContent(), /saved-news\.html/);
    // The newsletter prompt inside the article is kept but left out of the comparison.
    await item.getByTestId("bp-summary").click();
    // The lines are listed once the list is open.
    await item.locator('[data-testid="bp-line"]').first().waitFor();
    const ignored = item.locator('[data-testid="bp-line"][data-ignored="true"]');
    assert.equal(await ignored.count(), 1);
    assert.match(await ignored.textContent(), /Sign up for our daily newsletter/);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, "nothing from the page ran");
    assert.equal(await page.title(), "Parallax: compare news articles");
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("drop files on the page (synthesized DataTransfer)", async () => {
  const s = await start();
  const { page } = s;
  try {
    await dropFiles(page, [
      { name: "one.txt", content: "Dropped article one, about the harbour bridge reopening." },
      { name: "two.md", content: "# Two\n\nDropped article *two*." },
    ]);
    await waitForCount(page, 7);
    assert.deepEqual((await labels(page)).slice(5), ["one", "two"]);
    assert.equal(await articleText(page, 6), "Two\n\nDropped article two.");
    await waitForNote(page, /Added 2 articles: one, two/);
    // The page is still the app (a dropped file must not replace it).
    assert.match(page.url(), /^http:\/\/127\.0\.0\.1/);
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("HTML full of scripts and event handlers is read as text; nothing runs or loads", async () => {
  const s = await start();
  const { page } = s;
  try {
    await page.getByTestId("file-input").setInputFiles(fixture("hostile.html"));
    await waitForCount(page, 6);
    const text = await articleText(page, 5);
    assert.match(text, /the <script>alert\(1\)<\/script> test string is shown as text only/);
    assert.ok(!text.includes("written by script") && !text.includes("head script"), text);
    // Text shown in the page is text: no element was made from the page's markup.
    const item = page.locator(ITEM).nth(5);
    await item.getByTestId("bp-summary").click();
    await item.locator('[data-testid="bp-line"]').first().waitFor();
    assert.equal(await item.locator("b, img, video, object, script, a[href^=javascript]").count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.match(page.url(), /^http:\/\/127\.0\.0\.1/, "no refresh or base change");
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("boilerplate lines are dimmed, restorable per line, and the choice is kept", async () => {
  const s = await start();
  const { page } = s;
  try {
    // Demo article 4 carries two WhatsApp prompts and two "Join Now" lines.
    const item = page.locator(ITEM).nth(3);
    await item.getByTestId("bp-summary").click();
    assert.match(await item.getByTestId("bp-summary").textContent(), /4 lines left out/);
    const whatsapp = item.locator('[data-testid="bp-line"]').filter({ hasText: "WhatsApp" });
    await whatsapp.first().waitFor();
    assert.equal(await whatsapp.count(), 2);
    assert.equal(await whatsapp.first().getAttribute("data-ignored"), "true");
    await whatsapp.first().getByTestId("bp-toggle").click();
    await page.waitForFunction(() =>
      /3 lines left out/.test(document.querySelectorAll('[data-testid="bp-summary"]')[3].textContent));
    assert.equal(await whatsapp.first().getAttribute("data-ignored"), "false");
    // Leave out an ordinary line by hand.
    const first = item.locator('[data-testid="bp-line"]').first();
    await first.getByTestId("bp-toggle").click();
    await page.waitForFunction(() =>
      /4 lines left out/.test(document.querySelectorAll('[data-testid="bp-summary"]')[3].textContent));
    await screenshot(page, "input-boilerplate");
    await waitKept(page, (a) => a[3]?.ignored.length === 4);
    await page.reload();
    await page.locator(ITEM).nth(3).waitFor();
    const again = page.locator(ITEM).nth(3);
    assert.match(await again.getByTestId("bp-summary").textContent(), /4 lines left out/);
    await again.getByTestId("bp-summary").click();
    assert.equal(
      await again.locator('[data-testid="bp-line"]').first().getAttribute("data-ignored"),
      "true",
    );
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("manage: rename, edit, reorder, remove with undo, restore the demo set; reload keeps it all", async () => {
  const s = await start();
  const { page } = s;
  try {
    const label = page.locator(ITEM).nth(1).getByTestId("label-input");
    await label.fill("Sky News (translated)");
    await label.press("Enter");
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="label-input"]')[1].value === "Sky News (translated)");
    // Edit the text of article 3.
    const third = page.locator(ITEM).nth(2);
    await third.getByTestId("edit").click();
    await third.getByTestId("edit-text").fill("Edited text of the third article.\nRead more: somewhere else");
    await third.getByTestId("edit-save").click();
    await third.getByTestId("edit-text").waitFor({ state: "detached" });
    assert.match(await third.getByTestId("bp-summary").textContent(), /1 line left out/);
    // Move article 5 up to position 4, article 1 down.
    await page.locator(ITEM).nth(4).getByTestId("move-up").click();
    await page.locator(ITEM).nth(0).getByTestId("move-down").click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="label-input"]')[0].value === "Sky News (translated)");
    const before = await labels(page);
    assert.deepEqual(before, [
      "Sky News (translated)",
      "dailymail.co.uk",
      "Bashar al-Assad has fled Damascus",
      "Moscow: With rebels taking control of\u2026",
      "\"End Of Era Of Tyranny\": Bashar Al-Assad\u2026",
    ]);
    // Remove, then undo.
    await page.locator(ITEM).nth(2).getByTestId("remove").click();
    await waitForCount(page, 4);
    await page.getByTestId("note-undo").click();
    await waitForCount(page, 5);
    assert.deepEqual(await labels(page), before);
    // Reload: everything kept.
    await waitKept(page, (a) => a.map((x) => x.label).join() === before.join());
    await page.reload();
    // The page starts with the demo set, five articles too, until the kept
    // copy (read asynchronously) replaces it: wait for the kept labels.
    await page
      .waitForFunction(
        ([sel, want]) => [...document.querySelectorAll(sel)].map((e) => e.value).join("\n") === want,
        [`${ITEM} [data-testid="label-input"]`, before.join("\n")],
        { timeout: 15_000 },
      )
      .catch(() => {});
    assert.deepEqual(await labels(page), before);
    assert.equal(await articleText(page, 2), "Edited text of the third article.\nRead more: somewhere else");
    assert.equal(await page.getByTestId("save-status").getAttribute("data-ok"), "true");
    // Restore the demo set; the replaced workspace can be brought back.
    await page.getByTestId("restore-demo").click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="label-input"]')[0].value === "dailymail.co.uk");
    await page.getByTestId("note-bring-back").click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="label-input"]')[0].value === "Sky News (translated)");
    // Remove all (to start with one's own articles), and undo that too.
    await page.getByTestId("remove-all").click();
    await waitForCount(page, 0);
    await page.getByTestId("need-two").waitFor();
    await waitKept(page, (a) => a.length === 0);
    await page.reload();
    await page.getByTestId("need-two").waitFor();
    assert.equal(await page.locator(ITEM).count(), 0, "an emptied workspace stays empty after a reload");
    // What "Remove all" replaced is in the history.
    await page.locator('[data-testid="history-item"][data-why="clear"]').getByTestId("history-restore").click();
    await waitForCount(page, 5);
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("share link round trip: opens elsewhere, and sets aside (not destroys) a saved workspace", async () => {
  const s = await start();
  const { page } = s;
  let link;
  try {
    await page.getByTestId("paste-text").fill("Shared article: مرحبا 東京 🙂 \"quotes\" & <tags>.");
    await page.getByTestId("paste-add").click();
    await waitForCount(page, 6);
    await page.locator(ITEM).nth(5).getByTestId("label-input").fill("Outlet & <Co>");
    await page.locator(ITEM).nth(5).getByTestId("label-input").press("Enter");
    await page.getByTestId("share-make").click();
    link = await page.getByTestId("share-link").inputValue();
    assert.match(link, /#(.*&)?ws=[A-Za-z0-9_-]+/);
    assert.ok(link.length < 40_000, `link length ${link.length}`);
    assertClean(s);
  } finally {
    await s.close();
  }
  // A new browser profile opens the link.
  const t = await start();
  try {
    await t.page.goto(link);
    await t.page.reload();
    await waitForCount(t.page, 6);
    // Once kept, a reload shows the kept copy (nothing set aside again), and
    // the address keeps the link (to copy again) while its articles are shown.
    await waitKept(t.page, (a) => a.length === 6);
    await t.page.reload();
    await waitForCount(t.page, 6);
    assert.ok(t.page.url().includes("ws="), t.page.url());
    assert.equal((await labels(t.page))[5], "Outlet & <Co>");
    assert.equal(await articleText(t.page, 5), "Shared article: مرحبا 東京 🙂 \"quotes\" & <tags>.");
    assertClean(t);
  } finally {
    await t.close();
  }
  // A profile with its own saved workspace: it is set aside and can come back.
  const u = await start();
  try {
    await u.page.locator(ITEM).nth(0).getByTestId("remove").click();
    await waitForCount(u.page, 4);
    await waitKept(u.page, (a) => a.length === 4);
    await u.page.goto(link);
    await u.page.reload();
    await waitForCount(u.page, 6);
    await waitForNote(u.page, /workspace you had open before \(4 articles: .*\) was set aside/);
    // Still offered after a reload, in the history, until forgotten.
    await u.page.reload();
    const mine = u.page.locator('[data-testid="history-item"][data-why="link"]');
    await mine.waitFor();
    assert.match(await mine.textContent(), /4 articles/);
    await mine.getByTestId("history-restore").click();
    await waitForCount(u.page, 4);
    await waitKept(u.page, (a) => a.length === 4);
    await u.page.reload();
    await waitForCount(u.page, 4);
    // The link's workspace, replaced in its turn, is kept too.
    await u.page.locator('[data-testid="history-item"][data-why="restored"]').filter({ hasText: /6 articles/ }).waitFor();
    assertClean(u);
  } finally {
    await u.close();
  }
});

test("a damaged share link says so and keeps the saved workspace", async () => {
  const s = await start();
  const { page } = s;
  try {
    await page.locator(ITEM).nth(0).getByTestId("remove").click();
    await waitForCount(page, 4);
    await waitKept(page, (a) => a.length === 4);
    await page.goto(`${s.url}#ws=AAAAnotreallyacode`);
    await page.reload();
    await waitForNote(page, /link's workspace could not be opened/);
    await waitForCount(page, 4);
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("exports: result JSON, matrix and passages CSV, standalone HTML report, workspace file", async () => {
  const s = await start();
  const { page } = s;
  try {
    await waitForResult(page);
    const json = await download(page, "export-json");
    assert.match(json.name, /^parallax-result-.*\.json$/);
    const result = JSON.parse(json.text);
    assert.equal(result.format, "parallax-result");
    assert.equal(result.documents.length, 5);
    assert.equal(result.articles[0].label, "dailymail.co.uk");
    assert.ok(Array.isArray(result.groups) && Array.isArray(result.pairs));
    assert.equal(result.pairs.length, 10);

    const matrix = await download(page, "export-matrix");
    assert.match(matrix.name, /\.csv$/);
    const rows = matrix.text.trim().split("\r\n");
    assert.equal(rows.length, 6);
    assert.match(rows[0], /^"?% of row article's words found in column article"?,dailymail\.co\.uk,Syria\u2019s ousted President/);
    assert.match(rows[1], /^dailymail\.co\.uk,,\d+\.\d,/);

    const passages = await download(page, "export-passages");
    const prow = passages.text.split("\r\n");
    assert.equal(prow[0], "group,kind,score,members,article,start,end,text");
    assert.ok(prow.length > 2, "some passages");

    const report = await download(page, "export-report");
    assert.match(report.name, /^parallax-report-.*\.html$/);
    assert.match(report.text, /^<!doctype html>/);
    assert.ok(!/<script/i.test(report.text), "no script in the report");
    assert.match(report.text, /<style>/);
    assert.match(report.text, /dailymail\.co\.uk/);
    assert.equal((report.text.match(/<article class="group"/g) ?? []).length, result.groups.length);
    // Opened on its own, without scripts, it reads.
    const r = await s.context.newPage();
    await r.setContent(report.text);
    assert.match(await r.locator("h1").textContent(), /Parallax report/);
    assert.equal(await r.locator("#matrix tbody tr").count(), 5);
    await r.close();

    const ws = await download(page, "workspace-save");
    const parsed = JSON.parse(ws.text);
    assert.equal(parsed.format, "parallax-workspace");
    assert.equal(parsed.articles.length, 5);
    assert.ok(parsed.articles[3].ignored.length >= 4);
    assert.equal(typeof parsed.settings.view, "string", "the view travels with the workspace");
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("workspace file: open it back (replacing, with the old one set aside)", async () => {
  const s = await start();
  const { page } = s;
  try {
    const ws = {
      format: "parallax-workspace",
      version: 1,
      articles: [
        { label: "From file A", text: "Alpha text.\nRead more: x", ignored: [[12, 24]] },
        { label: "From file B", text: "Beta text." },
      ],
      settings: {},
    };
    await page.getByTestId("workspace-open").setInputFiles({
      name: "mine.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(ws)),
    });
    await waitForCount(page, 2);
    assert.deepEqual(await labels(page), ["From file A", "From file B"]);
    await waitForNote(page, /Opened the workspace file mine\.json \(2 articles\)/);
    await page.getByTestId("note-bring-back").click();
    await waitForCount(page, 5);
    // Not a workspace: refused with a message, nothing changes.
    await page.getByTestId("workspace-open").setInputFiles({
      name: "other.json",
      mimeType: "application/json",
      buffer: Buffer.from('{"hello": 1}'),
    });
    await waitForNote(page, /other\.json: Not loaded: this is not a Parallax workspace/);
    await waitForCount(page, 5);
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("bad input: empty, single article, 20 MB, binary, invalid UTF-8, RTL, CJK and emoji", async () => {
  const s = await start();
  const { page } = s;
  try {
    // Empty paste.
    await page.getByTestId("paste-text").fill("   \n\n  ");
    await page.getByTestId("paste-add").click();
    await waitForNote(page, /Nothing to add: the box is empty/);
    // Empty file.
    await dropFiles(page, [{ name: "empty.txt", content: "" }]);
    await waitForNote(page, /empty\.txt: Not added: it is empty/);
    // 20 MB: refused before it is read, with the limit stated.
    await dropFiles(page, [{ name: "huge.txt", size: 20 * 1024 * 1024 }]);
    const big = await waitForNote(page, /huge\.txt/);
    assert.match(big, /20\.0 MB and the limit is 10\.0 MB/);
    // A paste far longer than any article: refused, and the text stays in the box.
    await page.getByTestId("paste-text").evaluate((el) => {
      el.value = "word ".repeat(80_000);
    });
    await page.getByTestId("paste-add").click();
    await waitForNote(page, /Pasted text: Not added: its text is 399,999 characters long and the limit is 300,000/);
    assert.equal((await page.getByTestId("paste-text").inputValue()).length, 400_000);
    await page.getByTestId("paste-text").fill("");
    // Binary data.
    await dropFiles(page, [{ name: "photo.txt", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82] }]);
    await waitForNote(page, /photo\.txt: Not added: it looks like binary data/);
    await waitForCount(page, 5);
    // Invalid UTF-8: added, with a warning.
    await page.getByTestId("file-input").setInputFiles({
      name: "latin1.txt",
      mimeType: "text/plain",
      buffer: Buffer.from([...Buffer.from("Caf"), 0xe9, ...Buffer.from(" au lait, na"), 0xef, ...Buffer.from("ve text.")]),
    });
    await waitForNote(page, /latin1\.txt: Some bytes were not valid UTF-8/);
    await waitForCount(page, 6);
    assert.equal(await articleText(page, 5), "Caf\uFFFD au lait, na\uFFFDve text.");
    // Right-to-left and CJK with emoji, intact and shown with dir="auto".
    await page.getByTestId("file-input").setInputFiles([fixture("arabic-rtl.txt"), fixture("cjk-emoji.txt")]);
    await waitForCount(page, 8);
    assert.equal(await articleText(page, 6), readFileSync(fixture("arabic-rtl.txt"), "utf8").trim());
    assert.equal(await articleText(page, 7), readFileSync(fixture("cjk-emoji.txt"), "utf8").trim());
    const rtl = page.locator(ITEM).nth(6);
    await rtl.getByTestId("bp-summary").click();
    assert.equal(await rtl.locator(".bp-text").first().getAttribute("dir"), "auto");
    assert.equal(await rtl.getByTestId("label-input").getAttribute("dir"), "auto");
    // Down to one article: told that two are needed.
    for (let n = 8; n > 1; n--) {
      await page.locator(ITEM).first().getByTestId("remove").click();
      await waitForCount(page, n - 1);
    }
    assert.match(await page.getByTestId("need-two").textContent(), /at least one more/);
    assert.equal(await page.getByTestId("export-json").isDisabled(), true);
    // Printing shows the comparison, not the controls.
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.getByTestId("workspace").isVisible(), false);
    await page.emulateMedia({ media: "screen" });
    assert.equal(await page.getByTestId("workspace").isVisible(), true);
    await screenshot(page, "input-bad-input");
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("storage full or unavailable: told, nothing lost, workspace file offered", async () => {
  const full = await openPage("http");
  await waitForApp(full.page, { selector: ITEM });
  await full.page.addInitScript(() => {
    Storage.prototype.setItem = IDBObjectStore.prototype.put = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  try {
    await full.page.reload();
    await full.page.locator(ITEM).first().waitFor();
    await full.page.getByTestId("paste-text").fill("Kept in memory although storage is full.");
    await full.page.getByTestId("paste-add").click();
    await waitForCount(full.page, 6);
    await waitForNote(full.page, /storage for this page is full/);
    assert.equal(await full.page.getByTestId("save-status").getAttribute("data-ok"), "false");
    assert.match(await full.page.getByTestId("save-status").textContent(), /Save workspace file/);
    const ws = await download(full.page, "workspace-save");
    assert.equal(JSON.parse(ws.text).articles.length, 6);
    assertClean(full);
  } finally {
    await full.close();
  }
  // No IndexedDB: kept in localStorage, and the reader is told so.
  const small = await openPage("http");
  await waitForApp(small.page, { selector: ITEM });
  await small.page.addInitScript(() => {
    Object.defineProperty(window, "indexedDB", { get: () => undefined });
  });
  try {
    await small.page.reload();
    await small.page.locator(ITEM).first().waitFor();
    await small.page.getByTestId("paste-text").fill("Kept in local storage.");
    await small.page.getByTestId("paste-add").click();
    await waitForCount(small.page, 6);
    await small.page.locator('[data-testid="save-status"][data-ok="true"]').filter({ hasText: /small local storage/ }).waitFor();
    await small.page.waitForFunction(() => localStorage.getItem("parallax-kv-current")?.includes("Kept in local storage."));
    await small.page.reload();
    await waitForCount(small.page, 6);
    assert.equal(await articleText(small.page, 5), "Kept in local storage.");
    assertClean(small);
  } finally {
    await small.close();
  }
  const blocked = await openPage("http");
  await waitForApp(blocked.page, { selector: ITEM });
  await blocked.page.addInitScript(() => {
    for (const name of ["localStorage", "indexedDB"]) {
      Object.defineProperty(window, name, {
        get() {
          throw new DOMException("Access is denied for this document.", "SecurityError");
        },
      });
    }
  });
  try {
    await blocked.page.reload();
    await blocked.page.locator(ITEM).first().waitFor();
    assert.equal(await blocked.page.getByTestId("save-status").getAttribute("data-ok"), "false");
    assert.match(await blocked.page.getByTestId("save-status").textContent(), /does not let Parallax keep/);
    await blocked.page.getByTestId("paste-text").fill("Still works without storage.");
    await blocked.page.getByTestId("paste-add").click();
    await waitForCount(blocked.page, 6);
    assertClean(blocked, { allowConsoleErrors: [/localStorage|indexedDB|SecurityError|Access is denied/] });
  } finally {
    await blocked.close();
  }
});

test("fetch by address: a site that allows it, and one that does not", async () => {
  const s = await start();
  const { page } = s;
  try {
    const html = readFileSync(fixture("saved-news.html"));
    await s.context.route("https://open-news.test/story", (route) =>
      route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html, headers: { "access-control-allow-origin": "*" } }),
    );
    await page.getByTestId("url-input").fill("https://open-news.test/story");
    await page.getByTestId("url-fetch").click();
    await waitForCount(page, 6);
    assert.equal((await labels(page))[5], "The Daily Example");
    // Most sites refuse (no CORS header): the reader is told what to do.
    await page.getByTestId("url-input").fill("https://closed-news.test/story");
    await page.getByTestId("url-fetch").click();
    const msg = await waitForNote(page, /did not let Parallax read this page/);
    assert.match(msg, /save it/);
    assert.match(msg, /paste/);
    await page.getByTestId("url-input").fill("javascript:alert(1)");
    await page.getByTestId("url-fetch").click();
    await waitForNote(page, /Only web addresses/);
    await waitForCount(page, 6);
    assert.deepEqual(
      s.foreignRequests().filter((u) => !u.startsWith("https://open-news.test/") && !u.startsWith("https://closed-news.test/")),
      [],
    );
    assert.deepEqual(s.pageErrors, []);
  } finally {
    await s.close();
  }
});

test("the single file (file://) adds, keeps and exports too", async () => {
  const s = await start("file");
  const { page } = s;
  try {
    await page.getByTestId("paste-text").fill("Offline article one.\n---\nOffline article two.");
    await page.getByTestId("paste-add").click();
    await waitForCount(page, 7);
    await waitKept(page, (a) => a.length === 7);
    await page.reload();
    await waitForCount(page, 7);
    await waitForResult(page);
    const csv = await download(page, "export-matrix");
    assert.equal(csv.text.trim().split("\r\n").length, 8);
    assertClean(s);
  } finally {
    await s.close();
  }
});
