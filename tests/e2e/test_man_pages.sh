#!/usr/bin/env bash
# The man pages (conf/man): man renders each without a warning, and they keep
# up with the programs: every key of conf/smtp-explain.toml is in
# smtp-explain.conf(5), every option of `smtp-explain-milter --help` in
# smtp-explain-milter(8), every option of `smtp-explain --help` in
# smtp-explain(1).
set -euo pipefail
command -v man >/dev/null || { echo "SKIP: man (man-db) not installed"; exit 77; }
[[ -x "${MILTER_BIN:-}" && -x "${CLI_BIN:-}" ]] || { echo "FAIL: MILTER_BIN or CLI_BIN not set"; exit 1; }
pages="$SOURCE_DIR/conf/man"
status=0
bad() { echo "FAIL: $*"; status=1; }

for page in smtp-explain.1 smtp-explain.conf.5 smtp-explain-milter.8; do
  [[ -f "$pages/$page" ]] || { bad "$page missing"; continue; }
  warnings=$(MANWIDTH=80 man --warnings -l "$pages/$page" 2>&1 >/dev/null)
  [[ -z "$warnings" ]] || bad "$page: $warnings"
  [[ $(MANWIDTH=80 man -l "$pages/$page" 2>/dev/null | wc -l) -gt 20 ]] || bad "$page renders nearly empty"
done

# Roff source with escapes undone: \- -> -, font changes dropped.
plain() { sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$pages/$1"; }
conf5=$(plain smtp-explain.conf.5)
milter8=$(plain smtp-explain-milter.8)
cli1=$(plain smtp-explain.1)

while read -r key; do
  grep -qx "\.B $key" <<<"$conf5" || bad "smtp-explain.conf(5) does not document key $key"
done < <(sed -n 's/^\([a-z_]*\) = .*/\1/p' "$SOURCE_DIR/conf/smtp-explain.toml")

options() { "$1" --help | grep -o -- '--[a-z][a-z-]*' | sort -u; }
while read -r opt; do
  grep -q -- "$opt" <<<"$milter8" || bad "smtp-explain-milter(8) lacks $opt"
done < <(options "$MILTER_BIN")
while read -r opt; do
  grep -q -- "$opt" <<<"$cli1" || bad "smtp-explain(1) lacks $opt"
done < <(options "$CLI_BIN")

[[ $status -eq 0 ]] && echo "PASS: 3 man pages render without warnings and document every key and option"
exit $status
