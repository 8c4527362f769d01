// qmail and its patched variants (formats/qmail.cc), from
// tests/data/bounces/qmail.
#include <catch2/catch.hpp>

#include "bounce_fixture.h"

using smtp_explain::test::check_fixture;

TEST_CASE("qmail 1.03: remote reply and missing host", "[formats][qmail]") {
  check_fixture("qmail", "qmail-1.03-two-recipients.eml", "qmail",
                {{"ugo@example.net", "550", "5.1.1", "userunknown"},
                 {"val@nosuchdomain.example", "", "5.1.2", "hostunknown"}});
}

TEST_CASE("qmail-ldap with a customised greeting and Subject", "[formats][qmail]") {
  check_fixture("qmail", "qmail-ldap-custom-greeting.eml", "qmail",
                {{"zed@example.net", "", "", "suspend"}});
}

TEST_CASE("vpopmail: headers-only copy of the original", "[formats][qmail]") {
  check_fixture("qmail", "vpopmail-over-quota.eml", "qmail",
                {{"bea@customer.example.com", "", "", "mailboxfull"}});
}
