#!/usr/bin/env bash
# The shipped data must be exactly what the pipeline makes from the committed sources:
#   demo-seed.json + communes.csv + territoires.geojson --generate-demo--> catalyseurs.csv
#   catalyseurs.csv --catalyseurs-csv--> catalyseurs.geojson
#   the core's tables --catalyseurs-csv --schema--> schema.json (read by the Node scripts)
# so that nobody edits a generated file by hand and the files never drift apart.
#   dataset_is_reproducible.sh csv|geojson|schema CATALYSEURS_CSV_TOOL
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
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
  *) echo "usage: $0 csv|geojson|schema [TOOL]" >&2; exit 2 ;;
esac
echo "ok: $1 is reproducible"
