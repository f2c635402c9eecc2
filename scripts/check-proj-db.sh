#!/usr/bin/env bash
# Usage: scripts/check-proj-db.sh TRIMMED_PROJ_DB [REFERENCE_PROJ_DB]
#
# Proves that a proj.db made by scripts/trim-proj-db.sh gives the same results
# as the full database (by default the one PROJ's tools find on this machine):
#   - cs2cs output for a grid of points in every territory, both directions;
#   - the operations projinfo proposes, both directions, so that a trimmed
#     database cannot pass by falling back to a "ballpark" operation whose
#     numbers happen to be close;
#   - a CRS left out of the trimmed database fails instead of resolving.
# Needs cs2cs and projinfo (Debian package proj-bin), which must be the same
# PROJ version as the one the database is shipped with.
set -euo pipefail

usage() { echo "usage: $0 TRIMMED_PROJ_DB [REFERENCE_PROJ_DB]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
trimmed=$1
reference=${2:-}
[ -f "$trimmed" ] || { echo "check-proj-db: $trimmed does not exist" >&2; exit 1; }
[ -z "$reference" ] || [ -f "$reference" ] || { echo "check-proj-db: $reference does not exist" >&2; exit 1; }
for tool in cs2cs projinfo; do
  command -v "$tool" >/dev/null || { echo "check-proj-db: $tool is required (package proj-bin)" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# PROJ looks for proj.db in PROJ_DATA (PROJ_LIB before 9.1); a directory that
# holds nothing else makes sure the trimmed file is the only database in play.
mkdir -p "$work/trimmed"
cp "$trimmed" "$work/trimmed/proj.db"
if [ -n "$reference" ]; then
  mkdir -p "$work/reference"
  cp "$reference" "$work/reference/proj.db"
fi

with_trimmed() { env PROJ_DATA="$work/trimmed" PROJ_LIB="$work/trimmed" PROJ_NETWORK=OFF "$@"; }
with_reference() {
  if [ -n "$reference" ]; then
    env PROJ_DATA="$work/reference" PROJ_LIB="$work/reference" PROJ_NETWORK=OFF "$@"
  else
    env -u PROJ_DATA -u PROJ_LIB PROJ_NETWORK=OFF "$@"
  fi
}

# territory | target CRS | boxes "west south east north" separated by ';'
# Boxes lie inside the land and near-shore waters of each territory.
TERRITORIES=(
  "France métropolitaine|2154|-4.6 43.4 7.6 50.9;-1.8 42.6 3.0 43.6;5.0 43.2 7.6 46.0"
  "Corse|2154|8.6 41.4 9.5 43.0"
  "Guadeloupe|5490|-61.80 15.85 -61.00 16.50"
  "Martinique|5490|-61.22 14.40 -60.81 14.88"
  "Saint-Martin|5490|-63.14 18.05 -62.98 18.12"
  "Saint-Barthélemy|5490|-62.88 17.87 -62.79 17.93"
  "Guyane|2972|-54.50 2.20 -51.70 5.70"
  "La Réunion|2975|55.22 -21.38 55.83 -20.88"
  "Mayotte|4471|45.02 -13.00 45.29 -12.64"
  "Saint-Pierre-et-Miquelon|4467|-56.42 46.75 -56.13 47.14"
  "Nouvelle-Calédonie|3163|163.60 -22.60 167.10 -20.10;167.80 -21.60 168.10 -20.70"
  "Polynésie française|3297|-149.62 -17.87 -149.16 -17.48;-140.20 -9.90 -139.00 -8.80;-147.00 -16.50 -144.00 -14.50;-135.00 -23.20 -134.90 -23.05;-149.50 -22.50 -149.40 -22.40"
  "Wallis-et-Futuna|8903|-176.25 -13.35 -176.12 -13.20;-178.20 -14.34 -178.00 -14.23"
)
# Points per box side: a 5x5 grid, corners included.
STEPS=4

passed=0
failed=0
pass() { passed=$((passed + 1)); printf 'ok    %s\n' "$1"; }
fail() {
  failed=$((failed + 1)); printf 'FAIL  %s\n' "$1"
  [ $# -lt 2 ] || sed 's/^/      /' "$2"
}

# Prints "lat lon" lines (EPSG:4326 axis order) for a grid over each box.
grid_points() {
  local boxes=$1 box
  IFS=';' read -r -a box_list <<<"$boxes"
  for box in "${box_list[@]}"; do
    awk -v n="$STEPS" -v box="$box" 'BEGIN {
      split(box, b, " ")
      for (i = 0; i <= n; i++) for (j = 0; j <= n; j++)
        printf "%.6f %.6f\n", b[2] + (b[4] - b[2]) * i / n, b[1] + (b[3] - b[1]) * j / n
    }'
  done
}

# The reference must itself be sane, or every comparison below proves nothing.
toulouse=$(echo "43.6047 1.4442" | with_reference cs2cs -d 3 EPSG:4326 EPSG:2154 | awk '{print $1, $2}')
if [ "$toulouse" = "574357.820 6279642.972" ]; then
  pass "reference database: Toulouse in Lambert-93 is $toulouse"
else
  fail "reference database: Toulouse in Lambert-93 is '$toulouse', expected 574357.820 6279642.972"
fi

declare -A ops_checked=()
for entry in "${TERRITORIES[@]}"; do
  IFS='|' read -r name crs boxes <<<"$entry"
  tag=$(printf '%s' "$name" | tr -c 'A-Za-z0-9' '_')
  grid_points "$boxes" >"$work/$tag.in"
  count=$(wc -l <"$work/$tag.in")

  # Forward: GeoJSON degrees to the territory's CRS.
  with_reference cs2cs -d 4 EPSG:4326 "EPSG:$crs" <"$work/$tag.in" >"$work/$tag.ref" 2>&1 || true
  with_trimmed cs2cs -d 4 EPSG:4326 "EPSG:$crs" <"$work/$tag.in" >"$work/$tag.trim" 2>&1 || true
  if grep -q '\*' "$work/$tag.ref" || [ "$(wc -l <"$work/$tag.ref")" -ne "$count" ]; then
    fail "$name: reference cs2cs EPSG:4326 -> EPSG:$crs did not transform every point" "$work/$tag.ref"
  elif diff -u "$work/$tag.ref" "$work/$tag.trim" >"$work/$tag.diff"; then
    pass "$name: $count points EPSG:4326 -> EPSG:$crs identical"
  else
    fail "$name: EPSG:4326 -> EPSG:$crs differs (reference vs trimmed)" "$work/$tag.diff"
  fi

  # Back: the projected coordinates to degrees.
  awk '{print $1, $2}' "$work/$tag.ref" >"$work/$tag.back.in"
  with_reference cs2cs -d 9 "EPSG:$crs" EPSG:4326 <"$work/$tag.back.in" >"$work/$tag.back.ref" 2>&1 || true
  with_trimmed cs2cs -d 9 "EPSG:$crs" EPSG:4326 <"$work/$tag.back.in" >"$work/$tag.back.trim" 2>&1 || true
  if diff -u "$work/$tag.back.ref" "$work/$tag.back.trim" >"$work/$tag.back.diff"; then
    pass "$name: $count points EPSG:$crs -> EPSG:4326 identical"
  else
    fail "$name: EPSG:$crs -> EPSG:4326 differs (reference vs trimmed)" "$work/$tag.back.diff"
  fi

  # Candidate operations, once per CRS.
  [ -z "${ops_checked[$crs]:-}" ] || continue
  ops_checked[$crs]=1
  for dir in "EPSG:4326 EPSG:$crs" "EPSG:$crs EPSG:4326"; do
    read -r src dst <<<"$dir"
    with_reference projinfo -s "$src" -t "$dst" --spatial-test intersects -o PROJ >"$work/ops.ref" 2>&1 || true
    with_trimmed projinfo -s "$src" -t "$dst" --spatial-test intersects -o PROJ >"$work/ops.trim" 2>&1 || true
    n_ops=$(sed -n 's/^Candidate operations found: //p' "$work/ops.ref")
    if grep -qi ballpark "$work/ops.trim" && ! grep -qi ballpark "$work/ops.ref"; then
      fail "$src -> $dst: the trimmed database only offers a ballpark operation" "$work/ops.trim"
    elif diff -u "$work/ops.ref" "$work/ops.trim" >"$work/ops.diff"; then
      pass "$src -> $dst: same ${n_ops:-?} candidate operation(s)"
    else
      fail "$src -> $dst: candidate operations differ (reference vs trimmed)" "$work/ops.diff"
    fi
  done
done

# A CRS that was not kept must fail rather than resolve to something else.
unknown=32631
if echo "43.6 1.4" | with_reference cs2cs EPSG:4326 "EPSG:$unknown" >/dev/null 2>&1; then
  if echo "43.6 1.4" | with_trimmed cs2cs EPSG:4326 "EPSG:$unknown" >"$work/unknown.out" 2>&1; then
    fail "EPSG:$unknown: resolved with the trimmed database, which should not contain it" "$work/unknown.out"
  else
    pass "EPSG:$unknown: unknown to the trimmed database (cs2cs fails)"
  fi
else
  fail "EPSG:$unknown: the reference database cannot use it either, so the test proves nothing"
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
