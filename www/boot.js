// Starts the app in dist/index.html. (dist/parallax.html has its own inline
// variant, scripts/single-file-boot.js, and none of the installed-app parts
// below.) Kept out of the page so the Content Security Policy needs no
// inline script.
import init from "./parallax.js";

init({ module_or_path: new URL("parallax_bg.wasm", import.meta.url) }).then(installable, (err) => {
  console.error(err);
  const root = document.getElementById("app");
  if (root) {
    const p = document.createElement("p");
    p.className = "boot-error";
    p.setAttribute("role", "alert");
    p.textContent = `Parallax could not start in this browser: ${err}`;
    root.replaceChildren(p);
  }
});

// The installed app (manifest.webmanifest). Everything reaches the app
// through what it already has: shared text and opened files arrive as a
// drop on the page, a shared address waits in the "fetch a web page" box.
function installable() {
  const query = new URLSearchParams(location.search);
  if (["title", "text", "url"].some((k) => query.has(k))) {
    // Taken once: a reload must not add the article again.
    history.replaceState(history.state, "", location.pathname + location.hash);
    shared(query.get("title") || "", query.get("text") || "", query.get("url") || "");
  }
  window.launchQueue?.setConsumer(async (launch) => {
    if (launch.files?.length) drop(await Promise.all(launch.files.map((h) => h.getFile())));
  });
  const sw = navigator.serviceWorker;
  if (!sw) return; // not a secure context
  // The first visit is not controlled: its worker takes over nothing.
  const controlled = !!sw.controller;
  sw.addEventListener("controllerchange", () => controlled && location.reload());
  const register = () =>
    sw.register("sw.js").then((reg) => {
      const offer = () => {
        if (!reg.waiting || !sw.controller || document.querySelector('[data-testid="update-ready"]')) return;
        note("update-ready", "A new version of Parallax is ready.", "Reload", (button) => {
          button.disabled = true;
          // The new worker takes over; "controllerchange" then reloads.
          reg.waiting ? reg.waiting.postMessage("update") : location.reload();
        });
      };
      offer();
      reg.addEventListener("updatefound", () => reg.installing?.addEventListener("statechange", offer));
      // A page left open checks for a new version when it is shown again.
      document.addEventListener("visibilitychange", () => document.hidden || reg.update().catch(() => {}));
    }, console.warn);
  // After the page's own files: the worker's copies come second.
  document.readyState === "complete" ? register() : addEventListener("load", register);
}

// An article shared to the app: its text is added; a link is only put in
// the address box, fetched when the reader asks (most sites refuse).
function shared(title, text, url) {
  url ||= text.match(/https?:\/\/\S+/)?.[0] || "";
  text = text.replace(url, "").trim();
  if (text) {
    const name = `${title.replace(/[\\/:*?"<>|\s]+/g, " ").trim().slice(0, 80) || "Shared text"}.txt`;
    drop([new File([title ? `${title}\n\n${text}` : text], name, { type: "text/plain" })]);
  }
  if (url) {
    app('[data-testid="url-input"]').then((input) => {
      input.value = url;
      input.focus();
      note("shared-url", "The shared address is in the “Fetch a web page” box: press Fetch to load it.");
    });
  }
}

// Files (opened with the app, or a shared text) take the path of dropped files.
function drop(files) {
  app('[data-testid="drop-zone"]').then(() => {
    const data = new DataTransfer();
    for (const f of files) data.items.add(f);
    dispatchEvent(new DragEvent("drop", { dataTransfer: data, cancelable: true }));
  });
}

// Resolves with the element once the app has rendered it and set up its
// listeners (the task after it appears).
function app(selector) {
  return new Promise((resolve) => {
    const seen = () => {
      const el = document.querySelector(selector);
      if (el) setTimeout(resolve, 0, el);
      return el;
    };
    if (seen()) return;
    const watch = new MutationObserver(() => seen() && watch.disconnect());
    watch.observe(document.body, { childList: true, subtree: true });
  });
}

// A small notice at the bottom of the page, outside the app.
function note(testid, text, action, onclick) {
  const button = (label, click) => Object.assign(document.createElement("button"), { textContent: label, onclick: click });
  const box = document.createElement("div");
  box.className = "pwa-note";
  box.dataset.testid = testid;
  box.setAttribute("role", "status");
  box.append(text);
  if (action) {
    const b = button(action, () => onclick(b));
    b.className = "pwa-action";
    b.dataset.testid = `${testid}-action`;
    box.append(b);
  }
  const close = button("×", () => box.remove());
  close.setAttribute("aria-label", "Dismiss");
  box.append(close);
  document.body.append(box);
}
