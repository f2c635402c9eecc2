#!/usr/bin/env bash
# Installs the Debian packages the project builds with, fetches the pinned Debian
# source packages, builds the WebAssembly dependencies (SDL2, SQLite, PROJ) and
# writes build/deps.cmake for the project's CMake.
#
# Usage: scripts/bootstrap-deps.sh [--native-only] [--refresh]
#   --native-only  skip the WebAssembly builds (ImGui's and earcut's sources are
#                  still fetched)
#   --refresh      refresh the Debian source indices even if they are recent
#
# Emscripten's ports would download from the internet, which this project cannot
# rely on, so every wasm library is built from Debian's own source packages.
# Results live outside the clone, in CATALYSEURS_CACHE (default
# ~/.cache/catalyseurs), so that fresh clones and `git clean` do not pay for the
# build again. The wasm prefix is keyed by what went into it; a warm run only
# checks versions and takes seconds.
set -euo pipefail

# Packages the project needs on the machine, for both targets, tests and tooling.
DEB_PACKAGES=(
  emscripten cmake ninja-build g++ pkg-config
  libsdl2-dev libproj-dev proj-data proj-bin sqlite3 tcl
  rapidjson-dev libgtest-dev libgmock-dev libbenchmark-dev libgl-dev
  fonts-inter python3-fonttools brotli chromium
  nodejs npm dpkg-dev curl
  # The fuzz targets of tests/fuzz (scripts/fuzz.sh): clang's libFuzzer and sanitizer
  # runtimes live in libclang-rt, which clang itself only recommends.
  clang libclang-rt-14-dev
)

# Source package pins: "name suite upstream-version". Native builds use bookworm's
# libsdl2-dev and libproj-dev, so the wasm side must match them exactly; ImGui
# comes from trixie because bookworm's 1.86 predates the 1.87 input API. Debian
# ships mapbox's header-only earcut.hpp only inside the sources of its Python
# binding; python-mapbox-earcut 1.0.1 carries earcut.hpp 2.2.4.
SOURCE_PINS=(
  "libsdl2 bookworm 2.26.5"
  "sqlite3 bookworm 3.40.1"
  "proj bookworm 9.1.1"
  "imgui trixie 1.90.1"
  "python-mapbox-earcut bookworm 1.0.1"
)

NATIVE_PROJ_DB=/usr/share/proj/proj.db

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCRIPT_FILE="$REPO_ROOT/scripts/$(basename "${BASH_SOURCE[0]}")"
CACHE=${CATALYSEURS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/catalyseurs}
JOBS=$(nproc 2>/dev/null || echo 2)

NATIVE_ONLY=0
REFRESH=0
for arg in "$@"; do
  case "$arg" in
    --native-only) NATIVE_ONLY=1 ;;
    --refresh) REFRESH=1 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$SCRIPT_FILE"; exit 0 ;;
    *) echo "bootstrap-deps: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

START_SECONDS=$SECONDS
log() { printf '[bootstrap %3ds] %s\n' "$((SECONDS - START_SECONDS))" "$*"; }
die() { printf 'bootstrap-deps: error: %s\n' "$*" >&2; exit 1; }
# Runs a command with its output appended to a log; on failure shows the log's end.
run() {  # run LOG command...
  local logf=$1; shift
  if ! "$@" >>"$logf" 2>&1; then
    tail -n 40 "$logf" >&2
    die "failed: $* (full log: $logf)"
  fi
}

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || die "not root and sudo is missing"
  SUDO=(sudo)
fi

# ---------------------------------------------------------------------------
# 1. Debian packages
# ---------------------------------------------------------------------------
install_packages() {
  local missing=() pkg
  for pkg in "${DEB_PACKAGES[@]}"; do
    # nodesource's nodejs bundles npm and conflicts with Debian's npm package.
    if { [ "$pkg" = nodejs ] || [ "$pkg" = npm ]; } \
        && command -v node >/dev/null && command -v npm >/dev/null; then
      continue
    fi
    if ! dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null | grep -q '^ii'; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "Debian packages: all present"
    return
  fi
  log "installing Debian packages: ${missing[*]}"
  "${SUDO[@]}" apt-get update -q
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# ---------------------------------------------------------------------------
# 2. Debian source packages, through a private apt configuration
# ---------------------------------------------------------------------------

# Prints "URI SUITE" for every binary source the system's apt config uses.
system_apt_entries() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk '
      function flush() {
        if (types ~ /(^| )deb( |$)/ && enabled != "no")
          for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++) print u[i], s[j]
        types = ""; enabled = ""; nu = 0; ns = 0
      }
      /^[ \t]*$/ { flush(); next }
      /^[ \t]*#/ { next }
      tolower($1) == "types:"   { types = ""; for (i = 2; i <= NF; i++) types = types " " $i; types = types " " }
      tolower($1) == "enabled:" { enabled = tolower($2) }
      tolower($1) == "uris:"    { nu = 0; for (i = 2; i <= NF; i++) u[++nu] = $i }
      tolower($1) == "suites:"  { ns = 0; for (i = 2; i <= NF; i++) s[++ns] = $i }
      END { flush() }
    ' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" | awk '$1 == "deb" && NF >= 3 { print $2, $3 }'
  done
}

# The machine may sit behind a local mirror or a snapshot; reuse whatever it uses
# for Debian itself, and fall back to the public mirrors.
DEBIAN_SUITES_RE='^(bookworm|trixie|forky|sid|stable|testing|unstable|oldstable)$'
detect_mirrors() {
  local entries
  entries=$(system_apt_entries 2>/dev/null || true)
  MIRROR_MAIN=$(awk -v re="$DEBIAN_SUITES_RE" '$2 ~ re { print $1; exit }' <<<"$entries")
  MIRROR_SECURITY=$(awk '$2 ~ /-security$/ { print $1; exit }' <<<"$entries")
  MIRROR_MAIN=${MIRROR_MAIN:-http://deb.debian.org/debian}
  MIRROR_SECURITY=${MIRROR_SECURITY:-http://deb.debian.org/debian-security}
  MIRROR_MAIN=${MIRROR_MAIN%/}
  MIRROR_SECURITY=${MIRROR_SECURITY%/}
}

apt_private() {  # apt_private DIST apt-get-args...
  local dir="$CACHE/apt/$1"; shift
  local opts=(
    -o "Dir::Etc::SourceList=/dev/null"
    -o "Dir::Etc::SourceParts=$dir/sources"
    -o "Dir::Etc::Preferences=/dev/null"
    -o "Dir::Etc::PreferencesParts=$dir/preferences"
    -o "Dir::State::Lists=$dir/lists"
    -o "Dir::Cache=$dir/cache"
  )
  # apt would otherwise fall back to an unsandboxed download with a warning,
  # because its _apt user cannot write into the cache directory.
  [ "$(id -u)" -ne 0 ] || opts+=(-o "APT::Sandbox::User=root")
  apt-get -q "${opts[@]}" "$@"
}

# One private index per distribution, so that "the newest version" of a package
# means the newest within that distribution (including its security updates).
setup_private_apt() {  # setup_private_apt DIST
  local dist=$1 dir="$CACHE/apt/$1" keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  [ -f "$keyring" ] || die "$keyring is missing (package debian-archive-keyring)"
  mkdir -p "$dir/sources" "$dir/preferences" "$dir/lists/partial" "$dir/cache/archives/partial"
  local want
  want=$(cat <<EOF
Types: deb-src
URIs: $MIRROR_MAIN
Suites: $dist $dist-updates
Components: main
Signed-By: $keyring

Types: deb-src
URIs: $MIRROR_SECURITY
Suites: $dist-security
Components: main
Signed-By: $keyring
EOF
)
  local file="$dir/sources/debian.sources" stamp="$dir/lists/.updated"
  if [ ! -f "$file" ] || [ "$(cat "$file")" != "$want" ]; then
    printf '%s\n' "$want" >"$file"
    rm -f "$stamp"
  fi
  # Re-reading the indices once a day is enough to pick up security updates and
  # keeps warm runs fast and usable offline.
  if [ "$REFRESH" = 1 ] || [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +1440)" ]; then
    log "refreshing $dist source indices from $MIRROR_MAIN"
    if apt_private "$dist" update >"$dir/update.log" 2>&1; then
      touch "$stamp"
    elif [ -f "$stamp" ]; then
      log "warning: could not refresh $dist indices, using the previous ones (see $dir/update.log)"
    else
      cat "$dir/update.log" >&2
      die "could not download the $dist source indices"
    fi
  fi
}

# Sets SRC_VERSION and SRC_DIR for one pinned source package, downloading and
# extracting it when not already in the cache.
fetch_source() {  # fetch_source NAME DIST UPSTREAM
  local name=$1 dist=$2 pin=$3 dsc version upstream
  dsc=$(apt_private "$dist" source --print-uris "$name" 2>/dev/null \
        | awk -v n="$name" '$2 ~ "^" n "_.*\\.dsc$" { print $2; exit }')
  [ -n "$dsc" ] || die "source package $name not found in $dist"
  version=${dsc#"${name}_"}; version=${version%.dsc}
  upstream=${version%-*}; upstream=${upstream%%[+~]*}
  [ "$upstream" = "$pin" ] \
    || die "$name from $dist is $version, but the project is pinned to upstream $pin; update SOURCE_PINS and check the build"
  SRC_VERSION=$version
  SRC_DIR="$CACHE/src/$name-$version"
  if [ -d "$SRC_DIR" ]; then
    return
  fi
  log "downloading source $name $version ($dist)"
  mkdir -p "$CACHE/dl" "$CACHE/src"
  (cd "$CACHE/dl" && apt_private "$dist" source --download-only "$name=$version") \
    >"$CACHE/dl/$name.log" 2>&1 || { cat "$CACHE/dl/$name.log" >&2; die "download of $name $version failed (the mirror may have replaced it: try --refresh)"; }
  # dpkg-source also links the upstream tarballs next to the tree it extracts,
  # so it works in a scratch directory of its own.
  local tmp
  tmp=$(mktemp -d "$CACHE/src/.extract-$name.XXXXXX")
  dpkg-source -x --no-check "$CACHE/dl/$dsc" "$tmp/tree" >"$CACHE/dl/$name.extract.log" 2>&1 \
    || { cat "$CACHE/dl/$name.extract.log" >&2; die "extraction of $name failed"; }
  mv "$tmp/tree" "$SRC_DIR"
  rm -rf "$tmp"
}

# Prints the include directory of the earcut.hpp in a python-mapbox-earcut source
# tree: include/mapbox/earcut.hpp so far, but a release may keep it elsewhere, in a
# vendored earcut.hpp checkout for instance. The shallowest copy wins.
earcut_include_dir() {  # earcut_include_dir SRC_DIR
  local header
  header=$(find "$1" -path '*/mapbox/earcut.hpp' -type f -printf '%d %p\n' \
           | sort -n | awk 'NR == 1 { sub(/^[0-9]+ /, ""); print }')
  [ -n "$header" ] && grep -q 'namespace mapbox' "$header" \
    || die "no mapbox/earcut.hpp in $1; the layout of python-mapbox-earcut's sources has changed, update earcut_include_dir"
  dirname "$(dirname "$header")"
}

# ---------------------------------------------------------------------------
# 3. WebAssembly builds
# ---------------------------------------------------------------------------
# Everything between the two markers below is hashed into the prefix's cache key:
# editing a flag or a build step rebuilds the prefix.
# --- wasm build recipe: begin ---
WASM_OPT_FLAGS="-Os -DNDEBUG"
# PROJ throws and catches internally (an unknown CRS, for instance); the app is
# linked with the same exception model, and mixing models is not supported.
WASM_EH_FLAGS="-fwasm-exceptions"
# PROJ only reads its database: one connection, in one thread, running SELECTs. What SQLite
# has beyond that stays out (the OMITs also reach the generated parser: see build_sqlite),
# and the connection keeps its page cache between statements instead of checking the file
# again before each one.
SQLITE_DEFINES=(
  -DSQLITE_THREADSAFE=0
  -DSQLITE_DEFAULT_MEMSTATUS=0
  -DSQLITE_DEFAULT_LOCKING_MODE=1
  -DSQLITE_USE_ALLOCA
  -DSQLITE_OMIT_ALTERTABLE
  -DSQLITE_OMIT_AUTHORIZATION
  -DSQLITE_OMIT_COMPLETE
  -DSQLITE_OMIT_DECLTYPE
  -DSQLITE_OMIT_DEPRECATED
  -DSQLITE_OMIT_EXPLAIN
  -DSQLITE_OMIT_INCRBLOB
  -DSQLITE_OMIT_INTROSPECTION_PRAGMAS
  -DSQLITE_OMIT_JSON
  -DSQLITE_OMIT_LOAD_EXTENSION
  -DSQLITE_OMIT_PROGRESS_CALLBACK
  -DSQLITE_OMIT_REINDEX
  -DSQLITE_OMIT_SHARED_CACHE
  -DSQLITE_OMIT_TCL_VARIABLE
  -DSQLITE_OMIT_TRACE
  -DSQLITE_OMIT_UTF16
  -DSQLITE_OMIT_VIRTUALTABLE
  -DSQLITE_OMIT_WAL
)
# PROJ compiles every method it knows into one table, src/pj_list.h, whose header invites
# keeping "only appropriate lines for subset list". The map reaches only the methods of the
# operations PROJ builds from EPSG:4326 to the territories' CRSs (`projinfo -s EPSG:4326 -t
# EPSG:<code>` lists them: lcc, utm, helmert between cart/push/pop, in pipelines with
# axisswap and unitconvert) and a few plain ones around them. The others stay out; a CRS
# that needed one would fail cleanly, and the browser tests project every territory.
PROJ_METHODS="affine axisswap cart etmerc geocent helmert latlon latlong lcc lonlat longlat merc noop
  pipeline pop push set tmerc unitconvert utm webmerc"

wasm_cmake_configure() {  # wasm_cmake_configure SRC BUILD LOG extra-args...
  local src=$1 build=$2 logf=$3; shift 3
  run "$logf" emcmake cmake -S "$src" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=MinSizeRel \
    -DCMAKE_C_FLAGS="$WASM_EH_FLAGS" -DCMAKE_CXX_FLAGS="$WASM_EH_FLAGS" \
    -DCMAKE_C_FLAGS_MINSIZEREL="$WASM_OPT_FLAGS" -DCMAKE_CXX_FLAGS_MINSIZEREL="$WASM_OPT_FLAGS" \
    -DCMAKE_INSTALL_PREFIX="$WASM_PREFIX" -DCMAKE_INSTALL_LIBDIR=lib \
    -DBUILD_SHARED_LIBS=OFF \
    "$@"
}

# Installing under DESTDIR keeps the final prefix in every path the libraries
# record, while the prefix itself only appears once complete.
wasm_cmake_build_install() {  # wasm_cmake_build_install BUILD LOG
  run "$2" cmake --build "$1" -j "$JOBS"
  run "$2" env DESTDIR="$STAGE_ROOT" cmake --install "$1"
}

# SQLite's Debian source has no amalgamation; generating it needs the native
# toolchain and tclsh, compiling it is a single emcc call.
build_sqlite() {
  local src=$1 b="$BUILD_ROOT/sqlite" logf="$LOG_DIR/sqlite.log"
  mkdir -p "$b"
  # configure hands the OMITs in CFLAGS to the parser generator, so that the amalgamation's
  # grammar matches them.
  # shellcheck disable=SC2016
  run "$logf" sh -c 'cd "$1" && "$2/configure" --disable-tcl CFLAGS="$4" && make -j "$3" sqlite3.c' \
    sh "$b" "$src" "$JOBS" "${SQLITE_DEFINES[*]}"
  # shellcheck disable=SC2086
  run "$logf" emcc $WASM_OPT_FLAGS $WASM_EH_FLAGS "${SQLITE_DEFINES[@]}" -c "$b/sqlite3.c" -o "$b/sqlite3.o"
  run "$logf" emar rcs "$b/libsqlite3.a" "$b/sqlite3.o"
  install -D -m 0644 "$b/libsqlite3.a" "$STAGE_PREFIX/lib/libsqlite3.a"
  install -D -m 0644 -t "$STAGE_PREFIX/include" "$b/sqlite3.h" "$b/sqlite3ext.h"
}

# Threads would force SharedArrayBuffer, hence COOP/COEP headers on the server. The map
# uses SDL's video, events and timers only: sound, joysticks and the other subsystems stay out.
build_sdl2() {
  local src=$1 b="$BUILD_ROOT/sdl2" logf="$LOG_DIR/sdl2.log"
  wasm_cmake_configure "$src" "$b" "$logf" \
    -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF \
    -DSDL_AUDIO=OFF -DSDL_JOYSTICK=OFF -DSDL_HAPTIC=OFF -DSDL_HIDAPI=OFF -DSDL_SENSOR=OFF \
    -DSDL_POWER=OFF -DSDL_LOCALE=OFF -DSDL_MISC=OFF \
    -DSDL_THREADS=OFF -DSDL_PTHREADS=OFF -DSDL_CCACHE=OFF
  wasm_cmake_build_install "$b" "$logf"
}

# The native sqlite3 CLI builds proj.db from PROJ's SQL sources; TIFF and curl
# only serve grids and network access, which the project does not use.
build_proj() {
  local src="$BUILD_ROOT/proj-src" b="$BUILD_ROOT/proj" logf="$LOG_DIR/proj.log"
  cp -a "$1" "$src"
  subset_proj_methods "$src/src/pj_list.h"
  wasm_cmake_configure "$src" "$b" "$logf" \
    -DBUILD_APPS=OFF -DBUILD_TESTING=OFF \
    -DENABLE_TIFF=OFF -DENABLE_CURL=OFF -DUSE_THREAD=OFF \
    -DNLOHMANN_JSON_ORIGIN=internal \
    -DSQLITE3_INCLUDE_DIR="$STAGE_PREFIX/include" \
    -DSQLITE3_LIBRARY="$STAGE_PREFIX/lib/libsqlite3.a" \
    -DEXE_SQLITE3="$(command -v sqlite3)"
  wasm_cmake_build_install "$b" "$logf"
}

subset_proj_methods() {  # subset_proj_methods PJ_LIST_H
  local list=$1 wanted kept
  awk -v keep=" $(echo $PROJ_METHODS) " '
    /^PROJ_HEAD\(/ { name = $0; sub(/^PROJ_HEAD\(/, "", name); sub(/,.*/, "", name)
                     if (index(keep, " " name " ") == 0) next }
    { print }' "$list" >"$list.subset"
  mv "$list.subset" "$list"
  wanted=$(wc -w <<<"$PROJ_METHODS")
  kept=$(grep -c '^PROJ_HEAD(' "$list")
  [ "$kept" -eq "$wanted" ] || die "pj_list.h kept $kept of the $wanted PROJ methods asked for"
}
# --- wasm build recipe: end ---

recipe_text() {
  sed -n '/^# --- wasm build recipe: begin ---$/,/^# --- wasm build recipe: end ---$/p' "$SCRIPT_FILE"
}

# Links a small program against the staged prefix and runs it under node, so a
# prefix that cannot transform a coordinate or survive a PROJ exception is never
# cached.
smoke_test_prefix() {
  local b="$BUILD_ROOT/smoke" logf="$LOG_DIR/smoke.log"
  mkdir -p "$b"
  cat >"$b/smoke.cpp" <<'EOF'
#include <SDL2/SDL.h>
#include <proj.h>
#include <sqlite3.h>
#include <cstdio>

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    SDL_version v;
    SDL_GetVersion(&v);
    PJ_CONTEXT* ctx = proj_context_create();
    const char* paths[] = {argv[1]};
    proj_context_set_search_paths(ctx, 1, paths);
    proj_log_level(ctx, PJ_LOG_NONE);
    PJ* bad = proj_create_crs_to_crs(ctx, "EPSG:4326", "EPSG:999999", nullptr);
    if (bad) { std::printf("unknown CRS accepted\n"); return 1; }
    PJ* raw = proj_create_crs_to_crs(ctx, "EPSG:4326", "EPSG:2154", nullptr);
    if (!raw) { std::printf("EPSG:2154 not found\n"); return 1; }
    PJ* p = proj_normalize_for_visualization(ctx, raw);
    PJ_COORD c = proj_trans(p, PJ_FWD, proj_coord(1.4442, 43.6047, 0, 0));
    std::printf("SDL %d.%d.%d SQLite %s PROJ %s X %.3f Y %.3f\n", v.major, v.minor, v.patch,
                sqlite3_libversion(), proj_info().release, c.xy.x, c.xy.y);
    proj_destroy(p);
    proj_destroy(raw);
    proj_context_destroy(ctx);
    return 0;
}
EOF
  # shellcheck disable=SC2086
  em++ $WASM_EH_FLAGS -O1 -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1 \
    -I"$STAGE_PREFIX/include" "$b/smoke.cpp" -o "$b/smoke.js" \
    -L"$STAGE_PREFIX/lib" -lproj -lsqlite3 -lSDL2 >"$logf" 2>&1 \
    || { tail -n 30 "$logf" >&2; die "smoke test link failed"; }
  local out
  # Node 20's experimental fetch breaks emscripten 3.1.6 output.
  out=$(node --no-experimental-fetch "$b/smoke.js" "$STAGE_PREFIX/share/proj" 2>>"$logf") \
    || { printf '%s\n' "$out" >&2; tail -n 30 "$logf" >&2; die "smoke test failed"; }
  log "smoke test: $out"
  case "$out" in
    *"X 574357.82"*"Y 6279642.97"*) ;;
    *) die "smoke test gave an unexpected result: $out" ;;
  esac
}

build_wasm_prefix() {
  local f
  STAGE_ROOT=$(mktemp -d "$CACHE/.stage-$WASM_KEY.XXXXXX")
  BUILD_ROOT="$STAGE_ROOT.build"
  STAGE_PREFIX="$STAGE_ROOT$WASM_PREFIX"
  LOG_DIR="$CACHE/logs/wasm-$WASM_KEY"
  rm -rf "$LOG_DIR"; mkdir -p "$BUILD_ROOT" "$STAGE_PREFIX" "$LOG_DIR"
  export NODE_PATH=/usr/share/nodejs   # where Debian puts node-acorn, needed by emcc

  # SDL2's configure step is a long series of single emcc checks that leaves a
  # core idle, so it runs beside SQLite and PROJ. Job control gives it its own
  # process group, which the exit trap can stop as a whole.
  log "building SDL2 $SDL2_VERSION for wasm in the background (log: $LOG_DIR/sdl2.log)"
  set -m
  ( build_sdl2 "$SDL2_SRC" ) &
  SDL2_PID=$!
  set +m
  log "building SQLite $SQLITE_VERSION for wasm (log: $LOG_DIR/sqlite.log)"
  build_sqlite "$SQLITE_SRC"
  log "building PROJ $PROJ_VERSION for wasm (log: $LOG_DIR/proj.log)"
  build_proj "$PROJ_SRC"
  log "waiting for SDL2"
  local status=0
  wait "$SDL2_PID" || status=$?
  SDL2_PID=""
  [ "$status" -eq 0 ] || die "SDL2 build failed (log: $LOG_DIR/sdl2.log)"

  # Installed CMake and pkg-config files point at the staged SQLite; make them
  # point at the final prefix.
  local pattern
  pattern=$(printf '%s' "$STAGE_ROOT" | sed 's/[][\\.*^$|]/\\&/g')
  grep -rlIF "$STAGE_ROOT" "$STAGE_PREFIX" | while IFS= read -r f; do
    sed -i "s|$pattern||g" "$f"
  done
  if grep -rlF "$STAGE_ROOT" "$STAGE_PREFIX" >&2; then
    die "files above still refer to the staging directory"
  fi
  for f in include/SDL2/SDL.h include/proj.h include/sqlite3.h \
           lib/libSDL2.a lib/libproj.a lib/libsqlite3.a \
           lib/cmake/SDL2/SDL2Config.cmake lib/cmake/proj/proj-config.cmake \
           share/proj/proj.db; do
    [ -e "$STAGE_PREFIX/$f" ] || die "build finished without $f"
  done

  smoke_test_prefix

  cat >"$STAGE_PREFIX/BUILD-INFO.txt" <<EOF
key $WASM_KEY
libsdl2 $SDL2_VERSION
sqlite3 $SQLITE_VERSION
proj $PROJ_VERSION
$KEY_TOOLS
flags $WASM_OPT_FLAGS $WASM_EH_FLAGS
EOF
  mv "$STAGE_PREFIX" "$WASM_PREFIX"
  rm -rf "$STAGE_ROOT" "$BUILD_ROOT"
  STAGE_ROOT=""
}

cleanup() {
  if [ -n "${SDL2_PID:-}" ]; then
    kill -- "-$SDL2_PID" 2>/dev/null || true
    wait "$SDL2_PID" 2>/dev/null || true
  fi
  if [ -n "${STAGE_ROOT:-}" ]; then
    rm -rf "$STAGE_ROOT" "$STAGE_ROOT.build"
  fi
}

# ---------------------------------------------------------------------------
# 5. build/deps.cmake
# ---------------------------------------------------------------------------
write_deps_cmake() {
  local out="$REPO_ROOT/build/deps.cmake" prefix=${WASM_PREFIX:-} native_proj native_sdl
  mkdir -p "$REPO_ROOT/build"
  if [ "$NATIVE_ONLY" = 1 ] && [ -f "$out" ]; then
    # Keep a wasm prefix written by an earlier full run, if it is still there.
    prefix=$(sed -n 's/^set(CATALYSEURS_WASM_PREFIX "\(.*\)")$/\1/p' "$out")
    [ -n "$prefix" ] && [ -f "$prefix/share/proj/proj.db" ] || prefix=""
  fi
  native_proj=$(dpkg-query -W -f='${Version}' libproj-dev 2>/dev/null || echo missing)
  native_sdl=$(dpkg-query -W -f='${Version}' libsdl2-dev 2>/dev/null || echo missing)
  local tmp="$out.tmp.$$"
  {
    echo "# Written by scripts/bootstrap-deps.sh; do not edit, run the script again."
    echo "# Debian source packages: libsdl2 ${SDL2_VERSION:-not fetched}, sqlite3 ${SQLITE_VERSION:-not fetched},"
    echo "#   proj ${PROJ_VERSION:-not fetched}, imgui $IMGUI_VERSION, python-mapbox-earcut $EARCUT_VERSION"
    echo "# Native packages: libsdl2-dev $native_sdl, libproj-dev $native_proj"
    echo "set(CATALYSEURS_IMGUI_DIR \"$IMGUI_SRC\")"
    echo "set(CATALYSEURS_EARCUT_DIR \"$EARCUT_DIR\")"
    if [ -n "$prefix" ]; then
      echo "set(CATALYSEURS_WASM_PREFIX \"$prefix\")"
      echo "set(CATALYSEURS_WASM_PROJ_DB \"$prefix/share/proj/proj.db\")"
    else
      echo "# No wasm prefix: run scripts/bootstrap-deps.sh without --native-only."
      echo "set(CATALYSEURS_WASM_PREFIX \"\")"
      echo "set(CATALYSEURS_WASM_PROJ_DB \"\")"
    fi
    echo "set(CATALYSEURS_NATIVE_PROJ_DB \"$NATIVE_PROJ_DB\")"
  } >"$tmp"
  mv "$tmp" "$out"
}

check_native_versions() {
  local pkg pin v
  for pkg in "libsdl2-dev 2.26.5" "libproj-dev 9.1.1"; do
    pin=${pkg#* }; pkg=${pkg% *}
    v=$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null || true)
    v=${v#*:}; v=${v%%[+~-]*}
    [ "$v" = "$pin" ] || log "warning: $pkg is $v, the wasm build uses $pin; native and wasm results may differ"
  done
  [ -f "$NATIVE_PROJ_DB" ] || die "$NATIVE_PROJ_DB is missing (package proj-data)"
}

# ---------------------------------------------------------------------------
main() {
  trap cleanup EXIT
  mkdir -p "$CACHE"
  exec 9>"$CACHE/.lock"
  if ! flock -n 9; then
    log "waiting for another bootstrap using $CACHE"
    flock 9
  fi
  # Anything staged by an interrupted run is garbage now that we hold the lock.
  rm -rf "$CACHE"/.stage-* "$CACHE"/src/.extract-*

  install_packages
  check_native_versions
  detect_mirrors

  local entry name dist pin dists=()
  for entry in "${SOURCE_PINS[@]}"; do
    read -r name dist pin <<<"$entry"
    # ImGui and earcut go into both targets, the others only into the wasm prefix.
    if [ "$NATIVE_ONLY" = 1 ] && [ "$name" != imgui ] && [ "$name" != python-mapbox-earcut ]; then
      continue
    fi
    case " ${dists[*]} " in *" $dist "*) ;; *) dists+=("$dist"); setup_private_apt "$dist" ;; esac
    fetch_source "$name" "$dist" "$pin"
    case "$name" in
      libsdl2) SDL2_VERSION=$SRC_VERSION; SDL2_SRC=$SRC_DIR ;;
      sqlite3) SQLITE_VERSION=$SRC_VERSION; SQLITE_SRC=$SRC_DIR ;;
      proj) PROJ_VERSION=$SRC_VERSION; PROJ_SRC=$SRC_DIR ;;
      imgui) IMGUI_VERSION=$SRC_VERSION; IMGUI_SRC=$SRC_DIR ;;
      python-mapbox-earcut) EARCUT_VERSION=$SRC_VERSION; EARCUT_DIR=$(earcut_include_dir "$SRC_DIR") || exit 1 ;;
      *) die "no build rule for $name" ;;
    esac
  done
  [ -f "$IMGUI_SRC/imgui.cpp" ] && [ -f "$IMGUI_SRC/backends/imgui_impl_sdl2.cpp" ] \
    || die "$IMGUI_SRC does not look like an ImGui source tree"

  WASM_PREFIX=""
  if [ "$NATIVE_ONLY" = 0 ]; then
    KEY_TOOLS="emcc $(emcc -dumpversion) ($(dpkg-query -W -f='${Version}' emscripten 2>/dev/null || echo unknown)), cmake $(cmake --version | awk 'NR==1{print $3}'), sqlite3 CLI $(sqlite3 --version | awk '{print $1}')"
    WASM_KEY=$( {
        printf 'libsdl2 %s\nsqlite3 %s\nproj %s\n%s\n' "$SDL2_VERSION" "$SQLITE_VERSION" "$PROJ_VERSION" "$KEY_TOOLS"
        recipe_text
      } | sha256sum | cut -c1-12)
    WASM_PREFIX="$CACHE/wasm-$WASM_KEY"
    if [ -f "$WASM_PREFIX/BUILD-INFO.txt" ]; then
      log "wasm prefix up to date: $WASM_PREFIX"
    else
      log "building wasm prefix $WASM_PREFIX (a few minutes)"
      build_wasm_prefix
    fi
  fi

  write_deps_cmake

  echo
  echo "Dependencies ready in $((SECONDS - START_SECONDS)) s"
  echo "  imgui    $IMGUI_VERSION  $IMGUI_SRC"
  echo "  earcut   $EARCUT_VERSION (python-mapbox-earcut)  $EARCUT_DIR"
  if [ -n "$WASM_PREFIX" ]; then
    echo "  libsdl2  $SDL2_VERSION"
    echo "  sqlite3  $SQLITE_VERSION"
    echo "  proj     $PROJ_VERSION"
    echo "  wasm     $WASM_PREFIX"
  else
    echo "  wasm     skipped (--native-only)"
  fi
  echo "  cmake    $REPO_ROOT/build/deps.cmake"
}

main
