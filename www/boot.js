// Starts the app in dist/index.html. (dist/parallax.html has its own inline
// variant, scripts/single-file-boot.js.) Kept out of the page so the Content
// Security Policy needs no inline script.
import "./io.js";
import init from "./parallax.js";

init({ module_or_path: new URL("parallax_bg.wasm", import.meta.url) }).catch((err) => {
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
