// Microsoft Exchange 5.5-2019 and Microsoft 365 NDR texts in several languages
// (formats/exchange2003.cc, exchange2007.cc, office365.cc, exchange_text.h),
// read from the fixtures in tests/data/bounces/exchange/.
#include <string>

#include <catch2/catch.hpp>

#include "smtp_explain/parser.h"
#include "test_support.h"

using smtp_explain::test::check_recipients;
using smtp_explain::test::EmptyStatus;
using smtp_explain::test::read_bounce_fixture;
using smtp_explain::test::Want;

namespace {

smtp_explain::Report parse_fixture(const char* file) {
  const std::string data = read_bounce_fixture(std::string("exchange/") + file);
  REQUIRE_FALSE(data.empty());
  return smtp_explain::parse_message(data);
}

void check(const char* file, const std::vector<Want>& want) {
  INFO(file);
  check_recipients(parse_fixture(file), want, EmptyStatus::kAsserted);
}

}  // namespace

TEST_CASE("Exchange 2000/2003 notices in English, German and French", "[formats][exchange]") {
  check("ex2003-en-two-recipients.eml", {{"alice@example.org", "", "5.1.1", "userunknown"},
                                         {"bob@example.org", "", "5.2.2", "mailboxfull"}});
  check("ex2003-de-crlf.eml", {{"hans.muster@example.de", "", "5.1.1", "userunknown"}});
  // "<host #5.0.0 smtp;550 5.1.1 ...>": the remote server's reply is taken.
  check("ex2003-fr-smtp-reply.eml", {{"claire@example.com", "550", "5.1.1", "userunknown"}});
}

TEST_CASE("Exchange 5.5 naming the recipient by display name only reports nobody",
          "[formats][exchange]") {
  const smtp_explain::Report r = parse_fixture("ex55-display-name-only.eml");
  CHECK(r.recipients.empty());
  CHECK_FALSE(r.bounce);
}

TEST_CASE("Exchange 2007-2019 NDRs in several languages", "[formats][exchange]") {
  // The users' list names Carol by display name; the administrators' section
  // gives her address and the reply.
  check("ex2010-en-hash-codes.eml", {{"carol@example.com", "550", "5.1.1", "userunknown"},
                                     {"dave@example.com", "550", "5.2.2", "mailboxfull"}});
  check("ex2016-es-no-se-pudo-entregar.eml", {{"luis@example.es", "550", "5.1.1", "userunknown"}});
  check("ex2019-ja-iso2022jp.eml", {{"user@example.jp", "550", "5.1.1", "userunknown"}});
}

TEST_CASE("an Exchange delay notice is a delay, not a failure", "[formats][exchange]") {
  const smtp_explain::Report r = parse_fixture("ex2010-de-delayed.eml");
  REQUIRE(r.recipients.size() == 1);
  CHECK(r.recipients[0].recipient == "erika@example.org");
  CHECK(r.recipients[0].action == "delayed");
  CHECK(r.recipients[0].status == "4.4.7");
}

TEST_CASE("Microsoft 365 NDRs: 'couldn't be delivered' and the French list",
          "[formats][exchange]") {
  check("o365-en-couldnt-be-delivered.eml",
        {{"frank@example.com", "550", "5.1.10", "userunknown"}});
  check("o365-fr-two-recipients-crlf.eml", {{"gilles@example.fr", "550", "5.1.10", "userunknown"},
                                            {"herve@example.fr", "554", "5.2.2", "mailboxfull"}});
}

TEST_CASE("Exchange NDR readers never report the sender or addresses of the original",
          "[formats][exchange]") {
  for (const char* file : {"ex2010-en-hash-codes.eml", "o365-en-couldnt-be-delivered.eml",
                           "ex2016-es-no-se-pudo-entregar.eml"}) {
    INFO(file);
    for (const auto& rcpt : parse_fixture(file).recipients) {
      CHECK(rcpt.recipient.find("sender") == std::string::npos);
      CHECK(rcpt.recipient.find("remitente") == std::string::npos);
    }
  }
}
