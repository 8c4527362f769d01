#!/usr/bin/env bash
# The metrics endpoint scraped during an end-to-end run with a real Postfix
# (see lib.sh). The milter runs with metrics = "127.0.0.1:PORT"; mail passes:
# ordinary messages (passed at end of headers), one carrying a forged
# X-SMTP-Explain field, and corpus bounces. Scrapes while mail flows must show
# the counters rising; the final scrape must hold exactly what was sent:
# messages, header-stage skips, removed fields, bounces by kind and class and
# recipients by class, reason and provider as `smtp-explain check --json`
# finds them for the same files, no internal error, one time observation per
# message. The text must be valid Prometheus exposition, the endpoint bound to
# loopback only, and SIGUSR1 must write the same figures to the log.
source "$(dirname "$0")/lib.sh"
e2e_init "$@"
command -v smtp-source >/dev/null || e2e_skip "smtp-source missing (postfix package)"
[[ -x "${CLI_BIN:-}" ]] || e2e_fail "CLI_BIN not set"
PORT=9127
CORPUS="$SHARED_DIR/corpus/sisimai/lf"
BOUNCES=(rhost-google-05.eml lhost-zoho-05.eml lhost-postfix-53.eml lhost-exim-51.eml)

write_milter_config 'log_level = "info"' "metrics = \"127.0.0.1:$PORT\""
start_milter smtpd "unix:$T/run/milter.sock"
start_postfix
postconf -c "$T/etc" -e "non_smtpd_milters =" >/dev/null
postfix_reload

ss -ltnH "sport = :$PORT" | awk '{ print $4 }' >"$T/listen"
[[ "$(cat "$T/listen")" == "127.0.0.1:$PORT" ]] ||
  e2e_fail "metrics endpoint listens on '$(cat "$T/listen")', not 127.0.0.1:$PORT only"
curl_metrics() {
  exec {fd}<>"/dev/tcp/127.0.0.1/$PORT"
  printf 'GET /metrics HTTP/1.0\r\nHost: localhost\r\n\r\n' >&"$fd"
  cat <&"$fd"
  exec {fd}>&-
}

# Mail: 300 ordinary messages in the background, scraped while they flow.
start_load ordinary 300 5
samples=()
while load_running; do
  samples+=("$(metric_value $PORT smtp_explain_messages_total)")
  sleep 0.2
done
wait_load
e2e_log "messages_total while mail flowed: ${samples[*]}"
rising=$(printf '%s\n' "${samples[@]}" | awk '$1 > 0 && $1 < 300' | sort -un | wc -l)
((rising >= 2)) || e2e_fail "fewer than two distinct in-between values scraped during the run"

# One forged field, then each bounce file twice, with MAIL FROM:<>.
send_mail friend@example.org user@test.local --header "X-SMTP-Explain-Class: success"
for f in "${BOUNCES[@]}"; do
  for _ in 1 2; do send_mail '<>' user@test.local --data "@$CORPUS/$f"; done
done
wait_mail_count user $((1 + 2 * ${#BOUNCES[@]}))
check_counts "metrics run" $((300 + 1 + 2 * ${#BOUNCES[@]}))

curl_metrics | tr -d '\r' | sed '1,/^$/d' >"$T/metrics.txt"
for f in "${BOUNCES[@]}"; do "$CLI_BIN" check --json "$CORPUS/$f"; done >"$T/cli.jsonl"
/usr/bin/python3 - "$T/metrics.txt" "$T/cli.jsonl" "${#BOUNCES[@]}" <<'PY' || e2e_fail "metrics differ from what was sent"
import json, re, sys
from collections import Counter
text = open(sys.argv[1]).read()
sample = re.compile(r'^([a-z_]+)(\{(?:[a-z_]+="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.e+]+|\+Inf|NaN)$')
values = {}
for line in text.splitlines():
    if line.startswith("# HELP ") or line.startswith("# TYPE "):
        continue
    m = sample.match(line)
    assert m, f"not Prometheus text: {line!r}"
    values[m.group(1) + (m.group(2) or "")] = float(m.group(3))
n_files = int(sys.argv[3])
sent = 300 + 1 + 2 * n_files
def want(name, value):
    got = values.get(name, 0.0)
    assert got == value, f"{name} = {got}, expected {value}"
    print(f"  {name} = {got:g}")
want("smtp_explain_messages_total", sent)
want("smtp_explain_header_stage_skips_total", 300)
want("smtp_explain_inbound_fields_removed_total", 1)
want("smtp_explain_message_duration_seconds_count", sent)
want("smtp_explain_messages_in_flight", 0)
assert all(v == 0 for k, v in values.items() if k.startswith("smtp_explain_internal_errors_total")), \
    "internal errors counted"
bounces, annotated, recipients = Counter(), Counter(), Counter()
for line in open(sys.argv[2]):
    r = json.loads(line)
    assert r["bounce"] and r["headers"], f"{r['file']}: the CLI annotates no header"
    bounces[(r["kind"], r["class"])] += 2
    annotated[r["class"]] += 2
    for rc in r["recipients"][:20]:
        recipients[(rc["class"] or "none", rc["reason"] or "none", rc["provider"] or "none")] += 2
for (kind, cls), n in bounces.items():
    want(f'smtp_explain_bounces_total{{kind="{kind}",class="{cls}"}}', n)
for cls, n in annotated.items():
    want(f'smtp_explain_bounces_annotated_total{{class="{cls}"}}', n)
for (cls, reason, provider), n in recipients.items():
    want(f'smtp_explain_recipients_annotated_total{{class="{cls}",reason="{reason}",provider="{provider}"}}', n)
buckets = [v for k, v in values.items() if k.startswith("smtp_explain_message_duration_seconds_bucket")]
assert buckets == sorted(buckets), "histogram buckets not cumulative"
assert values['smtp_explain_message_duration_seconds_bucket{le="+Inf"}'] == sent
PY

kill -USR1 "$MILTER_PID_smtpd"
for _ in $(seq 1 50); do
  grep -q "metrics: messages=$((300 + 1 + 2 * ${#BOUNCES[@]})) header_stage_skips=300 " \
    "$T/log/milter-smtpd.log" && break
  sleep 0.1
done
grep 'metrics: ' "$T/log/milter-smtpd.log" | sed 's/^/    /'
grep -q "metrics: messages=$((300 + 1 + 2 * ${#BOUNCES[@]})) header_stage_skips=300 " \
  "$T/log/milter-smtpd.log" || e2e_fail "SIGUSR1 did not log the metrics"
kill -0 "$MILTER_PID_smtpd" || e2e_fail "the milter died of SIGUSR1"
check_milter_logs_clean
e2e_log "PASS"
