#!/usr/bin/env bash
# catalyseurs-csv as the people who keep the directory use it: a bad spreadsheet exits
# non-zero, names the CSV line, and leaves the previous output byte for byte, with no
# temporary file behind; a good one replaces the output.
#   command_never_half_writes.sh CATALYSEURS_CSV_TOOL
set -euo pipefail
tool=$1
source "$(dirname "${BASH_SOURCE[0]}")/command_test.sh"
bad="$root/tests/fixtures/spreadsheet/bad"

for case in wrong_structure unterminated_quote bad_utf8 empty_file several_bad_rows; do
  printf 'previous output\n' > "$work/out.geojson"
  before=$(sha1sum < "$work/out.geojson")
  set +e
  "$tool" "$bad/$case.csv" "$work/out.geojson" 2> "$work/stderr"
  code=$?
  set -e
  [ "$code" -eq 1 ] || fail "$case: exit code $code, expected 1"
  [ "$(sha1sum < "$work/out.geojson")" = "$before" ] || fail "$case: output was modified"
  [ -z "$(find "$work" -name 'out.geojson.tmp-*')" ] || fail "$case: temporary file left behind"
  line=$(grep -v '^#' "$bad/$case.expected" | head -n 1 | cut -f 1)
  grep -q "$case.csv:$line:" "$work/stderr" || fail "$case: no message naming line $line: $(cat "$work/stderr")"
done

# Usage errors and unreadable input are exit code 2, output untouched.
printf 'previous output\n' > "$work/out.geojson"
set +e
"$tool" "$work/does-not-exist.csv" "$work/out.geojson" 2> /dev/null; code=$?
set -e
[ "$code" -eq 2 ] || fail "missing input: exit code $code, expected 2"
grep -q 'previous output' "$work/out.geojson" || fail "missing input: output modified"

# A good spreadsheet replaces the output.
"$tool" "$root/tests/fixtures/spreadsheet/good.csv" "$work/out.geojson" 2> "$work/stderr" ||
  fail "good.csv: $(cat "$work/stderr")"
grep -q '"FeatureCollection"' "$work/out.geojson" || fail "good.csv: output not written"

finish
