# Shared helpers for the scripts in this folder. Source it; do not run it.
# shellcheck shell=bash

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# rustup and `cargo install` put tools here; make sure they are found, also
# when the folder does not exist yet (an empty CARGO_HOME on a fresh machine:
# setup.sh's `cargo install` creates it, and the tools must be found after).
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in
  *":$CARGO_BIN:"*) ;;
  *) PATH="$CARGO_BIN:$PATH" ;;
esac
export PATH

TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
WASM_TARGET="wasm32-unknown-unknown"
# Which wasm32 toolchain setup.sh chose: "rustup" or "debian".
WASM_MODE_FILE="$TARGET_DIR/.wasm-toolchain"
DEBIAN_WASM_LD="/usr/lib/llvm-22/bin/wasm-ld"

# One line per step, so a log reads as a list of what happened.
step() { printf '\033[1m==>\033[0m %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

# Run a command as root: directly when root, else through sudo when available.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif have sudo; then
    sudo "$@"
  else
    die "need root for: $* (run as root or install sudo)"
  fi
}

APT_UPDATED=0
apt_install() {
  have apt-get || die "apt-get not found; install by hand: $*"
  if [ "$APT_UPDATED" -eq 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# The wasm-bindgen version pinned in Cargo.lock (the CLI must match it exactly).
locked_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

wasm_mode() {
  if [ -f "$WASM_MODE_FILE" ]; then cat "$WASM_MODE_FILE"; else echo "rustup"; fi
}

# Run cargo for the wasm32 target with the toolchain setup.sh chose.
#   wasm_cargo build --lib --profile wasm-release
# In "debian" mode this is Debian's cargo (first in PATH) building std from
# source. RUSTC_BOOTSTRAP is set for this one command only, never exported.
#
# WASM_ZFLAGS (optional): unstable rustc flags for the wasm32 crates of this
# one command, e.g. WASM_ZFLAGS="-Zlocation-detail=none". They need
# RUSTC_BOOTSTRAP, which is then set for this command alone in both modes.
wasm_cargo() {
  local sub="$1"
  shift
  local zflags=() flag list=""
  for flag in ${WASM_ZFLAGS:-}; do list+="${list:+,}\"$flag\""; done
  [ -z "$list" ] || zflags=(--config "target.$WASM_TARGET.rustflags=[$list]")
  if [ "$(wasm_mode)" = "debian" ]; then
    PATH="/usr/bin:$PATH" RUSTC_BOOTSTRAP=1 /usr/bin/cargo "$sub" \
      -Zbuild-std=std,panic_abort \
      --config "target.$WASM_TARGET.linker=\"$DEBIAN_WASM_LD\"" \
      "${zflags[@]}" --target "$WASM_TARGET" "$@"
  elif [ -n "$list" ]; then
    RUSTC_BOOTSTRAP=1 cargo "$sub" "${zflags[@]}" --target "$WASM_TARGET" "$@"
  else
    env -u RUSTC_BOOTSTRAP cargo "$sub" --target "$WASM_TARGET" "$@"
  fi
}

# Wall-clock timing of named steps, printed by timing_summary.
declare -a TIMINGS=()
timed() {
  local name="$1"
  shift
  local t0="$EPOCHREALTIME"
  if ! "$@"; then
    TIMINGS+=("$(elapsed_line "$name" "$t0") FAILED")
    timing_summary
    die "step failed: $name"
  fi
  TIMINGS+=("$(elapsed_line "$name" "$t0")")
}
elapsed_line() {
  awk -v n="$1" -v a="$2" -v b="$EPOCHREALTIME" 'BEGIN { printf "%-30s %7.1f s", n, b - a }'
}
timing_summary() {
  [ "${#TIMINGS[@]}" -eq 0 ] && return 0
  step "timings"
  local line
  for line in "${TIMINGS[@]}"; do note "$line"; done
}
