// The Sisimai corpus against its truth.tsv: every listed bounce in lf/, crlf/
// and cr/ is parsed and compared per file, as multisets (order may differ):
// recipients by count, reply codes, status codes, reasons. Truth rows whose
// status is Sisimai-internal (X.0.9xx) or X.0.0 are skipped for the status
// measure, rows with reason undefined/onhold for the reason measure. Rows with
// reason "vacation" are auto-replies: they count as found when the report's
// kind is auto-reply. not/ must give bounce=false for every file.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "smtp_explain/annotator.h"

namespace fs = std::filesystem;
using smtp_explain::Kind;
using smtp_explain::Report;

namespace {

const fs::path kCorpus = fs::path(SMTP_EXPLAIN_SHARED_DIR) / "corpus" / "sisimai";

struct TruthRow {
  std::string status;
  std::string reply;
  std::string reason;
};

std::map<std::string, std::vector<TruthRow>> load_truth() {
  std::map<std::string, std::vector<TruthRow>> truth;
  std::ifstream in(kCorpus / "truth.tsv");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    while (cols.size() < 6) cols.emplace_back();
    truth[cols[0]].push_back({cols[2], cols[3], cols[4]});
  }
  return truth;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool skip_status(const std::string& s) {
  if (s.empty()) return true;
  if (s.size() == 5 && s.substr(1) == ".0.0") return true;
  return s.size() >= 5 && s.substr(1, 3) == ".0." && s.size() == 7 && s[4] == '9';
}

// How many of `want` are found in `got`, as multisets.
std::size_t multiset_hits(std::vector<std::string> want, std::vector<std::string> got) {
  std::size_t hits = 0;
  for (const std::string& w : want) {
    auto it = std::find(got.begin(), got.end(), w);
    if (it != got.end()) {
      ++hits;
      got.erase(it);
    }
  }
  return hits;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ",") + (s.empty() ? "-" : s);
  return out;
}

struct Measure {
  std::size_t hits = 0;
  std::size_t total = 0;
  double ratio() const { return total == 0 ? 1.0 : static_cast<double>(hits) / total; }
};

struct DirResult {
  Measure recipients, reply, status, reason;
  std::size_t files = 0;
  std::vector<std::string> failures;
  std::vector<std::string> crashed;
  long long slowest_ms = 0;
  std::string slowest_file;
};

DirResult run_dir(const std::string& dir,
                  const std::map<std::string, std::vector<TruthRow>>& truth) {
  DirResult res;
  for (const auto& [file, rows] : truth) {
    const fs::path path = kCorpus / dir / file;
    if (!fs::exists(path)) continue;
    ++res.files;
    const std::string data = read_file(path);
    const auto t0 = std::chrono::steady_clock::now();
    static const smtp_explain::Annotator annotator;
    Report report;
    try {
      // The milter's whole path: what is scored is what the milter writes.
      smtp_explain::Annotation a = annotator.annotate(data);
      if (a.report.bounce && a.headers.empty())
        res.crashed.push_back(file + " has no header fields");
      report = std::move(a.report);
    } catch (const std::exception& e) {
      res.crashed.push_back(file + " threw " + e.what());
      continue;
    }
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    // Printed, not asserted: speed is the benchmarks' business (bench/).
    if (res.slowest_file.empty() || ms > res.slowest_ms) {
      res.slowest_ms = ms;
      res.slowest_file = file;
    }

    std::vector<std::string> got_reply, got_status, got_reason;
    for (const auto& r : report.recipients) {
      got_reply.push_back(r.reply_code);
      got_status.push_back(r.status);
      got_reason.emplace_back(smtp_explain::to_string(r.reason));
    }
    const bool auto_reply = report.kind == Kind::kAutoReply;
    std::vector<std::string> want_reply, want_status, want_reason;
    std::size_t want_count = 0, vacation = 0;
    for (const TruthRow& row : rows) {
      if (row.reason == "vacation") {
        ++vacation;
        continue;
      }
      ++want_count;
      if (!row.reply.empty()) want_reply.push_back(row.reply);
      if (!skip_status(row.status)) want_status.push_back(row.status);
      if (row.reason != "undefined" && row.reason != "onhold") want_reason.push_back(row.reason);
    }
    std::size_t found = std::min(want_count, report.recipients.size());
    if (vacation > 0 && auto_reply) found += vacation;
    const std::size_t reply_hits = multiset_hits(want_reply, got_reply);
    const std::size_t status_hits = multiset_hits(want_status, got_status);
    std::size_t reason_hits = multiset_hits(want_reason, got_reason);
    res.recipients.hits += found;
    res.recipients.total += want_count + vacation;
    res.reply.hits += reply_hits;
    res.reply.total += want_reply.size();
    res.status.hits += status_hits;
    res.status.total += want_status.size();
    res.reason.hits += reason_hits;
    res.reason.total += want_reason.size();
    if (vacation > 0) {
      res.reason.total += vacation;
      res.reason.hits += auto_reply ? vacation : 0;
    }
    const bool count_ok = vacation > 0 ? auto_reply : report.recipients.size() == want_count;
    if (!count_ok || reply_hits < want_reply.size() || status_hits < want_status.size() ||
        reason_hits < want_reason.size()) {
      std::vector<std::string> want_all_reason;
      for (const TruthRow& row : rows) want_all_reason.push_back(row.reason);
      std::string line = file + " [" + std::string(smtp_explain::to_string(report.kind)) +
                         "] n=" + std::to_string(report.recipients.size()) + "/" +
                         std::to_string(rows.size());
      if (reply_hits < want_reply.size())
        line += " reply " + join(got_reply) + " want " + join(want_reply);
      if (status_hits < want_status.size())
        line += " status " + join(got_status) + " want " + join(want_status);
      if (reason_hits < want_reason.size())
        line += " reason " + join(got_reason) + " want " + join(want_reason);
      res.failures.push_back(line);
    }
  }
  return res;
}

void print(const std::string& dir, const DirResult& r) {
  auto pct = [](const Measure& m) {
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(3);
    s << m.ratio() << " (" << m.hits << "/" << m.total << ")";
    return s.str();
  };
  std::cout << "== corpus " << dir << ": files " << r.files << ", recipients " << pct(r.recipients)
            << ", reply " << pct(r.reply) << ", status " << pct(r.status) << ", reason "
            << pct(r.reason) << "\n";
  const char* verbose = std::getenv("CORPUS_VERBOSE");
  const std::size_t show =
      verbose != nullptr ? r.failures.size() : std::min<std::size_t>(r.failures.size(), 40);
  for (std::size_t i = 0; i < show; ++i) std::cout << "   " << r.failures[i] << "\n";
  if (show < r.failures.size()) {
    std::cout << "   ... " << r.failures.size() - show << " more (CORPUS_VERBOSE=1 lists all)\n";
  }
  for (const std::string& s : r.crashed) std::cout << "   !! " << s << "\n";
  std::cout << "   slowest: " << r.slowest_file << " " << r.slowest_ms << " ms\n";
}

void check_dir(const std::string& dir) {
  static const auto truth = load_truth();
  REQUIRE_FALSE(truth.empty());
  const DirResult r = run_dir(dir, truth);
  print(dir, r);
  REQUIRE(r.files > 0);
  CHECK(r.crashed.empty());
  CHECK(r.recipients.ratio() >= 0.99);
  CHECK(r.reply.ratio() >= 0.97);
  CHECK(r.status.ratio() >= 0.97);
  CHECK(r.reason.ratio() >= 0.90);
}

}  // namespace

TEST_CASE("corpus lf/ against truth.tsv", "[corpus]") {
  check_dir("lf");
}
TEST_CASE("corpus crlf/ against truth.tsv", "[corpus]") {
  check_dir("crlf");
}
TEST_CASE("corpus cr/ against truth.tsv", "[corpus]") {
  check_dir("cr");
}

TEST_CASE("corpus not/ gives no bounce", "[corpus]") {
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(kCorpus / "not")) {
    if (entry.path().extension() != ".eml") continue;
    ++files;
    static const smtp_explain::Annotator annotator;
    const Report r = annotator.annotate(read_file(entry.path())).report;
    INFO(entry.path().filename().string() << " kind " << smtp_explain::to_string(r.kind));
    CHECK_FALSE(r.bounce);
  }
  CHECK(files > 0);
}

TEST_CASE("corpus lf/ bounces all pass the header gate", "[corpus]") {
  // Every listed bounce must be wanted by end_of_headers(): fed here with the
  // headers only, an empty body, and checked via the stage API.
  static const auto truth = load_truth();
  std::vector<std::string> refused;
  for (const auto& [file, rows] : truth) {
    const fs::path path = kCorpus / "lf" / file;
    if (!fs::exists(path)) continue;
    const std::string data = read_file(path);
    std::size_t end = data.find("\n\n");
    std::string head = data.substr(0, end == std::string::npos ? data.size() : end + 1);
    if (head.starts_with("From ")) head.erase(0, head.find('\n') + 1);
    smtp_explain::BounceParser p;
    std::string name, value;
    auto flush = [&]() {
      if (!name.empty()) p.header(name, value);
      name.clear();
      value.clear();
    };
    std::istringstream lines(head);
    std::string line;
    while (std::getline(lines, line)) {
      if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
        value += "\n" + line;
        continue;
      }
      flush();
      std::size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      name = line.substr(0, colon);
      value = line.substr(colon + 1);
    }
    flush();
    if (!p.end_of_headers()) refused.push_back(file);
  }
  for (const std::string& f : refused) std::cout << "   gate refused " << f << "\n";
  CHECK(refused.empty());
}
