// Exim 3 and 4 notices (formats/exim.cc), from tests/data/bounces/exim.
#include <catch2/catch.hpp>

#include "bounce_fixture.h"

using smtp_explain::test::check_fixture;

TEST_CASE("Exim: 'A message sent by' names the sender, never a recipient", "[formats][exim]") {
  check_fixture("exim", "exim-4-sent-by-errors-to.eml", "Exim",
                {{"cal.b@example.net", "", "", "expired"}});
}

TEST_CASE("Exim 3: two addresses with the remote replies", "[formats][exim]") {
  check_fixture("exim", "exim-3-two-failed.eml", "Exim",
                {{"eli@example.net", "550", "5.1.1", "userunknown"},
                 {"fay@example.net", "552", "5.2.2", "mailboxfull"}});
}

TEST_CASE("Exim 4.97: delay warning with the longer message ids", "[formats][exim]") {
  check_fixture("exim", "exim-4.97-delay-warning.eml", "Exim",
                {{"ivy@example.net", "451", "4.7.1", "expired", "delayed"}});
}

TEST_CASE("Exim: a renamed notice is told by its text", "[formats][exim]") {
  check_fixture("exim", "exim-4-renamed-notice.eml", "Exim",
                {{"kai@example.net", "550", "5.7.1", "norelaying"}});
}
