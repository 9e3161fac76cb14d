// Starts the app in dist/index.html. (dist/parallax.html has its own inline
// variant, scripts/single-file-boot.js, and none of the installed-app parts
// below.) Kept out of the page so the Content Security Policy needs no
// inline script.
import "./io.js";
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

// The installed app (manifest.webmanifest): the service worker (www/sw.js)
// and what arrives from outside. What handles an arrival, www/pwa.js, is
// loaded only when something arrives: an article shared to the app, files
// opened with it, a new version ready.
function installable() {
  const pwa = (f, ...args) => import("./pwa.js").then((m) => m[f](...args));
  if (/[?&](title|text|url)=/.test(location.search)) pwa("shared");
  window.launchQueue?.setConsumer((launch) => launch.files?.length && pwa("opened", launch.files));
  const sw = navigator.serviceWorker;
  if (!sw) return; // not a secure context
  // The first visit is not controlled: its worker takes over nothing.
  const controlled = !!sw.controller;
  // The new version took over (here or in another tab): run it, not a mix.
  sw.addEventListener("controllerchange", () => controlled && location.reload());
  const register = () =>
    sw.register("sw.js").then((reg) => {
      const offer = () => reg.waiting && sw.controller && pwa("offer", reg);
      offer();
      reg.addEventListener("updatefound", () => reg.installing?.addEventListener("statechange", offer));
      // A page left open checks for a new version when it is shown again.
      document.addEventListener("visibilitychange", () => document.hidden || reg.update().catch(() => {}));
    }, console.warn);
  // After the page's own files: the worker's copies come second.
  document.readyState === "complete" ? register() : addEventListener("load", register);
}
