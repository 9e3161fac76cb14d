#!/usr/bin/env bash
# Build the web app into dist/ (run ./scripts/setup.sh once before).
#
#   dist/index.html       the app for a web server (GitHub Pages; relative URLs)
#   dist/parallax.js      wasm-bindgen JS glue
#   dist/parallax_bg.wasm the app
#   dist/boot.js          starts the app (no inline script: strict CSP)
#   dist/pwa.js           what the installed app receives (loaded when needed)
#   dist/io.js            the kept workspace (IndexedDB) and fetch, in plain JS
#   dist/style.css, favicon.svg, demo/  static files from www/
#   dist/manifest.webmanifest, icons/   the installed app (static files from www/)
#   dist/sw.js            the service worker, with the shell's content hash
#   dist/parallax.html    ONE self-contained file: open it from disk, offline
#
# Each step is a function; add new ones to main at the bottom.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DIST="$ROOT/dist"
PROFILE="wasm-release"
WASM_IN="$TARGET_DIR/$WASM_TARGET/$PROFILE/parallax.wasm"
BINDGEN_OUT="$TARGET_DIR/bindgen"

# The library is built as a cdylib alone: with the rlib of Cargo.toml's
# crate-type list beside it, the linked wasm is about 8% larger.
# -Zlocation-detail=none leaves the file, line and column of every place
# that could panic out of the module (about 8 KB with gzip); a panic still
# shows its message (src/app/services/panic.rs).
compile_wasm() {
  step "cargo rustc --lib --crate-type cdylib --target $WASM_TARGET --profile $PROFILE ($(wasm_mode) toolchain, -Zlocation-detail=none)"
  WASM_ZFLAGS="-Zlocation-detail=none" wasm_cargo rustc --lib --crate-type cdylib --profile "$PROFILE" --quiet
}

run_wasm_bindgen() {
  have wasm-bindgen || die "wasm-bindgen not found: run ./scripts/setup.sh"
  local want have_v
  want="$(locked_wasm_bindgen_version)"
  have_v="$(wasm-bindgen --version | awk '{print $2}')"
  [ "$have_v" = "$want" ] || die "wasm-bindgen $have_v does not match Cargo.lock ($want): run ./scripts/setup.sh"
  step "wasm-bindgen --target web"
  rm -rf "$BINDGEN_OUT"
  # The function names stay for wasm-opt, which orders the functions by them
  # and then drops them (optimize_wasm); without wasm-opt they go here.
  local names=(--remove-name-section)
  [ -x "$ROOT/node_modules/.bin/wasm-opt" ] && names=()
  wasm-bindgen "$WASM_IN" --out-dir "$BINDGEN_OUT" --out-name parallax --target web \
    --no-typescript "${names[@]}" --remove-producers-section
  if [ -d "$BINDGEN_OUT/snippets" ]; then
    die "wasm-bindgen produced snippets/ (inline_js): the single-file build would need to inline them"
  fi
}

optimize_wasm() {
  local opt="$ROOT/node_modules/.bin/wasm-opt"
  if [ -x "$opt" ]; then
    # --converge repeats the passes while they still shrink the module.
    # --low-memory-unused: nothing lives below address 1024 (the 1 MiB
    # stack comes first and the data after it), so constant address parts
    # fold into load and store offsets. --strip-target-features drops the
    # custom section listing the features the module was built with, which
    # browsers ignore (about 0.1 KB with gzip). --reorder-functions-by-name
    # puts the functions in the order scripts/order-functions.mjs gives them
    # by their Rust names, so that alike code (one type's methods, one
    # generic function's copies, one module's functions) stands together
    # where gzip finds it again (5.4 KB smaller with gzip; the code is the
    # same); --strip-debug then drops the names.
    step "wasm-opt -Oz --converge --low-memory-unused --reorder-functions-by-name --strip-debug --strip-target-features"
    node "$ROOT/scripts/order-functions.mjs" "$BINDGEN_OUT/parallax_bg.wasm"
    "$opt" -Oz --converge --low-memory-unused --reorder-functions-by-name --strip-debug \
      --strip-target-features "$BINDGEN_OUT/parallax_bg.wasm" -o "$BINDGEN_OUT/parallax_bg.wasm"
  else
    step "wasm-opt: not installed (./scripts/setup.sh), skipping"
  fi
}

# The import and export names between the module and its glue, shortened in
# both (scripts/short-names.mjs): about 6.5 KB with gzip (wasm and glue).
shorten_names() {
  step "short import and export names (module and glue)"
  node "$ROOT/scripts/short-names.mjs" "$BINDGEN_OUT"
}

assemble_dist() {
  step "assemble dist/ (index.html, parallax.html with CSP)"
  node "$ROOT/scripts/assemble.mjs" --bindgen "$BINDGEN_OUT" --www "$ROOT/www" \
    --html "$ROOT/index.html" --out "$DIST"
}

# The served scripts (glue, worker, boot, pwa, service worker) minified in place:
# the glue is about a quarter smaller with gzip. parallax.html keeps the
# readable code (assemble.mjs reads the glue's export lines). The service
# worker (a classic script) is minified from www/, then its shell line is
# written again, from the minified files (their hash names its cache).
minify_js() {
  local terser="$ROOT/node_modules/.bin/terser" f
  [ -x "$terser" ] || die "terser not found: run ./scripts/setup.sh"
  step "terser: parallax.js, worker.js, boot.js, pwa.js, io.js (--module), sw.js"
  # The served glue is started by its default export alone (boot.js and
  # worker.js); initSync serves the single file, which keeps its own copy.
  local glue="export { initSync, __wbg_init as default };"
  grep -qxF "$glue" "$DIST/parallax.js" || die "parallax.js: no line '$glue' (another wasm-bindgen glue layout)"
  sed -i "s/^$glue\$/export { __wbg_init as default };/" "$DIST/parallax.js"
  for f in parallax.js worker.js boot.js pwa.js io.js; do
    "$terser" "$DIST/$f" --module --compress --mangle --output "$DIST/$f.min"
    mv "$DIST/$f.min" "$DIST/$f"
  done
  "$terser" "$ROOT/www/sw.js" --compress --mangle --output "$DIST/sw.js"
  node "$ROOT/scripts/assemble.mjs" --precache "$DIST"
}

report_sizes() {
  local f
  for f in parallax_bg.wasm parallax.js worker.js boot.js io.js pwa.js sw.js parallax.html; do
    note "$(printf '%-18s %8d bytes, %8d gzip' "$f" "$(wc -c <"$DIST/$f")" "$(gzip -9c "$DIST/$f" | wc -c)")"
  done
}

main() {
  compile_wasm
  run_wasm_bindgen
  optimize_wasm
  shorten_names
  assemble_dist
  minify_js
  report_sizes
}

main "$@"
