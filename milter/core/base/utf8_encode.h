// Hex digits and code points to UTF-8, for the readers that decode escapes
// themselves (the DSN reader's xtext/"\x{..}" values, the SES JSON reader's
// "\uXXXX"). Thread safety: pure functions over caller-owned data.
#pragma once

#include <string>

namespace smtp_explain {

// The value of an ASCII hex digit (either case), or -1.
int hex_digit_value(char c);

// Appends `cp` encoded as UTF-8 (1 to 4 bytes). Values above U+10FFFF are
// not code points and append nothing; surrogates are encoded as given.
void append_utf8(char32_t cp, std::string* out);

}  // namespace smtp_explain
