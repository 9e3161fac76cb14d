#!/usr/bin/env bash
# Build Parallax and serve it on http://127.0.0.1:$PORT/ (default 8080).
#
#   ./scripts/serve.sh            setup + build + serve
#   PORT=9000 ./scripts/serve.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PORT="${PORT:-8080}"
"$ROOT/scripts/setup.sh"
"$ROOT/scripts/build.sh"
step "serving dist/ on 127.0.0.1:$PORT (also: open dist/parallax.html directly, no server needed)"
exec node "$ROOT/scripts/static-server.mjs" "$ROOT/dist" "$PORT"
