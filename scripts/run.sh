#!/usr/bin/env bash
# Quick start "run": installs what is needed, builds the milter (only the
# milter), prints the lines for Postfix's main.cf and runs smtp-explain-milter
# in the foreground on its default socket with the built-in catalog, as the
# system user smtp-explain (created if missing, as the Debian package does).
#   bash scripts/run.sh [extra smtp-explain-milter options]
# SMTP_EXPLAIN_MILTER=/path/to/smtp-explain-milter runs that program instead
# (no install, no build; the end-to-end test uses it). SMTP_EXPLAIN_PRINT_ONLY=1
# prints the main.cf lines and stops there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
user=smtp-explain
# The milter's default socket, and how Postfix names it (relative to its queue
# directory, so chrooted and unchrooted smtpd/cleanup both find it).
socket=unix:/var/spool/postfix/smtp-explain/milter.sock
postfix_socket=unix:smtp-explain/milter.sock

if [[ $(id -u) -ne 0 ]]; then
  echo "run.sh: run as root (it installs packages, creates the user $user and" \
    "the socket directory under /var/spool/postfix)" >&2
  exit 1
fi
if [[ -n "${SMTP_EXPLAIN_PRINT_ONLY:-}" ]]; then
  milter=
elif [[ -n "${SMTP_EXPLAIN_MILTER:-}" ]]; then
  milter=$SMTP_EXPLAIN_MILTER
else
  bash "$root/scripts/install-deps.sh"
  bash "$root/scripts/build.sh" --target smtp-explain-milter
  milter=${BUILD_DIR:-$root/build}/smtp-explain-milter
fi

# The milter opens its socket as root, gives it to $user and group postfix
# (mode 0660, directory 0750), then switches to $user for good.
if [[ -n "$milter" ]] && ! getent passwd "$user" >/dev/null; then
  useradd --system --user-group --home-dir /nonexistent --no-create-home \
    --shell /usr/sbin/nologin --comment "smtp-explain milter" "$user"
  echo "Created the system user $user."
fi

# What main.cf has now (nothing if Postfix is not configured yet).
current() {
  if [[ -f /etc/postfix/main.cf ]]; then postconf -h "$1" 2>/dev/null || true; fi
}
cur_smtpd=$(current smtpd_milters)
cur_non_smtpd=$(current non_smtpd_milters)
classes=$(current internal_mail_filter_classes)
if [[ -z "$cur_smtpd$cur_non_smtpd" ]]; then
  # Ours is the only milter: the global default action is ours to set.
  lines=("smtpd_milters = $postfix_socket" "non_smtpd_milters = $postfix_socket")
  own_defaults=1
else
  # Other milters keep their default action; ours gets accept of its own.
  entry="{ $postfix_socket, default_action=accept }"
  add() {
    if [[ "$1" == *"$postfix_socket"* ]]; then echo "$1"; else echo "${1:+$1, }$entry"; fi
  }
  lines=("smtpd_milters = $(add "$cur_smtpd")" "non_smtpd_milters = $(add "$cur_non_smtpd")")
  own_defaults=
fi
if [[ " ${classes//,/ } " != *" bounce "* ]]; then
  lines+=("internal_mail_filter_classes = ${classes:+$classes, }bounce")
fi
if [[ -n "$own_defaults" ]]; then lines+=("milter_default_action = accept" "milter_protocol = 6"); fi

echo "Add these lines to /etc/postfix/main.cf and run 'postfix reload'"
echo "(each line explained in conf/postfix-main.cf):"
echo
printf '  %s\n' "${lines[@]}"
echo
[[ -n "$milter" ]] || exit 0
echo "Starting smtp-explain-milter on $socket as $user"
echo "(Ctrl-C stops it, kill -HUP reloads it)."
exec "$milter" --foreground --socket "$socket" --user "$user" "$@"
