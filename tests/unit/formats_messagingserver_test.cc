// Sun/iPlanet Messaging Server notices as plain text
// (formats/messagingserver.cc), from tests/data/bounces/messagingserver.
#include <catch2/catch.hpp>

#include "bounce_fixture.h"

using smtp_explain::test::check_fixture;

TEST_CASE("Messaging Server: the report text under a gateway's headers",
          "[formats][messagingserver]") {
  check_fixture("messagingserver", "sun-jsms-6-text-only.eml", "MessagingServer",
                {{"rio@example.org", "550", "5.1.1", "userunknown"}});
}
