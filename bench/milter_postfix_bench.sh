#!/usr/bin/env bash
# What a milter costs Postfix, measured side by side in one sitting.
#
# A private Postfix (tests/e2e/lib.sh: own network namespace, loopback only)
# relays to discard:. One smtpd per configuration, all running at once:
#   none         no milter
#   null-unix    bench/null_milter (libmilter, end-of-message callback only,
#   null-inet      every other stage negotiated off: the protocol's floor)
#   ours-unix    smtp-explain-milter
#   ours-inet
# over a unix socket and over TCP on 127.0.0.1. Traffic, each from 10 parallel
# SMTP sessions, one message per session (as from remote MTAs):
#   ordinary-1k   a 1 KB message with the header fields a Gmail message carries
#   ordinary-50k  the same with a 50 KB body
#   bounces       corpus bounces (10 files, one per session) with MAIL FROM:<>
# ROUNDS rounds, configurations interleaved within each round (their order
# rotated per round); each run's time is from the first connection until
# Postfix's queue is empty. Printed: median messages/s per configuration, the
# median over rounds of its ratio to "none" in the same round, and for
# smtp-explain the time spent inside the milter's callbacks per message (p50,
# p99, read from its own histogram, smtp_explain_message_duration_seconds).
# Then the milter's resident memory while RSS_COUNT bounces pass through it.
#
#   cmake --build build -j2 --target smtp-explain-milter null_milter
#   bash bench/milter_postfix_bench.sh
# Environment: MILTER_BIN, NULL_MILTER_BIN (default build/...), SHARED_DIR,
# BENCH_COUNT messages per run (1000), BENCH_ROUNDS (5), BENCH_SESSIONS (10),
# BENCH_RSS_COUNT (100000; 0 skips), BENCH_ORDINARY=gmail|plain (header set of
# the ordinary messages; "plain" leaves out X-Gm-Message-State and friends),
# BENCH_BASELINE_MILTER=PATH (another smtp-explain-milter, e.g. an older
# build, measured in the same rounds as base-unix and base-inet),
# BENCH_CONFIGS and BENCH_TRAFFIC (space-separated subsets to run).
# Needs root (namespaces, a private Postfix). Not a test: it prints numbers.
root=$(cd "$(dirname "$0")/.." && pwd)
: "${MILTER_BIN:=$root/build/smtp-explain-milter}" "${SHARED_DIR:=$root/../shared}"
: "${NULL_MILTER_BIN:=$(dirname "$MILTER_BIN")/null_milter}"
export MILTER_BIN NULL_MILTER_BIN SHARED_DIR SOURCE_DIR=$root
source "$root/tests/e2e/lib.sh"
e2e_init "$@"
command -v smtp-source >/dev/null || e2e_skip "smtp-source missing (postfix package)"
[[ -x "$NULL_MILTER_BIN" ]] || e2e_fail "NULL_MILTER_BIN $NULL_MILTER_BIN missing (build target null_milter)"
COUNT=${BENCH_COUNT:-1000}
ROUNDS=${BENCH_ROUNDS:-5}
SESSIONS=${BENCH_SESSIONS:-10}
RSS_COUNT=${BENCH_RSS_COUNT:-100000}
ORDINARY=${BENCH_ORDINARY:-gmail}

# --- milters --------------------------------------------------------------
declare -A PORT_OF=([none]=2525 [null-unix]=2531 [null-inet]=2532 [ours-unix]=2533 [ours-inet]=2534
  [base-unix]=2535 [base-inet]=2536)
declare -A METRICS_OF=([ours-unix]=9101 [ours-inet]=9102)
read -r -a CONFIGS <<<"${BENCH_CONFIGS:-none null-unix null-inet ours-unix ours-inet}"
if [[ -n "${BENCH_BASELINE_MILTER:-}" && -z "${BENCH_CONFIGS:-}" ]]; then
  CONFIGS+=(base-unix base-inet)
fi
[[ " ${CONFIGS[*]} " == *" none "* ]] || e2e_fail "BENCH_CONFIGS must include none (the reference)"

start_ours() {  # NAME SOCKET METRICS_PORT [BINARY]
  local bin=${4:-$MILTER_BIN}
  printf 'log_level = "info"\nlog_destination = "stderr"\nsocket_mode = "0666"\n' >"$T/$1.toml"
  [[ -n "$3" ]] && printf 'metrics = "127.0.0.1:%s"\n' "$3" >>"$T/$1.toml"
  chmod 644 "$T/$1.toml"
  "$bin" --foreground --user nobody --config "$T/$1.toml" --socket "$2" \
    >"$T/log/milter-$1.log" 2>&1 &
  E2E_PIDS+=($!)
  printf -v "PID_${1//-/_}" '%s' "$!"
}
start_null() {  # NAME SOCKET
  "$NULL_MILTER_BIN" "$2" >"$T/log/milter-$1.log" 2>&1 &
  E2E_PIDS+=($!)
}
start_ours ours-unix "unix:$T/run/ours.sock" "${METRICS_OF[ours-unix]}"
start_ours ours-inet "inet:8893@127.0.0.1" "${METRICS_OF[ours-inet]}"
start_null null-unix "unix:$T/run/null.sock"
start_null null-inet "inet:8894@127.0.0.1"
if [[ -n "${BENCH_BASELINE_MILTER:-}" ]]; then
  # No metrics key: an older build may not know it (no p50/p99 for it then).
  start_ours base-unix "unix:$T/run/base.sock" "" "$BENCH_BASELINE_MILTER"
  start_ours base-inet "inet:8895@127.0.0.1" "" "$BENCH_BASELINE_MILTER"
fi
sleep 1
chmod 666 "$T/run/null.sock"  # libmilter creates it 0755 under root's umask
for name in ours-unix ours-inet ${BENCH_BASELINE_MILTER:+base-unix base-inet}; do
  grep -q started "$T/log/milter-$name.log" || e2e_fail "$name did not start"
done

start_postfix
postconf -c "$T/etc" -e "smtpd_milters =" "non_smtpd_milters =" >/dev/null
add_smtpd_port 2531 "unix:$T/run/null.sock"
add_smtpd_port 2532 "inet:127.0.0.1:8894"
add_smtpd_port 2533 "unix:$T/run/ours.sock"
add_smtpd_port 2534 "inet:127.0.0.1:8893"
add_smtpd_port 2535 "unix:$T/run/base.sock"
add_smtpd_port 2536 "inet:127.0.0.1:8895"
postfix_reload

# --- traffic --------------------------------------------------------------
ordinary_message() {  # BODY_BYTES
  cat <<'HDR'
Return-Path: <friend@example.org>
Received: from mail-wm1-f41.google.com (mail-wm1-f41.google.com [209.85.128.41])
	by mx.test.local (Postfix) with ESMTPS id 4Xb2Qk3Lz5z9sWn
	for <user@sink.test>; Mon,  3 Mar 2025 10:00:01 +0000 (UTC)
DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=20230601;
	t=1741000000; x=1741604800; h=to:subject:message-id:date:from:mime-version;
	bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;
	b=Qm9ndXMgc2lnbmF0dXJlIGZvciB0aGUgYmVuY2htYXJrIG9ubHkgLSBub3QgdmVyaWZpZWQ=
HDR
  if [[ $ORDINARY == gmail ]]; then
    cat <<'HDR'
X-Google-DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=1e100.net; s=20230601;
	t=1741000000; x=1741604800; h=to:subject:message-id:date:from:mime-version;
	bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=c2lnbmF0dXJl
X-Gm-Message-State: AOJu0YzbenchmarkbenchmarkbenchmarkbenchmarkQ==
X-Google-Smtp-Source: AGHT+IFbenchmarkbenchmarkbenchmarkbenchmark==
X-Received: by 2002:a05:600c:1c1a:b0:43b:c6a7:ac60 with SMTP id j26mr1234567wms.3;
	Mon, 03 Mar 2025 02:00:00 -0800 (PST)
HDR
  fi
  cat <<'HDR'
MIME-Version: 1.0
From: Friend <friend@example.org>
Date: Mon, 3 Mar 2025 11:00:00 +0100
Message-ID: <CAbench0000000000000000000000000000000000000@mail.example.org>
Subject: Re: lunch on Friday
To: User <user@sink.test>
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

HDR
  local line="Shall we meet at noon? The place near the station has a new menu, I hear."
  local n=0
  while ((n < $1)); do
    echo "$line"
    n=$((n + ${#line} + 1))
  done
}
ordinary_message 1024 >"$T/msg/ordinary-1k.eml"
ordinary_message 51200 >"$T/msg/ordinary-50k.eml"
# Ten corpus bounces spread over the corpus (every 32nd file by name, leaving
# out the feedback reports and auto-replies), one per session; 1-3 KB each,
# all of them bounces the milter annotates.
mapfile -t BOUNCES < <(find "$SHARED_DIR/corpus/sisimai/lf" -name '*.eml' |
  grep -v -e '/arf-' -e '/rfc3834-' | sort | awk 'NR % 32 == 1' | head -10)
((${#BOUNCES[@]} == 10)) || e2e_fail "fewer than 10 corpus files"

send() {  # PORT TRAFFIC N
  local port=$1 traffic=$2 n=$3
  if [[ $traffic == bounces ]]; then
    local i per=$((n / SESSIONS)) pids=()
    for ((i = 0; i < SESSIONS; i++)); do
      smtp-source -s 1 -m "$per" -f '' -t user@sink.test -F "${BOUNCES[i % 10]}" \
        "127.0.0.1:$port" &
      pids+=($!)
    done
    wait "${pids[@]}"
  else
    smtp-source -s "$SESSIONS" -m "$n" -f friend@example.org -t user@sink.test \
      -F "$T/msg/$traffic.eml" "127.0.0.1:$port"
  fi
}

# Histogram buckets of an ours-* milter, as "le count" lines.
buckets() {
  /usr/bin/python3 - "$1" <<'PY'
import sys, urllib.request
text = urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/metrics", timeout=10).read().decode()
for line in text.splitlines():
    if line.startswith("smtp_explain_message_duration_seconds_bucket"):
        le = line.split('le="', 1)[1].split('"', 1)[0]
        print(le, line.rsplit(" ", 1)[1])
    elif line.startswith(("smtp_explain_header_stage_skips_total ", "smtp_explain_messages_total ",
                          "smtp_explain_bounces_annotated_total{")):
        print(line.split("{")[0].split(" ")[0], line.rsplit(" ", 1)[1])
PY
}

RESULTS="$T/results.tsv"
run() {  # ROUND CONFIG TRAFFIC
  local round=$1 config=$2 traffic=$3 port=${PORT_OF[$2]} start end before=
  [[ -n "${METRICS_OF[$config]:-}" ]] && before=$(buckets "${METRICS_OF[$config]}" | tr '\n' ';')
  start=$(date +%s.%N)
  send "$port" "$traffic" "$COUNT" >/dev/null
  wait_spool_empty 600
  end=$(date +%s.%N)
  local after=
  [[ -n "${METRICS_OF[$config]:-}" ]] && after=$(buckets "${METRICS_OF[$config]}" | tr '\n' ';')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$config" "$traffic" "$COUNT" \
    "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f", e - s }')" "$before" "$after" \
    >>"$RESULTS"
  awk -v r="$round" -v c="$config" -v t="$traffic" -v n="$COUNT" -v s="$start" -v e="$end" \
    'BEGIN { printf "round %d  %-13s %-10s %6d msgs %7.2f s %7.1f msgs/s\n", r, t, c, n, e - s, n / (e - s) }'
}

rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }

read -r -a TRAFFIC <<<"${BENCH_TRAFFIC:-ordinary-1k ordinary-50k bounces}"
e2e_log "warm-up"
for config in "${CONFIGS[@]}"; do
  for traffic in "${TRAFFIC[@]}"; do send "${PORT_OF[$config]}" "$traffic" 100 >/dev/null; done
done
wait_spool_empty 120
RSS_START=$(rss_kib "$PID_ours_unix")

for ((round = 1; round <= ROUNDS; round++)); do
  for traffic in "${TRAFFIC[@]}"; do
    # Rotate the order of the configurations each round.
    for ((k = 0; k < ${#CONFIGS[@]}; k++)); do
      run "$round" "${CONFIGS[(k + round) % ${#CONFIGS[@]}]}" "$traffic"
    done
  done
done

echo
echo "machine: $(nproc) cores, $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ); load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$ROUNDS rounds x $COUNT messages per run, $SESSIONS sessions; ordinary header set: $ORDINARY"
/usr/bin/python3 - "$RESULTS" <<'PY'
import sys, statistics
from collections import defaultdict
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
rate = {}          # (round, config, traffic) -> msgs/s
hist = defaultdict(lambda: defaultdict(int))  # (config, traffic) -> le -> count
extra = defaultdict(lambda: defaultdict(int))
def parse(s):
    out = {}
    for item in filter(None, s.split(";")):
        k, v = item.rsplit(" ", 1)
        out[k] = out.get(k, 0) + float(v)
    return out
for rnd, config, traffic, n, secs, before, after in rows:
    rate[(int(rnd), config, traffic)] = int(n) / float(secs)
    if after:
        b, a = parse(before), parse(after)
        for k in a:
            d = a[k] - b.get(k, 0)
            if k.startswith("smtp_explain_"):
                extra[(config, traffic)][k] += d
            else:
                hist[(config, traffic)][k] += d
def quantile(h, q):
    items = sorted(((float("inf") if k == "+Inf" else float(k)), v) for k, v in h.items())
    total = items[-1][1] if items else 0
    if total == 0:
        return float("nan")
    rank, prev_le, prev_c = q * total, 0.0, 0
    for le, c in items:
        if c >= rank:
            if le == float("inf"):
                return prev_le
            return prev_le + (le - prev_le) * (rank - prev_c) / max(c - prev_c, 1e-9)
        prev_le, prev_c = le, c
    return prev_le
configs = [c for c in ["none", "null-unix", "null-inet", "ours-unix", "ours-inet",
                      "base-unix", "base-inet"] if any(k[1] == c for k in rate)]
rounds = sorted({k[0] for k in rate})
print(f"\n{'traffic':13} {'milter':10} {'median msgs/s':>13} {'ratio to none':>14}"
      f" {'p50 in milter':>14} {'p99 in milter':>14} {'ended at headers':>17}")
for traffic in [t for t in ["ordinary-1k", "ordinary-50k", "bounces"]
                if any(k[2] == t for k in rate)]:
    for c in configs:
        vals = [rate[(r, c, traffic)] for r in rounds if (r, c, traffic) in rate]
        ratios = [rate[(r, c, traffic)] / rate[(r, "none", traffic)] for r in rounds
                  if (r, c, traffic) in rate and (r, "none", traffic) in rate]
        line = f"{traffic:13} {c:10} {statistics.median(vals):13.1f} {statistics.median(ratios):14.3f}"
        if (c, traffic) in hist:
            h, e = hist[(c, traffic)], extra[(c, traffic)]
            msgs = e.get("smtp_explain_messages_total", 0)
            skips = e.get("smtp_explain_header_stage_skips_total", 0)
            line += (f" {quantile(h, 0.5) * 1e6:11.1f} us {quantile(h, 0.99) * 1e6:11.1f} us"
                     f" {skips:8.0f}/{msgs:.0f}")
            ann = e.get("smtp_explain_bounces_annotated_total", 0)
            if traffic == "bounces":
                line += f"  annotated {ann:.0f}/{msgs:.0f}"
        print(line)
PY

if ((RSS_COUNT > 0)); then
  echo
  echo "resident memory of ours-unix: $RSS_START KiB after warm-up, $(rss_kib "$PID_ours_unix") KiB after the rounds"
  sent=0
  step=$((RSS_COUNT / 5))
  while ((sent < RSS_COUNT)); do
    send "${PORT_OF[ours-unix]}" bounces "$step" >/dev/null
    sent=$((sent + step))
    wait_spool_empty 600
    echo "  after $sent more bounces: $(rss_kib "$PID_ours_unix") KiB"
  done
fi
