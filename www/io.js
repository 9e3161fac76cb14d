// The page's IO, called through src/app/services/io.rs (the Rust code
// decides what is read and written): the kept workspace in one IndexedDB
// store of strings changed in transactions, else the same keys in
// localStorage ("small"), else nothing; the tabs' channel; the marks read
// before start; fetching a page; share-code compression; the clipboard;
// downloads; the notice after an internal error. Plain JavaScript: the same
// calls made from WebAssembly cost several times more of the download.
{
  const LOCAL = "parallax-kv-";
  const MARK = "parallax-kept";
  const LEGACY = ["parallax-workspace", "parallax-workspace-previous"];
  const get = (name) => {
    try {
      return globalThis[name] || null;
    } catch {
      return null;
    }
  };
  const quota = (e) => e?.name === "QuotaExceededError" || e?.name === "NS_ERROR_DOM_QUOTA_REACHED" || e?.code === 22;
  const done = (target, ok, ...bad) =>
    new Promise((resolve, reject) => {
      target[ok] = resolve;
      for (const b of bad) target[b] = reject;
    });
  let opening, backend, channel, stopper;
  const open = () =>
    (opening ??= new Promise((ok, bad) => {
      const r = get("indexedDB").open("parallax", 1);
      r.onupgradeneeded = () => r.result.createObjectStore("kv");
      r.onsuccess = () => ok({ db: r.result });
      r.onerror = bad;
    })
      .catch(() => null)
      .then((b) => (backend = b || ((s) => s && { s })(get("localStorage")))));

  globalThis.parallaxIo = {
    // Reads `keys` in a new read-write transaction: [handle, ...values].
    // The handle goes to `commit` at once (the transaction ends otherwise).
    async begin(keys) {
      const b = await open();
      if (!b) throw false;
      if (b.s) return [b, ...keys.map((k) => b.s.getItem(LOCAL + k) ?? undefined)];
      const store = b.db.transaction("kv", "readwrite").objectStore("kv");
      const reqs = keys.map((k) => store.get(k));
      await done(reqs[reqs.length - 1], "onsuccess", "onerror");
      return [store, ...reqs.map((r) => (typeof r.result === "string" ? r.result : undefined))];
    },
    // Writes `w` ([key, value, key, value...], value null: delete): the
    // puts in order, deletions last. Fails with true when storage is full.
    async commit(h, w) {
      const tx = h.transaction;
      try {
        for (const del of [false, true]) {
          for (let i = 0; i < w.length; i += 2) {
            const [k, v] = [w[i], w[i + 1]];
            if ((v == null) !== del) continue;
            if (tx) del ? h.delete(k) : h.put(v, k);
            else if (del) h.s.removeItem(LOCAL + k);
            else h.s.setItem(LOCAL + k, v);
          }
        }
      } catch (e) {
        try {
          tx?.abort();
        } catch {}
        throw quota(e);
      }
      if (tx) await done(tx, "oncomplete", "onabort", "onerror").catch(() => Promise.reject(quota(tx.error)));
    },
    // True once opened on localStorage.
    small: () => !!backend?.s,
    // True when some storage may work.
    available: () => !!(get("indexedDB") || get("localStorage")),
    // What the previous version kept in localStorage: [workspace, previous].
    legacy: () => LEGACY.map((k) => get("localStorage")?.getItem(k) ?? undefined),
    dropLegacy: () => LEGACY.forEach((k) => get("localStorage")?.removeItem(k)),
    // Before anything is read: is a workspace probably kept?
    marked: () => [MARK, LEGACY[0]].some((k) => get("localStorage")?.getItem(k) != null),
    // After the first save: the mark, and a request for persistent storage.
    mark() {
      const s = get("localStorage");
      if (s && s.getItem(MARK) == null) {
        try {
          s.setItem(MARK, "1");
        } catch {}
        navigator.storage?.persist?.().catch(() => {});
      }
    },
    // Tells other tabs of a save (`stamp`, "" for a history change).
    tell: (stamp) => channel?.postMessage(stamp),
    // Fetches `url` (no cookies, no referrer) reading at most `max` bytes
    // for at most `ms`: [url, content type, bytes]. Fails with "offline",
    // "time", "stop", "big", [status, status text], "read" (cut off) or
    // "blocked".
    async fetch(url, max, ms) {
      if (!navigator.onLine) throw "offline";
      const c = (stopper = new AbortController());
      let late = false;
      let why = "blocked";
      const timer = setTimeout(() => {
        late = true;
        c.abort();
      }, ms);
      try {
        const r = await fetch(url, { mode: "cors", credentials: "omit", referrerPolicy: "no-referrer", signal: c.signal });
        if (!r.ok) throw [r.status, r.statusText];
        why = "read";
        // Read piece by piece, stopping past the limit (whatever length
        // the site declares, if any).
        const parts = [];
        let n = 0;
        for (const reader = r.body?.getReader(); reader; ) {
          const { done, value } = await reader.read();
          if (done) break;
          if ((n += value.length) > max) {
            reader.cancel().catch(() => {});
            c.abort();
            throw "big";
          }
          parts.push(value);
        }
        const bytes = new Uint8Array(n);
        n = 0;
        for (const p of parts) bytes.set(p, (n += p.length) - p.length);
        return [r.url, r.headers.get("content-type") ?? "", bytes];
      } catch (e) {
        throw typeof e === "string" || Array.isArray(e) ? e : late ? "time" : c.signal.aborted ? "stop" : navigator.onLine ? why : "offline";
      } finally {
        clearTimeout(timer);
      }
    },
    stop: () => stopper?.abort(),
    // `bytes` compressed as raw DEFLATE: a Uint8Array.
    async deflate(bytes) {
      const packed = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
      return new Uint8Array(await new Response(packed).arrayBuffer());
    },
    // Copies `text` to the clipboard (missing outside secure contexts);
    // fails when the browser refuses.
    copy: async (text) => navigator.clipboard.writeText(text),
    // Saves `text` as the file `name` (type `mime`) through a link clicked
    // at once; false when the browser refuses.
    download(name, mime, text) {
      try {
        const a = document.createElement("a");
        a.href = URL.createObjectURL(new Blob([text], { type: mime }));
        a.download = name;
        a.className = "visually-hidden";
        document.body.append(a);
        a.click();
        a.remove();
        // Give the browser time to start the download before freeing it.
        setTimeout(() => URL.revokeObjectURL(a.href), 60000);
        return true;
      } catch {
        return false;
      }
    },
    // The notice after an internal error (src/app/services/panic.rs): plain
    // DOM calls and text nodes only, the page below left readable. `json`:
    // the workspace last kept, `n` its articles (0: none to offer).
    crash(detail, kept, json, n) {
      const el = (tag, cls, text, attrs = {}) => {
        const e = document.createElement(tag);
        if (cls) e.className = cls;
        if (text != null) e.append(text);
        for (const k in attrs) e.setAttribute(k, attrs[k]);
        return e;
      };
      const panel = el("section", "crash", null, { role: "alert", "aria-labelledby": "crash-title", "data-testid": "crash" });
      const button = el("button", "crash-reload", "Reload", { type: "button", "data-testid": "crash-reload" });
      button.addEventListener("click", () => location.reload());
      const details = el("details", "crash-details");
      details.append(el("summary", "", "Technical details"), el("pre", "", detail, { "data-testid": "crash-detail" }));
      panel.append(
        el("h2", "crash-title", "Parallax stopped working", { id: "crash-title" }),
        el("p", "", "An internal error stopped Parallax, so this page no longer responds. Nothing was sent anywhere."),
        el(
          "p",
          "",
          kept
            ? "Your workspace (articles, labels, what was left out) is kept in this browser as of your last change: reload the page to carry on where you were."
            : "This browser gives Parallax no storage, so your articles could not be kept: copy any text you need from the page below before you reload.",
          { "data-testid": "crash-kept" },
        ),
      );
      // The kept workspace as a file, through a plain download link (no
      // code runs when it is clicked), in case reloading fails again.
      if (n) {
        const href = URL.createObjectURL(new Blob([json], { type: "application/json" }));
        const p = el("p", "");
        p.append(
          el("a", "crash-save", `Save the kept workspace as a file (${n} article${n === 1 ? "" : "s"})`, {
            href,
            download: "parallax-workspace.json",
            "data-testid": "crash-save",
          }),
        );
        panel.append(p);
      }
      panel.append(details, button);
      document.body.prepend(panel);
      button.focus();
    },
    // Calls `f` with what other tabs tell.
    listen(f) {
      try {
        channel = new BroadcastChannel("parallax");
        channel.onmessage = (e) => f(String(e.data));
      } catch {}
    },
  };
}
