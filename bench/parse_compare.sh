#!/usr/bin/env bash
# Parse speed of smtp-explain against Sisimai 4.25 (Perl, Debian libsisimai-perl)
# and go-sisimai 5.2 (Go, built from ../shared/anchors/go-sisimai with Debian's
# Go), in one sitting, on the same files, in memory, each pinned to one core.
#
#   bench/parse_compare.sh [-b BUILD_DIR] [-c CPU] [-i INTERLEAVES] [-r OUR_ROUNDS]
#                          [-s SISIMAI_ROUNDS] [-g GO_ROUNDS] [-m] [CORPUS_DIR...]
#
#   -b  build directory holding parse_bench (default build-rel; built there in
#       Release with -j2 if missing). go-sisimai-bench is built into it too.
#   -c  CPU for taskset (default 0).
#   -i  interleaved rounds: each round runs ours, Sisimai, go-sisimai once, in
#       turn (default 3). The rate of each tool is the median of its rounds.
#   -r/-s/-g  passes over the corpus inside one run of ours (default 100),
#       Sisimai (default 2), go-sisimai (default 3).
#   -m  also print peak RSS of parse_bench over 1x, 10x and 100x the corpus,
#       and RSS and time of one recipient line repeated to 1..64 MiB.
#   CORPUS_DIR: directories of .eml files (default ../shared/corpus/sisimai/lf).
#
# Sisimai 4.25 reads no bounce in a file with CR-only line ends (sisimai/cr):
# its rate there is the rate of finding nothing.
# Ours is Annotator::parse (parse_bench --stage parse: the Report with provider
# rules applied, the work Sisimai does). Self-check: before timing, the script
# writes parse_bench --dump for the set and prints its sha256; the timed run is
# given that dump with --expect and fails if the annotations it timed differ, so
# a fast wrong answer cannot pass. With SMTP_EXPLAIN_EXPECT_DIR=DIR, the dump is
# also compared with DIR/<set>.parse.dump (a reference kept by hand).
# Exit status: 0 when everything ran and every self-check passed, 1 otherwise.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
build=$src/build-rel
cpu=0
interleaves=3
our_rounds=100
sis_rounds=2
go_rounds=3
memory=0
while getopts "b:c:i:r:s:g:mh" opt; do
  case $opt in
    b) build=$OPTARG ;;
    c) cpu=$OPTARG ;;
    i) interleaves=$OPTARG ;;
    r) our_rounds=$OPTARG ;;
    s) sis_rounds=$OPTARG ;;
    g) go_rounds=$OPTARG ;;
    m) memory=1 ;;
    *) sed -n '2,29p' "$0"; exit 1 ;;
  esac
done
shift $((OPTIND - 1))
if (($# == 0)); then set -- "$src/../shared/corpus/sisimai/lf"; fi

for tool in taskset perl go sha256sum; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (scripts/install-deps.sh --bench)" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "missing: /usr/bin/time (scripts/install-deps.sh --bench)" >&2; exit 1; }
perl -MSisimai -e1 2>/dev/null || { echo "missing: Sisimai (scripts/install-deps.sh --bench)" >&2; exit 1; }

bench_bin=$build/parse_bench
if [ ! -x "$bench_bin" ]; then
  echo "building parse_bench in $build (Release)" >&2
  cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j2 --target parse_bench >/dev/null
fi
# go-sisimai, offline: the module file replaces every dependency with a local
# directory (the anchor source, Debian's /usr/share/gocode).
go_bin=$build/go-sisimai-bench
(cd "$here/go-sisimai-bench" &&
  GOPROXY=off GOFLAGS=-mod=mod GOCACHE="$build/go-cache" GOPATH="$build/go-path" \
    go build -trimpath -o "$go_bin" .) || { echo "cannot build go-sisimai-bench" >&2; exit 1; }

pin() { taskset -c "$cpu" "$@"; }
rate_of() { sed -n 's/.* \([0-9][0-9]*\) messages\/s.*/\1/p' <<<"$1"; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", (b > 0) ? a / b : 0}'; }
peak_kb() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), load $(cut -d' ' -f1-3 /proc/loadavg); pinned to CPU $cpu"
for corpus in "$@"; do
  [ -d "$corpus" ] || { echo "no corpus directory: $corpus" >&2; exit 1; }
  set_name=$(basename "$(dirname "$corpus")")-$(basename "$corpus")
  dump=$work/$set_name.parse.dump
  "$bench_bin" --stage parse --dump "$corpus" >"$dump"
  echo "== $corpus: dump sha256 $(sha256sum <"$dump" | cut -c1-16)"
  if [ -n "${SMTP_EXPLAIN_EXPECT_DIR:-}" ] && [ -f "$SMTP_EXPLAIN_EXPECT_DIR/$set_name.parse.dump" ]; then
    if cmp -s "$dump" "$SMTP_EXPLAIN_EXPECT_DIR/$set_name.parse.dump"; then
      echo "   dump equals $SMTP_EXPLAIN_EXPECT_DIR/$set_name.parse.dump"
    else
      echo "   WRONG: dump differs from $SMTP_EXPLAIN_EXPECT_DIR/$set_name.parse.dump"; status=1
    fi
  fi
  ours=() sis=() gos=()
  for ((i = 1; i <= interleaves; i++)); do
    line=$(pin "$bench_bin" --stage parse --rounds "$our_rounds" --expect "$dump" "$corpus") || status=1
    grep -q '^WRONG' <<<"$line" && { echo "$line"; status=1; }
    ours+=("$(rate_of "$line")"); echo "   $i ours:       $(head -1 <<<"$line")"; sed -n "s/^checked: /     checked: /p" <<<"$line"
    line=$(pin perl "$here/sisimai_bench.pl" "$corpus" "$sis_rounds")
    sis+=("$(rate_of "$line")"); echo "   $i Sisimai:    $line"
    line=$(pin "$go_bin" "$corpus" "$go_rounds")
    gos+=("$(rate_of "$line")"); echo "   $i go-sisimai: $line"
  done
  o=$(median "${ours[@]}") s=$(median "${sis[@]}") g=$(median "${gos[@]}")
  echo "   median messages/s: ours $o, Sisimai 4.25 $s, go-sisimai $g"
  echo "   ratios: $(ratio "$o" "$s")x Sisimai 4.25 (bar 100x), $(ratio "$o" "$g")x go-sisimai (bar 40x)"
done

if ((memory)); then
  corpus=$1
  echo "== peak RSS of parse_bench --stage parse over $corpus (held in memory once)"
  for x in 1 10 100; do
    echo "   ${x}x: $(peak_kb taskset -c "$cpu" "$bench_bin" --stage parse --rounds "$x" "$corpus") kB"
  done
  echo "== one recipient line repeated, max_scan_bytes 64 MiB (parse_bench --repeated-recipient MiB)"
  for mib in 1 2 4 8 16 32 64; do
    pin "$bench_bin" --repeated-recipient "$mib" | sed 's/^/   /' || status=1
  done
fi
exit $status
