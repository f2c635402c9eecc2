#!/usr/bin/env bash
# Writes .br and .gz beside every compressible file of a static site, so that any server
# (or CDN) able to serve pre-compressed files sends the small ones.
set -euo pipefail
site=${1:?usage: precompress.sh SITE_DIR}
find "$site" -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.data' -o -name '*.html' \
  -o -name '*.css' -o -name '*.geojson' -o -name '*.json' -o -name '*.csv' -o -name '*.svg' -o -name '*.otf' \) -print0 |
  while IFS= read -r -d '' file; do
    brotli --best --force --output="$file.br.tmp" "$file" && mv "$file.br.tmp" "$file.br"
    gzip -9 --no-name --stdout "$file" > "$file.gz.tmp" && mv "$file.gz.tmp" "$file.gz"
  done
