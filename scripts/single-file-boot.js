// Boot code of dist/parallax.html (appended to the inlined wasm-bindgen glue).
// The wasm travels as base64 in the data block #parallax-wasm.
{
  const root = document.getElementById("app");
  try {
    const b64 = document.getElementById("parallax-wasm").textContent.trim();
    const bytes =
      typeof Uint8Array.fromBase64 === "function"
        ? Uint8Array.fromBase64(b64)
        : Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    initSync({ module: bytes });
  } catch (err) {
    console.error(err);
    if (root) {
      const p = document.createElement("p");
      p.className = "boot-error";
      p.setAttribute("role", "alert");
      p.textContent = `Parallax could not start in this browser: ${err}`;
      root.replaceChildren(p);
    }
  }
}
