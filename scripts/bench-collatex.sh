#!/usr/bin/env bash
# Parallax against CollateX (PyPI `collatex`, into target/pyenv) on the demo
# set and on 5 and 20 generated articles, in the same run; prints times, the time
# ratio, what each found, and recall/precision on the generated ground truth.
#
#   scripts/bench-collatex.sh [ARTICLES] [LIMIT_SECONDS]   (default 20, 300)
set -euo pipefail
cd "$(dirname "$0")/.."
unset RUSTC_BOOTSTRAP
n="${1:-20}"
limit="${2:-300}"
if [ ! -x target/pyenv/bin/python ] || ! target/pyenv/bin/python -c 'import collatex' 2>/dev/null; then
  python3 -m venv target/pyenv
  target/pyenv/bin/pip install -q collatex python-Levenshtein
fi
cargo build --release --quiet --bin parallax --example generate
./target/release/examples/generate --seed 1 --articles "$n" "target/bench/gen$n" 2>/dev/null
# Five generated articles too: a size CollateX finishes, scored on the truth.
./target/release/examples/generate --seed 1 --articles 5 "target/bench/gen5" 2>/dev/null
target/pyenv/bin/python scripts/collatex_compare.py --parallax target/release/parallax --limit "$limit" \
  demo:www/demo "generated-5:target/bench/gen5" "generated-$n:target/bench/gen$n"
