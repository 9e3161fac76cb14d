#!/usr/bin/env bash
# Every test of Parallax, in one command:
#   ./scripts/test.sh
# setup (with Chromium), rustfmt, clippy (native and wasm32), cargo test,
# the web build, and the headless browser tests in tests/browser/*.test.mjs.
# Stops at the first failing step and names it; prints timings at the end.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Native cargo must never see RUSTC_BOOTSTRAP (it would turn on build-std).
unset RUSTC_BOOTSTRAP

wasm_clippy() {
  if [ "$(wasm_mode)" = "rustup" ]; then
    wasm_cargo clippy --workspace --lib --quiet -- -D warnings
  else
    # Debian's rustc-web has no clippy: check the crate with warnings denied.
    note "Debian wasm toolchain has no clippy; checking with rustc -D warnings instead"
    wasm_cargo rustc -p parallax-engine --lib --profile check --quiet -- -D warnings
    wasm_cargo rustc -p parallax --lib --profile check --quiet -- -D warnings
  fi
}

browser_tests() {
  shopt -s nullglob
  local files=("$ROOT"/tests/browser/*.test.mjs)
  [ "${#files[@]}" -gt 0 ] || die "no tests/browser/*.test.mjs"
  node --test "${files[@]}"
}

step "setup --test";                    timed "setup --test" "$ROOT/scripts/setup.sh" --test
step "cargo fmt --check";               timed "cargo fmt --check" cargo fmt --all --check
step "cargo clippy --workspace --all-targets"; timed "clippy (native)" cargo clippy --workspace --all-targets --quiet -- -D warnings
step "cargo clippy --lib (wasm32)";     timed "clippy (wasm32)" wasm_clippy
step "cargo test --workspace";          timed "cargo test" cargo test --workspace --quiet
step "build (scripts/build.sh)";        timed "build" "$ROOT/scripts/build.sh"
step "browser tests (tests/browser)";   timed "browser tests" browser_tests
timing_summary
step "all tests passed"
