// Novell GroupWise Internet Agent notices (formats/groupwise.cc), from
// tests/data/bounces/groupwise.
#include <catch2/catch.hpp>

#include "bounce_fixture.h"

using smtp_explain::test::check_fixture;

TEST_CASE("GroupWise: the GWIA's reason in parentheses, no code", "[formats][groupwise]") {
  check_fixture("groupwise", "gwia-7-user-not-found.eml", "GroupWise",
                {{"pat.lee@k12.example.net", "", "", "userunknown"}});
  check_fixture("groupwise", "gwia-6.5-two-recipients.eml", "GroupWise",
                {{"chris@example.org", "", "", "userunknown"},
                 {"robin@sales.nosuchhost.example", "", "", "hostunknown"}});
}

TEST_CASE("GroupWise: told by its text when a gateway renamed the headers",
          "[formats][groupwise]") {
  check_fixture("groupwise", "gwia-8-remote-reply-relayed.eml", "GroupWise",
                {{"jo.baker@example.net", "550", "5.2.2", "mailboxfull"}});
}
