#!/usr/bin/env bash
# Installs what is missing, builds the web app and serves it on http://127.0.0.1:$PORT/
# (8080 by default). Ctrl-C stops the server.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"
ensure_dependencies
build_wasm
step "Serveur local"
exec node scripts/serve.mjs build/wasm/site --port "${PORT:-8080}"
