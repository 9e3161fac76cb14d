// A whole day's coverage: 120 articles pasted at once next to the demo set.
// The overview shows a compact heat map (no text per cell) whose cells still
// answer the pointer and the keyboard and open the pair side by side; long
// lists (coverage bars, story units, passages only one outlet has, the
// article list) show their first items with buttons for the rest.
// Both pages: dist/index.html over http and dist/parallax.html from file://.
//
//   ./scripts/build.sh && node --test tests/browser/many.test.mjs
//
// Assertions are on what the page shows, never on wall-clock limits.

import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ARTICLE, ROOT, assertClean, closeAll, demoTexts, openPage, screenshot, waitForApp } from "./lib.mjs";

after(closeAll);

const RESULTS = '[data-testid="results"]';
const ADDED = 120;
const DEMO = 5;
/** Long lists show this many items at first (src/app/components/more.rs). */
const PAGE = 50;
const TOTAL = ADDED + DEMO;
const AXE = readFileSync(join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");

/**
 * `n` distinct articles of a few hundred words: a demo article with its
 * sentences rotated and one in four dropped, a sentence of its own, and a
 * `Source:` line naming its outlet (which becomes its label).
 */
function variants(texts, n) {
  const out = [];
  for (let k = 0; k < n; k++) {
    const sentences = texts[k % texts.length]
      .split("\n")
      .filter((l) => !/^Source:/.test(l.trim()))
      .join(" ")
      .split(/(?<=[.!?])\s+/)
      .filter((s) => s.trim());
    const rot = (k * 5) % Math.max(1, sentences.length);
    const kept = sentences
      .slice(rot)
      .concat(sentences.slice(0, rot))
      .filter((_, i) => (i + k) % 4 !== 0);
    kept.push(`Desk ${k + 1} filed this copy at ${String(k % 24).padStart(2, "0")}:${String((k * 7) % 60).padStart(2, "0")}.`);
    out.push(`${kept.join(" ")}\nSource: outlet-${k + 1}.example`);
  }
  return out;
}

/** Label of added article `k` (0-based) and its index in the workspace. */
const label = (k) => `outlet-${k + 1}.example`;
const doc = (k) => DEMO + k;

/** Runs axe on the elements matching `selectors`; returns violations. */
async function audit(page, selectors) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE);
  return page.evaluate(async (include) => {
    const r = await window.axe.run(
      { include: include.map((s) => [s]) },
      {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        resultTypes: ["violations"],
      },
    );
    return r.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes[0]?.target.join(" ")})`);
  }, selectors);
}

/** The point (page coordinates) of heat map cell (row, col) in shown order. */
async function cellPoint(page, row, col) {
  return page.locator('[data-testid="matrix-heat"]').evaluate(
    (svg, [r, c]) => {
      svg.scrollIntoView({ block: "center" });
      const [minX, minY, w, h] = svg.getAttribute("viewBox").split(/\s+/).map(Number);
      const b = svg.getBoundingClientRect();
      return {
        x: b.left + ((c + 0.5 - minX) / w) * b.width,
        y: b.top + ((r + 0.5 - minY) / h) * b.height,
      };
    },
    [row, col],
  );
}

async function count(page, testid) {
  return page.getByTestId(testid).count();
}

for (const mode of (process.env.MODES ?? "http,file").split(",")) {
  test(`${ADDED} pasted articles: compact matrix, cells open pairs, long lists page (${mode})`, async () => {
    const s = await openPage(mode);
    const { page } = s;
    try {
      await waitForApp(page, { selector: RESULTS });
      // The demo set's matrix is the labelled one.
      await page.getByTestId("matrix-cell").first().waitFor();
      assert.equal(await count(page, "matrix-heat"), 0);

      const texts = variants(demoTexts(), ADDED);
      const ends = await page.evaluate(() => performance.getEntriesByName("parallax:compute-end").length);
      await page.getByTestId("paste-text").fill(texts.join("\n---\n"));
      await page.getByTestId("paste-add").click();
      await page.waitForFunction((b) => performance.getEntriesByName("parallax:compute-end").length > b, ends, {
        timeout: 300_000,
      });
      await page.waitForFunction(
        (n) => new RegExp(`\\b${n} articles\\b`).test(document.querySelector('[data-testid="summary"]')?.textContent ?? ""),
        TOTAL,
        { timeout: 60_000 },
      );

      // The overview: a heat map of every article, no per-cell elements.
      const heat = page.getByTestId("matrix-heat");
      await heat.waitFor();
      assert.equal(await heat.getAttribute("data-size"), String(TOTAL));
      assert.equal(await count(page, "matrix-cell"), 0, "no labelled cells above 30 articles");
      assert.equal(await heat.locator("text.mx-num").count(), 0, "no numbers in the cells");
      const fills = await heat.locator("path[fill]").evaluateAll((els) => els.map((e) => e.getAttribute("fill")));
      assert.ok(fills.length >= 2 && fills.every((f) => /^#[0-9a-f]{6}$/i.test(f)), `one path per colour: ${fills}`);
      assert.equal(new Set(fills).size, fills.length, "each colour drawn once");

      // Coverage bars: the first page, then one page more, then the rest.
      assert.equal(await count(page, "coverage-strip"), PAGE);
      const strips = page.getByTestId("strips-more");
      assert.match(await strips.textContent(), new RegExp(`Showing ${PAGE} of ${TOTAL} articles`));
      await strips.getByTestId("show-more").click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="coverage-strip"]').length === n, 2 * PAGE);
      // The last page is short: one button for the rest.
      assert.equal(await strips.getByTestId("show-all").count(), 0);
      await strips.getByTestId("show-more").click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="coverage-strip"]').length === n, TOTAL);
      assert.equal(await count(page, "strips-more"), 0, "no button once all are shown");
      await heat.scrollIntoViewIfNeeded();
      await screenshot(page, "many-overview");

      // Pointing at a cell shows its pair below the map.
      let p = await cellPoint(page, doc(3), doc(7));
      await page.mouse.move(p.x, p.y);
      const active = page.getByTestId("matrix-active");
      await page.waitForFunction(
        ([r, c]) => {
          const a = document.querySelector('[data-testid="matrix-active"]');
          return a && a.dataset.row === String(r) && a.dataset.col === String(c);
        },
        [doc(3), doc(7)],
      );
      const readout = await page.getByTestId("matrix-readout").textContent();
      assert.ok(readout.includes(label(3)) && readout.includes(label(7)), readout);
      assert.match(readout, /\d+% of .+ is found in /);

      // The keyboard moves the picked cell, skipping the diagonal.
      await page.getByTestId("matrix-heat-box").focus();
      await page.keyboard.press("ArrowLeft");
      await page.waitForFunction(() => document.querySelector('[data-testid="matrix-active"]')?.dataset.col === "11");
      assert.equal(await active.getAttribute("data-row"), String(doc(3)));
      for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowLeft");
      // Column 8 is the diagonal of row 8: one more step lands on column 7.
      await page.waitForFunction(() => document.querySelector('[data-testid="matrix-active"]')?.dataset.col === "7");

      // Enter opens the picked pair side by side.
      await page.keyboard.press("Enter");
      await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.view === "reading", RESULTS);
      assert.deepEqual(
        await page.locator(ARTICLE).evaluateAll((els) => els.map((e) => e.dataset.doc)),
        [String(doc(3)), "7"],
      );

      // A click on a cell opens that pair.
      await page.getByTestId("tab-overview").click();
      await heat.waitFor();
      p = await cellPoint(page, doc(90), doc(20));
      await page.mouse.click(p.x, p.y);
      await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.view === "reading", RESULTS);
      assert.deepEqual(
        await page.locator(ARTICLE).evaluateAll((els) => els.map((e) => e.dataset.doc)),
        [String(doc(90)), String(doc(20))],
      );
      assert.deepEqual(
        await page.locator(ARTICLE).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label"))),
        [`Article: ${label(90)}`, `Article: ${label(20)}`],
      );

      // Story units and the passages only one outlet has come a page at a time.
      await page.getByTestId("tab-story").click();
      await page.getByTestId("uniques").waitFor();
      const units = await count(page, "story-unit");
      assert.ok(units > 0 && units <= PAGE, `${units} story units at first`);
      if (units === PAGE && (await count(page, "story-more")) > 0) {
        await page.getByTestId("story-more").getByTestId("show-more").click();
        await page.waitForFunction((n) => document.querySelectorAll('[data-testid="story-unit"]').length > n, PAGE);
      }
      const uniques = page.locator('[data-testid="uniques"] details');
      assert.equal(await uniques.count(), PAGE);
      await page.getByTestId("uniques-more").getByTestId("show-all").click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="uniques"] details').length === n, TOTAL);

      // Cited sources: a row per source, no column per outlet.
      await page.getByTestId("tab-sources").click();
      const table = page.getByTestId("sources-table");
      await table.waitFor();
      assert.deepEqual(await table.locator("thead th").allTextContents(), ["Source", "Outlets", "Citations", "Cited by"]);
      const firstRow = table.locator("tbody tr").first();
      assert.match(await firstRow.locator("td").last().textContent(), /\S/, "the outlets citing it are named");

      // The article list too.
      assert.equal(await count(page, "manage-item"), PAGE);
      const manage = page.getByTestId("manage-more");
      assert.match(await manage.textContent(), new RegExp(`of ${TOTAL} articles`));
      await manage.getByTestId("show-all").click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="manage-item"]').length === n, TOTAL);

      if (mode === "http") {
        await page.getByTestId("tab-overview").click();
        await heat.waitFor();
        await page.getByTestId("matrix-heat-box").focus();
        const found = await audit(page, [".ov-matrix", ".ov-strips", '[data-testid="manage-panel"]']);
        assert.deepEqual(found, [], "accessibility of the compact matrix and the long lists");
      }
      assertClean(s);
    } finally {
      await s.close();
    }
  });
}
