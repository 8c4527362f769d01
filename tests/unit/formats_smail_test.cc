// Smail 3 notices (formats/smail.cc), from tests/data/bounces/smail.
#include <catch2/catch.hpp>

#include "bounce_fixture.h"

using smtp_explain::test::check_fixture;

TEST_CASE("Smail: the addresses between the banners, codes only where quoted", "[formats][smail]") {
  check_fixture("smail", "smail-3-two-failed.eml", "Smail",
                {{"vic@gate.example.org", "", "", "userunknown"},
                 {"wes@example.net", "550", "", "userunknown"}});
}
