#!/usr/bin/env bash
# Browser benchmark: builds dist/ (unless --no-build), generates the article
# sets, runs tests/browser/bench.mjs in headless Chromium, then redraws the
# scaling plot with the wasm figures (target/bench/scale.png).
#
#   scripts/bench-browser.sh [--no-build] [--sizes 5,10,20,50,100,300] [--limit SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=1
if [ "${1:-}" = "--no-build" ]; then
  build=0
  shift
fi
[ "$build" = 1 ] && bash scripts/build.sh
sizes="5,10,20,50,100,300"
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  [ "${args[$i]}" = "--sizes" ] && sizes="${args[$((i + 1))]}"
done
(unset RUSTC_BOOTSTRAP; cargo build --release --quiet --example generate)
for n in ${sizes//,/ } 51; do
  ./target/release/examples/generate --seed 1 --articles "$n" "target/bench/gen/$n" 2>/dev/null
done
node tests/browser/bench.mjs "$@"
if [ -f target/bench/scale-native.jsonl ]; then
  bash scripts/bench-plot.sh
fi
