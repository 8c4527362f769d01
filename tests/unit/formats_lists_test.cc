// Mailing-list servers' notices (formats/mailinglist.cc): Mailman's bounce
// notices to list owners name the member whose mail bounced; the other notices
// list servers send (moderation holds, rejected postings, warnings) name no
// failed delivery. The list's own addresses are never reported. Fixtures in
// tests/data/bounces/lists/.
#include <string>

#include <catch2/catch.hpp>

#include "smtp_explain/parser.h"
#include "test_support.h"

using smtp_explain::test::check_recipients;
using smtp_explain::test::EmptyStatus;
using smtp_explain::test::read_bounce_fixture;
using smtp_explain::test::Want;

namespace {

smtp_explain::Report parse_list_fixture(const char* file) {
  const std::string data = read_bounce_fixture(std::string("lists/") + file);
  REQUIRE_FALSE(data.empty());
  return smtp_explain::parse_message(data);
}

}  // namespace

TEST_CASE("Mailman bounce notices report the member, with the attached bounce's codes",
          "[formats][lists]") {
  INFO("mailman2-bounce-action.eml");
  check_recipients(parse_list_fixture("mailman2-bounce-action.eml"),
                   {{"jane.roe@example.com", "550", "5.1.1", "userunknown"}},
                   EmptyStatus::kAsserted);
}

TEST_CASE("Mailman bounce notices without a code report the member and no code",
          "[formats][lists]") {
  for (const char* file : {"mailman2-removed-crlf.eml", "mailman3-disabled.eml"}) {
    INFO(file);
    const smtp_explain::Report r = parse_list_fixture(file);
    REQUIRE(r.recipients.size() == 1);
    CHECK(r.recipients[0].recipient == (std::string(file) == "mailman3-disabled.eml"
                                            ? "kim@example.net"
                                            : "old.player@example.org"));
    CHECK(r.recipients[0].reply_code.empty());
    CHECK(r.recipients[0].status.empty());
    CHECK(r.recipients[0].action == "failed");
  }
}

TEST_CASE("list servers' other notices report nobody, never the list", "[formats][lists]") {
  for (const char* file : {"mailman2-moderation.eml", "majordomo-bounce-nonmember.eml",
                           "ezmlm-warning.eml", "listserv-rejected.eml", "sympa-rejected.eml"}) {
    INFO(file);
    CHECK(parse_list_fixture(file).recipients.empty());
  }
}
