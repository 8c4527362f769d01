// Courier notices read from their text part (formats/courier.cc), from
// tests/data/bounces/courier.
#include <catch2/catch.hpp>

#include "bounce_fixture.h"

using smtp_explain::test::check_fixture;

TEST_CASE("Courier: text part alone, remote reply and Courier's DNS sentence",
          "[formats][courier]") {
  check_fixture("courier", "courier-0.65-text-only.eml", "Courier",
                {{"mo@example.net", "550", "5.1.1", "userunknown"},
                 {"ned@nosuch.example.net", "", "", "hostunknown"}});
}

TEST_CASE("Courier: a relayed delay notice is told by its text", "[formats][courier]") {
  check_fixture("courier", "courier-0.60-delayed-relayed.eml", "Courier",
                {{"pia@example.org", "452", "4.2.2", "mailboxfull", "delayed"}});
}
