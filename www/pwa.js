// What the installed app receives (loaded by www/boot.js when something
// arrives). Everything reaches the app through what it already has: shared
// text and opened files arrive as a drop on the page, a shared address
// waits in the "fetch a web page" box, and the notices are elements of
// their own outside the app.

/** A new version is installed and waiting: offer to run it. */
export function offer(reg) {
  if (!reg.waiting || document.querySelector('[data-testid="update-ready"]')) return;
  note("update-ready", "A new version of Parallax is ready.", "Reload", (button) => {
    button.disabled = true;
    // The new worker takes over; boot.js then reloads on "controllerchange".
    reg.waiting ? reg.waiting.postMessage("update") : location.reload();
  });
}

/** Files opened with the installed app (the launch queue's file handles). */
export async function opened(handles) {
  drop(await Promise.all(handles.map((h) => h.getFile())));
}

/**
 * An article shared to the app (the manifest's share target: ?title=…&text=…&url=…):
 * its text is added; a link is only put in the address box, fetched when
 * the reader asks (most sites refuse).
 */
export function shared() {
  const query = new URLSearchParams(location.search);
  // Taken once: a reload must not add the article again.
  history.replaceState(history.state, "", location.pathname + location.hash);
  const title = query.get("title") || "";
  let text = query.get("text") || "";
  const url = query.get("url") || text.match(/https?:\/\/\S+/)?.[0] || "";
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
  // One above the other, however many.
  let list = document.querySelector(".pwa-notes");
  if (!list) {
    list = document.createElement("div");
    list.className = "pwa-notes";
    document.body.append(list);
  }
  list.append(box);
}
