// Bounce texts in languages other than English (formats/localised.cc), in the
// charsets their senders use, from tests/data/bounces/localised/: the
// recipients listed below a localised "could not be delivered" sentence, codes
// when the text gives them, the reason from a localised phrase when it does
// not, never the notice's own addresses or a quoted header line.
#include <string>

#include <catch2/catch.hpp>

#include "smtp_explain/parser.h"
#include "test_support.h"

using smtp_explain::test::check_recipients;
using smtp_explain::test::EmptyStatus;
using smtp_explain::test::read_bounce_fixture;
using smtp_explain::test::Want;

namespace {

void check_localised(const char* file, const std::vector<Want>& want) {
  INFO(file);
  const std::string data = read_bounce_fixture(std::string("localised/") + file);
  REQUIRE_FALSE(data.empty());
  check_recipients(smtp_explain::parse_message(data), want, EmptyStatus::kAsserted);
}

}  // namespace

TEST_CASE("German, French and Spanish notices: listed recipients, codes only when given",
          "[formats][localised]") {
  check_localised("de-provider-two-recipients.eml",
                  {{"hans.meier@example.de", "", "", "userunknown"},
                   {"petra.schulz@example.org", "552", "5.2.2", "mailboxfull"}});
  check_localised("fr-provider-crlf.eml", {{"marie.dupont@example.fr", "", "", "userunknown"}});
  check_localised("es-provider-code.eml",
                  {{"pedro.garcia@example.es", "550", "5.1.1", "userunknown"}});
}

TEST_CASE("Japanese, Chinese and Russian notices are decoded and read", "[formats][localised]") {
  check_localised("ja-carrier-iso2022jp.eml",
                  {{"taro.yamada@example.ne.jp", "", "", "userunknown"}});
  check_localised("zh-netease-gb2312.eml", {{"wang.fang@example.cn", "", "", "mailboxfull"},
                                            {"li.wei@example.cn", "550", "5.1.1", "userunknown"}});
  check_localised("ru-koi8r.eml", {{"ivan.petrov@example.ru", "", "", "userunknown"}});
}

TEST_CASE("a localised notice never reports its own sender or a quoted header address",
          "[formats][localised]") {
  const std::string raw =
      "Return-Path: <>\n"
      "From: mailer-daemon@example.de\n"
      "To: absender@example.net\n"
      "Subject: Unzustellbar\n"
      "\n"
      "Ihre Nachricht konnte nicht zugestellt werden:\n"
      "\n"
      "absender@example.net\n"
      "Von: absender@example.net\n"
      "An: ziel@example.org\n";
  const smtp_explain::Report r = smtp_explain::parse_message(raw);
  CHECK(r.recipients.empty());
}
