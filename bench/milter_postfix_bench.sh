#!/usr/bin/env bash
# Throughput of a private Postfix to discard: with and without
# smtp-explain-milter, for ordinary mail and for a stream of bounces, and the
# milter's RSS before and after. Not a test: prints numbers. Needs root.
#   MILTER_BIN=build/smtp-explain-milter SHARED_DIR=../shared bash bench/milter_postfix_bench.sh
# BENCH_COUNT (default 1000) messages per run, BENCH_SESSIONS (10) in parallel.
root=$(cd "$(dirname "$0")/.." && pwd)
: "${MILTER_BIN:=$root/build/smtp-explain-milter}" "${SHARED_DIR:=$root/../shared}"
export MILTER_BIN SHARED_DIR SOURCE_DIR=$root
source "$root/tests/e2e/lib.sh"
e2e_init "$@"
command -v smtp-source >/dev/null || e2e_skip "smtp-source missing (postfix package)"
COUNT=${BENCH_COUNT:-1000}
SESSIONS=${BENCH_SESSIONS:-10}

write_milter_config 'log_level = "info"'
start_milters
start_postfix
bounce="$SHARED_DIR/corpus/sisimai/lf/rhost-google-05.eml"
sed 's/$/\r/' "$bounce" >"$T/msg/bounce.eml"

rss() { ps -o rss= -p "$MILTER_PID_smtpd" | tr -d ' '; }

set_milters() {  # on|off
  if [[ $1 == on ]]; then
    postconf -c "$T/etc" -e "smtpd_milters = unix:$T/run/milter.sock" >/dev/null
  else
    postconf -c "$T/etc" -e "smtpd_milters =" >/dev/null
  fi
  postfix -c "$T/etc" reload >/dev/null 2>&1
  sleep 1
}

run() {  # label, smtp-source args...
  local label=$1
  shift
  local start end
  start=$(date +%s.%N)
  smtp-source -s "$SESSIONS" -m "$COUNT" "$@" -t user@sink.test "127.0.0.1:$SMTP_PORT"
  wait_queue_empty 600
  end=$(date +%s.%N)
  awk -v l="$label" -v n="$COUNT" -v s="$start" -v e="$end" \
    'BEGIN { printf "%-34s %6d msgs %7.2f s %8.1f msgs/s\n", l, n, e - s, n / (e - s) }'
}

echo "milter RSS at start: $(rss) KiB"
set_milters off
run "ordinary, no milter" -l 1000 -f sender@test.local
run "bounces, no milter" -F "$T/msg/bounce.eml" -f ""
set_milters on
run "ordinary, with milter" -l 1000 -f sender@test.local
echo "milter RSS after ordinary mail: $(rss) KiB"
run "bounces, with milter" -F "$T/msg/bounce.eml" -f ""
echo "milter RSS after bounces: $(rss) KiB"
echo "annotated bounces logged: $(grep -c 'annotated' "$T/log/milter-smtpd.log")"
