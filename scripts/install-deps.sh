#!/usr/bin/env bash
# Installs what smtp-explain needs from Debian's packages. Idempotent and
# non-interactive; run as root on Debian 12.
#   scripts/install-deps.sh          build dependencies
#   scripts/install-deps.sh --test   also what the test suite needs (Postfix, Sieve, miltertest)
#   scripts/install-deps.sh --bench  also what bench/parse_compare.sh needs (Sisimai 4.25, Debian's
#                                    Go and the golang.org/x sources go-sisimai builds with, GNU time)
set -euo pipefail

build_pkgs=(build-essential cmake pkg-config libmilter-dev libspdlog-dev catch2
            libtomlplusplus-dev libre2-dev nlohmann-json3-dev libcpp-httplib-dev ccache)
# The test suite: Postfix and friends; Sendmail's runtime libraries and m4 (the
# Sendmail test unpacks Debian's sendmail packages, which cannot be installed
# beside Postfix); what the package test and the man page test use.
test_pkgs=(postfix dovecot-sieve miltertest swaks iproute2 util-linux procps python3
           libsisimai-perl m4 libdb5.3 libldap-2.5-0 liblockfile1 libnsl2 libsasl2-2 libssl3
           libwrap0 man-db dpkg-dev adduser passwd systemd)

# The parse benchmark's anchors: Sisimai (Perl) and go-sisimai, built offline from
# ../shared/anchors/go-sisimai with these sources (bench/go-sisimai-bench/go.mod).
bench_pkgs=(libsisimai-perl golang-go golang-golang-x-net-dev golang-golang-x-text-dev
            golang-golang-x-sys-dev time util-linux)

pkgs=("${build_pkgs[@]}")
for arg in "$@"; do
  case $arg in
    --test) pkgs+=("${test_pkgs[@]}") ;;
    --bench) pkgs+=("${bench_pkgs[@]}") ;;
    *) echo "install-deps: unknown option $arg" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then exit 0; fi

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: missing packages: ${missing[*]}; run as root to install them" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Postfix must not configure or start a system instance: the tests run their own.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
