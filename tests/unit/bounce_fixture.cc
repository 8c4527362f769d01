#include "bounce_fixture.h"

#include <catch2/catch.hpp>

#include "smtp_explain/parser.h"
#include "test_support.h"

namespace smtp_explain::test {
namespace {

std::string cr_only(std::string_view lf_text) {
  std::string out(lf_text);
  for (char& c : out) {
    if (c == '\n') c = '\r';
  }
  return out;
}

void check_report(const Report& report, const std::vector<FixtureWant>& want) {
  REQUIRE(report.bounce);
  REQUIRE(report.recipients.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    const Recipient& r = report.recipients[i];
    INFO("recipient " << i << " diagnostic: " << r.diagnostic);
    CHECK(r.recipient == want[i].recipient);
    CHECK(r.reply_code == want[i].reply);
    CHECK(r.status == want[i].status);
    CHECK(to_string(r.reason) == want[i].reason);
    CHECK(r.action == want[i].action);
  }
}

}  // namespace

std::string read_fixture(std::string_view format, std::string_view file) {
  const std::string data = read_file(std::filesystem::path(SMTP_EXPLAIN_SOURCE_DIR) / "tests" /
                                     "data" / "bounces" / format / file);
  INFO("tests/data/bounces/" << format << "/" << file);
  REQUIRE_FALSE(data.empty());
  return data;
}

void check_fixture(std::string_view format, std::string_view file, std::string_view family,
                   const std::vector<FixtureWant>& want) {
  const std::string lf = lf_only(read_fixture(format, file));
  const std::pair<const char*, std::string> forms[] = {
      {"LF", lf}, {"CRLF", crlf(lf)}, {"CR", cr_only(lf)}};
  for (const auto& [name, data] : forms) {
    INFO(format << "/" << file << " with " << name << " line endings");
    check_report(parse_message(data), want);
    if (!family.empty()) CHECK(claiming_family(data) == family);
  }
}

void check_fixture_quiet(std::string_view format, std::string_view file) {
  INFO(format << "/" << file);
  const Report report = parse_message(read_fixture(format, file));
  CHECK(report.recipients.empty());
  CHECK_FALSE(report.bounce);
}

}  // namespace smtp_explain::test
