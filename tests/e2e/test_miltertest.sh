#!/usr/bin/env bash
# Runs the miltertest Lua scripts (tests/miltertest/*.lua) against the milter
# on a private unix socket: the milter protocol end to end, without an MTA.
set -euo pipefail
command -v miltertest >/dev/null || { echo "SKIP: miltertest not installed"; exit 77; }
[[ -x "${MILTER_BIN:-}" ]] || { echo "FAIL: MILTER_BIN not set"; exit 1; }
T=$(mktemp -d /tmp/smtp-explain-mt.XXXXXX)
pid=
cleanup() {
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$T"
}
trap cleanup EXIT
user_args=(--allow-root)
[[ $(id -u) -ne 0 ]] && user_args=()
"$MILTER_BIN" --foreground "${user_args[@]}" --socket "unix:$T/milter.sock" >"$T/milter.log" 2>&1 &
pid=$!
status=0
for script in "$(dirname "$0")"/../miltertest/*.lua; do
  if MILTER_SOCKET="unix:$T/milter.sock" miltertest -s "$script"; then
    echo "PASS: $(basename "$script")"
  else
    echo "FAIL: $(basename "$script")"
    status=1
  fi
done
[[ $status -eq 0 ]] || cat "$T/milter.log"
exit $status
