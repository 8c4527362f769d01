#!/usr/bin/env bash
# Fault runs under load with a real Postfix (see lib.sh), nothing may be lost:
#   1. SIGKILL of the milter in the middle of 2,000 messages: every message is
#      delivered (those after the kill unannotated: milter_default_action).
#   2. A restart under load (SIGTERM, then a new milter on the same socket,
#      400 messages into 4,000): the stopping milter finishes or passes its
#      messages in flight and exits cleanly, the new one takes over while the
#      load goes on.
# Load: 90% ordinary messages to discard:, 10% corpus bounces to a Maildir,
# 10 SMTP sessions, one message per session. Counts of messages in and out are printed.
source "$(dirname "$0")/lib.sh"
e2e_init "$@"
command -v smtp-source >/dev/null || e2e_skip "smtp-source missing (postfix package)"

write_milter_config 'log_level = "info"'
start_milter smtpd "unix:$T/run/milter.sock"
start_postfix
postconf -c "$T/etc" -e "non_smtpd_milters =" >/dev/null
postfix_reload

run_load() {  # N: ordinary and bounce streams in the background, N messages
  start_load ordinary $(($1 * 9 / 10)) 9  # as many per session as the bounce stream
  start_load bounces $(($1 / 10)) 1
}

# --- 1. SIGKILL -------------------------------------------------------------
run_load 2000
wait_delivered 600
load_running || e2e_fail "case 1: the load ended before the kill"
kill -9 "$MILTER_PID_smtpd"
wait "$MILTER_PID_smtpd" 2>/dev/null || true
killed_at=$(delivered_count)
e2e_log "case 1: milter killed after $killed_at messages delivered"
wait_load
check_counts "case 1 (SIGKILL)" 2000
grep -q "connect to Milter service unix:$T/run/milter.sock" "$T/log/postfix.log" ||
  e2e_fail "case 1: Postfix did not notice the milter was gone"
annotated=$(annotated_count)
e2e_log "case 1: bounces delivered $(mail_count user), annotated $annotated (before the kill)"
[[ $(mail_count user) -eq 200 ]] || e2e_fail "case 1: $(mail_count user) bounces of 200 delivered"
((annotated > 0)) || e2e_fail "case 1: no bounce annotated before the kill"

# --- 2. restart under load --------------------------------------------------
start_milter smtpd "unix:$T/run/milter.sock"
first=$MILTER_PID_smtpd
run_load 4000
wait_delivered 2400
load_running || e2e_fail "case 2: the load ended before the restart"
kill -TERM "$first"
status=0
wait "$first" || status=$?
[[ $status -eq 0 ]] || e2e_fail "case 2: the milter exited $status on SIGTERM"
grep -q "smtp-explain-milter stopped$" "$T/log/milter-smtpd.log" ||
  e2e_fail "case 2: no clean stop logged: $(tail -3 "$T/log/milter-smtpd.log")"
grep -E 'stopping|stopped' "$T/log/milter-smtpd.log" | sed 's/^/    /'
grep -q "still in flight" "$T/log/milter-smtpd.log" &&
  e2e_fail "case 2: messages in flight did not finish"
mv "$T/log/milter-smtpd.log" "$T/log/milter-smtpd-first.log"
restarted_at=$(delivered_count)
start_milter smtpd "unix:$T/run/milter.sock"
e2e_log "case 2: milter stopped and restarted after $((restarted_at - 2000)) messages delivered"
load_running || e2e_fail "case 2: the load ended before the new milter was up"
wait_load
check_counts "case 2 (restart)" 6000
after=$(grep -c 'annotated dsn bounce' "$T/log/milter-smtpd.log" || true)
e2e_log "case 2: bounces delivered $(mail_count user), annotated $(annotated_count); $after by the new milter"
[[ $(mail_count user) -eq 600 ]] || e2e_fail "case 2: $(mail_count user) bounces of 600 delivered"
((after > 0)) || e2e_fail "case 2: the restarted milter annotated nothing"
check_milter_logs_clean
e2e_log "PASS"
