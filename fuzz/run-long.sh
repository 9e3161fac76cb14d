#!/usr/bin/env bash
# Long fuzzing run (see FUZZING.md): each target in turn for its share of
# the time, one job, at the lowest CPU priority. Crashes do not stop the
# run (libFuzzer fork mode): they are saved in fuzz/artifacts/<target>/.
#
#   fuzz/run-long.sh                       # compare 70 min, decoders 30 min
#   fuzz/run-long.sh compare=600 decoders=300
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/../target/fuzz}"
BIN="$TARGET_DIR/x86_64-unknown-linux-gnu/release"
plan=("$@")
[ ${#plan[@]} -eq 0 ] && plan=(compare=4200 decoders=1800)

nice -n 19 cargo +nightly fuzz build -O -a -s none --target-dir "$TARGET_DIR"
mkdir -p logs
for item in "${plan[@]}"; do
  target="${item%%=*}"
  secs="${item#*=}"
  mkdir -p "corpus/$target" "artifacts/$target"
  echo "$(date -u +%FT%TZ) start $target for ${secs}s" | tee -a logs/summary.log
  # Exit status is not the verdict: artifacts/ is.
  nice -n 19 "$BIN/$target" "corpus/$target" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 \
    -ignore_ooms=1 -max_total_time="$secs" -max_len=65536 -timeout=30 -rss_limit_mb=3072 \
    -artifact_prefix="artifacts/$target/" -print_final_stats=1 >"logs/$target.log" 2>&1 || true
  echo "$(date -u +%FT%TZ) end $target: $(ls "artifacts/$target" | wc -l) artifact(s)," \
    "$(ls "corpus/$target" | wc -l) corpus files" | tee -a logs/summary.log
done
