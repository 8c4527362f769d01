#!/usr/bin/env bash
# The Debian package, installed for real and purged: cpack -G DEB in the build
# directory, `apt-get install ./smtp-explain_*.deb`, then
#   1. files in their places, the config a conffile, dependencies from
#      dpkg-shlibdeps, the unit valid (systemd-analyze verify);
#   2. the system user smtp-explain exists, is in group postfix, owns the
#      socket directory /var/spool/postfix/smtp-explain (0750, group postfix);
#   3. the milter started as the unit starts it (its User, Group and
#      ExecStart, read from the installed unit; systemd does not run here)
#      answers miltertest, makes its socket 0660 smtp-explain:postfix,
#      reloads on the unit's ExecReload signal and stops on SIGTERM;
#   4. `apt-get purge` leaves nothing behind: no file, user, group or
#      directory, /etc/passwd, group, shadow and gshadow as before.
# The machine's packages and users are changed while it runs; the EXIT trap
# purges the package whatever happens.
set -euo pipefail
skip() { echo "SKIP: $*"; exit 77; }
fail() {
  echo "FAIL: $*" >&2
  [[ -f "${T:-/nonexistent}/milter.log" ]] && tail -n 20 "$T/milter.log" >&2
  exit 1
}
log() { echo "[$(date +%T)] $*"; }

[[ $(id -u) -eq 0 ]] || skip "needs root (installs a package)"
for tool in cpack dpkg-deb apt-get miltertest setpriv man systemd-analyze; do
  command -v "$tool" >/dev/null || skip "$tool not installed"
done
[[ -x "${MILTER_BIN:-}" && -x "${CLI_BIN:-}" ]] || fail "MILTER_BIN or CLI_BIN not set"
BUILD=$(dirname "$MILTER_BIN")
[[ -f "$BUILD/CPackConfig.cmake" ]] || fail "no CPackConfig.cmake in $BUILD"
grep -q 'CPACK_PACKAGING_INSTALL_PREFIX "/usr"' "$BUILD/CPackConfig.cmake" ||
  fail "$BUILD is configured with another prefix than /usr: cmake -DCMAKE_INSTALL_PREFIX=/usr $BUILD"
if dpkg-query -W -f='${Status}' smtp-explain 2>/dev/null | grep -q installed; then
  skip "the smtp-explain package is already installed on this machine"
fi
if getent passwd smtp-explain >/dev/null || getent group smtp-explain >/dev/null; then
  skip "a user or group smtp-explain exists already: purging would remove it"
fi

T=$(mktemp -d /tmp/smtp-explain-deb.XXXXXX)
milter_pid=
cleanup() {
  local rc=$?
  set +e
  [[ -n "$milter_pid" ]] && kill "$milter_pid" 2>/dev/null && wait "$milter_pid" 2>/dev/null
  if dpkg-query -W -f='${Status}' smtp-explain 2>/dev/null | grep -q "ok installed\|config-files"; then
    dpkg --purge smtp-explain >/dev/null 2>&1
  fi
  rm -rf /run/smtp-explain
  if [[ $rc -eq 0 || -n "${CI:-}" ]]; then rm -rf "$T"; else echo "kept $T" >&2; fi
  exit $rc
}
trap cleanup EXIT

# What the purge must restore. Paths the package or its scripts could touch.
watched=(/etc /usr/bin /usr/sbin /usr/share/smtp-explain /usr/share/doc /usr/share/man /lib/systemd
         /var/spool/postfix /var/lib/systemd /run/smtp-explain)
snapshot() {
  { find "${watched[@]}" -xdev 2>/dev/null || true; } | sort
  for f in /etc/passwd /etc/group /etc/shadow /etc/gshadow; do sha256sum "$f"; done
}
snapshot >"$T/before.txt"

# --- build ----------------------------------------------------------------------
(cd "$BUILD" && cpack -G DEB -B "$T/pkg") >"$T/cpack.log" 2>&1 || fail "cpack: $(tail -20 "$T/cpack.log")"
deb=$(ls "$T"/pkg/smtp-explain_*.deb)
log "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"
depends=$(dpkg-deb -f "$deb" Depends)
for dep in libmilter1.0.1 libc6 libstdc++6 adduser; do
  [[ "$depends" == *"$dep"* ]] || fail "Depends lacks $dep: $depends"
done
dpkg-deb -I "$deb" conffiles | grep -qx /etc/smtp-explain/smtp-explain.toml ||
  fail "the config is not a conffile"

# --- install -----------------------------------------------------------------------
apt-get install -y -q -o DPkg::Lock::Timeout=300 --no-install-recommends "$deb" \
  >"$T/install.log" 2>&1 || fail "apt-get install: $(tail -20 "$T/install.log")"
log "installed"

# --- 1 -------------------------------------------------------------------------
for f in /usr/sbin/smtp-explain-milter /usr/bin/smtp-explain; do [[ -x $f ]] || fail "case 1: no $f"; done
for f in /etc/smtp-explain/smtp-explain.toml /usr/share/smtp-explain/providers.toml \
  /usr/share/smtp-explain/catalog/en.toml /usr/share/smtp-explain/catalog/es.toml \
  /lib/systemd/system/smtp-explain-milter.service \
  /usr/share/doc/smtp-explain/examples/bounces.sieve \
  /usr/share/doc/smtp-explain/examples/bounces.procmailrc \
  /usr/share/doc/smtp-explain/examples/postfix-main.cf \
  /usr/share/doc/smtp-explain/examples/smtp-explain.mc /usr/share/doc/smtp-explain/copyright \
  /usr/share/man/man1/smtp-explain.1.gz /usr/share/man/man5/smtp-explain.conf.5.gz \
  /usr/share/man/man8/smtp-explain-milter.8.gz; do
  [[ -f $f ]] || fail "case 1: $f not installed"
done
cmp -s /etc/smtp-explain/smtp-explain.toml "$SOURCE_DIR/conf/smtp-explain.toml" ||
  fail "case 1: installed config differs from conf/smtp-explain.toml"
dpkg-query -W -f='${Conffiles}\n' smtp-explain | grep -q "/etc/smtp-explain/smtp-explain.toml" ||
  fail "case 1: dpkg does not track the config as a conffile"
/usr/sbin/smtp-explain-milter --check-config --config /etc/smtp-explain/smtp-explain.toml \
  >"$T/check.log" 2>&1 || fail "case 1: --check-config: $(cat "$T/check.log")"
/usr/bin/smtp-explain 552 | grep -qi "mailbox" || fail "case 1: smtp-explain 552 says nothing of a mailbox"
[[ "$(man -w smtp-explain-milter)" == /usr/share/man/man8/smtp-explain-milter.8.gz ]] ||
  fail "case 1: man -w smtp-explain-milter: $(man -w smtp-explain-milter 2>&1)"
verify=$(systemd-analyze verify /lib/systemd/system/smtp-explain-milter.service 2>&1 || true)
[[ -z "$verify" ]] || fail "case 1: systemd-analyze verify: $verify"
unit=/lib/systemd/system/smtp-explain-milter.service
# shellcheck disable=SC2016 # $MAINPID is the unit's, not ours
for hardening in NoNewPrivileges=yes ProtectSystem=strict PrivateTmp=yes \
  "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6" 'ExecReload=/bin/kill -HUP $MAINPID'; do
  grep -qxF "$hardening" "$unit" || fail "case 1: the unit lacks $hardening"
done
log "case 1: files, conffile, shlibdeps, man pages and a valid hardened unit"

# --- 2 -------------------------------------------------------------------------
getent passwd smtp-explain | grep -q ':/nonexistent:/usr/sbin/nologin$' || fail "case 2: user: $(getent passwd smtp-explain)"
[[ $(id -u smtp-explain) -lt 1000 ]] || fail "case 2: smtp-explain is not a system user"
if getent group postfix >/dev/null; then
  id -nG smtp-explain | grep -qw postfix || fail "case 2: smtp-explain not in group postfix"
  [[ "$(stat -c '%a %U %G' /var/spool/postfix/smtp-explain)" == "750 smtp-explain postfix" ]] ||
    fail "case 2: socket directory is $(stat -c '%a %U %G' /var/spool/postfix/smtp-explain)"
fi
log "case 2: system user in group postfix, socket directory 0750 smtp-explain:postfix"

# --- 3 -------------------------------------------------------------------------
unit_value() { sed -n "s/^$1=//p" "$unit" | head -1; }
user=$(unit_value User) group=$(unit_value Group)
read -r -a exec_start <<<"$(unit_value ExecStart)"
runtime_dir=$(unit_value RuntimeDirectory)
[[ -n "$user" && -n "$group" && ${#exec_start[@]} -gt 0 ]] || fail "case 3: cannot read the unit"
install -d -o "$user" -g "$group" -m "$(unit_value RuntimeDirectoryMode)" "/run/$runtime_dir"
setpriv --reuid="$user" --regid="$group" --init-groups --no-new-privs -- "${exec_start[@]}" \
  >"$T/milter.log" 2>&1 &
milter_pid=$!
for _ in $(seq 1 50); do
  grep -q "started" "$T/milter.log" && break
  kill -0 "$milter_pid" 2>/dev/null || fail "case 3: the milter exited"
  sleep 0.1
done
grep -q "started" "$T/milter.log" || fail "case 3: the milter did not start"
sock=/var/spool/postfix/smtp-explain/milter.sock
[[ "$(ps -o user:32= -p "$milter_pid" | tr -d " ")" == smtp-explain ]] || fail "case 3: runs as $(ps -o user:32= -p "$milter_pid" | tr -d " ")"
if getent group postfix >/dev/null; then
  [[ "$(stat -c '%a %U %G' "$sock")" == "660 smtp-explain postfix" ]] ||
    fail "case 3: socket is $(stat -c '%a %U %G' "$sock")"
fi
MILTER_SOCKET="unix:$sock" miltertest -s "$SOURCE_DIR/tests/miltertest/header_edits.lua" \
  >"$T/miltertest.log" 2>&1 || fail "case 3: miltertest: $(cat "$T/miltertest.log")"
reload=$(unit_value ExecReload)
eval "${reload//\$MAINPID/$milter_pid}"
for _ in $(seq 1 50); do grep -q "reloaded" "$T/milter.log" && break; sleep 0.1; done
grep -q "reloaded" "$T/milter.log" || fail "case 3: no reload after '$reload'"
kill -TERM "$milter_pid"
rc=0
wait "$milter_pid" || rc=$?
milter_pid=
[[ $rc -eq 0 ]] || fail "case 3: the milter exited $rc on SIGTERM"
rm -rf "/run/$runtime_dir"
log "case 3: started as the unit does, answered miltertest, reloaded, stopped"

# --- 4 -------------------------------------------------------------------------
apt-get purge -y -q -o DPkg::Lock::Timeout=300 smtp-explain >"$T/purge.log" 2>&1 ||
  fail "apt-get purge: $(tail -20 "$T/purge.log")"
if dpkg-query -W -f='${Status}' smtp-explain 2>/dev/null | grep -q "installed\|config-files"; then
  fail "case 4: dpkg still knows the package"
fi
getent passwd smtp-explain >/dev/null && fail "case 4: user smtp-explain left behind"
getent group smtp-explain >/dev/null && fail "case 4: group smtp-explain left behind"
snapshot >"$T/after.txt"
diff "$T/before.txt" "$T/after.txt" >"$T/left.diff" || fail "case 4: purge left changes: $(head -30 "$T/left.diff")"
log "case 4: purged; nothing left behind"
log "PASS"
