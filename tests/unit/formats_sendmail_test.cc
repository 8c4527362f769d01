// Sendmail 8 text bounces without delivery-status fields (formats/sendmail.cc),
// from tests/data/bounces/sendmail.
#include <catch2/catch.hpp>

#include "bounce_fixture.h"

using smtp_explain::test::check_fixture;

TEST_CASE("Sendmail 8.6 lists only the addresses with an unrecoverable error",
          "[formats][sendmail]") {
  check_fixture("sendmail", "sendmail-8.6-delivery-problems.eml", "Sendmail",
                {{"bob@example.net", "550", "", "userunknown"}});
}

TEST_CASE("Sendmail 8 transcripts give each recipient its own reply", "[formats][sendmail]") {
  check_fixture("sendmail", "sendmail-8.9-text-only.eml", "Sendmail",
                {{"frank@example.net", "550", "", "userunknown"},
                 {"grace@example.net", "550", "5.1.1", "suspend"}});
  check_fixture("sendmail", "sendmail-8.13-host-unknown-data.eml", "Sendmail",
                {{"victor@nonexistent.example.net", "550", "5.1.2", "hostunknown"},
                 {"walter@example.org", "554", "5.7.1", "spamdetected"},
                 {"wendy@example.org", "554", "5.7.1", "spamdetected"}});
}

TEST_CASE("Sendmail 8 queue timeouts carry no invented code", "[formats][sendmail]") {
  check_fixture(
      "sendmail", "sendmail-8.12-expired-text.eml", "Sendmail",
      {{"judy@example.net", "", "", "expired"}, {"mallory@example.net", "", "", "expired"}});
}

TEST_CASE("the Sendmail 4-hour warning reports delayed recipients", "[formats][sendmail]") {
  check_fixture("sendmail", "sendmail-8.12-warning-4h.eml", "Sendmail",
                {{"peggy@example.net", "", "", "blocked", "delayed"}});
}
