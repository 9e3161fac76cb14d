#!/usr/bin/env bash
# Install what building and testing Parallax needs. Idempotent: when all is
# present it only checks, in a few seconds.
#
#   ./scripts/setup.sh          tools to build and serve
#   ./scripts/setup.sh --test   also Chromium for the browser tests
#   PARALLAX_WASM_TOOLCHAIN=debian ./scripts/setup.sh
#                               Debian's rustc-web path even where rustup's
#                               wasm32 target is available
#
# Works on Debian 12 with rustup (as root, or with sudo) and on an ordinary
# developer machine that already has the tools.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

WITH_BROWSER=0
for arg in "$@"; do
  case "$arg" in
    --test) WITH_BROWSER=1 ;;
    -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
    *) die "unknown option: $arg" ;;
  esac
done

# 1. A standard library for wasm32: rustup's target, else Debian's rustc-web
#    building std from source (see README, "Build").
setup_wasm_std() {
  mkdir -p "$TARGET_DIR"
  # PARALLAX_WASM_TOOLCHAIN=debian takes the Debian path even where rustup's
  # target is available (to check that path on a machine that has both).
  if [ "${PARALLAX_WASM_TOOLCHAIN:-}" = "debian" ]; then
    setup_debian_wasm
    return
  fi
  if have rustup && rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"; then
    step "wasm32 std: rustup target $WASM_TARGET is installed"
    echo rustup >"$WASM_MODE_FILE"
    return
  fi
  if have rustup && timeout 30 rustup target add "$WASM_TARGET" >/dev/null 2>&1; then
    step "wasm32 std: added rustup target $WASM_TARGET"
    echo rustup >"$WASM_MODE_FILE"
    return
  fi
  setup_debian_wasm
}

setup_debian_wasm() {
  if [ -x /usr/bin/cargo ] && [ -x "$DEBIAN_WASM_LD" ] && [ -d /usr/lib/rustlib/src/rust/library ]; then
    step "wasm32 std: using Debian rustc-web with build-std"
  else
    step "wasm32 std: installing Debian rustc-web, cargo-web, rust-web-src, lld-22 (build-std path)"
    apt_install rustc-web cargo-web rust-web-src lld-22
  fi
  echo debian >"$WASM_MODE_FILE"
}

# 2. wasm-bindgen CLI at exactly the version in Cargo.lock.
setup_wasm_bindgen() {
  local want have_v
  want="$(locked_wasm_bindgen_version)"
  [ -n "$want" ] || die "no wasm-bindgen in Cargo.lock"
  have_v="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have_v" = "$want" ]; then
    step "wasm-bindgen $want: present"
    return
  fi
  step "wasm-bindgen $want: installing (found '${have_v:-none}'; about 2 minutes)"
  # A plain locked install fails within seconds when a pinned dependency is
  # missing from the registry; when it works, it is the normal install.
  local log="$TARGET_DIR/wasm-bindgen-install.log"
  if env -u RUSTC_BOOTSTRAP -u CARGO_TARGET_DIR cargo install wasm-bindgen-cli \
    --version "=$want" --locked >"$log" 2>&1; then
    note "installed with cargo install --locked"
    return
  fi
  note "plain locked install failed (see $log); building from the registry source"
  local src
  src="$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"wasm-bindgen-cli-$want" 2>/dev/null | head -n1 || true)"
  if [ -z "$src" ]; then
    local crate
    crate="$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/"wasm-bindgen-cli-$want.crate" 2>/dev/null | head -n1 || true)"
    if [ -z "$crate" ]; then
      fetch_crate_source "wasm-bindgen-cli" "$want"
      crate="$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/"wasm-bindgen-cli-$want.crate" 2>/dev/null | head -n1 || true)"
    fi
    [ -n "$crate" ] || die "could not fetch wasm-bindgen-cli $want from crates.io"
    src="$TARGET_DIR/tools/unpacked/wasm-bindgen-cli-$want"
    mkdir -p "$(dirname "$src")"
    tar -xzf "$crate" -C "$(dirname "$src")"
  fi
  local work="$TARGET_DIR/tools/wasm-bindgen-cli-$want"
  rm -rf "$work"
  mkdir -p "$work"
  cp -r "$src/." "$work/"
  # The copy lies under the project's target folder, inside the project's own
  # Cargo workspace: an empty [workspace] table makes it a workspace of its own,
  # or cargo refuses to build it ("believes it's in a workspace when it's not").
  printf '\n[workspace]\n' >>"$work/Cargo.toml"
  (
    cd "$work"
    # The release's lockfile pins webpki-roots 1.0.11, which crates.io lacks.
    env -u RUSTC_BOOTSTRAP cargo update -p webpki-roots --precise 1.0.10 >>"$log" 2>&1 || true
    env -u RUSTC_BOOTSTRAP -u CARGO_TARGET_DIR cargo install --path . --locked \
      --target-dir "$work/target" >>"$log" 2>&1
  ) || die "wasm-bindgen-cli install failed; see $log"
  have_v="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  [ "$have_v" = "$want" ] || die "installed wasm-bindgen reports '$have_v', expected $want"
  note "installed from source"
}

# Download (and unpack) one crate into cargo's registry cache.
fetch_crate_source() {
  local name="$1" version="$2" tmp
  tmp="$(mktemp -d)"
  mkdir -p "$tmp/src"
  : >"$tmp/src/lib.rs"
  cat >"$tmp/Cargo.toml" <<EOF
[package]
name = "fetch-only"
version = "0.0.0"
edition = "2021"

[dependencies]
$name = "=$version"
EOF
  (cd "$tmp" && env -u RUSTC_BOOTSTRAP cargo fetch >/dev/null 2>&1) || true
  rm -rf "$tmp"
}

# 3. Node dev tools (playwright-core, binaryen's wasm-opt, axe-core, terser) from the
#    committed package-lock.json. Never downloads a browser.
setup_node() {
  if ! have node || ! have npm; then
    step "node: installing Debian nodejs and npm"
    apt_install nodejs npm
  fi
  local stamp="node_modules/.parallax-lock.sha256" want
  want="$(sha256sum package-lock.json | awk '{print $1}')"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x node_modules/.bin/wasm-opt ]; then
    step "node dev tools: up to date ($(node --version))"
    return
  fi
  step "node dev tools: npm ci ($(node --version))"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null
  echo "$want" >"$stamp"
}

# 4. (--test) Chromium for the browser tests.
setup_browser() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then
    step "browser: $CHROMIUM_PATH (CHROMIUM_PATH)"
    return
  fi
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    step "browser: /usr/bin/chromium present"
    return
  fi
  step "browser: installing Debian chromium and chromium-driver"
  apt_install chromium chromium-driver
}

# (--test) rustfmt and clippy for the checks in scripts/test.sh.
setup_rust_components() {
  if cargo fmt --version >/dev/null 2>&1 && cargo clippy --version >/dev/null 2>&1; then
    step "rustfmt, clippy: present"
    return
  fi
  step "rustfmt, clippy: rustup component add"
  rustup component add rustfmt clippy >/dev/null
}

setup_wasm_std
setup_wasm_bindgen
setup_node
if [ "$WITH_BROWSER" -eq 1 ]; then
  setup_rust_components
  setup_browser
fi
step "setup done (wasm toolchain: $(wasm_mode))"
