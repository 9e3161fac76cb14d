// What a first-time reader meets on the demo set, at 1440x900 and 390x844:
// side-by-side columns that are painted (not only laid out) with the
// counterpart in view, outlet labels that name something, a first screen that
// says what it shows, filters that every view follows, the shared words of the
// most widely carried passage, share links and their notes, the phone layout,
// and cited names merged. Screenshots go to target/screenshots/.
//
//   ./scripts/build.sh && node --test tests/browser/firstuse.test.mjs
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { ARTICLE, assertClean, closeAll, openPage, screenshot, waitForApp } from "./lib.mjs";

after(closeAll);

const RESULTS = '[data-testid="results"]';
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

async function open(mode = "http", viewport = DESKTOP, extra = {}) {
  // Normal motion, as a first-time reader has it (smooth scrolling included).
  const s = await openPage(mode, { viewport, reducedMotion: "no-preference", ...extra });
  await waitForApp(s.page, { selector: RESULTS });
  return s;
}

/** Bytes of a PNG of `loc`'s box (a painted column of text is far larger than a blank one). */
async function pngSize(page, loc) {
  const box = await loc.boundingBox();
  assert.ok(box && box.width > 0 && box.height > 0, "the box is laid out");
  return (await page.screenshot({ clip: box, animations: "disabled" })).length;
}

/**
 * Checks every shown column: its counterpart of group `g` (when it has one) lies in the
 * column's visible area, the column is painted (its PNG is several times the size of the
 * same box with its text hidden), and it has one scrolling box.
 */
async function assertColumnsShow(page, g, what) {
  const cols = page.locator(`${ARTICLE}:visible`);
  const n = await cols.count();
  assert.ok(n >= 1, `${what}: a column is shown`);
  let withCounterpart = 0;
  for (let i = 0; i < n; i++) {
    const col = cols.nth(i);
    const body = col.locator(".col-body");
    // The counterpart is in view (waits out a smooth scroll).
    const has = await col.locator(`[data-group="${g}"]`).count();
    if (has) {
      withCounterpart++;
      await page.waitForFunction(
        ([el, g]) => {
          const b = el.getBoundingClientRect();
          const m = el.querySelector(`[data-group="${g}"]`).getBoundingClientRect();
          return m.top >= b.top - 1 && m.top < b.bottom - 8;
        },
        [await body.elementHandle(), g],
        { timeout: 5_000 },
      ).catch(() => assert.fail(`${what}: column ${i + 1}'s counterpart of passage ${g} is out of view`));
    }
    // Painted: compare with the same box, text hidden.
    const painted = await pngSize(page, body);
    await body.evaluate((b) => b.querySelector(".read-text").style.setProperty("visibility", "hidden"));
    const blank = await pngSize(page, body);
    await body.evaluate((b) => b.querySelector(".read-text").style.removeProperty("visibility"));
    assert.ok(painted > 4 * blank, `${what}: column ${i + 1} looks blank (${painted} bytes, blank box ${blank})`);
    // One scrolling box per column.
    const scrollers = await col.evaluate((c) =>
      [c, ...c.querySelectorAll("*")].filter((e) => {
        const y = getComputedStyle(e).overflowY;
        return (y === "auto" || y === "scroll") && e.scrollHeight > e.clientHeight + 1;
      }).length,
    );
    assert.ok(scrollers <= 1, `${what}: column ${i + 1} has ${scrollers} scrolling boxes`);
  }
  return withCounterpart;
}

/** A new page of `s`'s context loading `url` afresh (a fragment change alone would not reload). */
async function freshPage(s, url) {
  const page = await s.context.newPage();
  page.on("pageerror", (e) => s.pageErrors.push(String(e?.stack ?? e)));
  page.on("console", (m) => {
    if (m.type() === "error") s.consoleErrors.push(m.text());
  });
  await page.goto(url, { waitUntil: "load" });
  await waitForApp(page, { selector: RESULTS });
  return page;
}

async function focusedGroup(page) {
  await page.waitForFunction(() => document.activeElement?.dataset?.group != null);
  return page.evaluate(() => document.activeElement.dataset.group);
}

test("side by side: after next, previous and a click, every column is painted with the counterpart in view", async () => {
  const s = await open();
  const { page } = s;
  try {
    await page.getByTestId("open-closest").click();
    await page.locator(`${ARTICLE} [data-group]`).first().waitFor();
    let last = null;
    for (const [step, what] of [["next-passage", "next 1"], ["next-passage", "next 2"], ["next-passage", "next 3"], ["prev-passage", "previous"]]) {
      await page.getByTestId(step).click();
      await page.waitForFunction((g) => document.activeElement?.dataset?.group != null && document.activeElement.dataset.group !== g, last);
      last = await focusedGroup(page);
      const shown = await assertColumnsShow(page, last, what);
      assert.ok(shown >= 1);
    }
    await screenshot(page, "firstuse-reading-next", { schemes: ["light"] });
    // Scrolling a column on from there keeps it where it was (not back at the top).
    const body2 = page.locator(`${ARTICLE} >> nth=1`).locator(".col-body");
    const top = await body2.evaluate((b) => b.scrollTop);
    const box = await body2.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    assert.ok(top > 0, "the second column was scrolled to the passage");
    await page.mouse.wheel(0, 60);
    await page.waitForFunction(([el, top]) => el.scrollTop !== top, [await body2.elementHandle(), top]);
    const moved = await body2.evaluate((b) => b.scrollTop);
    assert.ok(moved > top, `scrolling on goes on from the passage (${top} -> ${moved}), not from the top`);
    // A click on a passage in the second column.
    const pick = page.locator(`${ARTICLE} >> nth=1`).locator("mark.pg[data-group]").last();
    await pick.scrollIntoViewIfNeeded();
    await pick.click();
    const g = await pick.getAttribute("data-group");
    await page.waitForFunction((g) => document.activeElement?.dataset?.group === g, g);
    await assertColumnsShow(page, g, "click");
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("side by side: a view link opened in a fresh browser shows the focused passage in every column", async () => {
  const first = await open();
  let g;
  try {
    await first.page.getByTestId("open-closest").click();
    await first.page.locator(`${ARTICLE} [data-group]`).first().waitFor();
    const cols = await first.page.locator(ARTICLE).evaluateAll((els) => els.map((e) => e.dataset.doc));
    // A passage both columns carry, late in the first one.
    g = await first.page.evaluate((sel) => {
      const [a, b] = [...document.querySelectorAll(sel)];
      const inB = new Set([...b.querySelectorAll("[data-group]")].map((e) => e.dataset.group));
      return [...a.querySelectorAll("[data-group]")].map((e) => e.dataset.group).filter((x) => inB.has(x)).pop();
    }, ARTICLE);
    assert.ok(g, "the pair shares a passage");
    g = { g, cols };
  } finally {
    await first.close();
  }
  const s = await openPage("http", { viewport: DESKTOP, reducedMotion: "no-preference" });
  try {
    const page = await freshPage(s, `${s.url}#view=${encodeURIComponent(`reading;c=${g.cols.join(".")};g=${g.g}`)}`);
    await page.waitForFunction((g) => document.activeElement?.dataset?.group === g, g.g);
    assert.equal(await assertColumnsShow(page, g.g, "fresh link"), 2);
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("labels: the demo's outlets are named by their text or headline, never 'Article N'; the label field looks editable", async () => {
  const s = await open();
  const { page } = s;
  try {
    const chips = await page.getByTestId("outlet-toggle").allTextContents();
    assert.equal(chips.length, 5);
    assert.ok(chips.every((c) => !/Article \d/.test(c)), chips.join(" | "));
    assert.ok(chips.some((c) => c.includes("dailymail.co.uk")));
    assert.ok(chips.some((c) => c.includes("Bashar al-Assad has fled Damascus")), chips.join(" | "));
    const inputs = page.getByTestId("label-input");
    await inputs.first().waitFor();
    const values = await inputs.evaluateAll((els) => els.map((e) => e.value));
    assert.ok(values.every((v) => v && !/^Article \d+$/.test(v)), values.join(" | "));
    // The label field has a visible caption and a border, like a field.
    const look = await inputs.first().evaluate((e) => {
      const st = getComputedStyle(e);
      const cap = document.querySelector(`label[for="${e.id}"]`);
      return { border: st.borderTopStyle, width: parseFloat(st.borderTopWidth), cap: cap?.textContent, capShown: cap?.getBoundingClientRect().width > 0 };
    });
    assert.equal(look.border, "solid");
    assert.ok(look.width >= 1);
    assert.match(look.cap ?? "", /Outlet/);
    assert.ok(look.capShown, "the caption is visible");
    await page.getByTestId("manage-panel").screenshot({ path: "target/screenshots/firstuse-labels-manage.png" });
    // A pasted article is named by its headline.
    await page.getByTestId("paste-text").fill("Harbour strike ends after talks. Dockers return.\nThe strike at the port ended on Sunday after talks.");
    await page.getByTestId("paste-add").click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="label-input"]').length === 6);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="label-input"]')].pop().value === "Harbour strike ends after talks");
    assertClean(s);
  } finally {
    await s.close();
  }
});

for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
  test(`first screen (${size}): says what this is, that it is a demo and of what, with "Add" above the fold`, async () => {
    const s = await open("http", viewport);
    const { page } = s;
    try {
      const intro = page.getByTestId("intro");
      const text = await intro.textContent();
      assert.match(text, /Compare news articles/);
      assert.match(await page.getByTestId("demo-note").textContent(), /demo.*five reports of 8 December 2024 on Bashar al-Assad leaving Syria/);
      const add = page.getByTestId("add-own");
      const box = await add.boundingBox();
      assert.ok(box && box.y + box.height <= viewport.height, `"Add your own articles" at ${box?.y} in a ${viewport.height} px screen`);
      await screenshot(page, `firstuse-first-screen-${size}`, { schemes: ["light"] });
      await add.click();
      await page.waitForFunction(() => document.activeElement?.id === "ws-paste-text");
      // Own articles: no demo note any more.
      await page.getByTestId("remove-all").click();
      await page.getByTestId("paste-text").fill("One report of the storm.\n---\nAnother report of the storm.");
      await page.getByTestId("paste-add").click();
      await page.getByTestId("demo-note").waitFor({ state: "detached" });
      assert.equal(await add.textContent(), "Add articles");
      assertClean(s);
    } finally {
      await s.close();
    }
  });
}

test("filters: the matrix, summary and strips follow the kinds; outlet chips say what they do and what is hidden", async () => {
  const s = await open();
  const { page } = s;
  try {
    const cells = () => page.getByTestId("matrix-cell").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
    await page.getByTestId("matrix-cell").first().waitFor();
    const before = await cells();
    const summary = await page.getByTestId("summary").textContent();
    await page.getByTestId("kind-0").click();
    await page.waitForFunction((b) => JSON.stringify([...document.querySelectorAll('[data-testid="matrix-cell"]')].map((e) => e.getAttribute("aria-label"))) !== b, JSON.stringify(before));
    const after = await cells();
    const pcts = (l) => l.map((x) => Number(x.match(/^(\d+)%/)[1]));
    assert.ok(pcts(after).every((v, i) => v <= pcts(before)[i]), "no share grows when a kind is hidden");
    assert.ok(pcts(after).some((v, i) => v < pcts(before)[i]), "some share shrinks");
    assert.notEqual(await page.getByTestId("summary").textContent(), summary);
    await page.getByTestId("kind-0").click();
    await page.waitForFunction((b) => JSON.stringify([...document.querySelectorAll('[data-testid="matrix-cell"]')].map((e) => e.getAttribute("aria-label"))) === b, JSON.stringify(before));

    const chip = page.getByTestId("outlet-toggle").nth(1);
    assert.equal(await chip.getAttribute("aria-pressed"), "true");
    assert.match(await chip.getAttribute("title"), /^Hide this outlet in every view$/);
    const label = (await chip.textContent()).replace(/^\W+/, "").trim();
    await chip.click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="outlet-toggle"]')[1].getAttribute("aria-pressed") === "false");
    assert.equal(await chip.evaluate((e) => getComputedStyle(e, "::after").content), '"(hidden)"', "the chip says it is hidden");
    assert.match(await chip.getAttribute("title"), /^Show this outlet/);
    assert.match(await page.getByTestId("hidden-note").textContent(), /hidden.*left out of every view/);
    assert.ok(!(await page.getByTestId("matrix").textContent()).includes(label.slice(0, 10)), `${label} left the matrix`);
    assert.equal(await page.getByTestId("matrix-cell").count(), 4 * 3, "the hidden outlet leaves the matrix");
    assert.equal(await page.getByTestId("coverage-strip").count(), 4);
    await screenshot(page, "firstuse-filters-hidden", { schemes: ["light"] });
    await chip.click();
    await page.getByTestId("hidden-note").waitFor({ state: "detached" });
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("summary: the most widely carried passage is quoted by its shared words", async () => {
  const s = await open();
  const { page } = s;
  try {
    const quote = (await page.locator('[data-testid="widest"] q').textContent()).replace(/\u2026/g, "").trim();
    const words = quote.split(/\s+/);
    assert.ok(words.length >= 3 && words.length <= 30, quote);
    // The same passage in the story units (widest first): its first wording.
    await page.getByTestId("tab-story").click();
    const line = page.locator('[data-testid="story-unit"]').first().locator(".su-text").first();
    const full = (await line.textContent()).replace(/\s+/g, " ").trim();
    assert.ok(full.includes(quote), `"${quote}" is part of "${full}"`);
    const norm = (w) => w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
    const shared = new Set((await line.locator(".w-same").allTextContents()).flatMap((t) => t.split(/\s+/)).map(norm));
    const marked = words.map(norm).filter((w) => w && shared.has(w)).length;
    assert.ok(marked >= 0.8 * words.filter((w) => norm(w)).length, `${marked} of ${words.length} quoted words are shared: ${quote}`);
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("share links: from file:// the reader is told a colleague cannot open it; an opened link stays in the address until the articles change", async () => {
  const f = await open("file");
  try {
    await f.page.getByTestId("share-make").click();
    await f.page.getByTestId("share-link").waitFor();
    assert.match(await f.page.getByTestId("share-file-warning").textContent(), /colleague cannot open/);
  } finally {
    await f.close();
  }
  const s = await open();
  let link;
  try {
    await s.page.getByTestId("share-make").click();
    link = await s.page.getByTestId("share-link").inputValue();
    assert.equal(await s.page.getByTestId("share-file-warning").count(), 0, "no warning over http");
  } finally {
    await s.close();
  }
  const t = await openPage("http", { viewport: DESKTOP });
  try {
    const page = await freshPage(t, link);
    await page.getByTestId("manage-item").first().waitFor();
    await page.locator('[data-testid="note"]', { hasText: "Opened the workspace shared in the link" }).waitFor();
    assert.match(await page.evaluate(() => location.hash), /(^#|&)ws=/, "the address still carries the articles");
    // A change: the address no longer describes what is shown.
    await page.getByTestId("remove").first().click();
    await page.waitForFunction(() => !/(^#|&)ws=/.test(location.hash));
    // "Remove all" offers to bring them back until new articles come in.
    await page.getByTestId("remove-all").click();
    const stale = page.locator('[data-testid="note"]', { hasText: "Removed all" });
    await stale.waitFor();
    await page.getByTestId("restore-demo").click();
    await stale.waitFor({ state: "detached" });
    assertClean(t);
  } finally {
    await t.close();
  }
});

test("phone: one article at a time, the counterpart one tap away; the pair a strip opens carries the passage; nothing cut off without a cue", async () => {
  const s = await open("http", PHONE);
  const { page } = s;
  try {
    // Filters fit the screen.
    const controls = await page.getByTestId("controls").evaluate((c) => c.scrollWidth - c.clientWidth);
    assert.ok(controls <= 1, `filters overflow by ${controls}px`);
    // A covered part of the third strip opens a pair that carries the passage.
    await page.locator('[data-testid="coverage-strip"]').nth(2).locator("rect.strip-part:not(.cov-0)").first().click();
    await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.view === "reading", RESULTS);
    const g = await focusedGroup(page);
    const carriers = await page.locator(ARTICLE).evaluateAll((els, g) => els.map((e) => e.querySelector(`[data-group="${g}"]`) !== null), g);
    assert.deepEqual(carriers, [true, true], "both articles of the pair carry the tapped passage");
    // One article at a time, as wide as the screen.
    assert.equal(await page.locator(`${ARTICLE}:visible`).count(), 1);
    const w = (await page.locator(`${ARTICLE}:visible`).boundingBox()).width;
    assert.ok(w <= PHONE.width && w > PHONE.width * 0.8, `column ${w}px wide`);
    await assertColumnsShow(page, g, "phone, first article");
    await screenshot(page, "firstuse-phone-reading", { schemes: ["light"] });
    // The other article, one tap away, shows the counterpart.
    const other = page.getByTestId("col-show").nth(1);
    assert.match(await other.getAttribute("class"), /has-lit/);
    await other.click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="col-show"]')[1].getAttribute("aria-pressed") === "true");
    assert.equal(await page.locator(`${ARTICLE}:visible`).getAttribute("data-doc"), await page.locator(ARTICLE).nth(1).getAttribute("data-doc"));
    await assertColumnsShow(page, g, "phone, second article");
    // ... on the screen, not only inside the column's box.
    const onScreen = await page.locator(`${ARTICLE}:visible [data-group="${g}"]`).first().evaluate((e) => {
      const r = e.getBoundingClientRect();
      return r.top >= 0 && r.top < innerHeight - 20;
    });
    assert.ok(onScreen, "the counterpart is on the screen");
    await screenshot(page, "firstuse-phone-counterpart", { schemes: ["light"] });
    // Every view: what scrolls sideways says so.
    for (const tab of ["overview", "reading", "story", "sources"]) {
      await page.getByTestId(`tab-${tab}`).click();
      await page.waitForFunction((t) => document.querySelector('[data-testid="results"]')?.dataset.view === t, tab);
      if (tab === "sources") await page.getByTestId("sources-table").waitFor();
      const page_over = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert.ok(page_over <= 1, `${tab}: the page is ${page_over}px too wide`);
      const uncued = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="results"] *')]
          .filter((e) => {
            const x = getComputedStyle(e).overflowX;
            return (x === "auto" || x === "scroll") && e.scrollWidth > e.clientWidth + 1 && e.getBoundingClientRect().width > 0;
          })
          .filter((e) => {
            const cue = e.querySelector('[data-testid="scroll-cue"]');
            return !cue || cue.getBoundingClientRect().width === 0;
          })
          .map((e) => e.className || e.tagName),
      );
      assert.deepEqual(uncued, [], `${tab}: sideways scrollers without a cue`);
    }
    await screenshot(page, "firstuse-phone-sources", { schemes: ["light"] });
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("cited sources: a short form of a name is merged into the long one, and names are cut right", async () => {
  const s = await open();
  const { page } = s;
  try {
    await page.getByTestId("tab-sources").click();
    const names = (await page.getByTestId("sources-table").locator('[data-testid="source-tag"]').allTextContents()).map((n) => n.trim());
    assert.ok(names.includes("Mohammed Ghazi al-Jalali"), names.join(" | "));
    assert.ok(!names.includes("Jalali"), names.join(" | "));
    assert.ok(names.includes("Stephan Sakalian"), names.join(" | "));
    assert.ok(!names.some((n) => n.startsWith("Syria ")), names.join(" | "));
    // The merged name's row counts the articles that used either form.
    const row = page.locator("tr", { has: page.locator('[data-source="mohammed ghazi galali"]') });
    assert.equal(await row.locator("td.src-n.has").count(), 2);
    assertClean(s);
  } finally {
    await s.close();
  }
});
