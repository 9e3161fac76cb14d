// Accessibility: axe-core (from node_modules, put into the page without a
// request) on every view, the workspace panels, open editors and the error
// notice, in light and dark. Serious and critical violations fail; the
// others are printed.
//
//   ./scripts/build.sh && node --test tests/browser/a11y.test.mjs
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, assertClean, closeAll, openPage, waitForApp, waitForResult } from "./lib.mjs";

after(closeAll);

const AXE = readFileSync(join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");
const VIEWS = ["overview", "reading", "story", "sources"];
const ITEM = '[data-testid="manage-item"]';

/** Runs axe on the page as it is now; returns its violations. */
async function audit(page, include = null) {
  // Evaluated by the test harness, so the page's script policy does not
  // apply and no request is made.
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE);
  return page.evaluate(async (include) => {
    const r = await window.axe.run(include ? { include: [include] } : document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      resultTypes: ["violations"],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(" ")}: ${n.failureSummary?.split("\n").slice(1, 3).join(" ")}`),
      count: v.nodes.length,
    }));
  }, include);
}

const seen = new Map();

/** Serious and critical violations of every audit of a test, by place. */
let problems = [];

/** Records serious/critical violations; prints the rest once each. */
function judge(where, violations) {
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  for (const v of violations) {
    if (!seen.has(v.id) && !bad.includes(v)) {
      seen.set(v.id, v);
      console.log(`# a11y (${v.impact}) ${v.id}: ${v.help} [${where}] ${v.nodes[0] ?? ""}`);
    }
  }
  for (const v of bad) problems.push(`${where}: ${v.impact} ${v.id}: ${v.help} (${v.count}x) ${v.nodes.join(" | ")}`);
}

/** Fails the test if any audit found a serious or critical violation. */
function verdict() {
  const found = problems;
  problems = [];
  assert.deepEqual(found, [], "serious or critical accessibility violations");
}

for (const colorScheme of ["light", "dark"]) {
  test(`axe: every view and panel (${colorScheme})`, async () => {
    const s = await openPage("http", { colorScheme });
    const { page } = s;
    try {
      await waitForApp(page, { selector: '[data-testid="manage-panel"]' });
      await waitForResult(page);
      for (const v of VIEWS) {
        await page.getByTestId(`tab-${v}`).click();
        await page.waitForSelector(`[data-testid="results"][data-view="${v}"]`);
        judge(`${v} view, ${colorScheme}`, await audit(page));
      }
      // A focused passage in the reading view (inspector open).
      await page.getByTestId("tab-reading").click();
      const next = page.getByTestId("next-passage");
      if (await next.count()) {
        await next.click();
        judge(`reading view with a passage focused, ${colorScheme}`, await audit(page));
      }
      // Workspace panels with an editor and a boilerplate list open, a
      // share link made, and notes shown.
      const item = page.locator(ITEM).first();
      await item.getByTestId("edit").click();
      await item.getByTestId("edit-text").waitFor();
      const summary = item.getByTestId("bp-summary");
      if (await summary.count()) await summary.click();
      await page.getByTestId("share-make").click();
      await page.getByTestId("paste-text").fill("A short pasted article about the harbour bridge.");
      await page.getByTestId("paste-add").click();
      await page.locator('[data-testid="note"]').first().waitFor();
      await waitForResult(page);
      judge(`workspace panels, ${colorScheme}`, await audit(page));
      verdict();
      assertClean(s);
    } finally {
      await s.close();
    }
  });
}

test("axe: first visit with no articles, and the single file", async () => {
  const s = await openPage("file");
  const { page } = s;
  try {
    await waitForApp(page, { selector: '[data-testid="manage-panel"]' });
    await waitForResult(page);
    judge("single file, overview", await audit(page));
    // Remove every article: the page asks for articles first.
    while ((await page.locator(ITEM).count()) > 0) {
      const n = await page.locator(ITEM).count();
      await page.locator(ITEM).first().getByTestId("remove").click();
      await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length < n, [ITEM, n]);
    }
    judge("empty workspace", await audit(page));
    verdict();
    assertClean(s);
  } finally {
    await s.close();
  }
});

test("axe: the error notice after a panic", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const s = await openPage("http", { colorScheme });
    const { page } = s;
    try {
      await waitForApp(page, { selector: '[data-testid="manage-panel"]' });
      // A change, so a workspace is kept and the notice offers it as a file.
      await page.getByTestId("paste-text").fill("A short pasted article about the harbour bridge.");
      await page.getByTestId("paste-add").click();
      await page.locator('[data-testid="save-status"][data-ok="true"]').waitFor();
      await page.evaluate(async () => {
        const m = await import("./parallax.js");
        try {
          m.__parallax_test_panic();
        } catch {
          // expected: the panic stops the module
        }
      });
      await page.getByTestId("crash").waitFor();
      await page.getByTestId("crash-save").waitFor();
      // Only the notice itself is judged here.
      judge(`error notice, ${colorScheme}`, await audit(page, '[data-testid="crash"]'));
      verdict();
    } finally {
      await s.close();
    }
  }
});

test("axe: the installed app's notices (a shared address, a new version)", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const path = `?${new URLSearchParams({ title: "Harbour", text: "https://news.example/harbour" })}`;
    const s = await openPage("http", { colorScheme, path });
    const { page } = s;
    try {
      await page.getByTestId("shared-url").waitFor();
      // The update notice as a waiting worker would have it offered.
      await page.evaluate(async () => (await import("./pwa.js")).offer({ waiting: {} }));
      await page.getByTestId("update-ready").waitFor();
      for (const id of ["shared-url", "update-ready"]) {
        judge(`${id} notice, ${colorScheme}`, await audit(page, `[data-testid="${id}"]`));
      }
      verdict();
      assertClean(s);
    } finally {
      await s.close();
    }
  }
});
