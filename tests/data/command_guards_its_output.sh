#!/usr/bin/env bash
# catalyseurs-csv never destroys a file it was not asked to write: the output may not be
# one of its inputs, nor anything but a regular file; a symbolic link is written through;
# the output keeps its permissions; temporary files of runs that were killed are removed.
#   command_guards_its_output.sh CATALYSEURS_CSV_TOOL
set -euo pipefail
tool=$1
source "$(dirname "${BASH_SOURCE[0]}")/command_test.sh"
good="$root/tests/fixtures/spreadsheet/good.csv"

# run EXPECTED_CODE ARGS…: the command's exit code must be EXPECTED_CODE.
run() {
  local expected=$1; shift
  set +e
  "$tool" "$@" 2> "$work/stderr"
  local code=$?
  set -e
  [ "$code" -eq "$expected" ] || fail "$*: exit code $code, expected $expected: $(cat "$work/stderr")"
}

# The spreadsheet as its own output: refused, the spreadsheet left byte for byte.
cp "$good" "$work/sheet.csv"
before=$(sha1sum < "$work/sheet.csv")
run 2 "$work/sheet.csv" "$work/sheet.csv"
[ "$(sha1sum < "$work/sheet.csv")" = "$before" ] || fail "input as output: the spreadsheet was replaced"
grep -q "sortie refusée" "$work/stderr" || fail "input as output: no message: $(cat "$work/stderr")"

# The same file under another name (a hard link), or behind a symbolic link.
ln "$work/sheet.csv" "$work/hard.geojson"
run 2 "$work/sheet.csv" "$work/hard.geojson"
ln -s "$work/sheet.csv" "$work/link-to-input.geojson"
run 2 "$work/sheet.csv" "$work/link-to-input.geojson"
[ "$(sha1sum < "$work/sheet.csv")" = "$before" ] || fail "linked input as output: the spreadsheet was replaced"

# The gazetteer is an input too.
cp "$root/geodata/communes.csv" "$work/communes.csv"
gazetteer_before=$(sha1sum < "$work/communes.csv")
run 2 "$work/sheet.csv" "$work/communes.csv" --gazetteer "$work/communes.csv"
[ "$(sha1sum < "$work/communes.csv")" = "$gazetteer_before" ] || fail "gazetteer as output: it was replaced"

# Not a regular file: a directory, a FIFO. Refused and left as they were.
mkdir "$work/dir.geojson"
run 2 "$work/sheet.csv" "$work/dir.geojson"
[ -d "$work/dir.geojson" ] || fail "directory output: no longer a directory"
mkfifo "$work/fifo.geojson"
run 2 "$work/sheet.csv" "$work/fifo.geojson"
[ -p "$work/fifo.geojson" ] || fail "FIFO output: no longer a FIFO"

# A symbolic link is written through: the link stays, its target gets the GeoJSON.
printf 'previous output\n' > "$work/real.geojson"
ln -s real.geojson "$work/link.geojson"
run 0 "$work/sheet.csv" "$work/link.geojson"
[ -L "$work/link.geojson" ] || fail "symlink output: the link was replaced by a file"
grep -q '"FeatureCollection"' "$work/real.geojson" || fail "symlink output: its target was not written"
ln -s missing.geojson "$work/dangling.geojson"
run 2 "$work/sheet.csv" "$work/dangling.geojson"
[ -L "$work/dangling.geojson" ] || fail "dangling symlink: the link was replaced"

# The output keeps its mode, read-only included.
for mode in 444 600 640; do
  printf 'previous output\n' > "$work/mode.geojson"
  chmod "$mode" "$work/mode.geojson"
  run 0 "$work/sheet.csv" "$work/mode.geojson"
  actual=$(stat -c %a "$work/mode.geojson")
  [ "$actual" = "$mode" ] || fail "mode $mode: the output's mode became $actual"
  grep -q '"FeatureCollection"' "$work/mode.geojson" || fail "mode $mode: output not written"
done

# A killed run's temporary file is removed by the next run; a live run's is left alone.
printf 'half\n' > "$work/out.geojson.tmp-2147483646-abcdef"
printf 'half\n' > "$work/out.geojson.tmp-$$-ghijkl"
printf 'not ours\n' > "$work/out.geojson.tmp-notes"
run 0 "$work/sheet.csv" "$work/out.geojson"
[ ! -e "$work/out.geojson.tmp-2147483646-abcdef" ] || fail "stale temporary file left behind"
[ -e "$work/out.geojson.tmp-$$-ghijkl" ] || fail "a live process's temporary file was removed"
[ -e "$work/out.geojson.tmp-notes" ] || fail "a file that is not ours was removed"
left=$(cd "$work" && ls out.geojson.tmp-* | tr '\n' ' ')
[ "$left" = "out.geojson.tmp-$$-ghijkl out.geojson.tmp-notes " ] || fail "temporary files left: $left"

finish
