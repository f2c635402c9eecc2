#!/usr/bin/env bash
# Usage: scripts/trim-proj-db.sh FULL_PROJ_DB OUT_PROJ_DB
#
# Writes a copy of PROJ's proj.db that holds only the CRSs the map projects to
# (plus WGS 84, the GeoJSON CRS) and what PROJ needs to transform between them.
# The full database is about 8 MB; the web page downloads this one, a few
# hundred KB, 40-odd KB compressed. scripts/check-proj-db.sh proves that both
# give the same results.
set -euo pipefail

# The legal CRS of each territory (see DESIGN.md, section 4), and EPSG:4326.
SOURCE_CRS=4326
TARGET_CRS=(2154 5490 2972 2975 4471 4467 3163 3297 8903)

usage() { echo "usage: $0 FULL_PROJ_DB OUT_PROJ_DB" >&2; exit 2; }
[ $# -eq 2 ] || usage
full=$1
out=$2
sql="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/trim-proj-db.sql"

[ -f "$full" ] || { echo "trim-proj-db: $full does not exist" >&2; exit 1; }
[ -f "$sql" ] || { echo "trim-proj-db: $sql is missing" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "trim-proj-db: the sqlite3 CLI is required" >&2; exit 1; }
[ "$(realpath -m "$full")" != "$(realpath -m "$out")" ] || { echo "trim-proj-db: output would overwrite input" >&2; exit 1; }

# Work next to the output so the final mv is an atomic rename.
out_dir=$(dirname "$out")
mkdir -p "$out_dir"
tmp=$(mktemp "$out_dir/.proj.db.XXXXXX")
trap 'rm -f "$tmp" "$tmp-journal"' EXIT
cp "$full" "$tmp"
chmod 0644 "$tmp"

layout=$(sqlite3 -readonly "$tmp" \
  "SELECT value FROM metadata WHERE key = 'DATABASE.LAYOUT.VERSION.MAJOR'")
[ "$layout" = 1 ] || { echo "trim-proj-db: unexpected proj.db layout version '$layout'" >&2; exit 1; }

{
  echo "CREATE TEMP TABLE wanted_crs(auth_name TEXT NOT NULL, code INTEGER_OR_TEXT NOT NULL);"
  for code in "$SOURCE_CRS" "${TARGET_CRS[@]}"; do
    echo "INSERT INTO temp.wanted_crs VALUES ('EPSG', $code);"
  done
  echo "BEGIN;"
  cat "$sql"
  echo "COMMIT;"
} | sqlite3 -bail "$tmp"

# The triggers only validate inserts, which never happen at run time, and their
# SQL text alone is about 200 KB.
sqlite3 -bail "$tmp" "SELECT 'DROP TRIGGER \"' || name || '\";' FROM sqlite_master WHERE type = 'trigger'" \
  | sqlite3 -bail "$tmp"

# Statistics keep PROJ's query plans as good as on the full database; small
# pages keep the file small.
sqlite3 -bail "$tmp" "ANALYZE; PRAGMA page_size = 1024; VACUUM;"

missing=$(for code in "$SOURCE_CRS" "${TARGET_CRS[@]}"; do
  n=$(sqlite3 -readonly "$tmp" "SELECT count(*) FROM crs_view WHERE auth_name = 'EPSG' AND code = $code")
  [ "$n" = 1 ] || printf ' EPSG:%s' "$code"
done)
[ -z "$missing" ] || { echo "trim-proj-db: not found in $full:$missing" >&2; exit 1; }
[ "$(sqlite3 -readonly "$tmp" 'PRAGMA integrity_check')" = ok ] \
  || { echo "trim-proj-db: integrity check failed" >&2; exit 1; }

mv "$tmp" "$out"
trap - EXIT
echo "trim-proj-db: wrote $out ($(stat -c %s "$out") bytes)"
