// Shared unit-test helpers; see test_support.h.
#include "test_support.h"

#include <fstream>
#include <sstream>
#include <utility>

#include <catch2/catch.hpp>

#include "family.h"
#include "message_builder.h"
#include "mime_walker.h"
#include "smtp_explain/parser.h"
#include "text_util.h"

namespace smtp_explain::test {

std::filesystem::path corpus_root() {
  return std::filesystem::path(SMTP_EXPLAIN_SHARED_DIR) / "corpus" / "sisimai";
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string read_corpus(std::string_view dir, std::string_view file) {
  return read_file(corpus_root() / dir / file);
}

std::string read_bounce_fixture(std::string_view path) {
  return read_file(std::filesystem::path(SMTP_EXPLAIN_SOURCE_DIR) / "tests" / "data" / "bounces" /
                   path);
}

std::string lf_only(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::string crlf(std::string_view lf_text) {
  std::string out;
  out.reserve(lf_text.size() + lf_text.size() / 32);
  for (char c : lf_text) {
    if (c == '\n') out.push_back('\r');
    out.push_back(c);
  }
  return out;
}

Message to_message(const std::string& raw) {
  return build_message(raw, Limits{});
}

std::string claiming_family(const std::string& raw) {
  const Message msg = to_message(raw);
  FoundList found;
  return std::string(run_scanners(msg, claimed_families(msg.headers), &found));
}

void check_recipients(const Report& report, const std::vector<Want>& want,
                      EmptyStatus empty_status) {
  REQUIRE(report.bounce);
  REQUIRE(report.recipients.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO("recipient " << i << " diagnostic: " << report.recipients[i].diagnostic);
    CHECK(report.recipients[i].recipient == want[i].recipient);
    CHECK(report.recipients[i].reply_code == want[i].reply);
    if (!want[i].status.empty() || empty_status == EmptyStatus::kAsserted) {
      CHECK(report.recipients[i].status == want[i].status);
    }
    CHECK(to_string(report.recipients[i].reason) == want[i].reason);
  }
}

void check_corpus_file(std::string_view dir, std::string_view file, const std::vector<Want>& want,
                       EmptyStatus empty_status) {
  INFO(dir << "/" << file);
  const std::string data = read_corpus(dir, file);
  REQUIRE_FALSE(data.empty());
  check_recipients(parse_message(data), want, empty_status);
}

}  // namespace smtp_explain::test
