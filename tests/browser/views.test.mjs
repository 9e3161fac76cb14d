// The comparison views on the demo set: the overview matrix, the side-by-side
// reading view with linked highlighting and keyboard navigation, the view
// state in the URL fragment, story units, cited-source filtering, the theme
// and the phone layout. Screenshots of every view go to target/screenshots/.
//
//   ./scripts/build.sh && node --test tests/browser/views.test.mjs
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { ARTICLE, assertClean, closeAll, openPage, screenshot, waitForApp } from "./lib.mjs";

after(closeAll);

const RESULTS = '[data-testid="results"]';

/** Open the page (optionally at a fragment) and wait for the comparison. */
async function openAt(hash = "", options = {}) {
  const s = await openPage("http", options);
  // Let the first load finish (a reload mid-load aborts its wasm fetch).
  await waitForApp(s.page, { selector: RESULTS });
  if (hash) {
    await s.page.evaluate((h) => { location.hash = h; }, hash);
    await s.page.reload({ waitUntil: "load" });
    await waitForApp(s.page, { selector: RESULTS });
  }
  return s;
}

async function view(page) {
  return page.getAttribute(RESULTS, "data-view");
}

/** Fragment value of key `view`, decoded. */
/**
 * The view's fragment once it matches `re` (the address is written just
 * after the view renders), or as it is when it does not within 5 s.
 */
async function settledFragment(page, re) {
  await page
    .waitForFunction(
      (src) => {
        const v = location.hash.replace(/^#/, "").split("&").map((p) => p.split("=")).find(([k]) => k === "view");
        return v !== undefined && new RegExp(src).test(decodeURIComponent(v[1]));
      },
      re.source,
      { timeout: 5_000 },
    )
    .catch(() => {});
  return viewFragment(page);
}

async function viewFragment(page) {
  return page.evaluate(() => {
    const pairs = location.hash.replace(/^#/, "").split("&").map((p) => p.split("="));
    const v = pairs.find(([k]) => k === "view");
    return v ? decodeURIComponent(v[1]) : null;
  });
}

/** A group id present in both reading columns (the first such, in column 1 order). */
async function sharedGroup(page) {
  return page.evaluate((sel) => {
    const cols = [...document.querySelectorAll(sel)];
    const inCol = (c) => [...c.querySelectorAll("[data-group]")].map((e) => e.dataset.group);
    const second = new Set(inCol(cols[1]));
    return inCol(cols[0]).find((g) => second.has(g)) ?? null;
  }, ARTICLE);
}

/**
 * Point the mouse at the middle of the first line of `loc` (the box centre
 * of a wrapped inline element may lie on other text).
 */
async function pointAt(page, loc) {
  await loc.evaluate((e) => e.scrollIntoView({ block: "center" }));
  const r = await loc.evaluate((e) => {
    const b = e.getClientRects()[0];
    return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  });
  await page.mouse.move(r.x, r.y);
}

test("overview: matrix cells carry numbers and open the pair side by side", async () => {
  const s = await openAt();
  const { page } = s;
  try {
    assert.equal(await view(page), "overview", "overview is the first view");
    const cells = page.getByTestId("matrix-cell");
    await cells.first().waitFor();
    const n = await page.locator('[data-testid="outlet-toggle"]').count();
    assert.equal(await cells.count(), n * (n - 1), "one cell per ordered pair");
    const labels = await cells.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
    assert.ok(labels.every((l) => /^\d+% of .+ is found in .+/.test(l)), labels.join(" | "));
    const fills = await page.locator('[data-testid="matrix-cell"] rect').evaluateAll((els) =>
      els.map((e) => e.getAttribute("fill")),
    );
    assert.ok(fills.every((f) => /^#[0-9a-f]{6}$/i.test(f)), "cells coloured by fill attribute");
    assert.equal(await page.getByTestId("coverage-strip").count(), n, "one coverage strip per article");
    await screenshot(page, "views-overview", { fullPage: true });

    // Focus + Enter on a cell, then a click on another: each opens the pair.
    const cell = page.locator('[data-testid="matrix-cell"][data-row="2"][data-col="3"]');
    await cell.focus();
    await page.waitForFunction(() => /is found in/.test(document.querySelector(".matrix-detail")?.textContent ?? ""));
    await page.keyboard.press("Enter");
    await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.view === "reading", RESULTS);
    const docs = await page.locator(ARTICLE).evaluateAll((els) => els.map((e) => e.dataset.doc));
    assert.deepEqual(docs, ["2", "3"]);
    assert.match(await settledFragment(page, /^reading;c=2\.3/), /^reading;c=2\.3/);

    await page.getByTestId("tab-overview").click();
    await page.locator('[data-testid="matrix-cell"][data-row="4"][data-col="0"]').click();
    await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.view === "reading", RESULTS);
    assert.deepEqual(await page.locator(ARTICLE).evaluateAll((els) => els.map((e) => e.dataset.doc)), ["4", "0"]);

    // A click on a coverage strip opens that article at that place.
    await page.getByTestId("tab-overview").click();
    const part = page.locator('[data-testid="coverage-strip"]').nth(3).locator("rect.strip-part").last();
    await part.click();
    await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.view === "reading", RESULTS);
    assert.equal(await page.locator(ARTICLE).first().getAttribute("data-doc"), "3");
    await page.waitForFunction(() => document.querySelector(".col-body").scrollTop > 0);
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("reading: hovering or focusing a passage lights its counterparts in the other column", async () => {
  const s = await openAt("view=reading;c=0.4");
  const { page } = s;
  try {
    await page.locator(`${ARTICLE} [data-group]`).first().waitFor();
    assert.equal(await page.locator(ARTICLE).count(), 2);
    const g = await sharedGroup(page);
    assert.ok(g !== null, "the two articles share a passage");
    const here = page.locator(`${ARTICLE} >> nth=0`).locator(`[data-group="${g}"]`).first();
    const there = page.locator(`${ARTICLE} >> nth=1`).locator(`[data-group="${g}"]`);
    assert.equal(await there.first().evaluate((e) => e.classList.contains("lit")), false);
    await pointAt(page, here);
    await page.waitForFunction(
      (g) => [...document.querySelectorAll(`[data-group="${g}"]`)].every((e) => e.classList.contains("lit")),
      g,
    );
    const otherLit = await page.evaluate(
      (g) => [...document.querySelectorAll(".lit")].filter((e) => e.dataset.group !== g).length,
      g,
    );
    assert.equal(otherLit, 0, "only the hovered group is lit");
    // Words inside aligned passages are marked shared or differing.
    assert.ok((await page.locator(`${ARTICLE} mark.pg .w-same`).count()) > 0, "shared words marked");
    assert.ok((await page.locator(`${ARTICLE} mark.pg .w-diff`).count()) > 0, "differing words marked");
    const kinds = await page.locator(`${ARTICLE} mark.pg`).evaluateAll((els) => [...new Set(els.map((e) => e.dataset.kind))]);
    assert.ok(kinds.length > 0 && kinds.every((k) => ["Verbatim", "Edited copy", "Paraphrase"].includes(k)), kinds.join());
    await screenshot(page, "views-reading-hover");

    // Leaving the columns clears the light.
    await page.getByTestId("tab-reading").hover();
    await page.waitForFunction(() => document.querySelectorAll(".lit").length === 0);

    // Keyboard focus does the same, and the inspector explains the passage.
    await there.first().focus();
    await page.waitForFunction(
      (g) => [...document.querySelectorAll(`[data-group="${g}"]`)].every((e) => e.classList.contains("lit")),
      g,
    );
    await page.waitForFunction(() => document.querySelector('[data-testid="inspector"] .kind-badge') !== null);
    assert.match(await settledFragment(page, new RegExp(`;g=${g}$`)), new RegExp(`;g=${g}$`));
    await screenshot(page, "views-reading-focus");
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("reading: a passage's counterpart out of view in another column is scrolled into view", async () => {
  const s = await openAt("view=reading;c=0.4");
  const { page } = s;
  try {
    await page.locator(`${ARTICLE} [data-group]`).first().waitFor();
    // A group shown in both columns whose element in column 2 lies below its visible area.
    const g = await page.evaluate((sel) => {
      const [c1, c2] = [...document.querySelectorAll(sel)].map((a) => a.querySelector(".col-body"));
      for (const el of c2.querySelectorAll("[data-group]")) {
        if (el.offsetTop > c2.scrollTop + c2.clientHeight && c1.querySelector(`[data-group="${el.dataset.group}"]`)) {
          return el.dataset.group;
        }
      }
      return null;
    }, ARTICLE);
    assert.ok(g !== null, "some counterpart starts out of view");
    await pointAt(page, page.locator(`${ARTICLE} >> nth=0`).locator(`[data-group="${g}"]`).first());
    await page.waitForFunction(
      ([sel, g]) => {
        const c2 = document.querySelectorAll(sel)[1].querySelector(".col-body");
        const el = c2.querySelector(`[data-group="${g}"]`);
        const a = el.getBoundingClientRect();
        const b = c2.getBoundingClientRect();
        return a.top >= b.top - 1 && a.top < b.bottom;
      },
      [ARTICLE, g],
    );
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("reading: j/k and the buttons move focus from passage to passage", async () => {
  const s = await openAt("view=reading;c=0.4");
  const { page } = s;
  try {
    await page.locator(`${ARTICLE} [data-group]`).first().waitFor();
    const active = () =>
      page.evaluate(() => {
        const a = document.activeElement;
        const col = a?.closest('[data-testid="article"]');
        return a?.dataset?.group != null ? { g: a.dataset.group, doc: col?.dataset.doc, lit: a.classList.contains("lit") } : null;
      });
    await page.keyboard.press("j");
    await page.waitForFunction(() => document.activeElement?.dataset?.group != null);
    const first = await active();
    assert.equal(first.doc, "0", "starts in the first column");
    assert.ok(first.lit, "the focused passage is lit");
    const firstInCol = await page.locator(`${ARTICLE} >> nth=0`).locator("[data-group]").first().getAttribute("data-group");
    assert.equal(first.g, firstInCol);

    await page.keyboard.press("j");
    await page.waitForFunction((g) => document.activeElement?.dataset?.group !== g, first.g);
    const second = await active();
    assert.notEqual(second.g, first.g);
    assert.equal(second.doc, "0");

    await page.keyboard.press("k");
    await page.waitForFunction((g) => document.activeElement?.dataset?.group === g, first.g);

    await page.getByTestId("next-passage").click();
    await page.waitForFunction((g) => document.activeElement?.dataset?.group === g, second.g);
    await page.getByTestId("prev-passage").click();
    await page.waitForFunction((g) => document.activeElement?.dataset?.group === g, first.g);

    // Escape clears the light.
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => document.querySelectorAll(".lit").length === 0);
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("URL fragment: a view is restored on reload, other fragment keys survive", async () => {
  const s = await openAt("other=keep-me");
  const { page } = s;
  try {
    await page.getByTestId("tab-story").click();
    await page.getByTestId("kind-2").click();
    await page.waitForFunction(() => document.querySelector('[data-testid="kind-2"]')?.getAttribute("aria-pressed") === "false");
    await page.locator('[data-testid="outlet-toggle"]').nth(1).click();
    const frag = await settledFragment(page, /^story;.*k=vn.*hide=1|^story;.*hide=1.*k=vn/);
    assert.match(frag, /^story;/);
    assert.match(frag, /k=vn/);
    assert.match(frag, /hide=1/);
    const hash = await page.evaluate(() => location.hash);
    assert.match(hash, /other=keep-me/, "the other key is kept");
    const rows = await page.getByTestId("story-unit").count();

    await page.reload({ waitUntil: "load" });
    await waitForApp(page, { selector: RESULTS });
    assert.equal(await view(page), "story");
    assert.equal(await page.getByTestId("kind-2").getAttribute("aria-pressed"), "false");
    assert.equal(await page.locator('[data-testid="outlet-toggle"]').nth(1).getAttribute("aria-pressed"), "false");
    assert.equal(await page.getByTestId("story-unit").count(), rows);

    // A pasted link (hashchange) restores the reading view with its focused passage.
    // (Filters back to the link's defaults first: groups may overlap, and where they
    // do the view shows one of them, so another filter may show another group.)
    await page.getByTestId("kind-2").click();
    await page.locator('[data-testid="outlet-toggle"]').nth(1).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="kind-2"]')?.getAttribute("aria-pressed") === "true");
    await page.getByTestId("tab-reading").click();
    await page.locator(`${ARTICLE} [data-group]`).first().waitFor();
    const g = await page.locator(`${ARTICLE} >> nth=1`).locator("[data-group]").first().getAttribute("data-group");
    const cols = await page.locator(ARTICLE).evaluateAll((els) => els.map((e) => e.dataset.doc));
    await page.mouse.move(0, 0); // a resting pointer would light what it rests on
    await page.evaluate(() => { location.hash = "other=keep-me&view=overview"; });
    await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.view === "overview", RESULTS);
    await page.evaluate(
      ([g, cols]) => { location.hash = `other=keep-me&view=${encodeURIComponent(`reading;c=${cols.join(".")};g=${g}`)}`; },
      [g, cols],
    );
    await page.waitForFunction((g) => document.activeElement?.dataset?.group === g, g);
    await page.waitForFunction(
      (g) => [...document.querySelectorAll(`[data-group="${g}"]`)].every((e) => e.classList.contains("lit")),
      g,
    );
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("story units: one row per shared passage, widest first, wordings aligned", async () => {
  const s = await openAt("view=story");
  const { page } = s;
  try {
    const rows = page.getByTestId("story-unit");
    await rows.first().waitFor();
    const counts = await page.locator('[data-testid^="kind-"] .count').evaluateAll((els) => els.map((e) => Number(e.textContent)));
    const total = counts.reduce((a, b) => a + b, 0);
    assert.equal(await rows.count(), total, "every visible group is a row");
    const lines = await rows.evaluateAll((els) => els.map((e) => e.querySelectorAll(".su-lines tr").length));
    assert.ok(lines.every((n) => n >= 2), `each row has two or more wordings: ${lines}`);
    const sorted = [...lines].sort((a, b) => b - a);
    assert.deepEqual(lines, sorted, "most widely carried first");
    assert.ok((await page.locator('[data-testid="story-units"] .w-diff').count()) > 0, "differing words marked");
    const uniques = page.locator('[data-testid="uniques"] details');
    assert.equal(await uniques.count(), 5, "what only each outlet reports");
    await screenshot(page, "views-story");
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("cited sources: tags filter the passages, the table lists who cites whom", async () => {
  const s = await openAt("view=story");
  const { page } = s;
  try {
    const rows = page.getByTestId("story-unit");
    await rows.first().waitFor();
    const before = await rows.count();
    const tag = page.locator('[data-testid="story-unit"] [data-testid="source-tag"]').first();
    const key = await tag.getAttribute("data-source");
    assert.ok(key, "some passage cites a source");
    await tag.click();
    await page.getByTestId("source-filter").waitFor();
    await page.waitForFunction(
      (key) => [...document.querySelectorAll('[data-testid="story-unit"]')].every((r) =>
        r.querySelector(`[data-testid="source-tag"][data-source="${CSS.escape(key)}"]`)),
      key,
    );
    const after = await rows.count();
    assert.ok(after >= 1 && after <= before, `${after} of ${before} rows cite ${key}`);
    assert.match(await settledFragment(page, /src=/), /src=/);
    await page.getByTestId("source-filter").click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="story-unit"]').length === n, before);

    await page.getByTestId("tab-sources").click();
    const table = page.getByTestId("sources-table");
    await table.waitFor();
    const names = await table.locator('[data-testid="source-tag"]').allTextContents();
    for (const want of ["Reuters", "AFP", "TASS"]) {
      assert.ok(names.some((n) => n.includes(want)), `${want} among ${names.join(", ")}`);
    }
    await table.locator('[data-testid="source-tag"][data-source="reuters"]').click();
    await page.getByTestId("source-quotes").waitFor();
    const quotes = await page.locator('[data-testid="source-quotes"] li').allTextContents();
    assert.ok(quotes.length > 0 && quotes.every((q) => /Reuters/.test(q)), quotes.join(" | "));
    await screenshot(page, "views-sources", { fullPage: true });
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("with one article the views say that comparing needs two", async () => {
  const s = await openAt();
  const { page } = s;
  try {
    for (let left = 5; left > 1; left--) {
      await page.getByTestId("remove").first().click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="manage-item"]').length === n, left - 1);
    }
    await page.getByTestId("compare-needs-two").waitFor();
    assert.match(await page.getByTestId("compare-needs-two").textContent(), /at least two articles/);
    assert.equal(await page.locator(RESULTS).count(), 0);
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("theme toggle sets data-theme and is remembered", async () => {
  const s = await openAt("", { colorScheme: "light" });
  const { page } = s;
  try {
    const toggle = page.getByTestId("theme-toggle");
    assert.equal(await toggle.getAttribute("aria-pressed"), "false");
    const bodyBg = () => getComputedStyle(document.body).backgroundColor;
    const light = await page.evaluate(bodyBg);
    await toggle.click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === "dark");
    await page.waitForFunction((light) => getComputedStyle(document.body).backgroundColor !== light, light);
    const dark = await page.evaluate(bodyBg);
    await page.reload({ waitUntil: "load" });
    await waitForApp(page, { selector: RESULTS });
    await page.waitForFunction(() => document.documentElement.dataset.theme === "dark");
    await page.waitForFunction((dark) => getComputedStyle(document.body).backgroundColor === dark, dark);
    assert.equal(await page.getByTestId("theme-toggle").getAttribute("aria-pressed"), "true");
    await page.getByTestId("theme-toggle").click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === "light");
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("phone (390 px): nothing overflows the page; columns scroll sideways", async () => {
  for (const hash of ["view=overview", "view=reading;c=0.4", "view=story"]) {
    const s = await openAt(hash, { viewport: { width: 390, height: 844 } });
    const { page } = s;
    try {
      if (hash.includes("reading")) await page.locator(`${ARTICLE} [data-group]`).first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${hash}: page is ${overflow}px wider than the screen`);
      await screenshot(page, `views-phone-${hash.split(/[=;]/)[1]}`);
      assertClean(s);
    } finally {
      await s.close();
    }
  }
});

test("no inline style attributes in the comparison views", async () => {
  for (const hash of ["view=overview", "view=reading;c=0.1.2.3", "view=story", "view=sources"]) {
    const s = await openAt(hash);
    try {
      await s.page.locator('[data-testid="results"] .view-body > *').first().waitFor();
      const styled = await s.page.locator(`${RESULTS} [style]`).count();
      assert.equal(styled, 0, `${hash}: elements with style=""`);
    } finally {
      await s.close();
    }
  }
});

test("timing: page load to first highlighted passage (reported, not asserted)", async (t) => {
  const s = await openAt("view=reading;c=0.4");
  const { page } = s;
  try {
    await page.locator(`${ARTICLE} mark.pg[data-group]`).first().waitFor();
    const marks = await page.evaluate(() => {
      const m = Object.fromEntries(performance.getEntriesByType("mark").map((e) => [e.name, Math.round(e.startTime)]));
      m.firstHighlightSeen = Math.round(performance.now());
      return m;
    });
    assert.ok(marks["parallax:compute-start"] <= marks["parallax:compute-end"]);
    t.diagnostic(`marks (ms since navigation): ${JSON.stringify(marks)}`);
  } finally {
    await s.close();
  }
});
