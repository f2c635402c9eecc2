# Shared by the catalyseurs-csv scripts of tests/data, sourced after `tool=$1`: the
# repository root, a scratch folder removed on exit, and failure counting.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# Exits 1 with the count when a check failed, else says "ok".
finish() {
  if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
  fi
  echo "ok"
}
