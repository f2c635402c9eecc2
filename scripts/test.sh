#!/usr/bin/env bash
# Runs every test: the native unit tests and data checks (ctest), then the browser
# end-to-end tests (Playwright + Chromium) against the WebAssembly build. Ends with one
# line "N passed, N failed" over both.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"
ensure_dependencies
build_native
build_wasm

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
status=0

step "Tests natifs (ctest)"
ctest --preset native -j "$(nproc)" 2>&1 | tee "$logs/ctest.log" || status=1

step "Tests navigateur et serveur (node --test tests/web tests/serve tests/e2e)"
node --test --test-reporter=spec --test-concurrency=1 tests/web/ tests/serve/ tests/e2e/ 2>&1 | tee "$logs/e2e.log" || status=1

# ctest: "100% tests passed, 0 tests failed out of 126"; node: "ℹ pass 12" / "ℹ fail 0".
ctest_total=$(sed -n 's/.*tests failed out of \([0-9][0-9]*\).*/\1/p' "$logs/ctest.log" | tail -n 1)
ctest_failed=$(sed -n 's/.* \([0-9][0-9]*\) tests failed out of.*/\1/p' "$logs/ctest.log" | tail -n 1)
e2e_passed=$(sed -n 's/^ℹ pass \([0-9][0-9]*\)$/\1/p' "$logs/e2e.log" | tail -n 1)
e2e_failed=$(sed -n 's/^ℹ fail \([0-9][0-9]*\)$/\1/p' "$logs/e2e.log" | tail -n 1)
if [ -z "$ctest_total" ] || [ -z "$e2e_passed" ]; then
  echo "Résumé introuvable : une des suites n’a pas tourné." >&2
  status=1
fi
passed=$(( ${ctest_total:-0} - ${ctest_failed:-0} + ${e2e_passed:-0} ))
failed=$(( ${ctest_failed:-0} + ${e2e_failed:-0} ))
[ "$failed" -eq 0 ] || status=1
echo
echo "$passed passed, $failed failed"
exit "$status"
