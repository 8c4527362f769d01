#!/usr/bin/env bash
# End to end with a real Postfix (see lib.sh): reloads and failures.
#   8. SIGHUP with a broken catalog file keeps the old catalog (and logs why);
#      SIGHUP with a good changed config (language = "es") takes effect; the
#      delivered header text equals what `smtp-explain check --json` renders.
#   6. milters killed mid-run: every message sent is still delivered, and the
#      ones sent after the kill are not annotated.
source "$(dirname "$0")/lib.sh"
e2e_init "$@"

CORPUS="$SHARED_DIR/corpus/sisimai/lf"
DSN_FILE="$CORPUS/rhost-google-05.eml"
[[ -x "${CLI_BIN:-}" ]] || e2e_fail "CLI_BIN not set"

cp "$SOURCE_DIR/conf/catalog/en.toml" "$T/catalog.toml"
chmod 644 "$T/catalog.toml"
write_milter_config "catalog_file = \"$T/catalog.toml\""
start_fake_remote
start_milters
start_postfix

# A copy of the corpus bounce tagged with a sequence number (and, while FORGE
# is set, a forged X-SMTP-Explain-Class field), sent with MAIL FROM:<>.
seq=0
FORGE=1
send_tagged() {
  seq=$((seq + 1))
  {
    printf 'X-E2E-Seq: %s\n' "$seq"
    [[ -n "$FORGE" ]] && printf 'X-SMTP-Explain-Class: success\n'
    cat "$1"
  } >"$T/msg/tagged-$seq.eml"
  send_mail "${2:-<>}" user@test.local --data "@$T/msg/tagged-$seq.eml"
}
tagged_mail() { grep -l "^X-E2E-Seq: $1\$" "$T/mail/user/new"/* | head -1; }

# The X-SMTP-Explain value the CLI renders for the corpus file in a language.
cli_explain() {
  "$CLI_BIN" check --json --lang "$1" "$DSN_FILE" | /usr/bin/python3 -c '
import json, sys
r = json.loads(sys.stdin.readline())
for name, value in r["headers"]:
    if name == "X-SMTP-Explain":
        print(" ".join(value.split()))
        break'
}
expect_explain() {  # SEQ LANG
  local got want
  got=$(header_values "$(tagged_mail "$1")" X-SMTP-Explain | head -1)
  want=$(cli_explain "$2")
  [[ -n "$want" ]] || e2e_fail "CLI renders no X-SMTP-Explain for $DSN_FILE"
  [[ "$got" == "$want" ]] || e2e_fail "message $1: X-SMTP-Explain '$got' != CLI ($2) '$want'"
}
hup_milters() {
  kill -HUP "$MILTER_PID_smtpd" "$MILTER_PID_cleanup"
  sleep 0.5
  kill -0 "$MILTER_PID_smtpd" && kill -0 "$MILTER_PID_cleanup" || e2e_fail "a milter died on SIGHUP"
}

# --- 8 --------------------------------------------------------------------
send_tagged "$DSN_FILE"
wait_mail_count user 1
expect_explain 1 en

echo 'this is [[[ not TOML' >>"$T/catalog.toml"
hup_milters
for name in smtpd cleanup; do
  grep -q "reload failed, keeping generation 1" "$T/log/milter-$name.log" ||
    e2e_fail "case 8: milter $name did not log the failed reload"
done
send_tagged "$DSN_FILE"
wait_mail_count user 2
expect_explain 2 en
for n in 1 2; do
  [[ "$(header_values "$(tagged_mail $n)" X-SMTP-Explain-Class)" == "permanent" ]] ||
    e2e_fail "case 8: message $n: forged class not replaced"
done
e2e_log "case 8: broken catalog on SIGHUP: old catalog kept, error logged"

cp "$SOURCE_DIR/conf/catalog/en.toml" "$T/catalog.toml"
write_milter_config "catalog_file = \"$T/catalog.toml\"" 'language = "es"' \
  'remove_inbound_headers = false'
hup_milters
grep -q "reloaded configuration (generation 2): language=es" "$T/log/milter-smtpd.log" ||
  e2e_fail "case 8: good reload not logged"
send_tagged "$DSN_FILE"
wait_mail_count user 3
expect_explain 3 es
# The catalog-independent effect: inbound fields are now kept.
[[ "$(header_values "$(tagged_mail 3)" X-SMTP-Explain-Class | sort | tr '\n' ' ')" == "permanent success " ]] ||
  e2e_fail "case 8: remove_inbound_headers = false did not take effect"
e2e_log "case 8: good config on SIGHUP takes effect (Spanish text, inbound fields kept)"
FORGE=

# --- 6 --------------------------------------------------------------------
send_tagged "$DSN_FILE"
send_mail friend@example.org user@test.local --header "X-E2E-Seq: ordinary-before"
wait_mail_count user 5
kill -9 "$MILTER_PID_smtpd" "$MILTER_PID_cleanup"
wait "$MILTER_PID_smtpd" "$MILTER_PID_cleanup" 2>/dev/null || true
e2e_log "case 6: milters killed"
sent_after=0
for i in 1 2 3; do
  send_tagged "$DSN_FILE"
  sent_after=$((sent_after + 1))
done
send_mail friend@example.org user@test.local --header "X-E2E-Seq: ordinary-after"
send_mail s1@test.local full@remote.test --header "Subject: bounce while the milter is down"
wait_mail_count user 9
wait_mail_count s1 1
wait_queue_empty
[[ $(mail_count user) -eq 9 ]] || e2e_fail "case 6: expected 9 messages, have $(mail_count user)"
for n in $(seq $((seq - sent_after + 1)) "$seq"); do
  f=$(tagged_mail "$n")
  [[ -n "$f" ]] || e2e_fail "case 6: message $n lost"
  if grep -qi '^X-SMTP-Explain' "$f"; then e2e_fail "case 6: message $n annotated by a dead milter?"; fi
done
if grep -qi '^X-SMTP-Explain' "$(newest_mail s1)"; then e2e_fail "case 6: Postfix bounce annotated"; fi
grep -q "Connection refused" "$T/log/postfix.log" || e2e_fail "case 6: Postfix did not notice the milter was down"
e2e_log "case 6: all 9 messages and the Postfix bounce delivered, unannotated after the kill"
e2e_log "PASS"
