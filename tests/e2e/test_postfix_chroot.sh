#!/usr/bin/env bash
# The README's quick start against Debian's stock Postfix, chroot on: the
# system's own paths (/etc/postfix, /var/spool/postfix, /var/lib/postfix) with
# Debian's shipped master.cf (smtpd, cleanup, bounce chrooted), the milter
# started by scripts/run.sh, and exactly the main.cf lines run.sh prints.
# The test runs in private mount and network namespaces: /etc is a scratch
# copy (run.sh creates its system user there), the spool and data
# directories are scratch directories bound over the real ones, so the
# machine's own Postfix and users are never touched.
#   1. run.sh prints the plain lines for a main.cf without milters, and
#      appends ours with its own default action to a list of other milters;
#   2. socket 0660 smtp-explain:postfix in a 0750 smtp-explain:postfix
#      directory, the milter runs as smtp-explain, others cannot connect;
#   3. a remote bounce (corpus DSN by SMTP, MAIL FROM:<>) arrives annotated
#      through the chrooted smtpd;
#   4. Postfix's own bounce for a 552 5.2.2 reply arrives annotated through
#      the chrooted cleanup;
#   5. the same lines work with chroot off (relative socket path resolved from
#      the queue directory).
source "$(dirname "$0")/lib.sh"
e2e_init "$@"
SMTP_PORT=25 # Debian's master.cf: "smtp inet ... smtpd"
[[ -f /usr/share/postfix/master.cf.dist ]] || e2e_skip "Debian's master.cf.dist not found"
[[ -x /usr/lib/postfix/configure-instance.sh ]] || e2e_skip "Debian's configure-instance.sh not found"
command -v useradd >/dev/null || e2e_skip "useradd not installed"

# A private /etc (carrying the namespace's hosts and resolv.conf), spool and data.
cp -a /etc "$T/etc-root"
mount --bind "$T/etc-root" /etc
mkdir -p "$T/queue" "$T/lib"
mount --bind "$T/queue" /var/spool/postfix
mount --bind "$T/lib" /var/lib/postfix
rm -f /etc/postfix/main.cf
cp /usr/share/postfix/master.cf.dist /etc/postfix/master.cf
userdel smtp-explain >/dev/null 2>&1 || true

chroot_stop() {
  local rc=$?
  postfix stop >/dev/null 2>&1
  (exit $rc)
  e2e_cleanup
}
trap chroot_stop EXIT

# lib.sh's main.cf without its instance paths and milter lines: this one uses
# the system's paths and gets its milter lines from run.sh.
write_postfix_config
grep -v -E '^(queue_directory|data_directory|smtpd_milters|non_smtpd_milters|internal_mail_filter_classes|milter_|delay_warning_time|queue_run_delay|minimal_backoff_time|maximal_backoff_time) =' \
  "$T/etc/main.cf" >/etc/postfix/main.cf
rm -f "$T/etc/main.cf" "$T/etc/master.cf"
grep -q '^virtual_mailbox_base' /etc/postfix/main.cf || e2e_fail "lib.sh's main.cf changed shape"

# --- 1b: with other milters in main.cf, run.sh appends ours with its own
# default action and leaves the global one alone ---------------------------------
cp /etc/postfix/main.cf "$T/main.cf.plain"
cat >>/etc/postfix/main.cf <<'CF'
smtpd_milters = unix:opendkim/opendkim.sock
milter_default_action = tempfail
CF
SMTP_EXPLAIN_PRINT_ONLY=1 bash "$SOURCE_DIR/scripts/run.sh" >"$T/log/run-merge.out" 2>&1 ||
  e2e_fail "run.sh (print only): $(cat "$T/log/run-merge.out")"
grep '^  [a-z_]* = ' "$T/log/run-merge.out" | sed 's/^  //' >"$T/printed-merge.cf"
cat >"$T/expected-merge.cf" <<'CF'
smtpd_milters = unix:opendkim/opendkim.sock, { unix:smtp-explain/milter.sock, default_action=accept }
non_smtpd_milters = { unix:smtp-explain/milter.sock, default_action=accept }
internal_mail_filter_classes = bounce
CF
diff -u "$T/expected-merge.cf" "$T/printed-merge.cf" || e2e_fail "run.sh printed other merged lines"
cp "$T/main.cf.plain" /etc/postfix/main.cf
e2e_log "case 1b: with an OpenDKIM milter configured, run.sh appends ours with default_action=accept"

# --- 1: run.sh, as the README says, with the milter under test ----------------
SMTP_EXPLAIN_MILTER="$MILTER_BIN" bash "$SOURCE_DIR/scripts/run.sh" \
  >"$T/log/run.out" 2>"$T/log/milter-run.log" &
milter_pid=$!
E2E_PIDS+=("$milter_pid")
for _ in $(seq 1 50); do
  grep -q "started" "$T/log/milter-run.log" 2>/dev/null && break
  kill -0 "$milter_pid" 2>/dev/null || e2e_fail "run.sh exited: $(cat "$T/log/run.out" "$T/log/milter-run.log")"
  sleep 0.1
done
grep -q "started" "$T/log/milter-run.log" || e2e_fail "milter did not start"
grep '^  [a-z_]* = ' "$T/log/run.out" | sed 's/^  //' >"$T/printed.cf"
cat >"$T/expected.cf" <<'CF'
smtpd_milters = unix:smtp-explain/milter.sock
non_smtpd_milters = unix:smtp-explain/milter.sock
internal_mail_filter_classes = bounce
milter_default_action = accept
milter_protocol = 6
CF
diff -u "$T/expected.cf" "$T/printed.cf" || e2e_fail "run.sh printed other main.cf lines"
# The shipped conf/postfix-main.cf says the same.
grep -v '^#' "$SOURCE_DIR/conf/postfix-main.cf" | grep . | diff -u "$T/expected.cf" - ||
  e2e_fail "conf/postfix-main.cf differs from what run.sh prints"
cat "$T/printed.cf" >>/etc/postfix/main.cf
e2e_log "case 1: run.sh printed $(wc -l <"$T/printed.cf") lines, added to main.cf"

# --- 2: who may connect -------------------------------------------------------
dir=/var/spool/postfix/smtp-explain
sock=$dir/milter.sock
[[ "$(stat -c '%a %U %G' "$dir")" == "750 smtp-explain postfix" ]] ||
  e2e_fail "case 2: socket directory is $(stat -c '%a %U %G' "$dir")"
[[ -S "$sock" && "$(stat -c '%a %U %G' "$sock")" == "660 smtp-explain postfix" ]] ||
  e2e_fail "case 2: socket is $(stat -c '%F %a %U %G' "$sock" 2>&1)"
[[ "$(ps -o user:32= -p "$milter_pid" | tr -d " ")" == "smtp-explain" ]] ||
  e2e_fail "case 2: milter runs as $(ps -o user:32= -p "$milter_pid" | tr -d " ")"
connect_as() {
  setpriv --reuid="$1" --regid="$2" --init-groups /usr/bin/python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])' "$sock" 2>/dev/null
}
connect_as postfix postfix || e2e_fail "case 2: user postfix cannot connect to $sock"
if connect_as nobody nogroup; then e2e_fail "case 2: user nobody can connect to $sock"; fi
e2e_log "case 2: socket 0660 smtp-explain:postfix in 0750 directory; postfix connects, nobody cannot"

# --- Postfix as Debian runs it (configure-instance.sh copies the chroot's files)
script -qc "postfix set-permissions" /dev/null >"$T/log/set-permissions.log" 2>&1 ||
  e2e_fail "postfix set-permissions: $(cat "$T/log/set-permissions.log")"
/usr/lib/postfix/configure-instance.sh - >"$T/log/configure-instance.log" 2>&1 ||
  e2e_fail "configure-instance.sh: $(cat "$T/log/configure-instance.log")"
for service in smtp/inet cleanup/unix bounce/unix; do
  [[ "$(postconf -hF "$service/chroot")" == "y" ]] || e2e_fail "$service does not run chrooted"
done
start_fake_remote
script -qc "postfix start" /dev/null >"$T/log/start.log" 2>&1 ||
  e2e_fail "postfix start: $(cat "$T/log/start.log")"
wait_port "$SMTP_PORT" || e2e_fail "smtpd does not listen on port $SMTP_PORT"

CORPUS="$SHARED_DIR/corpus/sisimai/lf"
# round N: a remote bounce to user@, a mail to full@remote.test bounced to s1@.
round() {
  local n=$1
  send_mail '<>' user@test.local --data "@$CORPUS/rhost-google-05.eml"
  send_mail s1@test.local full@remote.test --header "Subject: round $n to a full mailbox"
  wait_mail_count user "$n"
  wait_mail_count s1 "$n"
  local remote local_bounce
  remote=$(newest_mail user)
  local_bounce=$(newest_mail s1)
  [[ "$(header_values "$remote" X-SMTP-Explain-Class)" == "permanent" ]] ||
    e2e_fail "round $n: remote bounce not annotated: $(grep -i '^X-SMTP' "$remote")"
  header_values "$remote" X-SMTP-Explain | grep -q "552 5.2.2" ||
    e2e_fail "round $n: remote bounce lacks 552 5.2.2: $(header_values "$remote" X-SMTP-Explain)"
  [[ "$(header_values "$local_bounce" X-SMTP-Explain-Class)" == "permanent" ]] ||
    e2e_fail "round $n: Postfix bounce not annotated: $(grep -i '^X-SMTP' "$local_bounce")"
  header_values "$local_bounce" X-SMTP-Explain | grep -q "552 5.2.2 full@remote.test" ||
    e2e_fail "round $n: Postfix bounce lacks 552 5.2.2: $(header_values "$local_bounce" X-SMTP-Explain)"
  if grep -q "connect to Milter service" "$T/log/postfix.log"; then
    e2e_fail "round $n: Postfix could not reach the milter"
  fi
}

# --- 3 and 4: chroot on --------------------------------------------------------
# Our Postfix's smtpd (other Postfix instances on the machine are visible too).
our_smtpd() { pgrep -x -P "$(awk '{print $1}' /var/spool/postfix/pid/master.pid)" smtpd | head -1; }
round 1
smtpd_pid=$(our_smtpd)
[[ -n "$smtpd_pid" && "$(readlink "/proc/$smtpd_pid/root")" == /var/spool/postfix ]] ||
  e2e_fail "smtpd does not run chrooted in /var/spool/postfix"
e2e_log "cases 3, 4: chrooted smtpd and cleanup reached the milter; remote and Postfix bounces annotated"

# --- 5: chroot off, same lines ---------------------------------------------------
postconf -F smtp/inet/chroot=n cleanup/unix/chroot=n bounce/unix/chroot=n
postfix stop >/dev/null 2>&1
script -qc "postfix start" /dev/null >"$T/log/start2.log" 2>&1 ||
  e2e_fail "postfix restart: $(cat "$T/log/start2.log")"
wait_port "$SMTP_PORT" || e2e_fail "smtpd does not listen after the restart"
round 2
smtpd_pid=$(our_smtpd)
[[ -n "$smtpd_pid" && "$(readlink "/proc/$smtpd_pid/root")" == / ]] || e2e_fail "smtpd still chrooted"
e2e_log "case 5: unchrooted smtpd and cleanup reach the same socket by the same lines"
grep -c "annotated" "$T/log/milter-run.log" | grep -qx 4 ||
  e2e_fail "milter logged $(grep -c annotated "$T/log/milter-run.log") annotations, expected 4"
e2e_log "PASS"
