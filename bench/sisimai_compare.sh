#!/usr/bin/env bash
# Speed and memory of our parser against Sisimai (Perl, Debian libsisimai-perl
# v4), both on one core (taskset -c CPU), on the same .eml files, in memory.
#
#   bench/sisimai_compare.sh [-b PARSE_BENCH] [-c CPU] [-s SISIMAI_ROUNDS]
#                            [-r OUR_ROUNDS] [CORPUS_DIR]
#
#   -b  path of the built parse_bench (bench/parse_bench.cc). Default:
#       build/parse_bench, else the first build*/parse_bench; if none, it is built with cmake in
#       build-bench/ (Release, -j2, parse_bench target only).
#   -c  CPU to pin both programs to (default 0).
#   -s  Sisimai rounds over the corpus (default 3; about 2 s per round).
#   -r  our rounds (default 200).
#   CORPUS_DIR defaults to ../shared/corpus/sisimai/lf beside the source tree.
#
# Prints both rates (messages/s), the ratio against the 100x bar, and the peak
# RSS (GNU time) of parse_bench over the corpus 1x and 100x, and of Sisimai 1x.
# Exit status: 0 when both ran (whatever the ratio), 1 on an error.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
bench_bin=""
cpu=0
sis_rounds=3
our_rounds=200
while getopts "b:c:s:r:h" opt; do
  case $opt in
    b) bench_bin=$OPTARG ;;
    c) cpu=$OPTARG ;;
    s) sis_rounds=$OPTARG ;;
    r) our_rounds=$OPTARG ;;
    *) sed -n '2,19p' "$0"; exit 1 ;;
  esac
done
shift $((OPTIND - 1))
corpus=${1:-$src/../shared/corpus/sisimai/lf}
[ -d "$corpus" ] || { echo "no corpus directory: $corpus" >&2; exit 1; }
for tool in taskset perl; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "missing: /usr/bin/time (apt-get install time)" >&2; exit 1; }
perl -MSisimai -e1 2>/dev/null || { echo "missing: Sisimai (apt-get install libsisimai-perl)" >&2; exit 1; }

if [ -z "$bench_bin" ]; then
  for b in "$src"/build/parse_bench "$src"/build*/parse_bench; do
    if [ -x "$b" ]; then bench_bin=$b; break; fi
  done
fi
if [ -z "$bench_bin" ]; then
  echo "parse_bench not found; building it in $src/build-bench" >&2
  cmake -S "$src" -B "$src/build-bench" -DCMAKE_BUILD_TYPE=Release -DSMTP_EXPLAIN_TESTS=OFF >/dev/null
  cmake --build "$src/build-bench" -j2 --target parse_bench >/dev/null
  bench_bin=$src/build-bench/parse_bench
fi
[ -x "$bench_bin" ] || { echo "not executable: $bench_bin" >&2; exit 1; }

# The rate is the number before " messages/s" in a tool's one-line summary.
rate_of() { sed -n 's/.* \([0-9][0-9]*\) messages\/s.*/\1/p' <<<"$1"; }
# Peak RSS in kB of a command (GNU time), its own output discarded.
peak_rss() {
  /usr/bin/time -f '%M' -o /tmp/sisimai_compare.$$.rss "$@" >/dev/null
  cat /tmp/sisimai_compare.$$.rss
  rm -f /tmp/sisimai_compare.$$.rss
}

echo "corpus:      $corpus ($(find "$corpus" -maxdepth 1 -name '*.eml' | wc -l) .eml files)"
echo "parse_bench: $bench_bin"
echo "cpu:         $cpu (taskset)"
echo

sis_line=$(taskset -c "$cpu" perl "$here/sisimai_bench.pl" "$corpus" "$sis_rounds")
our_line=$(taskset -c "$cpu" "$bench_bin" "$corpus" "$our_rounds")
echo "$sis_line"
echo "smtp-explain: $our_line"
sis_rate=$(rate_of "$sis_line")
our_rate=$(rate_of "$our_line")
[ -n "$sis_rate" ] && [ -n "$our_rate" ] && [ "$sis_rate" -gt 0 ] ||
  { echo "could not read the rates" >&2; exit 1; }
ratio=$(awk -v a="$our_rate" -v b="$sis_rate" 'BEGIN { printf "%.1f", a / b }')
verdict=$(awk -v r="$ratio" 'BEGIN { print (r >= 100 ? "meets" : "BELOW") }')
echo
echo "speed: smtp-explain $our_rate messages/s, Sisimai $sis_rate messages/s: ${ratio}x ($verdict the 100x bar)"

rss1=$(peak_rss taskset -c "$cpu" "$bench_bin" "$corpus" 1)
rss100=$(peak_rss taskset -c "$cpu" "$bench_bin" "$corpus" 100)
rss_sis=$(peak_rss taskset -c "$cpu" perl "$here/sisimai_bench.pl" "$corpus" 1)
echo "peak RSS: parse_bench 1x ${rss1} kB, 100x ${rss100} kB (corpus held in memory); Sisimai 1x ${rss_sis} kB"
