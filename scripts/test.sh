#!/usr/bin/env bash
# Quick start, second command: installs what is needed, builds, and runs the
# whole test suite.
#   bash scripts/test.sh
# 1. build/ (RelWithDebInfo): every test through ctest: unit, daemon, corpus,
#    man pages, miltertest, end to end with a real Postfix (private instance,
#    and Debian's stock chrooted one with the quick start's lines), a real
#    Sendmail, and the Debian package installed and purged.
# 2. build-sanitize/ (-DSMTP_EXPLAIN_SANITIZE=ON: ASan + UBSan, every error
#    fatal): the unit, daemon and corpus tests and the fuzz replays.
# Under CI=true (.ci/run): warnings are errors, and a test that skips (exit 77,
# e.g. no namespaces on this machine) fails the run instead of passing quietly.
# SMTP_EXPLAIN_SANITIZE_STAGE=0 leaves out step 2 (quicker local runs).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
sanitize_build=${SANITIZE_BUILD_DIR:-$root/build-sanitize}
ci=${CI:-}
[[ "$ci" == false || "$ci" == 0 ]] && ci=

extra=()
if [[ -n "$ci" ]]; then extra+=(-DSMTP_EXPLAIN_WERROR=ON); fi

bash "$root/scripts/install-deps.sh" --test

# run_ctest DIR [ARGS]: ctest with its output kept, so skipped tests can be
# told apart from passed ones.
run_ctest() {
  local dir=$1 out
  shift
  out=$(mktemp)
  local rc=0
  (cd "$dir" && ctest --output-on-failure "$@") 2>&1 | tee "$out" || rc=$?
  if [[ $rc -eq 0 && -n "$ci" ]] && grep -q "(Skipped)\|\*\*\*Skipped" "$out"; then
    echo "test.sh: under CI a skipped test is a failure:" >&2
    grep "Skipped" "$out" >&2
    rc=1
  fi
  rm -f "$out"
  return $rc
}

start=$SECONDS
BUILD_DIR=$build bash "$root/scripts/build.sh" "${extra[@]}" -DSMTP_EXPLAIN_SANITIZE=OFF
echo "test.sh: build in $((SECONDS - start)) s"
run_ctest "$build"

if [[ "${SMTP_EXPLAIN_SANITIZE_STAGE:-1}" != 0 ]]; then
  start=$SECONDS
  # Only the programs these tests run (no end-to-end tests here: they ran
  # above), at -O1 with line tables: ASan's recommended level, and a build
  # that fits CI's budget on two cores.
  cmake -S "$root" -B "$sanitize_build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
    -DSMTP_EXPLAIN_SANITIZE=ON -DSMTP_EXPLAIN_FUZZ=ON -DSMTP_EXPLAIN_E2E=OFF "${extra[@]}" >/dev/null
  targets=(--target unit_tests --target daemon_tests --target corpus_tests)
  while read -r replay; do targets+=(--target "$replay"); done < <(
    cmake --build "$sanitize_build" --target help | sed -n 's/^\.\.\. \(replay_[a-z_]*\).*/\1/p')
  if ((${#targets[@]} <= 6)); then
    echo "test.sh: no fuzz replay targets (tests/fuzz/fuzz_*.cc) found" >&2
    exit 1
  fi
  BUILD_DIR=$sanitize_build BUILD_TYPE=Debug bash "$root/scripts/build.sh" "${targets[@]}"
  echo "test.sh: sanitizer build in $((SECONDS - start)) s"
  # halt_on_error: the first report fails the test; UBSan reports are errors.
  ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:abort_on_error=0 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    run_ctest "$sanitize_build" -R '^(unit|daemon|corpus|fuzz_replay_.*)$'
fi
