// Small exact validators for SMTP codes (Postfix dsn_valid() style): each
// returns the length it matched at the start of the text, 0 for no match.
// No allocation, no regex. Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "smtp_explain/report.h"

namespace smtp_explain {

// Basic reply code: [2-5][0-9][0-9] not followed by a digit. Returns 3 or 0.
std::size_t match_reply_code(std::string_view text);

// Enhanced status code: [245].[0-9]{1,3}.[0-9]{1,3} not followed by a digit or
// '.' + digit. Returns its length or 0.
std::size_t match_status_code(std::string_view text);

// Class from the first digit of a reply or status code ('2', '4', '5').
DeliveryClass class_of_code(std::string_view code);

// A code the user typed: "552", "5.2.2", "550 5.1.1", "550-5.1.1" or "X.2.2".
struct CodeQuery {
  std::string reply;   // "552" or empty
  std::string status;  // "5.2.2" (or "X.2.2") or empty
};
// Returns false if the text is not one of the accepted forms.
bool parse_code_query(std::string_view text, CodeQuery* out);

}  // namespace smtp_explain
