#!/usr/bin/env bash
# End to end with a real Sendmail (Debian's sendmail-bin, -base and -cf
# unpacked with dpkg -x into the test's directory; they cannot be installed
# beside Postfix), the milter attached with the line from
# conf/sendmail/smtp-explain.mc, relaying to a capturing SMTP sink:
#   1. a bounce arriving by SMTP (a corpus DSN, MAIL FROM:<>) is annotated;
#   2. a forged X-SMTP-Explain-Class on ordinary mail is removed, the rest
#      of the message arrives unchanged;
#   3. with the milter down, mail still passes (no F= flag), unannotated.
# Sendmail's own DSNs never pass through milters, so none is tested.
# The packages are fetched once (apt-get download) into the build directory,
# before the test enters its private network namespace.
source "$(dirname "$0")/lib.sh"
if [[ -z "${E2E_IN_NAMESPACE:-}" && $(id -u) -eq 0 ]]; then
  SENDMAIL_DEBS="$(dirname "${MILTER_BIN:-/nonexistent/x}")/e2e-cache/sendmail"
  if ! ls "$SENDMAIL_DEBS"/sendmail-cf_*.deb >/dev/null 2>&1; then
    mkdir -p "$SENDMAIL_DEBS"
    (cd "$SENDMAIL_DEBS" && apt-get download -q sendmail-bin sendmail-base sendmail-cf) \
      >/dev/null 2>&1 || e2e_skip "cannot download sendmail-bin, sendmail-base, sendmail-cf"
  fi
  export SENDMAIL_DEBS
fi
e2e_init "$@"
command -v m4 >/dev/null || e2e_skip "m4 not installed (scripts/install-deps.sh --test)"
MILTER_PORT=8893

mkdir -p "$T/root" "$T/mqueue" "$T/sink"
chmod 700 "$T/mqueue"
for deb in "$SENDMAIL_DEBS"/sendmail-{bin,base,cf}_*.deb; do dpkg -x "$deb" "$T/root"; done
SENDMAIL="$T/root/usr/libexec/sendmail/sendmail"
[[ -x "$SENDMAIL" ]] || e2e_fail "no sendmail binary in the unpacked packages"
ldd "$SENDMAIL" | grep -q "not found" && e2e_skip "sendmail's libraries missing: $(ldd "$SENDMAIL" | grep 'not found')"

# A sink on the smart host's port that keeps every message it receives.
cat >"$T/sink.py" <<'PY'
import socketserver, sys, itertools
counter = itertools.count(1)
class H(socketserver.StreamRequestHandler):
    def handle(self):
        w = lambda s: (self.wfile.write(s + b"\r\n"), self.wfile.flush())
        w(b"220 sink.test ESMTP")
        data = None
        while True:
            line = self.rfile.readline()
            if not line:
                return
            if data is not None:
                if line in (b".\r\n", b".\n"):
                    open(f"{sys.argv[2]}/{next(counter):03d}.eml", "wb").write(b"".join(data))
                    data = None
                    w(b"250 2.0.0 kept")
                else:
                    data.append(line[1:] if line.startswith(b"..") else line)
                continue
            cmd = line.strip().upper()
            if cmd.startswith(b"EHLO") or cmd.startswith(b"HELO"):
                w(b"250 sink.test")
            elif cmd == b"DATA":
                data = []
                w(b"354 go ahead")
            elif cmd == b"QUIT":
                w(b"221 bye")
                return
            else:
                w(b"250 2.0.0 ok")
class S(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
S(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
/usr/bin/python3 "$T/sink.py" "$REMOTE_PORT" "$T/sink" >"$T/log/sink.log" 2>&1 &
E2E_PIDS+=($!)

write_milter_config
start_milter sendmail "inet:$MILTER_PORT@127.0.0.1"

# The milter line exactly as shipped, pointed at this test's socket.
filter=$(grep '^INPUT_MAIL_FILTER' "$SOURCE_DIR/conf/sendmail/smtp-explain.mc")
[[ "$filter" == *"T=C:10s;S:30s;R:30s;E:1m"* && "$filter" != *"F="* ]] ||
  e2e_fail "conf/sendmail/smtp-explain.mc: unexpected filter line: $filter"
filter=${filter/S=unix:\/run\/smtp-explain\/milter.sock/S=inet:$MILTER_PORT@127.0.0.1}
printf 'hosts files\naliases files\n' >"$T/service.switch"
: >"$T/aliases"
cat >"$T/test.mc" <<MC
divert(-1)
divert(0)dnl
OSTYPE(\`linux')dnl
define(\`QUEUE_DIR', \`$T/mqueue')dnl
define(\`confPID_FILE', \`$T/sendmail.pid')dnl
define(\`STATUS_FILE', \`$T/statistics')dnl
define(\`HELP_FILE', \`$T/root/etc/mail/helpfile')dnl
define(\`ALIAS_FILE', \`$T/aliases')dnl
define(\`confSERVICE_SWITCH_FILE', \`$T/service.switch')dnl
define(\`confHOSTS_FILE', \`/etc/hosts')dnl
define(\`confCW_FILE', \`-o $T/local-host-names')dnl
define(\`confDONT_PROBE_INTERFACES', \`True')dnl
define(\`confDEF_USER_ID', \`65534:65534')dnl
define(\`SMART_HOST', \`relay:[127.0.0.1]')dnl
define(\`RELAY_MAILER_ARGS', \`TCP \$h $REMOTE_PORT')dnl
define(\`confMILTER_LOG_LEVEL', \`9')dnl
FEATURE(\`no_default_msa')dnl
FEATURE(\`accept_unresolvable_domains')dnl
FEATURE(\`promiscuous_relay')dnl
DAEMON_OPTIONS(\`Port=$SMTP_PORT, Addr=127.0.0.1, Name=MTA')dnl
$filter
MAILER(\`smtp')dnl
MC
m4 -D_CF_DIR_="$T/root/usr/share/sendmail/cf/" "$T/root/usr/share/sendmail/cf/m4/cf.m4" \
  "$T/test.mc" >"$T/test.cf" 2>"$T/log/m4.log" || e2e_fail "m4: $(cat "$T/log/m4.log")"
grep -q "^Xsmtp-explain, S=inet:$MILTER_PORT@127.0.0.1" "$T/test.cf" ||
  e2e_fail "the filter is not in sendmail.cf: $(grep '^X' "$T/test.cf")"

"$SENDMAIL" -C "$T/test.cf" -bD -X "$T/log/sendmail-traffic.log" >"$T/log/sendmail.log" 2>&1 &
E2E_PIDS+=($!)
wait_port "$SMTP_PORT" 10 || e2e_fail "sendmail did not listen: $(cat "$T/log/sendmail.log")"
e2e_log "sendmail $("$SENDMAIL" -d0.1 -bt </dev/null 2>/dev/null | sed -n 's/^Version //p' | head -1) up in $T"

sink_count() { find "$T/sink" -name '*.eml' | wc -l; }
wait_sink() {
  local n=$1 _
  for _ in $(seq 1 150); do
    [[ $(sink_count) -ge $n ]] && return 0
    sleep 0.2
  done
  e2e_fail "the sink has $(sink_count) messages, expected $n; queue: $(ls "$T/mqueue")"
}
newest_sink() { find "$T/sink" -name '*.eml' | sort | tail -1; }

# --- 1 ----------------------------------------------------------------------------
send_mail '<>' someone@remote.test --data "@$SHARED_DIR/corpus/sisimai/lf/rhost-google-05.eml"
wait_sink 1
got=$(newest_sink)
[[ "$(header_values "$got" X-SMTP-Explain-Class)" == permanent ]] ||
  e2e_fail "case 1: bounce not annotated: $(grep -i '^X-SMTP' "$got")"
header_values "$got" X-SMTP-Explain | grep -q "552 5.2.2" ||
  e2e_fail "case 1: no 552 5.2.2 in X-SMTP-Explain: $(header_values "$got" X-SMTP-Explain)"
e2e_log "case 1: bounce from another host annotated permanent, 552 5.2.2"

# --- 2 ----------------------------------------------------------------------------
cat >"$T/msg/forged.eml" <<'MSG'
From: Friend <friend@example.org>
To: someone@remote.test
Subject: lunch
Message-ID: <sendmail-forged-1@example.org>
X-SMTP-Explain-Class: success
X-SMTP-Explain: 250 all good, trust me

See you at noon.
MSG
send_mail friend@example.org someone@remote.test --data "@$T/msg/forged.eml"
wait_sink 2
got=$(newest_sink)
grep -q "sendmail-forged-1@example.org" "$got" || e2e_fail "case 2: wrong message in the sink"
if grep -qi '^X-SMTP-Explain' "$got"; then e2e_fail "case 2: forged field kept: $(grep -i '^X-SMTP' "$got")"; fi
grep -q "^See you at noon." "$got" || e2e_fail "case 2: body changed"
e2e_log "case 2: forged X-SMTP-Explain fields removed"

# --- 3 ----------------------------------------------------------------------------
# shellcheck disable=SC2154 # set by start_milter
kill "$MILTER_PID_sendmail"
wait "$MILTER_PID_sendmail" 2>/dev/null || true
send_mail '<>' someone@remote.test --data "@$SHARED_DIR/corpus/sisimai/lf/rhost-google-05.eml"
wait_sink 3
got=$(newest_sink)
grep -q "^Status: 5.2.2" "$got" || e2e_fail "case 3: wrong message in the sink"
if grep -qi '^X-SMTP-Explain' "$got"; then e2e_fail "case 3: annotated with the milter down?"; fi
e2e_log "case 3: milter down, mail passed unchanged"
e2e_log "PASS"
