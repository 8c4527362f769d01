// Postfix text bounces of every version without a delivery-status part
// (formats/postfix.cc), from tests/data/bounces/postfix.
#include <catch2/catch.hpp>

#include "bounce_fixture.h"

using smtp_explain::test::check_fixture;

TEST_CASE("Postfix 1.x notices without a DSN are read", "[formats][postfix]") {
  check_fixture("postfix", "postfix-1.1-two-recipients.eml", "Postfix",
                {{"bob@example.net", "550", "", "filtered"},
                 {"carol@nosuchhost.example.net", "", "", "hostunknown"}});
}

TEST_CASE("Postfix 2.x paragraphs give the command and the alias", "[formats][postfix]") {
  check_fixture("postfix", "postfix-2.1-in-reply-to.eml", "Postfix",
                {{"erin@example.net", "552", "5.2.2", "mailboxfull"},
                 {"frank@example.net", "550", "5.1.1", "userunknown"}});
  check_fixture(
      "postfix", "postfix-2.2-local-delivery.eml", "Postfix",
      {{"heidi@example.org", "", "", "userunknown"}, {"ivan@example.org", "", "", "mailboxfull"}});
}

TEST_CASE("Postfix 2.3+ template without its DSN part is read", "[formats][postfix]") {
  check_fixture("postfix", "postfix-2.3-dsn-stripped.eml", "Postfix",
                {{"peggy@example.net", "554", "5.7.1", "norelaying"},
                 {"trent@example.org", "", "", "hostunknown"}});
}

TEST_CASE("a Postfix delay notice reports a delayed recipient", "[formats][postfix]") {
  check_fixture("postfix", "postfix-2.0-delay-warning.eml", "Postfix",
                {{"mallory@example.net", "", "", "expired", "delayed"}});
}
