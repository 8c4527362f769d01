// Ipswitch IMail (SMTP32) notices (formats/imailserver.cc), from
// tests/data/bounces/imail.
#include <catch2/catch.hpp>

#include "bounce_fixture.h"

using smtp_explain::test::check_fixture;

TEST_CASE("IMail: unknown user with the remote reply", "[formats][imail]") {
  check_fixture("imail", "imail-8-smtp32-unknown-user.eml", "IMailServer",
                {{"bo.chan@mail.example.org", "550", "5.1.1", "userunknown"}});
}

TEST_CASE("IMail: given up after N attempts, no code", "[formats][imail]") {
  check_fixture("imail", "imail-12-delivery-failed-attempts.eml", "IMailServer",
                {{"di.fox@example.org", "", "", "expired"}});
}
