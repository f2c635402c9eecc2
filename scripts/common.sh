# Shared by start.sh and test.sh: make sure the machine has what the project needs, then
# build. Sourced, not run.
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export NODE_PATH=/usr/share/nodejs  # Debian's emcc needs node-acorn from there

step() { printf '\n==> %s\n' "$*"; }

ensure_dependencies() {
  step "Dépendances (paquets Debian, bibliothèques WebAssembly en cache)"
  "$REPO_ROOT/scripts/bootstrap-deps.sh" "$@"
  # npm packages (browser driver, data pipeline tools), pinned by package-lock.json;
  # npm keeps its own copy of the lock in node_modules, newer than ours once installed.
  if [ ! -f "$REPO_ROOT/node_modules/.package-lock.json" ] ||
     [ "$REPO_ROOT/package-lock.json" -nt "$REPO_ROOT/node_modules/.package-lock.json" ]; then
    # npm install, not npm ci: npm 11 rejects this lock in ci mode over optional
    # platform packages of a transitive dependency (msgpackr-extract), while install
    # honours the locked versions and leaves the lock unchanged.
    step "Paquets npm"
    (cd "$REPO_ROOT" && npm install --no-audit --no-fund --loglevel=error)
  fi
}

build_wasm() {
  step "Construction WebAssembly (preset wasm)"
  cmake --preset wasm > /dev/null
  cmake --build --preset wasm
}

build_native() {
  step "Construction native (preset native)"
  cmake --preset native > /dev/null
  cmake --build --preset native
}
