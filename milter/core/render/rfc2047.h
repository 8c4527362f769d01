// RFC 2047 encoded words beyond the public helpers in headers.h.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace smtp_explain {

// Like encode_words() but encodes ASCII text too (for text that contains "=?",
// which a decoder could otherwise mistake for an encoded word).
std::string encode_words_always(std::string_view utf8_text);

}  // namespace smtp_explain
