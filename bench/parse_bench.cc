// Annotates every message of a corpus N times in memory on one thread, through
// the same pipeline object the milter uses (Annotator: parser, provider rules,
// catalog, header fields), and prints messages/s and MB/s. A measuring tool,
// not a test; it does check that what it timed is right:
//   - every round must give the same annotations as the first (no shortcut on
//     a repeated message);
//   - with --expect FILE, the annotations of the last timed round, written as
//     --dump writes them, must equal FILE byte for byte (exit status 1 if not).
//
//   parse_bench [--stage S] [--rounds N] [--expect DUMP] PATH...   time N rounds (default 20)
//   parse_bench [--stage S] --dump PATH...                        print every annotation
//   parse_bench --repeated-recipient MIB   one bounce of MIB MiB made of one
//       recipient line repeated (a Postfix text bounce, then a DSN with the
//       per-recipient group repeated), fed in 64 KiB chunks through
//       Annotator::Feed (the milter's path) with max_scan_bytes at 64 MiB (the
//       largest the configuration allows); prints time, recipients kept and
//       counted, and the process's peak RSS.
// --stage annotate (default): Annotator::annotate, the milter's whole path;
// --stage parse: Annotator::parse, the Report alone (provider rules applied,
// no explanations or header fields): the work Sisimai does.
// PATH: files or directories (searched recursively for .eml and .msg files),
// in name order. Default: SMTP_EXPLAIN_SHARED_DIR/corpus/sisimai.
#include <sys/resource.h>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "smtp_explain/annotator.h"

#ifndef SMTP_EXPLAIN_SHARED_DIR
#define SMTP_EXPLAIN_SHARED_DIR "../shared"
#endif

namespace fs = std::filesystem;
using smtp_explain::Annotation;

namespace {

struct Corpus {
  std::vector<std::string> names;
  std::vector<std::string> messages;
  std::size_t bytes = 0;
};

void add_file(const fs::path& p, Corpus* c) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  c->bytes += ss.str().size();
  c->names.push_back(p.string());
  c->messages.push_back(ss.str());
}

Corpus load(const std::vector<fs::path>& paths) {
  std::vector<fs::path> files;
  for (const fs::path& root : paths) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) {
      files.push_back(root);
      continue;
    }
    for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
      const fs::path& p = entry.path();
      if (entry.is_regular_file() && (p.extension() == ".eml" || p.extension() == ".msg")) {
        files.push_back(p);
      }
    }
  }
  std::sort(files.begin(), files.end());
  Corpus c;
  for (const fs::path& p : files) add_file(p, &c);
  return c;
}

void append(std::string* out, const char* label, std::string_view value) {
  out->append(label);
  out->append(value);
}

// Every field of an annotation, one message per block, values on one line.
std::string dump(const std::string& name, const Annotation& a) {
  const smtp_explain::Report& r = a.report;
  std::string out = name;
  append(&out, " bounce=", r.bounce ? "1" : "0");
  append(&out, " kind=", smtp_explain::to_string(r.kind));
  append(&out, " cls=", smtp_explain::to_string(r.cls));
  append(&out, " flags=", std::to_string(r.flags));
  append(&out, " total=", std::to_string(r.recipients_total));
  append(&out, " mta=", r.reporting_mta);
  out += '\n';
  for (const smtp_explain::Recipient& x : r.recipients) {
    append(&out, "  rcpt=", x.recipient);
    append(&out, " orig=", x.original_recipient);
    append(&out, " action=", x.action);
    append(&out, " reply=", x.reply_code);
    append(&out, " status=", x.status);
    append(&out, " rmta=", x.remote_mta);
    append(&out, " cls=", smtp_explain::to_string(x.cls));
    append(&out, " reason=", smtp_explain::to_string(x.reason));
    append(&out, " provider=", x.provider);
    append(&out, "\n  diag=", x.diagnostic);
    out += '\n';
  }
  for (const smtp_explain::HeaderField& h : a.headers) {
    append(&out, "  header=", h.name);
    out += ": ";
    for (char ch : h.value) {
      if (ch == '\n') {
        out += "\\n";
      } else {
        out += ch;
      }
    }
    out += '\n';
  }
  return out;
}

// A cheap digest of everything dump() prints, eight bytes at a time.
struct Digest {
  std::uint64_t h = 0x9e3779b97f4a7c15u;
  void mix(std::uint64_t v) {
    h ^= v + 0x9e3779b97f4a7c15u + (h << 6) + (h >> 2);
    h *= 0xff51afd7ed558ccdu;
  }
  void add(std::string_view s) {
    mix(s.size());
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      mix(w);
    }
    std::uint64_t w = 0;
    std::memcpy(&w, s.data() + i, s.size() - i);
    mix(w);
  }
  void add(const Annotation& a) {
    const smtp_explain::Report& r = a.report;
    mix((static_cast<std::uint64_t>(r.bounce) << 40) ^ (static_cast<std::uint64_t>(r.kind) << 32) ^
        (static_cast<std::uint64_t>(r.cls) << 24) ^ r.flags);
    mix(r.recipients_total);
    add(r.reporting_mta);
    for (const smtp_explain::Recipient& x : r.recipients) {
      for (std::string_view s :
           {std::string_view(x.recipient), std::string_view(x.original_recipient),
            std::string_view(x.action), std::string_view(x.reply_code), std::string_view(x.status),
            std::string_view(x.remote_mta), std::string_view(x.diagnostic),
            std::string_view(x.provider)}) {
        add(s);
      }
      mix((static_cast<std::uint64_t>(x.cls) << 8) ^ static_cast<std::uint64_t>(x.reason));
    }
    for (const smtp_explain::HeaderField& f : a.headers) {
      add(f.name);
      add(f.value);
    }
  }
};

// One bounce made of one recipient line (text) or one per-recipient DSN group
// (dsn) repeated to `bytes`, fed to the milter's path (Annotator::Feed) in
// 64 KiB chunks as libmilter hands them over: the input is never held whole,
// so the peak RSS is what the milter would hold.
smtp_explain::Annotation feed_repeated(const smtp_explain::Annotator& annotator, bool dsn,
                                       std::size_t bytes) {
  smtp_explain::Annotator::Feed feed = annotator.start();
  feed.envelope_sender("");
  feed.header("From", "MAILER-DAEMON@mx.example.org (Mail Delivery System)");
  feed.header("To", "sender@example.org");
  feed.header("Subject", "Undelivered Mail Returned to Sender");
  feed.header("Auto-Submitted", "auto-replied");
  feed.header("MIME-Version", "1.0");
  std::string head;
  std::string_view unit;
  if (dsn) {
    feed.header("Content-Type", "multipart/report; report-type=delivery-status; boundary=\"B\"");
    head =
        "--B\nContent-Type: text/plain\n\nDelivery failed.\n\n"
        "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n";
    unit =
        "Final-Recipient: rfc822; user@example.net\nAction: failed\nStatus: 5.1.1\n"
        "Diagnostic-Code: smtp; 550 5.1.1 <user@example.net>: User unknown\n\n";
  } else {
    feed.header("Content-Type", "text/plain");
    head =
        "This is the mail system at host mx.example.org.\n\n"
        "I'm sorry to have to inform you that your message could not\n"
        "be delivered to one or more recipients.\n\n";
    unit =
        "<user@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1 "
        "<user@example.net>: Recipient address rejected: User unknown (in reply to RCPT TO "
        "command)\n";
  }
  if (!feed.end_of_headers()) return feed.finish();
  std::string chunk = head;
  std::size_t sent = 0;
  while (sent + chunk.size() + unit.size() <= bytes) {
    chunk.append(unit);
    if (chunk.size() >= 64 * 1024) {
      feed.body(chunk);
      sent += chunk.size();
      chunk.clear();
    }
  }
  feed.body(chunk);
  return feed.finish();
}

int repeated_recipient(int mib) {
  smtp_explain::AnnotatorOptions options;
  options.limits.max_scan_bytes = 64u << 20;
  const smtp_explain::Annotator annotator(options);
  for (bool dsn : {false, true}) {
    const auto t0 = std::chrono::steady_clock::now();
    const Annotation a = feed_repeated(annotator, dsn, static_cast<std::size_t>(mib) << 20);
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    std::printf(
        "%s %2d MiB: %.3f s, %zu recipients kept, %zu counted, %zu header fields, flags %u, "
        "peak RSS so far %ld kB\n",
        dsn ? "dsn " : "text", mib, secs, a.report.recipients.size(),
        static_cast<std::size_t>(a.report.recipients_total), a.headers.size(), a.report.flags,
        u.ru_maxrss);
  }
  return 0;
}

int usage() {
  std::fprintf(stderr,
               "usage: parse_bench [--stage parse|annotate] [--rounds N] [--expect DUMP] PATH...\n"
               "       parse_bench [--stage parse|annotate] --dump PATH...\n"
               "       parse_bench --repeated-recipient MIB   (1..64)\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  bool dump_mode = false;
  bool parse_only = false;
  int rounds = 20;
  std::string expect_file;
  std::vector<fs::path> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--dump") {
      dump_mode = true;
    } else if (arg == "--rounds" && i + 1 < argc) {
      rounds = std::atoi(argv[++i]);
    } else if (arg == "--expect" && i + 1 < argc) {
      expect_file = argv[++i];
    } else if (arg == "--repeated-recipient" && i + 1 < argc) {
      const int mib = std::atoi(argv[++i]);
      if (mib <= 0 || mib > 64) return usage();
      return repeated_recipient(mib);
    } else if (arg == "--stage" && i + 1 < argc) {
      const std::string stage = argv[++i];
      if (stage != "parse" && stage != "annotate") return usage();
      parse_only = stage == "parse";
    } else if (arg.starts_with("--")) {
      return usage();
    } else {
      paths.emplace_back(arg);
    }
  }
  if (paths.empty()) paths.push_back(fs::path(SMTP_EXPLAIN_SHARED_DIR) / "corpus" / "sisimai");
  const Corpus corpus = load(paths);
  if (corpus.messages.empty() || rounds <= 0) {
    std::fprintf(stderr, "no .eml or .msg files under the paths given\n");
    return 1;
  }
  const smtp_explain::Annotator annotator;
  const auto run = [&](std::string_view message) {
    if (!parse_only) return annotator.annotate(message);
    Annotation a;
    a.report = annotator.parse(message);
    return a;
  };
  const std::size_t n = corpus.messages.size();
  if (dump_mode) {
    for (std::size_t i = 0; i < n; ++i) {
      std::fputs(dump(corpus.names[i], run(corpus.messages[i])).c_str(), stdout);
    }
    return 0;
  }

  std::vector<Annotation> results(n);
  std::vector<std::uint64_t> first(n);
  std::size_t bounces = 0;
  bool steady = true;
  double secs = 0;
  for (int r = 0; r < rounds; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < n; ++i) results[i] = run(corpus.messages[i]);
    secs += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    // Checked between timed rounds: the same answer every time.
    for (std::size_t i = 0; i < n; ++i) {
      Digest d;
      d.add(results[i]);
      if (r == 0) {
        first[i] = d.h;
        bounces += results[i].report.bounce ? 1 : 0;
      } else if (d.h != first[i]) {
        steady = false;
      }
    }
  }
  const double total = static_cast<double>(n) * rounds;
  std::printf(
      "smtp-explain %s: %zu messages (%.1f MB) x %d rounds in %.3f s: %.0f messages/s, %.1f MB/s "
      "(%zu bounces)\n",
      parse_only ? "parse" : "annotate", n, static_cast<double>(corpus.bytes) / 1e6, rounds, secs,
      total / secs, static_cast<double>(corpus.bytes) * rounds / 1e6 / secs, bounces);
  int status = 0;
  if (!steady) {
    std::printf("WRONG: a later round gave other annotations than the first\n");
    status = 1;
  }
  if (!expect_file.empty()) {
    std::ifstream in(expect_file, std::ios::binary);
    std::ostringstream want;
    want << in.rdbuf();
    std::string got;
    for (std::size_t i = 0; i < n; ++i) got += dump(corpus.names[i], results[i]);
    if (!in || got != want.str()) {
      std::printf("WRONG: the timed annotations differ from %s\n", expect_file.c_str());
      status = 1;
    } else {
      std::printf("checked: the timed annotations equal %s\n", expect_file.c_str());
    }
  }
  return status;
}
