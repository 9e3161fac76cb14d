#!/usr/bin/env bash
# Run the README's two commands the way a fresh machine does, on a clean clone
# of the committed HEAD:
#
#   ./scripts/fresh-check.sh [WORK_DIR]
#
# - an empty CARGO_HOME (no registry cache, no `cargo install`ed tool such as
#   wasm-bindgen),
# - a PATH holding only the Rust toolchain (links to rustup's cargo, rustc,
#   rustfmt, cargo-fmt, cargo-clippy, clippy-driver, rustdoc, rustup) and the
#   system folders,
# - then `.ci/run` (the README's test command) and `./scripts/serve.sh` until
#   the page answers with the demo set.
#
# Slow on purpose (crates download, wasm-bindgen builds: 10-20 minutes on
# 2 cores); not part of ./scripts/test.sh. Prints both first-run times.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${1:-$(mktemp -d /tmp/parallax-fresh.XXXXXX)}"
PORT="${PORT:-18080}"

rm -rf "$WORK/cargo-home"
mkdir -p "$WORK/bin" "$WORK/cargo-home"
rm -rf "$WORK/repo"
git clone --quiet "$ROOT" "$WORK/repo"

for tool in cargo rustc rustfmt cargo-fmt cargo-clippy clippy-driver rustdoc rustup; do
  src="$(command -v "$tool" || true)"
  [ -n "$src" ] || { echo "fresh-check: $tool not found" >&2; exit 1; }
  ln -sf "$src" "$WORK/bin/$tool"
done

# No `cargo install`ed tool, nothing from the caller's environment but HOME.
fresh_env=(env -i HOME="$HOME" TERM=dumb LANG=C.UTF-8
  RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" CARGO_HOME="$WORK/cargo-home"
  PATH="$WORK/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
"${fresh_env[@]}" bash -c 'command -v wasm-bindgen >/dev/null' &&
  { echo "fresh-check: wasm-bindgen is on the fresh PATH" >&2; exit 1; }

echo "==> fresh clone in $WORK/repo, CARGO_HOME=$WORK/cargo-home"
t0=$EPOCHREALTIME
"${fresh_env[@]}" bash -c "cd '$WORK/repo' && ./.ci/run" 2>&1 | tee "$WORK/test.log"
t1=$EPOCHREALTIME

"${fresh_env[@]}" PORT="$PORT" bash -c "cd '$WORK/repo' && exec ./scripts/serve.sh" >"$WORK/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; pkill -f "static-server.mjs $WORK/repo" 2>/dev/null || true' EXIT
served=""
for _ in $(seq 1 600); do
  if curl -fsS "http://127.0.0.1:$PORT/" 2>/dev/null | grep -q 'Assad'; then
    served=$EPOCHREALTIME
    break
  fi
  kill -0 "$server" 2>/dev/null || break
  sleep 1
done
[ -n "$served" ] || { cat "$WORK/serve.log"; echo "fresh-check: serve.sh did not serve the page" >&2; exit 1; }
awk -v a="$t0" -v b="$t1" -v c="$served" 'BEGIN {
  printf "fresh-check: test command (.ci/run) %.0f s; serve command until the page answers %.0f s\n", b - a, c - b }'
