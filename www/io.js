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


  // Whitespace as Rust's `char::is_whitespace` (JavaScript's \s differs in
  // U+0085 and U+FEFF).
  const W = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  const WS = new RegExp(`[${W}]+`);
  const words = (s) => s.split(WS).filter(Boolean);
  const trim = (s) => s.replace(new RegExp(`^[${W}]+|[${W}]+$`, "g"), "");
  const collapse = (s) => words(s).join(" ");
  // Words' chars, one more each for the space after them.
  const textLen = (n) => words(n.textContent ?? "").reduce((a, w) => a + [...w].length + 1, 0);
  const hostOf = (url) => {
    try {
      const h = new URL(url).hostname;
      return (h.startsWith("www.") ? h.slice(4) : h) || undefined;
    } catch {}
  };
  // Elements that never hold article text.
  const NEVER = "script,style,noscript,template,iframe,svg,button,select,input,textarea,object,embed,canvas,video,audio,picture,link,meta";
  // Elements of page furniture, unless one holds most of the page's text
  // (some sites put everything in a <form>).
  const FURNITURE_TAGS = "nav,aside,footer,form,dialog,menu,figure";
  // class/id words (split at spaces, "-" and "_") and roles of furniture.
  const FURNITURE = new Set(
    "cookie cookies consent gdpr newsletter subscribe subscription signup share sharing social related recommended comments comment promo advert advertisement ad ads sponsor sponsored banner popup modal paywall outbrain taboola breadcrumb breadcrumbs sidebar whatsapp footer nav navbar navigation menu skip byline".split(" "),
  );
  const ROLES = new Set("navigation complementary contentinfo banner dialog alertdialog search menu".split(" "));
  // Elements that end a line of text.
  const BLOCK = new Set(
    "p div section article main header h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre table tr td th caption figcaption hr br address details summary".split(" "),
  );
  const lower = (s) => (s ?? "").toLowerCase();
  const asciiLower = (s) => s.replace(/[A-Z]+/g, (c) => c.toLowerCase());
  const isFurniture = (el) => {
    const listed = (v) => lower(v).split(new RegExp(`[${W}_-]`)).some((w) => FURNITURE.has(w));
    return (
      ROLES.has(lower(el.getAttribute("role"))) ||
      el.hasAttribute("hidden") ||
      el.getAttribute("aria-hidden") === "true" ||
      listed(el.getAttribute("class")) ||
      listed(el.getAttribute("id"))
    );
  };
  // The first of `selectors` that gives a value (content, datetime or text).
  const meta = (doc, selectors) => {
    for (const sel of selectors) {
      const el = doc.querySelector(sel);
      const v = el && collapse(el.getAttribute("content") ?? el.getAttribute("datetime") ?? el.textContent ?? "");
      if (v) return v;
    }
  };
  // The element holding the article: the one whose paragraphs carry the
  // most text (each paragraph counts fully for its parent and half for its
  // grandparent); the last of equals, as Rust's `max_by_key`.
  const mainContainer = (body) => {
    const scores = new Map();
    const add = (el, s) => scores.set(el, (scores.get(el) ?? 0) + s);
    for (const p of body.querySelectorAll("p, pre, blockquote")) {
      const len = textLen(p);
      const parent = p.parentElement;
      if (len < 25 || !parent) continue;
      if (parent.parentElement) add(parent.parentElement, Math.floor(len / 2));
      add(parent, len);
    }
    let best, top = -1;
    for (const [el, s] of scores) if (s >= top) [best, top] = [el, s];
    return best ?? body.querySelector("article, main, [role=main]") ?? body;
  };
  // The text of `node` as lines: block elements end a line.
  const walk = (node, lines, cur) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) cur.t += child.textContent;
      else if (child.nodeType === 1) {
        const block = BLOCK.has(child.localName);
        if (block) flush(lines, cur);
        walk(child, lines, cur);
        if (block) flush(lines, cur);
      }
    }
  };
  const flush = (lines, cur) => {
    const t = collapse(cur.t);
    if (t) lines.push(t);
    cur.t = "";
  };
  // Cuts " | Outlet" or " - Outlet" off a page title.
  const cleanTitle = (title, outlet) => {
    const t = collapse(title);
    if (outlet != null)
      for (const sep of [" | ", " - ", " \u2013 ", " \u2014 ", " :: "]) {
        const at = t.lastIndexOf(sep);
        if (at < 0) continue;
        const tail = t.slice(at + sep.length);
        if (asciiLower(tail) === asciiLower(outlet) || outlet.includes(lower(tail))) return trim(t.slice(0, at));
      }
    return t;
  };


  // The colour theme: data-theme on <html> as remembered ("dark" or
  // "light"), else none and the system setting applies; the switch
  // (.theme-toggle, src/app/components/theme.rs) shows it.
  const THEME = "parallax-theme";
  let theme = ((t) => (t === "dark" || t === "light" ? t : null))(
    (() => {
      try {
        return get("localStorage")?.getItem(THEME);
      } catch {}
    })(),
  );
  const system = globalThis.matchMedia?.("(prefers-color-scheme: dark)");
  const dark = () => (theme ? theme === "dark" : !!system?.matches);
  const paint = () => {
    const root = document.documentElement;
    theme ? root.setAttribute("data-theme", theme) : root.removeAttribute("data-theme");
    const d = dark();
    for (const b of document.querySelectorAll(".theme-toggle")) {
      b.setAttribute("aria-pressed", d);
      b.title = `Switch to ${d ? "light" : "dark"} mode`;
      b.firstElementChild.textContent = d ? "\u263e" : "\u2600";
    }
  };
  if (globalThis.document) {
    paint();
    system?.addEventListener?.("change", paint);
  }


  // Passages (src/app/hooks/linked.rs): elements with data-group="N" in
  // scrolling columns (.col-body). A number attribute as Rust parses a usize.
  const num = (v) => (/^\+?\d+$/.test(v ?? "") ? Number(v) : undefined);
  const groupOf = (t) => {
    const pg = t instanceof Element ? t.closest("[data-group]") : null;
    const g = pg && num(pg.getAttribute("data-group"));
    return g === undefined || g === null ? undefined : [pg, g];
  };
  // Scrolls `col` so `el` is in view, when it is not.
  const revealIn = (col, el) => {
    const top = el.offsetTop;
    const viewTop = col.scrollTop | 0;
    if (top < viewTop || top + el.offsetHeight > viewTop + col.clientHeight)
      col.scrollTop = Math.max(top - Math.trunc(col.clientHeight / 4), 0);
  };
  // Brings group `g` into view in every column of `root` but `own`.
  const reveal = (root, g, own) => {
    for (const col of root.querySelectorAll(".col-body")) {
      if (!(col instanceof HTMLElement) || col === own) continue;
      const el = col.querySelector(`[data-group="${g}"]`);
      if (el instanceof HTMLElement) revealIn(col, el);
    }
  };
  // Moves focus to the next (dir 1) or previous (-1) passage of the column
  // holding the focused (or last focused) one.
  const step = (root, last, dir) => {
    const a = document.activeElement;
    const active = a && a.hasAttribute("data-group") && root.contains(a) && a instanceof HTMLElement ? a : null;
    const current = active ?? (last && last.isConnected && root.contains(last) ? last : null);
    const col = current?.closest(".col-body") ?? root.querySelector(".col-body");
    if (!col) return;
    const items = [...col.querySelectorAll("[data-group]")].filter((e) => e instanceof HTMLElement);
    if (!items.length) return;
    const group = (i) => items[i].getAttribute("data-group");
    const p = current ? items.indexOf(current) : -1;
    let next;
    if (p < 0) next = dir > 0 ? 0 : items.length - 1;
    else if (dir > 0) {
      for (let i = p + 1; i < items.length && next === undefined; i++) if (group(i) !== group(p)) next = i;
    } else {
      for (let i = p - 1; i >= 0 && next === undefined; i--) if (group(i) !== group(p)) next = i;
      // The first element of that passage.
      while (next > 0 && group(next - 1) === group(next)) next--;
    }
    if (next !== undefined) items[next].focus();
  };

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
    // The host of an address, without a leading "www.".
    host: hostOf,
    // The article in a saved web page (`html`, already defused; `url`
    // where it came from, "" if unknown), read with the browser's own
    // DOMParser: [title, outlet, date, text]. A parsed document runs no
    // script and loads nothing; only text and attribute values are read.
    // Fails with a reason to show.
    page(html, url) {
      if (typeof DOMParser !== "function") throw "This browser cannot read HTML pages.";
      let doc;
      try {
        doc = new DOMParser().parseFromString(html, "text/html");
      } catch {
        throw "The page could not be read as HTML.";
      }
      const pageUrl = meta(doc, ["meta[property='og:url']", "link[rel='canonical']"]) ?? doc.querySelector("link[rel='canonical']")?.getAttribute("href") ?? undefined;
      const outlet =
        meta(doc, ["meta[property='og:site_name']", "meta[name='application-name']", "meta[name='publisher']"]) ??
        (pageUrl != null ? hostOf(pageUrl) : undefined) ??
        hostOf(url);
      const date = meta(doc, [
        "meta[property='article:published_time']",
        "meta[name='article:published_time']",
        "meta[itemprop='datePublished']",
        "meta[name='date']",
        "meta[name='pubdate']",
        "meta[name='publish-date']",
        "meta[name='dc.date']",
        "meta[name='DC.date.issued']",
        "time[datetime]",
      ]);
      const h1 = collapse(doc.querySelector("h1")?.textContent ?? "") || undefined;
      let title = meta(doc, ["meta[property='og:title']", "meta[name='twitter:title']"]) ?? h1 ?? (collapse(doc.title) ? doc.title : undefined);
      if (title != null) title = cleanTitle(title, outlet);
      const body = doc.body;
      if (!body) throw "The page has no body text.";
      for (const el of body.querySelectorAll(NEVER)) el.remove();
      const total = Math.max(textLen(body), 1);
      const tags = new Set(FURNITURE_TAGS.split(","));
      const doomed = [...body.querySelectorAll(`${FURNITURE_TAGS},[class],[id],[role],[hidden],[aria-hidden]`)].filter(
        (el) => (tags.has(el.localName) || isFurniture(el)) && textLen(el) * 10 < total * 4,
      );
      for (const el of doomed) el.remove();
      const lines = [];
      const cur = { t: "" };
      walk(mainContainer(body), lines, cur);
      flush(lines, cur);
      if (title != null && lines[0] !== title) {
        const rest = lines.filter((l) => l !== title);
        lines.length = 0;
        lines.push(title, ...rest);
      }
      // No line at all, or the headline alone.
      if (lines.length - (title != null) === 0)
        throw "No article text was found in this page. Open it in your browser, select the article text, copy it and paste it here instead.";
      return [title, outlet, date, lines.join("\n\n")];
    },
    // Shows the theme on the switch now on the page; a click switches it
    // (and remembers the choice when storage works).
    theme() {
      for (const b of document.querySelectorAll(".theme-toggle"))
        b.onclick = () => {
          theme = dark() ? "light" : "dark";
          try {
            get("localStorage")?.setItem(THEME, theme);
          } catch {}
          paint();
        };
      paint();
    },
    // Linked highlighting and passage navigation inside `root`: pointing at
    // or focusing an element of group N gives every element of N the class
    // "lit" (no re-render) and brings it into view in the other columns;
    // `focused(g)` hears of keyboard focus (undefined: cleared). j/n and k/p
    // move to the next and previous passage, Escape clears. Returns
    // [paint (after a re-render), step(dir), stop].
    linked(root, focused) {
      let lit, hover, focus, last;
      // Marks the wanted group; `force` even when it is unchanged.
      const paint = (force) => {
        const want = hover ?? focus;
        if (want === lit && !force) return;
        lit = want;
        for (const el of root.querySelectorAll(".lit")) el.classList.remove("lit");
        if (want === undefined) root.removeAttribute("data-lit");
        else {
          root.setAttribute("data-lit", want);
          for (const el of root.querySelectorAll(`[data-group="${want}"]`)) el.classList.add("lit");
        }
      };
      const on = [
        [root, "pointerover", (e) => {
          const hit = groupOf(e.target);
          if (hit?.[1] === hover) return;
          hover = hit?.[1];
          paint();
          if (hit) reveal(root, hit[1], hit[0].closest(".col-body"));
        }],
        [root, "pointerleave", () => {
          hover = undefined;
          paint();
        }],
        [root, "focusin", (e) => {
          const hit = groupOf(e.target);
          if (!hit) return;
          focus = hit[1];
          last = hit[0] instanceof HTMLElement ? hit[0] : undefined;
          paint();
          reveal(root, hit[1], hit[0].closest(".col-body"));
          focused(hit[1]);
        }],
        [document, "keydown", (e) => {
          if (e.ctrlKey || e.metaKey || e.altKey) return;
          const t = e.target;
          if (t instanceof Element && (["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName) || t.closest("[contenteditable]"))) return;
          const k = e.key;
          const dir = k === "j" || k === "n" ? 1 : k === "k" || k === "p" ? -1 : 0;
          if (dir) {
            e.preventDefault();
            step(root, last, dir);
          } else if (e.key === "Escape" && (focus ?? hover) !== undefined) {
            focus = hover = undefined;
            paint();
            focused();
          }
        }],
      ];
      for (const [t, type, f] of on) t.addEventListener(type, f);
      return [() => paint(true), (dir) => step(root, last, dir), () => on.forEach(([t, type, f]) => t.removeEventListener(type, f))];
    },
    // Focuses the first element of group `g` in `root` (the first column
    // first) unless focus is already on that group.
    focusGroup(root, g) {
      if (document.activeElement?.getAttribute("data-group") === String(g)) return;
      const el = root.querySelector(`.col-body [data-group="${g}"]`);
      if (el instanceof HTMLElement) el.focus();
    },
    // Brings the lit passage into view in every column (after one was shown).
    revealLit(root) {
      const g = num(root.getAttribute("data-lit"));
      if (g !== undefined) reveal(root, g);
    },
    // Scrolls column `col` of `root` to the text segment (data-s: its first
    // char) holding char `at`, focusing it when it is a passage.
    scrollColumn(root, col, at) {
      const body = root.querySelectorAll(".col-body")[col];
      if (!(body instanceof HTMLElement)) return;
      let best;
      for (const el of body.querySelectorAll("[data-s]")) {
        if (!(el instanceof HTMLElement)) continue;
        if ((num(el.getAttribute("data-s")) ?? 0) > at) break;
        best = el;
      }
      if (!best) return;
      body.scrollTop = Math.max(best.offsetTop - 8, 0);
      if (best.hasAttribute("data-group")) best.focus();
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
