#!/usr/bin/env bash
# Quick start, second command: installs what is needed, builds, and runs the whole
# test suite (unit, corpus, end-to-end with a real Postfix, miltertest).
#   bash scripts/test.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/install-deps.sh" --test
bash "$root/scripts/build.sh"
cd "${BUILD_DIR:-$root/build}"
ctest --output-on-failure
