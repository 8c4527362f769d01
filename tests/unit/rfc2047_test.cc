// Unit tests for the RFC 2047 helpers: ASCII passes through, encoded words stay
// within 75 characters without splitting UTF-8, encode->decode round trips, and
// decoding of other encoders' output and of malformed words.
#include <catch2/catch.hpp>

#include <cstdint>

#include "header_text.h"
#include "smtp_explain/headers.h"

using smtp_explain::decode_words;
using smtp_explain::encode_words;

namespace {

std::vector<std::string> words(const std::string& s) {
  return smtp_explain::split_atoms(s);
}

}  // namespace

TEST_CASE("ASCII text is returned unchanged", "[rfc2047]") {
  CHECK(encode_words("The mailbox is full.") == "The mailbox is full.");
  CHECK(encode_words("") == "");
}

TEST_CASE("non-ASCII text round trips through encoded words", "[rfc2047]") {
  const std::string samples[] = {
      "El buzón del destinatario está lleno.",
      "प्राप्तकर्ता का मेलबॉक्स भरा हुआ है, बाद में फिर से भेजें।",
      "emoji \xF0\x9F\x93\xA7 mail \xF0\x9F\x93\xAC and more text to force several words here",
      "ü",
      std::string(300, 'a') + "é" + std::string(10, ' ') + "x",
  };
  for (const std::string& text : samples) {
    INFO(text);
    const std::string encoded = encode_words(text);
    for (char c : encoded) CHECK(static_cast<unsigned char>(c) < 0x80);
    for (const std::string& w : words(encoded)) {
      CHECK(w.size() <= 75);
      CHECK(w.rfind("=?UTF-8?", 0) == 0);
      // Each word decodes on its own to valid UTF-8: no sequence was split.
      std::string part;
      CHECK(decode_words(w, &part));
    }
    std::string decoded;
    CHECK(decode_words(encoded, &decoded));
    CHECK(decoded == text);
  }
}

TEST_CASE("Q is chosen for mostly-Latin text, B for other scripts", "[rfc2047]") {
  CHECK(encode_words("buzón lleno").find("?Q?") != std::string::npos);
  CHECK(encode_words("मेलबॉक्स भरा").find("?B?") != std::string::npos);
}

TEST_CASE("decode_words reads other encoders' output", "[rfc2047]") {
  std::string out;
  // RFC 2047 section 8 examples.
  CHECK(decode_words("=?ISO-8859-1?Q?Andr=E9?= Pirard", &out));
  CHECK(out == "André Pirard");
  CHECK(decode_words("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)", &out));
  CHECK(out == "(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)");  // not delimited by space
  CHECK(decode_words("=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=", &out));
  CHECK(out == "ab");
  CHECK(decode_words("=?ISO-8859-1?Q?a?=\n  =?ISO-8859-1?Q?b?=", &out));
  CHECK(out == "ab");
  CHECK(decode_words("=?ISO-8859-1?Q?a_b?=", &out));
  CHECK(out == "a b");
  CHECK(decode_words("=?utf-8?b?w7w=?= x", &out));
  CHECK(out == "ü x");
  CHECK(decode_words("=?US-ASCII*en?Q?Keith_Moore?=", &out));
  CHECK(out == "Keith Moore");
  CHECK(decode_words("plain text\n folded", &out));
  CHECK(out == "plain text folded");
  // An unknown charset is left as it is.
  CHECK(decode_words("=?KOI8-R?Q?=E1?=", &out));
  CHECK(out == "=?KOI8-R?Q?=E1?=");
}

TEST_CASE("decode_words reports malformed input", "[rfc2047]") {
  std::string out;
  CHECK_FALSE(decode_words("=?UTF-8?B?###?=", &out));
  CHECK_FALSE(decode_words("=?UTF-8?Q?=ZZ?=", &out));
  CHECK_FALSE(decode_words("=?UTF-8?Q?=E?=", &out));
  CHECK_FALSE(decode_words("=?UTF-8?Q?=FF?=", &out));  // not UTF-8
  CHECK_FALSE(decode_words("=?US-ASCII?Q?=E9?=", &out));
  CHECK_FALSE(decode_words("line\nbreak", &out));
}

TEST_CASE("random bytes: clean + encode round trips, decode never misbehaves", "[rfc2047]") {
  std::uint32_t seed = 12345;
  const auto next = [&] {
    seed = seed * 1103515245u + 12345u;
    return static_cast<unsigned char>(seed >> 16);
  };
  for (int round = 0; round < 2000; ++round) {
    std::string raw(next() % 200, '\0');
    for (char& c : raw) c = static_cast<char>(next());
    const std::string clean = smtp_explain::clean_header_text(raw);
    const std::string encoded = encode_words(clean);
    std::string decoded;
    INFO(encoded);
    CHECK(decode_words(encoded, &decoded));
    if (clean.find("=?") == std::string::npos) CHECK(decoded == clean);
    for (const std::string& w : words(encoded))
      CHECK(w.size() <= (smtp_explain::is_ascii(clean) ? 998u : 75u));
    std::string ignored;
    (void)decode_words(raw, &ignored);  // hostile input: must not crash or hang
  }
}
