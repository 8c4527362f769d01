// Checks for the hand-written sample bounces in tests/data/bounces/<format>/:
// each file is parsed as written, then with CR LF and with CR-only line
// endings, and every run must give exactly the expected recipients (address,
// reply code, status, reason, action) and be read by the expected family.
// Stateless free functions; Catch2 assertions (one thread).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace smtp_explain::test {

// One expected recipient; empty reply/status assert that the bounce has none.
struct FixtureWant {
  std::string recipient;
  std::string reply;
  std::string status;
  std::string reason;
  std::string action = "failed";
};

// The bytes of tests/data/bounces/<format>/<file> (REQUIREs that it exists).
std::string read_fixture(std::string_view format, std::string_view file);

// Parses the fixture in all three line-ending forms and checks the recipients
// in order; `family` is the reader that must recognise the text (the name in
// its Family), or empty to skip that check.
void check_fixture(std::string_view format, std::string_view file, std::string_view family,
                   const std::vector<FixtureWant>& want);

// Parses the fixture and REQUIREs that no recipient is reported.
void check_fixture_quiet(std::string_view format, std::string_view file);

}  // namespace smtp_explain::test
