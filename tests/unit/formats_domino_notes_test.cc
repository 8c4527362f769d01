// IBM/Lotus Domino and Lotus Notes notices (formats/domino.cc,
// formats/notes.cc), from tests/data/bounces/{domino,notes}.
#include <catch2/catch.hpp>

#include "bounce_fixture.h"

using smtp_explain::test::check_fixture;
using smtp_explain::test::check_fixture_quiet;

TEST_CASE("Domino: one block per recipient, the router's reason", "[formats][domino]") {
  check_fixture("domino", "domino-8.5-two-recipients.eml", "Domino",
                {{"sam.tate@example.org", "", "", "userunknown"},
                 {"una.vale@example.org", "", "", "systemerror"}});
}

TEST_CASE("Domino: a relayed notice is told by its text", "[formats][domino]") {
  check_fixture("domino", "domino-relayed-renamed.eml", "Domino",
                {{"val.ruiz@example.net", "", "", "userunknown"}});
}

TEST_CASE("Notes: the address below its reason", "[formats][notes]") {
  check_fixture("notes", "notes-r5-failure-reasons.eml", "Notes",
                {{"xia.moss@notes.example.net", "", "5.1.1", "userunknown"}});
}

TEST_CASE("Notes: the Subject alone does not make a returned To a recipient", "[formats][notes]") {
  check_fixture_quiet("notes", "not-notes-undeliverable-message.eml");
}
