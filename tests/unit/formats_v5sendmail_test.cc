// Sendmail 5 transcript-only bounces (formats/v5sendmail.cc), from
// tests/data/bounces/v5sendmail.
#include <catch2/catch.hpp>

#include "bounce_fixture.h"

using smtp_explain::test::check_fixture;

TEST_CASE("Sendmail 5 transcripts with bare or bracketed addresses", "[formats][v5sendmail]") {
  check_fixture("v5sendmail", "v5-user-unknown.eml", "V5sendmail",
                {{"bob@example.net", "550", "", "userunknown"}});
  check_fixture("v5sendmail", "v5-host-unknown.eml", "V5sendmail",
                {{"frank@nosuchhost.example.net", "550", "", "hostunknown"}});
}

TEST_CASE("Sendmail 5 returned after days: the original's only To", "[formats][v5sendmail]") {
  check_fixture("v5sendmail", "v5-cannot-send-3-days.eml", "V5sendmail",
                {{"judy@example.net", "421", "", "expired"}});
}
