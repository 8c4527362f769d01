// Where the returned original message (or its header block) starts inside an
// MTA's error text, from the marker lines MTAs write ("--- Below this line is a
// copy of the message.", "------ This is a copy of the message, including all
// the headers.", "Original message follows.", "Content-Type: message/rfc822",
// ...). The message model keeps the answer for its error text
// (Message::error_text). Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace smtp_explain {

// Offset in `text` of the first marker line; text.size() when there is none.
std::size_t find_original_start(std::string_view text);

// The marker lines find_original_start() knows (a marker may follow blanks or
// decoration such as "|" on its line; case is ignored).
std::span<const std::string_view> original_start_markers();

// The text before find_original_start(text).
std::string_view error_part(std::string_view text);

}  // namespace smtp_explain
