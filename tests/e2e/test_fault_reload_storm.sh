#!/usr/bin/env bash
# Fault run under load with a real Postfix (see lib.sh): SIGHUP every 50 ms
# for 10 s while mail flows. Each reload re-reads the configuration and the
# catalog file (alternately English and Spanish). Nothing may be lost, every
# bounce must be annotated (the milter never stops serving), and the milter
# must have reloaded many times without an error. Counts are printed.
source "$(dirname "$0")/lib.sh"
e2e_init "$@"
command -v smtp-source >/dev/null || e2e_skip "smtp-source missing (postfix package)"

cp "$SOURCE_DIR/conf/catalog/en.toml" "$T/catalog.toml"
chmod 644 "$T/catalog.toml"
write_milter_config 'log_level = "info"' "catalog_file = \"$T/catalog.toml\""
cp "$T/milter.toml" "$T/milter-en.toml"
sed 's/^log_level = "info"$/log_level = "info"\nlanguage = "es"/' "$T/milter-en.toml" >"$T/milter-es.toml"
chmod 644 "$T"/milter-*.toml
start_milter smtpd "unix:$T/run/milter.sock"
start_postfix
postconf -c "$T/etc" -e "non_smtpd_milters =" >/dev/null
postfix_reload

# SIGHUP every 50 ms for 10 s, switching the language every 10th time.
storm() {
  local i
  for ((i = 0; i < 200; i++)); do
    if ((i % 10 == 0)); then
      cp "$T/milter-$( ((i / 10 % 2)) && echo es || echo en).toml" "$T/milter.toml.new"
      mv "$T/milter.toml.new" "$T/milter.toml"
    fi
    kill -HUP "$MILTER_PID_smtpd" || return 1
    sleep 0.05
  done
}

sent=0 bounces=0
storm &
storm_pid=$!
# Waves of load until the storm is over: 450 ordinary + 50 bounces each.
while kill -0 "$storm_pid" 2>/dev/null; do
  start_load ordinary 450 9
  start_load bounces 50 1
  wait_load
  sent=$((sent + 500))
  bounces=$((bounces + 50))
done
wait "$storm_pid" || e2e_fail "the milter died during the SIGHUP storm"
kill -0 "$MILTER_PID_smtpd" || e2e_fail "the milter died during the SIGHUP storm"
check_counts "SIGHUP every 50 ms for 10 s" "$sent"
reloads=$(grep -c 'reloaded configuration' "$T/log/milter-smtpd.log" || true)
failed=$(grep -c 'reload failed' "$T/log/milter-smtpd.log" || true)
annotated=$(annotated_count)
e2e_log "200 SIGHUPs sent, $reloads reloads done (signals arriving during a reload merge), $failed failed"
e2e_log "bounces delivered $(mail_count user) of $bounces, annotated $annotated"
((reloads >= 20)) || e2e_fail "only $reloads reloads"
((failed == 0)) || e2e_fail "$failed reloads failed"
[[ $(mail_count user) -eq $bounces && $annotated -eq $bounces ]] ||
  e2e_fail "a bounce went unannotated during the storm"
languages=$(grep -h '^X-SMTP-Explain:' "$T/mail/user/new"/* | sort -u | wc -l)
((languages == 2)) ||
  e2e_fail "$languages distinct explanations, expected 2 (English, Spanish): switches did not take"
check_milter_logs_clean
e2e_log "PASS"
