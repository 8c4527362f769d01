// Text helpers used by the format scanners of both family groups
// (group_a_helpers.h and group_b_helpers.h re-export them): Sisimai's sweep
// the two ways its Lhost modules take an address out of angle brackets, and
// the digits-only test for empty-looking diagnostics.
// Thread safety: pure functions over caller-owned data.
#pragma once

#include <string>
#include <string_view>

namespace smtp_explain::scanner_text {

// Whitespace runs (spaces, tabs, line breaks) made one space, both ends
// trimmed (Sisimai::String->sweep).
std::string sweep(std::string_view text);

// The text between the LAST '<' of `text` and the '>' after it, if it holds
// an '@' and no space; else empty (no retry with an earlier '<').
std::string_view last_angle_address(std::string_view text);

// The text of the FIRST "<...>" pair of `text` that holds an '@' and no
// space (later pairs are tried when an earlier one does not); else empty.
std::string_view first_angle_address(std::string_view text);

// True if `text`, with spaces, tabs and line breaks trimmed at both ends, is
// one or more ASCII digits (a diagnostic that is only a number says nothing).
bool is_only_digits(std::string_view text);

}  // namespace smtp_explain::scanner_text
