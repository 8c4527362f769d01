// Consumer mail providers' text notices of several periods: AOL's "Mail
// Delivery Problem" with screen names (formats/aol.cc), Yahoo's qmail-based and
// later notices (yahoo.cc, x2.cc), Hotmail/MSN's Windows SMTP service text
// (outlook.cc, exchange_text.h). Fixtures in tests/data/bounces/{aol,yahoo,hotmail}/.
#include <string>

#include <catch2/catch.hpp>

#include "smtp_explain/parser.h"
#include "test_support.h"

using smtp_explain::test::check_recipients;
using smtp_explain::test::EmptyStatus;
using smtp_explain::test::read_bounce_fixture;
using smtp_explain::test::Want;

namespace {

smtp_explain::Report parse_fixture(const std::string& path) {
  const std::string data = read_bounce_fixture(path);
  REQUIRE_FALSE(data.empty());
  return smtp_explain::parse_message(data);
}

void check(const std::string& path, const std::vector<Want>& want) {
  INFO(path);
  check_recipients(parse_fixture(path), want, EmptyStatus::kAsserted);
}

}  // namespace

TEST_CASE("AOL screen names get @aol.com; the sender named before is not reported",
          "[formats][aol]") {
  // "Sorry sender@example.com. Your mail to ... not accepting mail from sender@example.com:"
  check("aol/aol-2007-screen-names.eml",
        {{"catfan1977@aol.com", "", "", "filtered"}, {"joeexample12@aol.com", "", "", "filtered"}});
  check("aol/aol-2009-mailbox-full-crlf.eml", {{"gardenclub@aol.com", "", "", "mailboxfull"}});
}

TEST_CASE("bare names are only completed in AOL's own notice", "[formats][aol]") {
  // The same sentence from another domain's daemon: no AOL header, no AOL From.
  const std::string raw =
      "From: Mail Delivery Subsystem <MAILER-DAEMON@example.net>\n"
      "Subject: Mail Delivery Problem\n"
      "\n"
      "Your mail to the following recipients could not be delivered because they are not\n"
      "accepting mail:\n"
      "\tsomebody\n";
  const smtp_explain::Report r = smtp_explain::parse_message(raw);
  for (const auto& rcpt : r.recipients) CHECK(rcpt.recipient.find("@aol.com") == std::string::npos);
}

TEST_CASE("Yahoo notices of the 2000s, with and without angle brackets", "[formats][yahoo]") {
  check("yahoo/yahoo-2004-qmail-style.eml", {{"someone@example.org", "550", "5.1.1", "userunknown"},
                                             {"other@example.com", "", "", "suspend"}});
  check("yahoo/yahoo-2010-no-ymailisg.eml",
        {{"friend@example.com", "552", "5.2.2", "mailboxfull"}});
}

TEST_CASE("Hotmail and MSN text notices: failures and delays", "[formats][hotmail]") {
  const smtp_explain::Report failed = parse_fixture("hotmail/hotmail-2005-smtpsvc-text.eml");
  REQUIRE(failed.recipients.size() == 2);
  CHECK(failed.recipients[0].recipient == "nobody@example.com");
  CHECK(failed.recipients[1].recipient == "gone@example.org");
  CHECK(failed.recipients[0].action == "failed");
  CHECK(failed.recipients[0].reply_code.empty());
  CHECK(failed.recipients[0].status.empty());
  const smtp_explain::Report delayed = parse_fixture("hotmail/msn-2006-delayed.eml");
  REQUIRE(delayed.recipients.size() == 1);
  CHECK(delayed.recipients[0].recipient == "slow@example.com");
  CHECK(delayed.recipients[0].action == "delayed");
}
