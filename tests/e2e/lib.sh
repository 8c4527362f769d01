# Helper library for the end-to-end tests: a private Postfix instance on
# loopback inside its own network/mount/UTS namespace, smtp-explain-milter
# attached (unix socket for smtpd, inet socket for Postfix's own mail), a fake
# remote SMTP server, delivery by `virtual` to Maildirs under $T.
# Follows /work/shared/reference/mta-testing.md. Everything started here is
# stopped by the EXIT trap. Source it, then call e2e_init "$@" first.
# Exit code 77 = skipped (ctest SKIP_RETURN_CODE).

set -euo pipefail

SMTP_PORT=2525        # Postfix smtpd (inside the private namespace: always free)
REMOTE_PORT=2526      # fake remote MX
MILTER_INET_PORT=8891 # milter for non_smtpd_milters
E2E_PIDS=()

e2e_skip() { echo "SKIP: $*"; exit 77; }
e2e_fail() {
  echo "FAIL: $*" >&2
  if [[ -n "${T:-}" ]]; then
    echo "--- postfix log (tail) ---" >&2; tail -n 30 "$T/log/postfix.log" >&2 2>/dev/null || true
    echo "--- milter logs (tail) ---" >&2; tail -n 30 "$T"/log/milter-*.log >&2 2>/dev/null || true
  fi
  exit 1
}
e2e_log() { echo "[$(date +%T)] $*"; }

# Checks what the test needs, then re-runs the script inside a private
# namespace (only loopback; private hosts/resolv.conf; host name mta.test).
e2e_init() {
  [[ $(id -u) -eq 0 ]] || e2e_skip "needs root (private Postfix instance, namespaces)"
  for tool in postfix postqueue postsuper swaks unshare ip python3; do
    command -v "$tool" >/dev/null || e2e_skip "$tool not installed (scripts/install-deps.sh --test)"
  done
  [[ -x "${MILTER_BIN:-}" ]] || e2e_fail "MILTER_BIN not set or not executable"
  [[ -d "${SHARED_DIR:-}/corpus/sisimai/lf" ]] || e2e_skip "corpus not found under SHARED_DIR=${SHARED_DIR:-}"
  if [[ -z "${E2E_IN_NAMESPACE:-}" ]]; then
    unshare --net --mount --uts true 2>/dev/null || e2e_skip "cannot create namespaces here"
    exec unshare --net --mount --uts env E2E_IN_NAMESPACE=1 bash "$0" "$@"
  fi
  ip link set lo up
  hostname mta.test
  T=$(mktemp -d /tmp/smtp-explain-e2e.XXXXXX)
  chmod 755 "$T"
  trap e2e_cleanup EXIT
  mkdir -p "$T"/{etc,spool,data,log,mail,run,msg}
  printf '127.0.0.1 localhost mta.test\n::1 localhost\n' >"$T/hosts"
  printf 'nameserver 127.0.0.1\n' >"$T/resolv.conf"
  mount --bind "$T/hosts" /etc/hosts
  mount --bind "$T/resolv.conf" /etc/resolv.conf
  chown 65534:65534 "$T/mail"
  chmod 777 "$T/log"
}

e2e_cleanup() {
  local rc=$?
  set +e
  [[ -f "$T/etc/main.cf" ]] && postfix -c "$T/etc" stop >/dev/null 2>&1
  local pid
  for pid in "${E2E_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${E2E_PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  if [[ $rc -eq 0 || -n "${CI:-}" ]]; then rm -rf "$T"; else echo "kept $T for inspection" >&2; fi
  exit $rc
}

# A fake remote MX on 127.0.0.1:$REMOTE_PORT. RCPT replies by local part:
# full@ -> 552 5.2.2, busy@ -> 452 4.2.2, anything else -> 250.
start_fake_remote() {
  cat >"$T/fake_remote.py" <<'PY'
import socketserver, sys
REPLIES = {"full": b"552 5.2.2 Mailbox full", "busy": b"452 4.2.2 Mailbox full, try later"}
class H(socketserver.StreamRequestHandler):
    def handle(self):
        w = lambda s: (self.wfile.write(s + b"\r\n"), self.wfile.flush())
        w(b"220 mx.remote.test ESMTP fake")
        data = False
        while True:
            line = self.rfile.readline()
            if not line:
                return
            if data:
                if line in (b".\r\n", b".\n"):
                    data = False
                    w(b"250 2.0.0 Ok: queued")
                continue
            cmd = line.strip().upper()
            if cmd.startswith(b"EHLO") or cmd.startswith(b"HELO"):
                w(b"250 mx.remote.test")
            elif cmd.startswith(b"RCPT"):
                local = line.split(b"<", 1)[-1].split(b"@", 1)[0].decode(errors="replace").lower()
                w(REPLIES.get(local, b"250 2.1.5 Ok"))
            elif cmd == b"DATA":
                data = True
                w(b"354 End data with <CR><LF>.<CR><LF>")
            elif cmd == b"QUIT":
                w(b"221 2.0.0 Bye")
                return
            else:
                w(b"250 2.0.0 Ok")
class S(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
S(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
  /usr/bin/python3 "$T/fake_remote.py" "$REMOTE_PORT" >"$T/log/fake_remote.log" 2>&1 &
  E2E_PIDS+=($!)
}

# Milter config shared by both milter processes; extra TOML lines as arguments
# (log_level defaults to debug unless an argument sets it).
write_milter_config() {
  {
    [[ " $* " == *" log_level ="* ]] || echo 'log_level = "debug"'
    echo 'log_destination = "stderr"'
    local line
    for line in "$@"; do echo "$line"; done
  } >"$T/milter.toml"
  chmod 644 "$T/milter.toml"
}

# Starts the two milter processes (as nobody): NAME SOCKET. Sets MILTER_PID_<NAME>.
start_milter() {
  local name=$1 socket=$2
  "$MILTER_BIN" --foreground --user nobody --config "$T/milter.toml" --socket "$socket" \
    >"$T/log/milter-$name.log" 2>&1 &
  local pid=$!
  E2E_PIDS+=("$pid")
  printf -v "MILTER_PID_$name" '%s' "$pid"
  local i
  for i in $(seq 1 50); do
    grep -q "started" "$T/log/milter-$name.log" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || e2e_fail "milter $name exited: $(cat "$T/log/milter-$name.log")"
    sleep 0.1
  done
  e2e_fail "milter $name did not start"
}

start_milters() {
  start_milter smtpd "unix:$T/run/milter.sock"
  start_milter cleanup "inet:$MILTER_INET_PORT@127.0.0.1"
}

write_postfix_config() {
  cat >"$T/etc/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $T/spool
data_directory = $T/data
mail_owner = postfix
setgid_group = postdrop
myhostname = mta.test
mydomain = mta.test
myorigin = mta.test
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
local_recipient_maps =
biff = no
maillog_file = $T/log/postfix.log
maillog_file_prefixes = $T/log
smtp_host_lookup = native
smtpd_peername_lookup = no
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
virtual_mailbox_domains = test.local
virtual_mailbox_base = $T/mail
virtual_mailbox_maps = inline:{ {s1@test.local=s1/} {s2@test.local=s2/} {user@test.local=user/} }
virtual_uid_maps = static:65534
virtual_gid_maps = static:65534
relay_domains = remote.test sink.test
transport_maps = inline:{ {remote.test=smtp:[127.0.0.1]:$REMOTE_PORT} {sink.test=discard:} }
smtpd_milters = unix:$T/run/milter.sock
non_smtpd_milters = inet:127.0.0.1:$MILTER_INET_PORT
internal_mail_filter_classes = bounce
milter_default_action = accept
milter_protocol = 6
delay_warning_time = 10s
queue_run_delay = 5s
minimal_backoff_time = 5s
maximal_backoff_time = 10s
CF
  cat >"$T/etc/master.cf" <<'CF'
127.0.0.1:2525 inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
virtual   unix  -       n       n       -       -       virtual
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
CF
}

start_postfix() {
  write_postfix_config
  script -qc "postfix -c $T/etc set-permissions" /dev/null >"$T/log/set-permissions.log" 2>&1 ||
    e2e_fail "postfix set-permissions: $(cat "$T/log/set-permissions.log")"
  script -qc "postfix -c $T/etc start" /dev/null >"$T/log/start.log" 2>&1 ||
    e2e_fail "postfix start: $(cat "$T/log/start.log")"
  local i
  for i in $(seq 1 50); do
    (exec 3<>/dev/tcp/127.0.0.1/$SMTP_PORT) 2>/dev/null && return 0
    sleep 0.1
  done
  e2e_fail "postfix smtpd did not come up"
}

# send FROM TO [swaks args...]: one message over SMTP to Postfix.
send_mail() {
  local from=$1 to=$2
  shift 2
  swaks --silent 2 --server 127.0.0.1 --port "$SMTP_PORT" --from "$from" --to "$to" "$@" \
    >>"$T/log/swaks.log" 2>&1 || e2e_fail "swaks $from -> $to failed (see $T/log/swaks.log)"
}

# Waits until the queue is empty (or TIMEOUT seconds, default 30).
wait_queue_empty() {
  local timeout=${1:-30} i
  for i in $(seq 1 $((timeout * 5))); do
    postqueue -c "$T/etc" -p 2>/dev/null | grep -q "Mail queue is empty" && return 0
    sleep 0.2
  done
  e2e_fail "queue not empty after ${timeout}s: $(postqueue -c "$T/etc" -p 2>&1 | head -20)"
}

# Waits until MAILBOX (s1, s2, user) holds at least N messages; prints nothing.
wait_mail_count() {
  local box=$1 n=$2 timeout=${3:-30} i
  for i in $(seq 1 $((timeout * 5))); do
    [[ $(mail_count "$box") -ge $n ]] && return 0
    sleep 0.2
  done
  e2e_fail "$box has $(mail_count "$box") messages after ${timeout}s, expected $n"
}

mail_count() { find "$T/mail/$1/new" -type f 2>/dev/null | wc -l; }

# Newest message file in MAILBOX.
newest_mail() { ls -t "$T/mail/$1/new"/* 2>/dev/null | head -1; }

# header_values FILE NAME: each value of that field, unfolded, one per line.
header_values() {
  /usr/bin/python3 - "$1" "$2" <<'PY'
import sys, email, email.policy
msg = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.compat32)
for v in msg.get_all(sys.argv[2]) or []:
    print(" ".join(str(v).split()))
PY
}

# wait_port PORT [SECONDS]: waits until 127.0.0.1:PORT accepts connections.
wait_port() {
  local port=$1 timeout=${2:-10} _
  for _ in $(seq 1 $((timeout * 10))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# add_smtpd_port PORT MILTERS [MAXPROC]: one more smtpd on 127.0.0.1:PORT with
# its own smtpd_milters (empty: none) and process limit (default 100). Call
# after start_postfix, then postfix_reload.
add_smtpd_port() {
  local port=$1 milters=$2 maxproc=${3:-100}
  printf '127.0.0.1:%s inet n - n - %s smtpd -o smtpd_milters=%s\n' \
    "$port" "$maxproc" "$milters" >>"$T/etc/master.cf"
}

postfix_reload() {
  script -qc "postfix -c $T/etc reload" /dev/null >"$T/log/reload.log" 2>&1 ||
    e2e_fail "postfix reload: $(cat "$T/log/reload.log")"
  sleep 1
}

# Waits until nothing is left in the queue directories (cheaper than postqueue
# for tight loops): incoming, active, deferred, hold, maildrop. TIMEOUT seconds.
wait_spool_empty() {
  local timeout=${1:-60} deadline
  deadline=$(($(date +%s) + timeout))
  while [[ -n "$(find "$T/spool/incoming" "$T/spool/active" "$T/spool/deferred" \
    "$T/spool/hold" "$T/spool/maildrop" -type f -print -quit 2>/dev/null)" ]]; do
    [[ $(date +%s) -lt $deadline ]] || e2e_fail "queue not empty after ${timeout}s"
    sleep 0.02
  done
}

# Messages Postfix has handed to a delivery agent with status=sent so far
# (discard: and virtual: deliveries both log it).
delivered_count() { grep -c ' status=sent ' "$T/log/postfix.log" 2>/dev/null || true; }

# The value of one Prometheus sample (exact name with labels) from a running
# milter's endpoint on 127.0.0.1:PORT (integer part), 0 if absent. Plain bash
# over /dev/tcp: cheap enough to sample every few milliseconds.
metric_value() {
  local port=$1 name=$2 line value=0
  exec {fd}<>"/dev/tcp/127.0.0.1/$port" || { echo 0; return; }
  printf 'GET /metrics HTTP/1.0\r\nHost: localhost\r\n\r\n' >&"$fd"
  while IFS= read -r line <&"$fd"; do
    if [[ $line == "$name "* ]]; then
      value=${line##* }
      value=${value%%.*}
    fi
  done
  exec {fd}>&-
  echo "$value"
}

# --- load for the fault runs ------------------------------------------------
# Two streams through smtpd on 127.0.0.1:$SMTP_PORT (or PORT), each an
# smtp-source in the background: ordinary 1 KB mail to the discard: sink, and
# corpus bounces (MAIL FROM:<>) delivered to the user Maildir, where their
# annotation can be checked.
LOAD_PIDS=()
start_load() {  # ordinary|bounces COUNT SESSIONS [PORT]
  local kind=$1 count=$2 sessions=$3 port=${4:-$SMTP_PORT}
  if [[ $kind == bounces ]]; then
    smtp-source -s "$sessions" -m "$count" -f '' -t user@test.local \
      -F "$SHARED_DIR/corpus/sisimai/lf/rhost-google-05.eml" "127.0.0.1:$port" \
      >>"$T/log/load.log" 2>&1 &
  else
    smtp-source -s "$sessions" -m "$count" -l 1024 -f friend@example.org -t user@sink.test \
      "127.0.0.1:$port" >>"$T/log/load.log" 2>&1 &
  fi
  LOAD_PIDS+=($!)
}

# Waits for every started load; fails if an SMTP client met an error (a
# rejected or tempfailed message).
wait_load() {
  local pid failed=0
  for pid in "${LOAD_PIDS[@]}"; do wait "$pid" || failed=1; done
  LOAD_PIDS=()
  [[ $failed -eq 0 ]] || e2e_fail "an SMTP client failed: $(tail -5 "$T/log/load.log")"
}

load_running() {
  local pid
  for pid in "${LOAD_PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && return 0; done
  return 1
}

# Messages Postfix accepted (cleanup logs one message-id line per message).
messages_in() { grep -c ': message-id=' "$T/log/postfix.log" 2>/dev/null || true; }

# Waits until at least N messages were delivered (TIMEOUT s, default 120).
wait_delivered() {
  local n=$1 timeout=${2:-120} deadline
  deadline=$(($(date +%s) + timeout))
  while (($(delivered_count) < n)); do
    [[ $(date +%s) -lt $deadline ]] || e2e_fail "only $(delivered_count) of $n delivered after ${timeout}s"
    sleep 0.05
  done
}

# check_counts LABEL EXPECTED: prints messages in and out; fails unless both
# equal EXPECTED, the queue is empty and nothing was deferred or bounced.
check_counts() {
  local label=$1 expected=$2 in out
  wait_spool_empty 180
  in=$(messages_in)
  out=$(delivered_count)
  e2e_log "$label: messages in $in, out $out (expected $expected)"
  [[ $in -eq $expected && $out -eq $expected ]] || e2e_fail "$label: $in in, $out out, expected $expected"
  if grep -qE 'status=(deferred|bounced)' "$T/log/postfix.log"; then
    e2e_fail "$label: deferred or bounced: $(grep -m3 -E 'status=(deferred|bounced)' "$T/log/postfix.log")"
  fi
}

# Fails if a milter log shows a sanitizer report or a crash.
check_milter_logs_clean() {
  if grep -lE 'AddressSanitizer|LeakSanitizer|runtime error:|terminate called' "$T"/log/milter-*.log; then
    e2e_fail "sanitizer report or crash in a milter log"
  fi
}

# Bounces in the user Maildir with and without an X-SMTP-Explain-Class field.
annotated_count() { grep -l '^X-SMTP-Explain-Class:' "$T/mail/user/new"/* 2>/dev/null | wc -l; }
