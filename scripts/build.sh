#!/usr/bin/env bash
# Configures and builds smtp-explain into build/ (or $BUILD_DIR).
#   scripts/build.sh [--target NAME]... [CMAKE_ARGS...]
# With --target only those targets are built (scripts/run.sh builds just the
# milter); without, everything (tests included). ccache is used if installed.
# BUILD_TYPE (default RelWithDebInfo) and BUILD_JOBS (default: cores) apply.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
targets=()
cmake_args=()
while (($#)); do
  case "$1" in
    --target) targets+=(--target "$2"); shift 2 ;;
    *) cmake_args+=("$1"); shift ;;
  esac
done
if command -v ccache >/dev/null; then
  cmake_args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  # Hits across clones and build directories (paths relative to the source).
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$root} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
fi
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" \
  "${cmake_args[@]}" >/dev/null
cmake --build "$build" -j"${BUILD_JOBS:-$(nproc)}" "${targets[@]}"
