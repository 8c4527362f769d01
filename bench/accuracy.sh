#!/usr/bin/env bash
# Accuracy of smtp-explain and of Sisimai 4.25 (Debian's libsisimai-perl) on
# every labelled set in ../shared/corpus, scored by the same scorer from the
# same JSON-lines form (bench/accuracy_score.py; see bench/README.md).
#
#   bench/accuracy.sh [-b SMTP_EXPLAIN] [-s SHARED_DIR] [-o OUTDIR] [-t ours|sisimai|both] [-l]
#
#   -b  the smtp-explain binary (default: build/smtp-explain, else builds it in build/)
#   -s  the shared directory (default: ../shared beside the repository)
#   -o  keep the predictions and results here (default: a temporary directory, removed)
#   -t  which tools to run (default: both)
#   -l  also list, per set and tool, every file that misses, adds or mislabels something
#
# Prints a Markdown table: per set and tool, recipient recall and precision,
# reply-code, status and (Sisimai set) reason accuracy; for sisimai/not the
# number of recipients reported from non-bounces. Exit status 0 when every
# tool ran.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bin="" shared="$root/../shared" outdir="" tools=both list=0
while getopts "b:s:o:t:l" opt; do
  case $opt in
    b) bin=$OPTARG ;;
    s) shared=$OPTARG ;;
    o) outdir=$OPTARG ;;
    t) tools=$OPTARG ;;
    l) list=1 ;;
    *) sed -n '2,20p' "$0" >&2; exit 2 ;;
  esac
done
case $tools in ours|sisimai|both) ;; *) echo "-t: ours, sisimai or both" >&2; exit 2 ;; esac
corpus="$shared/corpus"
[ -d "$corpus/sisimai" ] || { echo "no corpus at $corpus" >&2; exit 2; }

if [ "$tools" != sisimai ]; then
  if [ -z "$bin" ]; then
    bin="$root/build/smtp-explain"
    if [ ! -x "$bin" ]; then
      cmake -S "$root" -B "$root/build" >/dev/null
      cmake --build "$root/build" -j2 --target smtp-explain >/dev/null
    fi
  fi
  [ -x "$bin" ] || { echo "no smtp-explain binary at $bin" >&2; exit 2; }
fi
if [ "$tools" != ours ]; then
  perl -MSisimai -e 1 2>/dev/null || { echo "Sisimai is missing: apt-get install libsisimai-perl" >&2; exit 2; }
fi

cleanup=""
if [ -z "$outdir" ]; then
  outdir=$(mktemp -d)
  cleanup=$outdir
fi
trap '[ -n "$cleanup" ] && rm -rf "$cleanup"' EXIT
mkdir -p "$outdir"
results="$outdir/results.jsonl"
: >"$results"

# set name | directory | truth (empty: every file is a non-bounce)
sets=(
  "sisimai/lf|$corpus/sisimai/lf|$corpus/sisimai/truth.tsv"
  "sisimai/crlf|$corpus/sisimai/crlf|$corpus/sisimai/truth.tsv"
  "sisimai/cr|$corpus/sisimai/cr|$corpus/sisimai/truth.tsv"
  "sisimai/not|$corpus/sisimai/not|"
  "bounceparser|$corpus/bounceparser/msgs|$corpus/bounceparser/truth.tsv"
  "bounced|$corpus/bounced/msgs|$corpus/bounced/truth.tsv"
)

predict() {  # tool dir out
  local files=()
  mapfile -t files < <(find "$2" -maxdepth 1 -type f \( -name '*.eml' -o -name '*.msg' \) | sort)
  case $1 in
    ours) "$bin" check --json "${files[@]}" >"$3" || [ $? -eq 1 ] ;;
    sisimai) perl "$here/sisimai_predict.pl" "${files[@]}" >"$3" ;;
  esac
}

ours_name="smtp-explain $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
sisimai_name="Sisimai $(perl -MSisimai -e 'print $Sisimai::VERSION =~ s/^v//r' 2>/dev/null || echo '?')"
for entry in "${sets[@]}"; do
  IFS='|' read -r name dir truth <<<"$entry"
  for tool in ours sisimai; do
    [ "$tools" = both ] || [ "$tools" = "$tool" ] || continue
    label=$ours_name
    [ $tool = sisimai ] && label=$sisimai_name
    pred="$outdir/$tool-${name//\//-}.jsonl"
    predict $tool "$dir" "$pred"
    args=(--name "$name" --tool "$label")
    if [ -n "$truth" ]; then args+=(--truth "$truth" --dir "$dir"); else args+=(--kind none --dir "$dir"); fi
    python3 "$here/accuracy_score.py" "${args[@]}" --json "$pred" >>"$results"
    if [ $list = 1 ]; then
      python3 "$here/accuracy_score.py" "${args[@]}" --list "$pred" >&2
    fi
  done
done
python3 "$here/accuracy_score.py" --table "$results"
