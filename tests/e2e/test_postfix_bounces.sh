#!/usr/bin/env bash
# End to end with a real Postfix (see lib.sh): which messages the milter
# annotates and how, checked on the delivered Maildir files.
#   1. a remote DSN from the corpus, sent with MAIL FROM:<>, gets the codes
#      `smtp-explain check --json` finds for it;
#   2. Postfix's own bounce for a 552 5.2.2 reply: class permanent, "552 5.2.2";
#   3. Postfix's delay notice for a 452 4.2.2 reply: class transient;
#   4. ordinary mail arrives byte-identical except a forged X-SMTP-Explain-Class;
#   5. an RFC 3834 auto-reply and an ARF report are not annotated;
#   7. the shipped Sieve script files the bounces of 2 and 3 by class.
source "$(dirname "$0")/lib.sh"
e2e_init "$@"

CORPUS="$SHARED_DIR/corpus/sisimai/lf"
DSN_FILE="$CORPUS/rhost-google-05.eml"

write_milter_config
start_fake_remote
start_milters
start_postfix
e2e_log "postfix and milters up in $T"

# 2 and 3 first: the delay notice needs ~10-15 s, the other cases run meanwhile.
send_mail s1@test.local full@remote.test --header "Subject: to a full mailbox"
send_mail s2@test.local busy@remote.test --header "Subject: to a busy mailbox"

# 1. A remote bounce from the corpus.
send_mail '<>' user@test.local --data "@$DSN_FILE"
# 4. Ordinary mail carrying a forged field.
cat >"$T/msg/ordinary.eml" <<'MSG'
From: Friend <friend@example.org>
To: user@test.local
Subject: lunch on Friday
Date: Mon, 03 Mar 2025 10:00:00 +0000
Message-ID: <e2e-ordinary-1@example.org>
X-SMTP-Explain-Class: success
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
X-Folded: first part
	second part

Hello,
shall we meet at noon?  Trailing spaces here:   
-- 
Friend
MSG
send_mail friend@example.org user@test.local --data "@$T/msg/ordinary.eml"
# 5. Auto-reply (null sender, as RFC 3834 asks) and an ARF report.
send_mail '<>' user@test.local --data "@$CORPUS/rfc3834-01.eml"
send_mail abuse-reports@example.org user@test.local --data "@$CORPUS/arf-01.eml"

wait_mail_count user 4
wait_mail_count s1 1
e2e_log "user and s1 mail delivered"

# Finds the delivered copy of a message in the user mailbox by a header substring.
find_user_mail() {
  grep -l -F -- "$1" "$T/mail/user/new"/* | head -1
}

# --- 1 --------------------------------------------------------------------
dsn_mail=$(find_user_mail "$(grep -m1 -i '^Message-ID:' "$DSN_FILE" | cut -d: -f2- | tr -d ' \r')")
[[ -n "$dsn_mail" ]] || e2e_fail "case 1: corpus bounce not delivered"
if [[ -x "${CLI_BIN:-}" ]]; then
  "$CLI_BIN" check --json "$DSN_FILE" >"$T/msg/cli.json" || e2e_fail "case 1: smtp-explain check failed"
else
  e2e_fail "case 1: CLI_BIN not set"
fi
header_values "$dsn_mail" X-SMTP-Explain-Class >"$T/msg/case1.class"
header_values "$dsn_mail" X-SMTP-Explain >"$T/msg/case1.explain"
/usr/bin/python3 - "$T/msg/cli.json" "$T/msg/case1.class" "$T/msg/case1.explain" <<'PY' ||
import json, sys
report = json.loads(open(sys.argv[1]).readline())
got_class = open(sys.argv[2]).read().split()
explain = open(sys.argv[3]).read()
assert report["bounce"], "CLI does not see a bounce"
assert got_class == [report["class"]], f"class {got_class} != CLI {report['class']}"
seen = 0
for r in report["recipients"][:20]:
    codes = " ".join(c for c in (r["reply_code"], r["status"]) if c)
    if codes:
        assert codes in explain, f"codes '{codes}' not in X-SMTP-Explain: {explain!r}"
        seen += 1
assert seen > 0, "no codes to compare"
print(f"case 1: class {got_class[0]}, {seen} recipient code(s) match the CLI")
PY
  e2e_fail "case 1: delivered headers differ from smtp-explain check --json"

# --- 2 --------------------------------------------------------------------
bounce2=$(newest_mail s1)
[[ "$(header_values "$bounce2" X-SMTP-Explain-Class)" == "permanent" ]] ||
  e2e_fail "case 2: X-SMTP-Explain-Class is '$(header_values "$bounce2" X-SMTP-Explain-Class)'"
header_values "$bounce2" X-SMTP-Explain | grep -q "552 5.2.2" ||
  e2e_fail "case 2: no 552 5.2.2 in X-SMTP-Explain: $(header_values "$bounce2" X-SMTP-Explain)"
header_values "$bounce2" X-SMTP-Explain | grep -q "full@remote.test" ||
  e2e_fail "case 2: recipient missing from X-SMTP-Explain"
e2e_log "case 2: Postfix bounce annotated permanent, 552 5.2.2"

# --- 4 --------------------------------------------------------------------
ordinary=$(find_user_mail "e2e-ordinary-1@example.org")
[[ -n "$ordinary" ]] || e2e_fail "case 4: ordinary mail not delivered"
/usr/bin/python3 - "$T/msg/ordinary.eml" "$ordinary" <<'PY' || e2e_fail "case 4: ordinary mail changed"
import sys
def split(path):
    data = open(path, "rb").read().replace(b"\r\n", b"\n")
    head, body = data.split(b"\n\n", 1)
    fields, cur = [], b""
    for line in head.split(b"\n"):
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1] += b"\n" + line
        else:
            fields.append(line)
    return fields, body
sent_fields, sent_body = split(sys.argv[1])
got_fields, got_body = split(sys.argv[2])
added_by_mta = (b"return-path:", b"delivered-to:", b"x-original-to:", b"received:")
got_fields = [f for f in got_fields if not f.lower().startswith(added_by_mta)]
expected = [f for f in sent_fields if not f.lower().startswith(b"x-smtp-explain")]
assert len(expected) == len(sent_fields) - 1, "test message lacks its forged field"
assert got_fields == expected, f"headers differ:\n{got_fields}\n!=\n{expected}"
# swaks ends DATA with CRLF "." CRLF after the file's own last newline: one
# extra empty line at the end that is not the milter's doing.
got_body, sent_body = got_body.rstrip(b"\n"), sent_body.rstrip(b"\n")
assert got_body == sent_body, f"body differs:\n{got_body!r}\n!=\n{sent_body!r}"
print("case 4: ordinary mail identical except the forged field, which is gone")
PY

# --- 5 --------------------------------------------------------------------
for id_file in rfc3834-01.eml arf-01.eml; do
  mid=$(grep -m1 -i '^Message-ID:' "$CORPUS/$id_file" | cut -d: -f2- | tr -d ' \r')
  got=$(find_user_mail "$mid")
  [[ -n "$got" ]] || e2e_fail "case 5: $id_file not delivered"
  if grep -qi '^X-SMTP-Explain' "$got"; then e2e_fail "case 5: $id_file was annotated"; fi
done
e2e_log "case 5: auto-reply and ARF report not annotated"

# --- 3 --------------------------------------------------------------------
wait_mail_count s2 1 60
notice=$(newest_mail s2)
grep -qi '^Action: delayed' "$notice" || e2e_fail "case 3: s2 got something other than a delay notice"
[[ "$(header_values "$notice" X-SMTP-Explain-Class)" == "transient" ]] ||
  e2e_fail "case 3: X-SMTP-Explain-Class is '$(header_values "$notice" X-SMTP-Explain-Class)'"
header_values "$notice" X-SMTP-Explain | grep -q "452 4.2.2" ||
  e2e_fail "case 3: no 452 4.2.2 in X-SMTP-Explain"
e2e_log "case 3: delay notice annotated transient, 452 4.2.2"
postsuper -c "$T/etc" -d ALL >/dev/null 2>&1 || true

# --- 7 --------------------------------------------------------------------
if command -v sieve-test >/dev/null; then
  mkdir -p "$T/sieve"
  cp "$SOURCE_DIR/conf/sieve/bounces.sieve" "$T/sieve/"
  chown -R 65534:65534 "$T/sieve"
  for pair in "$bounce2:Bounces.Permanent" "$notice:Bounces.Transient"; do
    msg=${pair%%:*} folder=${pair##*:}
    out=$(sieve-test -o mail_uid=65534 -o mail_gid=65534 "$T/sieve/bounces.sieve" "$msg" 2>&1) ||
      e2e_fail "case 7: sieve-test failed: $out"
    grep -q "store message in folder: $folder" <<<"$out" ||
      e2e_fail "case 7: $(basename "$msg") not filed into $folder: $out"
  done
  out=$(sieve-test -o mail_uid=65534 -o mail_gid=65534 "$T/sieve/bounces.sieve" "$ordinary" 2>&1)
  grep -q "store message in folder: INBOX" <<<"$out" || e2e_fail "case 7: ordinary mail moved: $out"
  e2e_log "case 7: Sieve files permanent and transient bounces into their folders"
else
  e2e_log "case 7 not run: sieve-test missing (dovecot-sieve)"
fi

grep -q "annotated dsn bounce: class=permanent" "$T/log/milter-cleanup.log" ||
  e2e_fail "no info log line for the annotated Postfix bounce"
e2e_log "PASS"
