// The alignment runs in a Web Worker: with a large workspace the page keeps
// handling input and painting while it computes, progress is shown, and a
// run superseded by a change of articles is stopped (its worker ends).
// Both pages: dist/index.html over http and dist/parallax.html from file://.
//
// Assertions are on events and their order, never on wall-clock limits.

import { after, test } from "node:test";
import assert from "node:assert/strict";
import { assertClean, closeAll, demoTexts, openPage, waitForApp } from "./lib.mjs";

after(closeAll);

const RESULTS = '[data-testid="results"]';

/**
 * Articles added for the long runs: enough that a run outlasts a click by
 * a wide margin (the engine is fast: with too few, a run may end before
 * the test's next step lands).
 */
const LARGE = 150;

/**
 * A large workspace: `n` distinct articles, each a demo article with its
 * sentences rotated, one in five dropped, and a line of its own, so every
 * pair is real work for the engine.
 */
function variants(texts, n) {
  const out = [];
  for (let k = 0; k < n; k++) {
    // Three demo articles per variant: long enough that the run outlasts a click.
    const base = [0, 1, 2].map((j) => texts[(k + j) % texts.length]).join("\n");
    const sentences = base.split(/(?<=[.!?])\s+/).filter((s) => s.trim());
    const rot = (k * 7) % Math.max(1, sentences.length);
    const kept = sentences
      .slice(rot)
      .concat(sentences.slice(0, rot))
      .filter((_, i) => (i + k) % 5 !== 0);
    kept.push(`Copy ${k + 1} of this report was filed from desk ${String.fromCharCode(65 + (k % 26))}${k}.`);
    out.push(kept.join(" "));
  }
  return out;
}

/** Adds `texts` as .txt files through the file picker (quicker than typing megabytes into the paste box). */
async function addFiles(page, texts, from = 0) {
  await page.getByTestId("file-input").setInputFiles(
    texts.map((t, i) => ({ name: `copy-${from + i + 1}.txt`, mimeType: "text/plain", buffer: Buffer.from(t) })),
  );
}

/** Adds the large set to the demo and waits until its run is under way. */
async function startLargeRun(page) {
  await waitForApp(page, { selector: RESULTS });
  await addFiles(page, variants(demoTexts(), LARGE));
  await page.getByTestId("computing").waitFor();
}

/** Counts frames and progress values between two compute marks, in the page. */
async function installProbe(page) {
  await page.evaluate(() => {
    const probe = { frames: 0, progress: [], startCount: 0, endCount: 0 };
    window.__probe = probe;
    const count = (name) => performance.getEntriesByName(name).length;
    probe.startCount = count("parallax:compute-start");
    probe.endCount = count("parallax:compute-end");
    const tick = () => {
      if (count("parallax:compute-start") > probe.startCount && count("parallax:compute-end") === probe.endCount) {
        probe.frames += 1;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    new MutationObserver(() => {
      const p = document.querySelector('[data-testid="computing"] progress');
      if (p) probe.progress.push(Number(p.value));
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["value"] });
  });
}

for (const mode of ["http", "file"]) {
  test(`large workspace computes in a worker; the page stays responsive; progress shows (${mode})`, async () => {
    const s = await openPage(mode);
    try {
      await waitForApp(s.page, { selector: RESULTS });
      // The app starts its worker early: it may predate the listener.
      assert.equal(s.page.workers().length, 1, "the demo was aligned in a worker");
      const worker = s.page.workers()[0];
      const texts = variants(demoTexts(), LARGE);
      await installProbe(s.page);
      const before = await s.page.evaluate(() => performance.getEntriesByName("parallax:compute-end").length);

      await addFiles(s.page, texts);
      await s.page.getByTestId("computing").waitFor();

      // Input during the run: the theme toggle is handled while the
      // comparison is still running (no new compute-end mark yet).
      // The page notes how many runs had ended when the toggle changed.
      await s.page.evaluate(() => {
        const el = document.querySelector('[data-testid="theme-toggle"]');
        new MutationObserver((_, obs) => {
          window.__endsAtToggle = performance.getEntriesByName("parallax:compute-end").length;
          obs.disconnect();
        }).observe(el, { attributes: true, attributeFilter: ["aria-pressed"] });
      });
      await s.page.getByTestId("theme-toggle").click();
      await s.page.waitForFunction(() => window.__endsAtToggle !== undefined);
      const endsAtClick = await s.page.evaluate(() => window.__endsAtToggle);
      assert.equal(endsAtClick, before, "the click was handled before the comparison ended");

      // The run finishes and the results show all LARGE + 5 articles.
      await s.page.waitForFunction((b) => performance.getEntriesByName("parallax:compute-end").length > b, before, {
        timeout: 300_000,
      });
      await s.page.waitForSelector(RESULTS);
      const probe = await s.page.evaluate(() => window.__probe);
      assert.ok(probe.frames >= 2, `the page painted during the run (${probe.frames} frames)`);
      const mid = probe.progress.filter((v) => v > 0 && v < 1);
      assert.ok(mid.length >= 1, `progress between 0 and 1 was shown: ${JSON.stringify(probe.progress.slice(0, 20))}`);
      assert.deepEqual(s.page.workers(), [worker], "the same worker did the work");

      // One more article: a provisional result from the kept links comes
      // first, then the exact one.
      const count = (name) => s.page.evaluate((n) => performance.getEntriesByName(n).length, name);
      const [partials, ends] = [await count("parallax:compute-partial"), await count("parallax:compute-end")];
      await addFiles(s.page, variants(demoTexts(), LARGE + 1).slice(LARGE), LARGE);
      await s.page.waitForFunction((b) => performance.getEntriesByName("parallax:compute-end").length > b, ends, {
        timeout: 300_000,
      });
      assert.equal(await count("parallax:compute-partial"), partials + 1, "a provisional result came first");
      const [partial] = await s.page.evaluate(() => performance.getEntriesByName("parallax:compute-partial").slice(-1).map((e) => e.startTime));
      const [end] = await s.page.evaluate(() => performance.getEntriesByName("parallax:compute-end").slice(-1).map((e) => e.startTime));
      assert.ok(partial <= end, "provisional before exact");
      await s.page.waitForSelector(RESULTS);
      assert.equal(await s.page.getByTestId("refining").count(), 0, "the exact result replaced the provisional one");
      assert.match(await s.page.getByTestId("summary").textContent(), new RegExp(`\\b${LARGE + 6} articles\\b`));
      assertClean(s);
    } finally {
      await s.close();
    }
  });

  test(`without Worker support the page compares by itself (${mode})`, async () => {
    const s = await openPage(mode);
    try {
      // Let the first load finish (an aborted wasm fetch logs an error).
      await waitForApp(s.page, { selector: RESULTS });
      await s.context.addInitScript(() => {
        delete window.Worker;
      });
      const closed = Promise.all(s.page.workers().map((w) => closes(w)));
      await s.page.reload({ waitUntil: "load" });
      await closed;
      await waitForApp(s.page, { selector: RESULTS });
      const summary = await s.page.getByTestId("summary").textContent();
      assert.match(summary, /\b5 articles\b/);
      assert.equal(s.page.workers().length, 0);
      assertClean(s);
    } finally {
      await s.close();
    }
  });

  test(`Stop ends a long run and keeps the articles; Compare again finishes it (${mode})`, async () => {
    const s = await openPage(mode);
    try {
      await startLargeRun(s.page);
      const busy = s.page.workers()[0];
      const closed = closes(busy);
      const ends = await s.page.evaluate(() => performance.getEntriesByName("parallax:compute-end").length);

      await s.page.getByTestId("compute-stop").click();
      await s.page.getByTestId("compute-stopped").waitFor();
      assert.equal(await closed, true, "the busy worker was ended");
      assert.equal(
        await s.page.evaluate(() => performance.getEntriesByName("parallax:compute-end").length),
        ends,
        "the stopped run produced no result",
      );
      assert.equal(await s.page.getByTestId("computing").count(), 0);
      assert.match(await s.page.getByTestId("compute-stopped").textContent(), new RegExp(`\\b${LARGE + 5} articles\\b`));

      await s.page.getByTestId("compute-resume").click();
      await s.page.waitForFunction((b) => performance.getEntriesByName("parallax:compute-end").length > b, ends, {
        timeout: 300_000,
      });
      await s.page.waitForSelector(RESULTS);
      assert.match(await s.page.getByTestId("summary").textContent(), new RegExp(`\\b${LARGE + 5} articles\\b`));
      assertClean(s);
    } finally {
      await s.close();
    }
  });

  test(`a run superseded by a change of articles is stopped (${mode})`, async () => {
    const s = await openPage(mode);
    try {
      await startLargeRun(s.page);
      assert.equal(s.page.workers().length, 1);
      const busy = s.page.workers()[0];
      const closed = closes(busy);
      const ends = await s.page.evaluate(() => performance.getEntriesByName("parallax:compute-end").length);

      // Back to the five demo articles while the large set is being compared.
      await s.page.getByTestId("restore-demo").click();
      assert.equal(await closed, true, "the busy worker was ended");
      await s.page.waitForFunction((b) => performance.getEntriesByName("parallax:compute-end").length > b, ends, {
        timeout: 120_000,
      });
      await s.page.waitForSelector(RESULTS);
      const summary = await s.page.getByTestId("summary").textContent();
      assert.match(summary, /\b5 articles\b/, "the result is the demo set's, not the stopped run's");
      assert.equal(s.page.workers().length, 1);
      assert.notEqual(s.page.workers()[0], busy, "a fresh worker took the new run");
      assertClean(s);
    } finally {
      await s.close();
    }
  });
}

/**
 * Whether `worker` ends within `ms` (false after that, so that a worker that
 * is never ended fails its test rather than hanging the run).
 */
function closes(worker, ms = 120_000) {
  return new Promise((ok) => {
    const t = setTimeout(() => ok(false), ms);
    worker.once("close", () => {
      clearTimeout(t);
      ok(true);
    });
  });
}

/**
 * The groups of a result in the worker's binary form (src/formats/wire.rs): a u32
 * count, then per group its id, kind, score, members (doc, span, words with
 * their span and shared flag) and evidence (three lists of strings).
 */
function readGroups(b) {
  let pos = 0;
  const uint = () => {
    let x = 0;
    for (let shift = 0; ; shift += 7) {
      const v = b[pos++];
      x += (v & 0x7f) * 2 ** shift;
      if (v < 0x80) return x;
    }
  };
  const list = (item) => Array.from({ length: uint() }, item);
  const span = () => ({ start: uint(), end: uint(), start16: uint(), end16: uint() });
  const str = () => {
    const n = uint();
    pos += n;
    return new TextDecoder().decode(b.subarray(pos - n, pos));
  };
  const count = new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true);
  pos = 4;
  return Array.from({ length: count }, () => {
    const id = uint();
    const kind = b[pos++];
    pos += 8; // score
    const members = list(() => ({ doc: uint(), ...span(), words: list(() => ({ ...span(), shared: b[pos++] === 1 })) }));
    const evidence = { words: list(str), names: list(str), numbers: list(str) };
    return { id, kind, members, evidence };
  });
}

// The module leaves Unicode normalization to the browser: diacritics,
// compatibility forms and Hangul in either form still match as natively.
test("words beyond ASCII are normalized by the browser as natively", async () => {
  const s = await openPage("http");
  try {
    await waitForApp(s.page, { selector: RESULTS });
    const bytes = await s.page.evaluate(async () => {
      const m = await import("./parallax.js");
      const docs = [
        // Lowercased by the browser char by char, as natively: a capital
        // sigma ending a word is σ (not the final ς of toLowerCase).
        "President Erdoğan met the ＭＡＹＯＲ of \uC11C\uC6B8 on Tuesday in Ankara to discuss the ΛΙΜΑΝΙΑΣ harbour reconstruction plan.",
        "President Erdogan met the mayor of \u1109\u1165\u110B\u116E\u11AF on Tuesday in Ankara to discuss the λιμανιασ harbour reconstruction plan.",
      ].map((text, i) => ({ label: `A${i}`, text, ignored: [] }));
      return Array.from(m.worker_compare(JSON.stringify(docs), () => {}, null));
    });
    const result = { groups: readGroups(Uint8Array.from(bytes)) };
    assert.equal(result.groups.length, 1, "one shared passage");
    const [g] = result.groups;
    for (const member of g.members) {
      const unshared = member.words.filter((w) => !w.shared).length;
      assert.equal(unshared, 0, `every word of article ${member.doc} is matched`);
    }
    const evidence = [...g.evidence.words, ...g.evidence.names];
    assert.ok(evidence.includes("erdogan"), `evidence: ${evidence.join(", ")}`);
    assertClean(s);
  } finally {
    await s.close();
  }
});
