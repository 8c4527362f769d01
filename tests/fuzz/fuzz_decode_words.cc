// Fuzz target: RFC 2047 decode_words on arbitrary header values, and the
// encode/decode round trip. For valid non-ASCII UTF-8 text, encode_words must
// give ASCII encoded words of at most 75 characters that decode back to the
// same text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "smtp_explain/headers.h"

namespace {

// Length of the valid UTF-8 sequence at s[i] (no overlongs, no surrogates,
// at most U+10FFFF), 0 if invalid.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  unsigned lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  }
  return n;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

bool is_ascii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace smtp_explain;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  std::string decoded;
  decode_words(text, &decoded);
  FUZZ_CHECK(decoded.size() <= text.size() * 2 + 1);  // Latin-1 at most doubles

  if (!valid_utf8(text)) return 0;
  const std::string encoded = encode_words(text);
  if (is_ascii(text)) {
    FUZZ_CHECK(encoded == text);
    return 0;
  }
  // Words separated by single spaces, each "=?UTF-8?" ... "?=", <= 75 chars.
  std::size_t start = 0;
  while (start <= encoded.size()) {
    std::size_t end = encoded.find(' ', start);
    if (end == std::string::npos) end = encoded.size();
    const std::string_view word = std::string_view(encoded).substr(start, end - start);
    FUZZ_CHECK(word.size() <= 75);
    FUZZ_CHECK(word.starts_with("=?UTF-8?"));
    FUZZ_CHECK(word.ends_with("?="));
    for (char c : word) {
      const unsigned char u = static_cast<unsigned char>(c);
      FUZZ_CHECK(u > 0x20 && u < 0x7F);
    }
    start = end + 1;
  }
  std::string back;
  FUZZ_CHECK(decode_words(encoded, &back));
  FUZZ_CHECK(back == text);
  return 0;
}
