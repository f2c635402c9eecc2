#!/usr/bin/env bash
# Fuzzes every target of tests/fuzz for MINUTES minutes each, one after the other (the
# machine is shared: one target at a time), then prints one line per target.
#
# Usage: scripts/fuzz.sh [--merge] [--no-build] MINUTES [TARGET…]
#   TARGET      catalyseurs regions scene csv spreadsheet text bridge (default: all)
#   --merge     afterwards, add to the committed corpus (tests/fuzz/corpus/TARGET) the
#               inputs of this and earlier runs that reach code it does not
#   --no-build  use build/fuzz as it is
#
# Builds the `fuzz` preset (clang, libFuzzer, AddressSanitizer, UndefinedBehaviorSanitizer).
# Everything a run writes is under tests/fuzz/out/ (not committed), and is kept from one
# run to the next, so that a later run resumes where this one stopped:
#   corpus/TARGET     inputs found so far (read with the committed corpus)
#   artifacts/TARGET  inputs that crashed, broke an invariant, timed out or ran out of memory
#   logs/TARGET.log   libFuzzer's output
# A target stops at its first finding. Make each one a regression test: fix the bug, then
# copy the artifact to tests/fuzz/regressions/TARGET/ under a name that says what it was;
# ctest replays those with the corpus.
#
# Exit status: 0 when no target found anything, 1 when one did, 2 on a usage or build error.
set -euo pipefail

ALL_TARGETS=(catalyseurs regions scene csv spreadsheet text bridge)
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FUZZ_DIR=$REPO_ROOT/tests/fuzz
OUT=$FUZZ_DIR/out
BIN=$REPO_ROOT/build/fuzz/tests/fuzz

# Per target: the dictionary, the longest input tried (GeoJSON and spreadsheets need room
# for a few features or rows; text and requests are short), and the memory allowed.
declare -A DICT=([catalyseurs]=geojson [regions]=geojson [scene]=geojson [csv]=csv [spreadsheet]=csv
                 [text]=text [bridge]=bridge)
declare -A MAX_LEN=([catalyseurs]=32768 [regions]=32768 [scene]=32768 [csv]=16384 [spreadsheet]=16384
                    [text]=4096 [bridge]=8192)
RSS_LIMIT_MB=2048
TIMEOUT_SECONDS=20  # one input; far above any normal one (milliseconds)

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2; exit 2; }

merge=0
build=1
minutes=""
targets=()
for arg in "$@"; do
  case "$arg" in
    --merge) merge=1 ;;
    --no-build) build=0 ;;
    -h|--help) usage ;;
    -*) echo "fuzz: unknown option $arg" >&2; usage ;;
    *)
      if [ -z "$minutes" ]; then
        [[ "$arg" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "fuzz: MINUTES must be a number: $arg" >&2; usage; }
        minutes=$arg
      elif [[ " ${ALL_TARGETS[*]} " == *" $arg "* ]]; then
        targets+=("$arg")
      else
        echo "fuzz: unknown target $arg (known: ${ALL_TARGETS[*]})" >&2
        exit 2
      fi
      ;;
  esac
done
[ -n "$minutes" ] || usage
[ ${#targets[@]} -gt 0 ] || targets=("${ALL_TARGETS[@]}")
seconds=$(awk -v m="$minutes" 'BEGIN { s = int(m * 60); print (s < 1 ? 1 : s) }')

cd "$REPO_ROOT"
if [ "$build" = 1 ]; then
  command -v clang++ > /dev/null || { echo "fuzz: clang++ is missing: run scripts/bootstrap-deps.sh" >&2; exit 2; }
  echo "==> Construction des cibles de fuzzing (preset fuzz)"
  { cmake --preset fuzz > /dev/null && cmake --build --preset fuzz; } ||
    { echo "fuzz: the fuzz build failed" >&2; exit 2; }
fi

# Stopped by Ctrl-C: the target in progress stops, the summary still prints.
interrupted=0
trap 'interrupted=1' INT

summary=()
found=0
for target in "${targets[@]}"; do
  [ "$interrupted" = 0 ] || break
  exe=$BIN/fuzz_$target
  [ -x "$exe" ] || { echo "fuzz: $exe is missing (build the fuzz preset)" >&2; exit 2; }
  mkdir -p "$OUT/corpus/$target" "$OUT/artifacts/$target" "$OUT/logs"
  log=$OUT/logs/$target.log
  before=$(find "$OUT/artifacts/$target" -type f | wc -l)
  echo "==> $target: ${seconds} s (journal : ${log#"$REPO_ROOT"/})"
  set +e
  # New inputs go to the first folder; the committed corpus is read only.
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$exe" -max_total_time="$seconds" -timeout="$TIMEOUT_SECONDS" -rss_limit_mb="$RSS_LIMIT_MB" \
    -max_len="${MAX_LEN[$target]}" -dict="$FUZZ_DIR/dict/${DICT[$target]}.dict" \
    -artifact_prefix="$OUT/artifacts/$target/" -print_final_stats=1 \
    "$OUT/corpus/$target" "$FUZZ_DIR/corpus/$target" > "$log" 2>&1
  code=$?
  set -e
  after=$(find "$OUT/artifacts/$target" -type f | wc -l)
  # libFuzzer's last status line: "#123 DONE cov: 1576 ft: 4589 corp: 13/21Kb …".
  status=$(grep -E '^#[0-9]+[[:space:]]+(DONE|NEW|REDUCE|pulse|INITED)' "$log" | tail -n 1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$status")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<< "$status")
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)
  corpus=$(find "$OUT/corpus/$target" -type f | wc -l)
  verdict="rien trouvé"
  if [ "$after" -gt "$before" ]; then
    found=1
    verdict="TROUVÉ : $(ls -t "$OUT/artifacts/$target" | head -n 1) (voir ${log#"$REPO_ROOT"/})"
  elif [ "$code" -ne 0 ] && [ "$interrupted" = 0 ]; then
    found=1
    verdict="ARRÊT (code $code, voir ${log#"$REPO_ROOT"/})"
  fi
  summary+=("$(printf '%-12s %10s exéc. %7s exéc./s  cov: %-6s ft: %-6s corpus: %-5s rss: %5s Mo  %s' \
    "$target" "${runs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "$corpus" "${rss:-?}" "$verdict")")
  echo "${summary[-1]}"

  if [ "$merge" = 1 ] && [ "$interrupted" = 0 ]; then
    # -merge=1 copies into the first folder only the inputs that add coverage to it.
    "$exe" -merge=1 -max_len="${MAX_LEN[$target]}" -timeout="$TIMEOUT_SECONDS" -rss_limit_mb="$RSS_LIMIT_MB" \
      "$FUZZ_DIR/corpus/$target" "$OUT/corpus/$target" >> "$log" 2>&1 ||
      echo "fuzz: merging $target failed (see $log)" >&2
  fi
done

echo
echo "Résumé ($minutes min par cible) :"
printf '%s\n' "${summary[@]}"
[ "$interrupted" = 0 ] || { echo "Interrompu."; exit 1; }
exit "$found"
