// Ordinary mail must pass untouched: every message under tests/data/ordinary/
// (mailing-list posts, newsletters, invitations, read receipts, vacation
// replies, provider mail, system notices, forwarded bounces; see the README
// there) is fed through the public pipeline exactly as the milter feeds it:
// envelope sender from Return-Path, header by header, end of headers, the body
// in chunks only if the header stage asked for it, then provider rules, the
// catalog and render_headers. None may come out annotated.
//
// Also printed (not asserted yet): the fraction of messages for which
// BounceParser::end_of_headers() asked for the body, and which ones. The
// milter issue wants that rate under 1 %; a threshold follows once the
// header stage is tightened.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "smtp_explain/catalog.h"
#include "smtp_explain/headers.h"
#include "smtp_explain/parser.h"
#include "smtp_explain/providers.h"

namespace fs = std::filesystem;
using namespace smtp_explain;

namespace {

const fs::path kDir = fs::path(SMTP_EXPLAIN_SOURCE_DIR) / "tests" / "data" / "ordinary";
constexpr std::size_t kBodyChunk = 4096;  // the milter gets the body in pieces too

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Field {
  std::string name;
  std::string value;  // folded lines joined with "\n", as the MTA hands them over
};

// Splits a raw message (LF, CRLF or CR line endings) into header fields and the
// body bytes, as Postfix does: the header ends at the first empty line or at
// the first line that is not a header field.
void split_message(std::string_view raw, std::vector<Field>* fields, std::string_view* body) {
  std::size_t pos = 0;
  bool first = true;
  while (pos < raw.size()) {
    std::size_t eol = raw.find_first_of("\r\n", pos);
    if (eol == std::string_view::npos) eol = raw.size();
    const std::string_view line = raw.substr(pos, eol - pos);
    std::size_t next = eol;
    if (next < raw.size() && raw[next] == '\r') ++next;  // CR or CRLF
    if (next < raw.size() && raw[next] == '\n') ++next;  // LF or CRLF
    if (line.empty()) {
      *body = raw.substr(next);
      return;
    }
    if (first && line.starts_with("From ")) {  // mbox separator
      first = false;
      pos = next;
      continue;
    }
    first = false;
    if ((line[0] == ' ' || line[0] == '\t') && !fields->empty()) {
      fields->back().value += "\n";
      fields->back().value += line;
      pos = next;
      continue;
    }
    const std::size_t colon = line.find(':');
    bool is_field = colon != std::string_view::npos && colon > 0;
    for (std::size_t i = 0; is_field && i < colon; ++i) {
      const unsigned char c = static_cast<unsigned char>(line[i]);
      if (c <= 0x20 || c >= 0x7F) is_field = false;
    }
    if (!is_field) {  // not a header: the body starts here
      *body = raw.substr(pos);
      return;
    }
    std::size_t v = colon + 1;
    while (v < line.size() && (line[v] == ' ' || line[v] == '\t')) ++v;
    fields->push_back({std::string(line.substr(0, colon)), std::string(line.substr(v))});
    pos = next;
  }
  *body = {};
}

std::string envelope_from(std::string value) {
  const std::size_t b = value.find('<'), e = value.rfind('>');
  if (b != std::string::npos && e != std::string::npos && e > b)
    return value.substr(b + 1, e - b - 1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.pop_back();
  return value;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

struct Outcome {
  bool body_wanted = false;
  Report report;
  std::vector<HeaderField> headers;
};

Outcome run_pipeline(std::string_view raw) {
  std::vector<Field> fields;
  std::string_view body;
  split_message(raw, &fields, &body);

  Outcome out;
  BounceParser parser;
  for (const Field& f : fields) {
    if (iequals(f.name, "Return-Path")) {
      parser.envelope_sender(envelope_from(f.value));
      break;
    }
  }
  for (const Field& f : fields) parser.header(f.name, f.value);
  out.body_wanted = parser.end_of_headers();
  if (out.body_wanted) {
    for (std::size_t off = 0; off < body.size(); off += kBodyChunk) {
      parser.body(body.substr(off, kBodyChunk));
    }
  }
  out.report = parser.finish();

  const auto rules = ProviderRules::builtin();
  const auto catalog = Catalog::builtin();
  rules->apply(&out.report);
  std::vector<RecipientText> texts;
  for (const Recipient& r : out.report.recipients)
    texts.push_back(rules->explain(r, *catalog, "en"));
  out.headers = render_headers(out.report, texts);
  return out;
}

}  // namespace

TEST_CASE("ordinary mail is never annotated", "[ordinary]") {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kDir)) {
    if (entry.path().extension() == ".eml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  // The set holds at least 100 messages (tests/data/ordinary/README.md).
  REQUIRE(files.size() >= 100);

  std::vector<std::string> wanted, annotated;
  for (const fs::path& path : files) {
    const std::string name = path.filename().string();
    const std::string raw = read_file(path);
    REQUIRE_FALSE(raw.empty());
    const Outcome o = run_pipeline(raw);
    if (o.body_wanted) wanted.push_back(name + " (" + std::string(to_string(o.report.kind)) + ")");
    if (o.report.bounce || !o.headers.empty()) {
      std::string line = name + ": kind " + std::string(to_string(o.report.kind)) + ", " +
                         std::to_string(o.headers.size()) + " header fields, recipients";
      for (const Recipient& r : o.report.recipients) {
        line += " " + r.recipient + " [" + r.reply_code + " " + r.status + "]";
      }
      annotated.push_back(line);
    }
  }

  char fraction[64];
  std::snprintf(fraction, sizeof fraction, "%.3f",
                static_cast<double>(wanted.size()) / files.size());
  std::cout << "== ordinary mail: " << files.size()
            << " messages, body wanted by the header stage for " << wanted.size() << " ("
            << fraction << "), annotated " << annotated.size() << "\n";
  for (const std::string& w : wanted) std::cout << "   body wanted: " << w << "\n";
  for (const std::string& a : annotated) std::cout << "   ANNOTATED: " << a << "\n";

  CHECK(annotated.empty());
  // The header stage's body-wanted count, pinned at today's figure: 1 of 114
  // (a list server's command output from the null sender), under issue 10's
  // 1 %. It was 50 before provider-wide fields, Auto-Submitted, Exchange's
  // X-Mailer and read receipts stopped asking for the body, 18 before
  // auto-replies were decided from their headers and a bounce-like Subject from
  // a known non-null sender with no daemon's name stopped counting alone.
  CHECK(wanted.size() <= 1);
}

// Every message of ../shared/corpus that its truth file labels a bounce (a
// recipient, a reply code, a status or a reason other than an auto-reply's)
// must get its body read: the header stage may skip only what is no bounce.
TEST_CASE("every labelled bounce of the corpus gets its body", "[ordinary]") {
  const fs::path shared = fs::path(SMTP_EXPLAIN_SOURCE_DIR) / ".." / "shared" / "corpus";
  REQUIRE(fs::is_directory(shared));
  std::size_t labelled = 0;
  std::vector<std::string> skipped;
  for (const auto& set : fs::directory_iterator(shared)) {
    std::ifstream truth(set.path() / "truth.tsv");
    if (!truth) continue;
    std::string line;
    std::getline(truth, line);
    std::vector<std::string> columns;
    for (std::stringstream h(line); std::getline(h, line, '\t');) columns.push_back(line);
    std::vector<std::string> seen;
    while (std::getline(truth, line)) {
      std::vector<std::string> cells;
      for (std::stringstream row(line); std::getline(row, line, '\t');) cells.push_back(line);
      if (cells.empty() || std::find(seen.begin(), seen.end(), cells[0]) != seen.end()) continue;
      bool bounce = false;
      for (std::size_t i = 1; i < cells.size() && i < columns.size(); ++i) {
        const std::string& c = columns[i];
        if (c == "source" || c == "index" || c == "hardbounce" || cells[i].empty() ||
            cells[i] == "?" || cells[i] == "vacation" || cells[i] == "delivered") {
          continue;
        }
        bounce = true;
      }
      if (!bounce) continue;
      seen.push_back(cells[0]);
      for (const auto& entry : fs::recursive_directory_iterator(set.path())) {
        if (entry.path().filename() != cells[0]) continue;
        ++labelled;
        if (!run_pipeline(read_file(entry.path())).body_wanted) {
          skipped.push_back(entry.path().string());
        }
      }
    }
  }
  std::cout << "== corpus: " << labelled << " labelled bounces, " << skipped.size()
            << " skipped at end of headers\n";
  for (const std::string& s : skipped) std::cout << "   SKIPPED: " << s << "\n";
  CHECK(labelled >= 473);  // today's count: a truth file read wrongly must not pass
  CHECK(skipped.empty());
}
