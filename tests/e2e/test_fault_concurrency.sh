#!/usr/bin/env bash
# Load with a real Postfix (see lib.sh): 200 concurrent SMTP sessions (smtpd's
# process limit raised to 250 for this listener). So that their milter
# connections really overlap on a small machine, each end-of-headers callback
# takes 300 ms (SMTP_EXPLAIN_MILTER_TEST_DELAY); the most connections seen open
# at once is printed (130 on the shared 2-core development machine, where
# Postfix's smtpd processes are the limit) and must be well beyond the usual
# 10 (at least 50). 1,800 ordinary messages and 200 bounces: nothing lost,
# every message seen by the milter (none passed because it could not be
# reached), every bounce annotated. Counts are printed.
source "$(dirname "$0")/lib.sh"
e2e_init "$@"
command -v smtp-source >/dev/null || e2e_skip "smtp-source missing (postfix package)"
METRICS_PORT=9126
PORT=2540

write_milter_config 'log_level = "info"' "metrics = \"127.0.0.1:$METRICS_PORT\""
SMTP_EXPLAIN_MILTER_TEST_DELAY=eoh:300 start_milter smtpd "unix:$T/run/milter.sock"
start_postfix
postconf -c "$T/etc" -e "non_smtpd_milters =" >/dev/null
add_smtpd_port $PORT "unix:$T/run/milter.sock" 250
postfix_reload

peak_file="$T/peak"
echo 0 >"$peak_file"
sample_peak() {  # the most milter connections open at once, sampled
  local peak=0 now
  while :; do
    now=$(metric_value $METRICS_PORT smtp_explain_connections_open)
    if ((now > peak)); then
      peak=$now
      echo "$peak" >"$peak_file"
    fi
    sleep 0.02
  done
}
sample_peak &
sampler=$!
start_load ordinary 1800 180 $PORT
start_load bounces 200 20 $PORT
wait_load
kill "$sampler" 2>/dev/null
wait "$sampler" 2>/dev/null || true
check_counts "200 concurrent sessions" 2000
seen=$(metric_value $METRICS_PORT smtp_explain_messages_total)
e2e_log "milter saw $seen messages, at most $(cat "$peak_file") connections open at once (sampled)"
e2e_log "bounces delivered $(mail_count user), annotated $(annotated_count)"
[[ $seen -eq 2000 ]] || e2e_fail "the milter saw $seen of 2000 messages"
if grep -q 'connect to Milter service' "$T/log/postfix.log"; then
  e2e_fail "Postfix could not reach the milter: $(grep -m1 'connect to Milter service' "$T/log/postfix.log")"
fi
[[ $(mail_count user) -eq 200 && $(annotated_count) -eq 200 ]] || e2e_fail "a bounce went unannotated"
(($(cat "$peak_file") >= 50)) || e2e_fail "never more than $(cat "$peak_file") connections at once"
check_milter_logs_clean
e2e_log "PASS"
