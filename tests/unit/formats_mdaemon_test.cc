// MDaemon notices with their session transcript (formats/mdaemon.cc), from
// tests/data/bounces/mdaemon.
#include <catch2/catch.hpp>

#include "bounce_fixture.h"

using smtp_explain::test::check_fixture;

TEST_CASE("MDaemon: the refused RCPT, not the notice's own addressee", "[formats][mdaemon]") {
  check_fixture("mdaemon", "mdaemon-9-rcpt-refused.eml", "MDaemon",
                {{"max@example.net", "550", "5.1.1", "userunknown"}});
}

TEST_CASE("MDaemon: a refusal after DATA fails every accepted recipient", "[formats][mdaemon]") {
  check_fixture("mdaemon", "mdaemon-11-data-refused-two.eml", "MDaemon",
                {{"ari@example.net", "554", "5.6.0", "contenterror"},
                 {"noa@example.net", "554", "5.6.0", "contenterror"}});
}

TEST_CASE("MDaemon: a temporary failure before any reply is delayed, without codes",
          "[formats][mdaemon]") {
  check_fixture("mdaemon", "mdaemon-13-warning-no-connection.eml", "MDaemon",
                {{"ola@example.org", "", "", "expired", "delayed"}});
}
