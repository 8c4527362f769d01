#!/usr/bin/env bash
# Fault runs with a real Postfix (see lib.sh): a milter slower than Postfix's
# milter timeouts, and a stop while a message is inside the milter.
#   1. Every end-of-headers callback sleeps 6 s (SMTP_EXPLAIN_MILTER_TEST_DELAY)
#      against milter_content_timeout = 2s: 40 messages (20 ordinary, 20
#      bounces) from 10 sessions are all delivered, unannotated, and none is
#      held in smtpd longer than the timeout allows (Postfix's "delays=a/..."
#      field, the time before the queue manager, stays under 2 s + 2 s).
#   2. Every end-of-message callback sleeps 3 s (milter_content_timeout now
#      10s) and a SIGTERM arrives while a bounce is inside it: the bounce
#      finishes, annotated, then the milter exits 0.
source "$(dirname "$0")/lib.sh"
e2e_init "$@"
command -v smtp-source >/dev/null || e2e_skip "smtp-source missing (postfix package)"
METRICS_PORT=9125

write_milter_config 'log_level = "info"' "metrics = \"127.0.0.1:$METRICS_PORT\""
SMTP_EXPLAIN_MILTER_TEST_DELAY=eoh:6000 start_milter smtpd "unix:$T/run/milter.sock"
start_postfix
postconf -c "$T/etc" -e "non_smtpd_milters =" "milter_content_timeout = 2s" >/dev/null
postfix_reload

# --- 1. slower than milter_content_timeout ----------------------------------
start=$(date +%s)
start_load ordinary 20 5
start_load bounces 20 5
wait_load
check_counts "case 1 (slow milter)" 40
elapsed=$(($(date +%s) - start))
timeouts=$(grep -c 'milter unix:.*timed out\|milter unix:.*Connection timed out' "$T/log/postfix.log" || true)
worst=$(grep -o 'delays=[0-9.]*' "$T/log/postfix.log" | cut -d= -f2 | sort -n | tail -1)
e2e_log "case 1: 40 messages in ${elapsed}s, $timeouts milter timeouts logged by Postfix, longest time before the queue manager ${worst}s"
((timeouts >= 40)) || e2e_fail "case 1: expected a milter timeout per message, Postfix logged $timeouts"
awk -v w="$worst" 'BEGIN { exit !(w < 4.0) }' ||
  e2e_fail "case 1: a message waited ${worst}s in smtpd (timeout 2s)"
[[ $(annotated_count) -eq 0 ]] || e2e_fail "case 1: a bounce was annotated despite the timeout"
kill -0 "$MILTER_PID_smtpd" || e2e_fail "case 1: the milter died"

# --- 2. SIGTERM with a bounce inside the milter -----------------------------
kill -TERM "$MILTER_PID_smtpd"
wait "$MILTER_PID_smtpd" || true
mv "$T/log/milter-smtpd.log" "$T/log/milter-smtpd-slow.log"
postconf -c "$T/etc" -e "milter_content_timeout = 10s" >/dev/null
postfix_reload
SMTP_EXPLAIN_MILTER_TEST_DELAY=eom:3000 start_milter smtpd "unix:$T/run/milter.sock"
before=$(mail_count user)
start_load bounces 1 1
in_flight=0
for _ in $(seq 1 50); do
  in_flight=$(metric_value $METRICS_PORT smtp_explain_messages_in_flight)
  [[ $in_flight -ge 1 ]] && break
  sleep 0.05
done
[[ $in_flight -ge 1 ]] || e2e_fail "case 2: the bounce never reached the milter"
kill -TERM "$MILTER_PID_smtpd"
status=0
wait "$MILTER_PID_smtpd" || status=$?
wait_load
wait_mail_count user $((before + 1))
grep -E 'stopping|stopped' "$T/log/milter-smtpd.log" | sed 's/^/    /'
[[ $status -eq 0 ]] || e2e_fail "case 2: the milter exited $status"
grep -q "stopping: 1 messages in flight" "$T/log/milter-smtpd.log" ||
  e2e_fail "case 2: the stop did not see the message in flight"
if grep -q "still in flight" "$T/log/milter-smtpd.log"; then
  e2e_fail "case 2: the message in flight was cut"
fi
[[ $(annotated_count) -eq 1 ]] || e2e_fail "case 2: the bounce in flight was not annotated"
e2e_log "case 2: the bounce inside the milter at SIGTERM was finished and annotated"
check_milter_logs_clean
e2e_log "PASS"
