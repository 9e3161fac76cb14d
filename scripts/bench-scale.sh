#!/usr/bin/env bash
# Scaling table and plot: engine time and peak memory against the number of
# generated articles (~700 words each), natively; adds the in-browser (wasm)
# figures when target/bench/scale-wasm.jsonl exists (written by
# scripts/bench-browser.sh).
#
#   scripts/bench-scale.sh [SIZES...]     (default: 5 10 20 50 100 200 300)
#
# Output: target/bench/scale-native.jsonl, target/bench/scale.png, and a
# table on stdout. Each size runs in its own process (so peak memory is per
# size) with a time limit of BENCH_TIMEOUT seconds (default 600).
set -euo pipefail
cd "$(dirname "$0")/.."
unset RUSTC_BOOTSTRAP
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(5 10 20 50 100 200 300)
out=target/bench
mkdir -p "$out"
cargo build --release --example scale --quiet
: >"$out/scale-native.jsonl"
for n in "${sizes[@]}"; do
  reps=3
  [ "$n" -ge 100 ] && reps=1
  if ! timeout "${BENCH_TIMEOUT:-600}" ./target/release/examples/scale --articles "$n" --reps "$reps" \
      >>"$out/scale-native.jsonl"; then
    echo "{\"mode\":\"compare\",\"articles\":$n,\"timeout_s\":${BENCH_TIMEOUT:-600}}" >>"$out/scale-native.jsonl"
    echo "articles=$n: no result within ${BENCH_TIMEOUT:-600} s" >&2
  fi
  tail -n1 "$out/scale-native.jsonl" >&2
done
# Adding one article to 50, incremental.
timeout "${BENCH_TIMEOUT:-600}" ./target/release/examples/scale --articles 51 --reps 3 --add-one \
  >>"$out/scale-native.jsonl" || echo "add-one: no result" >&2
bash scripts/bench-plot.sh
