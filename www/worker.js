// The alignment worker (see src/app/worker.rs). The page sends the compiled
// WebAssembly.Module; this instantiates it (the module's start function sees
// no window and mounts nothing) and runs comparisons with one long-lived
// engine, whose caches make small edits cheap.
//
// dist/index.html loads this file as a module worker. For dist/parallax.html
// scripts/assemble.mjs drops the import line below and puts the inlined glue
// in front of the rest, in a data block the page turns into a blob: worker.
import __wbg_init, { worker_compare, worker_reset } from "./parallax.js";

let ready = null;

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === "init") {
    ready = __wbg_init({ module_or_path: msg.module }).then(
      (wasm) => {
        self.postMessage({ type: "ready" });
        return wasm;
      },
      (err) => {
        self.postMessage({ type: "fatal", message: String(err) });
        throw err;
      },
    );
    return;
  }
  if (msg.type === "compare") {
    try {
      await ready;
      // At most ten progress messages a second: each one re-renders the page.
      let last = performance.now();
      const progress = (done) => {
        const now = performance.now();
        if (now - last >= 100) {
          last = now;
          self.postMessage({ type: "progress", id: msg.id, done });
        }
      };
      // After one article changed: a provisional result first. Results are
      // bytes (src/formats/wire.rs), handed over without a copy.
      const partial = (result) => self.postMessage({ type: "partial", id: msg.id, result }, [result.buffer]);
      const t0 = performance.now();
      // The page sends UTF-8 bytes (decoding 15 MB there is a long task).
      const docs = typeof msg.docs == "string" ? msg.docs : new TextDecoder().decode(msg.docs);
      const result = worker_compare(docs, progress, partial);
      // Time in the worker: reading the articles, aligning, writing the result.
      self.postMessage({ type: "result", id: msg.id, result, ms: performance.now() - t0 }, [result.buffer]);
    } catch (err) {
      self.postMessage({ type: "error", id: msg.id, message: String(err && err.stack ? err.stack : err) });
    }
    return;
  }
  if (msg.type === "reset") {
    // Forget the engine's caches (the benchmark's fresh runs on warm code).
    await ready;
    worker_reset();
    self.postMessage({ type: "reset" });
    return;
  }
  if (msg.type === "memory") {
    // Size of the module's linear memory (it only grows: the peak so far).
    // Its export has a short name (scripts/short-names.mjs): found by type.
    const memory = Object.values(await ready).find((x) => x instanceof WebAssembly.Memory);
    self.postMessage({ type: "memory", bytes: memory.buffer.byteLength });
  }
};
