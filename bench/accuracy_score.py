#!/usr/bin/env python3
"""Scores bounce-parser predictions against a labelled corpus.

With --dir, only the truth rows of files present in that directory are
scored. Predictions are JSON lines, one object per message file:
    {"file": PATH, "recipients": [{"recipient": ..., "reply_code": ..., "status": ...,
                                    "reason": ...}, ...], "kind": ...}
(`smtp-explain check --json` prints exactly this, with more fields;
bench/sisimai_predict.pl prints it for Sisimai). Files are matched to the truth
by base name; prediction lines for files the truth does not list are ignored.

    accuracy_score.py --truth TSV [--kind sisimai|labels|none] [--name NAME] [--tool TOOL]
                      [--dir DIR] [--json] [--list] PREDICTIONS.jsonl
    accuracy_score.py --table RESULTS.jsonl     (a Markdown table of --json lines)

Truth formats (../shared/README.md):
  sisimai  file, index, status, replycode, reason, hardbounce: one row per
           recipient, no addresses. Recipients are counted, not matched by
           address: per file, found = min(predicted, labelled). Rows with reason
           "vacation" count as found when the prediction reports a vacation
           record or the file's kind is "auto-reply" (smtp-explain reports an
           auto-reply as a kind, without recipients). Reply codes, status codes
           and reasons are compared per file as multisets. Status is scored
           over rows whose status is neither empty, X.0.0 nor a Sisimai-internal
           X.0.9xx placeholder; reason over rows whose reason is not
           undefined/onhold (the rules of tests/corpus/corpus_test.cc).
  labels   file, recipients, reply_code, status, source (bounceparser/ and
           bounced/): recipients comma-separated, lower case; "" = the source
           project says no failed recipient (every predicted one is a false
           positive); "?" = no label (not scored for recipients). Addresses
           are compared case-insensitively. A labelled reply code or status is
           a hit when a predicted record for a labelled recipient (for "?",
           any record) carries it.
  none     no truth file: every file of --dir is a non-bounce, every predicted
           recipient a false positive (sisimai/not/).

Prints one line per set (or a JSON object with --json); --list adds one line per
file that misses, adds or mislabels something.
"""
import argparse
import collections
import json
import os
import sys


def load_predictions(path):
    preds = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            obj = json.loads(line)
            name = os.path.basename(obj.get("file", ""))
            recs = []
            for r in obj.get("recipients") or []:
                recs.append({k: str(r.get(k) or "") for k in ("recipient", "reply_code", "status", "reason")})
            preds[name] = {"recipients": recs, "kind": obj.get("kind", ""), "error": obj.get("error")}
    return preds


def read_tsv(path):
    with open(path, encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        rows = []
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                continue
            cols = line.split("\t")
            cols += [""] * (len(header) - len(cols))
            rows.append(dict(zip(header, cols)))
    return rows


class Ratio:
    def __init__(self):
        self.hits = 0
        self.total = 0

    def add(self, hits, total):
        self.hits += hits
        self.total += total

    def value(self):
        return None if self.total == 0 else self.hits / self.total

    def text(self):
        v = self.value()
        return "-" if v is None else f"{v:.3f} ({self.hits}/{self.total})"

    def as_dict(self):
        return {"value": self.value(), "hits": self.hits, "total": self.total}


def multiset_hits(want, got):
    pool = collections.Counter(got)
    hits = 0
    for w in want:
        if pool[w] > 0:
            pool[w] -= 1
            hits += 1
    return hits


def skip_status(s):
    if not s:
        return True
    if len(s) == 5 and s[1:] == ".0.0":
        return True
    return len(s) == 7 and s[1:4] == ".0." and s[4] == "9"


def empty_prediction():
    return {"recipients": [], "kind": "", "error": None}


def score_sisimai(truth_rows, preds):
    truth = collections.OrderedDict()
    for row in truth_rows:
        truth.setdefault(row["file"], []).append(row)
    recall, precision, reply, status, reason = Ratio(), Ratio(), Ratio(), Ratio(), Ratio()
    problems, missing = [], 0
    for name, rows in truth.items():
        if name not in preds:
            missing += 1
        p = preds.get(name, empty_prediction())
        recs = p["recipients"]
        vac_rows = [r for r in rows if r["reason"] == "vacation"]
        rows_nv = [r for r in rows if r["reason"] != "vacation"]
        recs_nv = [r for r in recs if r["reason"] != "vacation"]
        vac_found = len(vac_rows) if vac_rows and (p["kind"] == "auto-reply" or
                                                   any(r["reason"] == "vacation" for r in recs)) else 0
        found = min(len(rows_nv), len(recs_nv))
        extra_vac = sum(1 for r in recs if r["reason"] == "vacation") if not vac_rows else 0
        recall.add(found + vac_found, len(rows))
        precision.add(found + vac_found, len(recs_nv) + vac_found + extra_vac)
        want_reply = [r["replycode"] for r in rows_nv if r["replycode"]]
        want_status = [r["status"] for r in rows_nv if not skip_status(r["status"])]
        want_reason = [r["reason"] for r in rows_nv if r["reason"] not in ("undefined", "onhold")]
        rh = multiset_hits(want_reply, [r["reply_code"] for r in recs])
        sh = multiset_hits(want_status, [r["status"] for r in recs])
        eh = multiset_hits(want_reason, [r["reason"] for r in recs])
        reply.add(rh, len(want_reply))
        status.add(sh, len(want_status))
        reason.add(eh + vac_found, len(want_reason) + len(vac_rows))
        notes = []
        if found + vac_found < len(rows):
            notes.append(f"missed {len(rows) - found - vac_found} of {len(rows)}")
        if len(recs_nv) > len(rows_nv):
            notes.append(f"extra {len(recs_nv) - len(rows_nv)}")
        if rh < len(want_reply):
            notes.append("reply " + ",".join(r["reply_code"] or "-" for r in recs) + " want " + ",".join(want_reply))
        if sh < len(want_status):
            notes.append("status " + ",".join(r["status"] or "-" for r in recs) + " want " + ",".join(want_status))
        if eh < len(want_reason):
            notes.append("reason " + ",".join(r["reason"] or "-" for r in recs) + " want " + ",".join(want_reason))
        if notes:
            problems.append(f"{name} [{p['kind'] or '-'}] n={len(recs)}/{len(rows)}: " + "; ".join(notes))
    return {"files": len(truth), "recall": recall, "precision": precision, "reply": reply, "status": status,
            "reason": reason, "problems": problems, "missing_predictions": missing}


def score_labels(truth_rows, preds):
    recall, precision, reply, status = Ratio(), Ratio(), Ratio(), Ratio()
    problems, missing = [], 0
    for row in truth_rows:
        name = row["file"]
        if name not in preds:
            missing += 1
        p = preds.get(name, empty_prediction())
        recs = p["recipients"]
        got = [r["recipient"].lower() for r in recs]
        labelled = row["recipients"] != "?"
        want = [a.strip().lower() for a in row["recipients"].split(",") if a.strip()] if labelled else []
        notes = []
        if labelled:
            got_set, want_set = set(got), set(want)
            tp = len(want_set & got_set)
            recall.add(tp, len(want_set))
            precision.add(sum(1 for g in got_set if g in want_set), len(got_set))
            if want_set - got_set:
                notes.append("missed " + ",".join(sorted(want_set - got_set)))
            if got_set - want_set:
                notes.append("extra " + ",".join(sorted(got_set - want_set)))
        scope = [r for r in recs if r["recipient"].lower() in want] if labelled and want else recs
        if row["reply_code"]:
            hit = any(r["reply_code"] == row["reply_code"] for r in scope)
            reply.add(int(hit), 1)
            if not hit:
                notes.append("reply " + (",".join(r["reply_code"] or "-" for r in recs) or "none") +
                             " want " + row["reply_code"])
        if row["status"]:
            hit = any(r["status"] == row["status"] for r in scope)
            status.add(int(hit), 1)
            if not hit:
                notes.append("status " + (",".join(r["status"] or "-" for r in recs) or "none") +
                             " want " + row["status"])
        if notes:
            problems.append(f"{name} [{p['kind'] or '-'}] got {','.join(got) or 'none'}: " + "; ".join(notes))
    return {"files": len(truth_rows), "recall": recall, "precision": precision, "reply": reply, "status": status,
            "reason": Ratio(), "problems": problems, "missing_predictions": missing}


def score_none(directory, preds):
    names = sorted(n for n in os.listdir(directory) if n.endswith((".eml", ".msg")))
    fp_files, fp = [], 0
    missing = 0
    for name in names:
        if name not in preds:
            missing += 1
        recs = preds.get(name, empty_prediction())["recipients"]
        if recs:
            fp += len(recs)
            fp_files.append(f"{name}: reported " + ",".join(r["recipient"] or "-" for r in recs))
    precision = Ratio()
    precision.add(0, fp)
    return {"files": len(names), "recall": Ratio(), "precision": precision, "reply": Ratio(), "status": Ratio(),
            "reason": Ratio(), "problems": fp_files, "false_positives": fp, "missing_predictions": missing}


def print_table(path):
    """Markdown: one row per set and tool, in file order."""
    def cell(d):
        if not d or d["value"] is None:
            return "-"
        return f"{d['value']:.3f} ({d['hits']}/{d['total']})"

    print("| set | files | tool | recall | precision | reply code | status | reason |")
    print("|---|---|---|---|---|---|---|---|")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            r = json.loads(line)
            if "false_positives" in r:
                row = [r["set"], str(r["files"]), r["tool"], "-",
                       f"{r['false_positives']} false-positive recipients", "-", "-", "-"]
            else:
                row = [r["set"], str(r["files"]), r["tool"], cell(r["recall"]), cell(r["precision"]),
                       cell(r["reply"]), cell(r["status"]), cell(r["reason"])]
            print("| " + " | ".join(row) + " |")
    return 0


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("predictions", nargs="?")
    ap.add_argument("--tool", default="")
    ap.add_argument("--table", help="print the --json result lines of this file as a Markdown table")
    ap.add_argument("--truth", help="truth.tsv (not needed with --kind none)")
    ap.add_argument("--kind", choices=["sisimai", "labels", "none"], default=None)
    ap.add_argument("--dir", help="the directory scored: only truth rows for its files count;"
                    " with --kind none, the directory of non-bounces")
    ap.add_argument("--name", default="")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--list", action="store_true", help="one line per file with a problem")
    a = ap.parse_args(argv)
    if a.table:
        return print_table(a.table)
    if not a.predictions:
        ap.error("PREDICTIONS.jsonl is required")
    preds = load_predictions(a.predictions)
    kind = a.kind
    if kind is None:
        kind = "none" if not a.truth else ("sisimai" if "index" in open(a.truth).readline() else "labels")
    if kind == "none":
        if not a.dir:
            ap.error("--kind none needs --dir")
        res = score_none(a.dir, preds)
    else:
        rows = read_tsv(a.truth)
        if a.dir:  # only the labelled files this directory holds (crlf/ and cr/ hold 80)
            present = set(os.listdir(a.dir))
            rows = [r for r in rows if r["file"] in present]
        res = score_sisimai(rows, preds) if kind == "sisimai" else score_labels(rows, preds)
    errors = sum(1 for p in preds.values() if p["error"])
    if a.json:
        out = {"set": a.name, "tool": a.tool, "files": res["files"], "errors": errors,
               "missing_predictions": res["missing_predictions"]}
        for k in ("recall", "precision", "reply", "status", "reason"):
            out[k] = res[k].as_dict()
        if kind == "none":
            out["false_positives"] = res["false_positives"]
        if a.list:
            out["problems"] = res["problems"]
        print(json.dumps(out))
    else:
        line = f"{a.name or kind}: files {res['files']}"
        if kind == "none":
            line += f", false-positive recipients {res['false_positives']}"
        else:
            line += (f", recall {res['recall'].text()}, precision {res['precision'].text()}, reply {res['reply'].text()},"
                     f" status {res['status'].text()}")
            if kind == "sisimai":
                line += f", reason {res['reason'].text()}"
        if errors:
            line += f", unreadable {errors}"
        if res["missing_predictions"]:
            line += f", no prediction for {res['missing_predictions']}"
        print(line)
        if a.list:
            for p in res["problems"]:
                print("   " + p)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
