// The built page starts and shows the demo set, both as served (dist/index.html
// over loopback HTTP) and as the single file (dist/parallax.html via file://),
// without any request leaving the page's own origin or file.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { ARTICLE, assertClean, closeAll, openPage, screenshot, waitForApp } from "./lib.mjs";

after(closeAll);

/** One chip per compared article, labelled with the outlet. */
const OUTLET = '[data-testid="outlet-toggle"]';

for (const mode of ["http", "file"]) {
  test(`demo set renders (${mode})`, async () => {
    const s = await openPage(mode);
    try {
      await waitForApp(s.page);
      assert.equal(await s.page.locator('[data-testid="boot"]').count(), 0, "loading indicator replaced");
      // The demo set is compared on start: one filter chip per article.
      await s.page.waitForSelector(OUTLET);
      const labels = await s.page.locator(OUTLET).allTextContents();
      assert.equal(labels.length, 5, `five demo articles: ${JSON.stringify(labels)}`);
      assert.ok(labels.includes("dailymail.co.uk"), `labels: ${JSON.stringify(labels)}`);
      // Side by side shows article columns.
      await s.page.getByTestId("tab-reading").click();
      await s.page.waitForSelector(ARTICLE);
      assert.ok((await s.page.locator(ARTICLE).count()) >= 2, "article columns side by side");
      if (mode === "http") await screenshot(s.page, "ground-demo");
      assertClean(s);
      if (mode === "http") {
        assert.ok(s.requests.some((r) => r.endsWith(".wasm")), "wasm fetched from the server");
      } else {
        assert.deepEqual(
          s.requests.filter((r) => !r.startsWith("data:") && !r.startsWith("blob:")),
          [s.url],
          "the single file loads nothing but itself",
        );
      }
    } finally {
      await s.close();
    }
  });
}

test("Content Security Policy is set and strict", async () => {
  for (const mode of ["http", "file"]) {
    const s = await openPage(mode);
    try {
      const policy = await s.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
      assert.match(policy, /default-src 'none'/);
      assert.match(policy, /script-src [^;]*'wasm-unsafe-eval'/);
      assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'/);
      // An inline script that is not hashed must be refused.
      const ran = await s.page.evaluate(() => {
        window.__inlineRan = false;
        const el = document.createElement("script");
        el.textContent = "window.__inlineRan = true;";
        document.head.append(el);
        return window.__inlineRan;
      });
      assert.equal(ran, false, `${mode}: unhashed inline script ran`);
    } finally {
      await s.close();
    }
  }
});
