#!/usr/bin/env bash
# Prints the scaling table and draws target/bench/scale.png from
# target/bench/scale-native.jsonl (and scale-wasm.jsonl if present).
# matplotlib comes from PyPI into target/pyenv (a dev tool, not shipped).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x target/pyenv/bin/python ] || ! target/pyenv/bin/python -c 'import matplotlib' 2>/dev/null; then
  python3 -m venv target/pyenv
  target/pyenv/bin/pip install -q matplotlib
fi
target/pyenv/bin/python scripts/bench_plot.py target/bench
