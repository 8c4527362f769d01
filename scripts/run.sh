#!/usr/bin/env bash
# Quick start "run": installs what is needed, builds, and runs the milter in the
# foreground on the default socket with the built-in catalog.
#   bash scripts/run.sh [extra smtp-explain-milter options]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/install-deps.sh"
bash "$root/scripts/build.sh"
build=${BUILD_DIR:-$root/build}
socket=unix:/run/smtp-explain/milter.sock
cat <<MSG
Add these lines to /etc/postfix/main.cf and run 'postfix reload'
(all recommended lines with comments: conf/postfix-main.cf):

  smtpd_milters = ${socket}
  non_smtpd_milters = ${socket}

Starting smtp-explain-milter on ${socket} (Ctrl-C stops it, kill -HUP reloads).
MSG
user_args=()
if [[ $(id -u) -eq 0 ]]; then
  # Never keep root: switch to postfix's user if it exists, else nobody.
  if id postfix >/dev/null 2>&1; then user_args=(--user postfix); else user_args=(--user nobody); fi
fi
exec "$build/smtp-explain-milter" --foreground --socket "$socket" "${user_args[@]}" "$@"
