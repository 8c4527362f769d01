// RFC 2047 encoded words (headers.h: encode_words, decode_words). Encoding uses
// UTF-8 and picks Q or B, whichever is shorter for the whole text; each word is
// at most 75 characters and never splits a UTF-8 sequence. White space between
// encoded words is not part of the text (RFC 2047 6.2), so spaces are encoded
// inside the words.
#include "rfc2047.h"

#include <cctype>

#include "header_text.h"
#include "smtp_explain/headers.h"

namespace smtp_explain {
namespace {

constexpr std::string_view kHex = "0123456789ABCDEF";
constexpr std::string_view kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::size_t kWordOverhead = 12;  // "=?UTF-8?Q?" + "?="
constexpr std::size_t kMaxPayload = kMaxEncodedWord - kWordOverhead;

// Characters that stand for themselves in a Q word (RFC 2047 5(3), the
// strictest rule, so the word is valid anywhere).
bool q_plain(unsigned char c) {
  return std::isalnum(c) != 0 ||
         std::string_view("!*+-/").find(static_cast<char>(c)) != std::string_view::npos;
}

std::size_t q_cost(std::string_view bytes) {
  std::size_t n = 0;
  for (unsigned char c : bytes) n += (q_plain(c) || c == ' ') ? 1 : 3;
  return n;
}

void q_append(std::string_view bytes, std::string* out) {
  for (unsigned char c : bytes) {
    if (c == ' ') {
      *out += '_';
    } else if (q_plain(c)) {
      *out += static_cast<char>(c);
    } else {
      *out += '=';
      *out += kHex[c >> 4];
      *out += kHex[c & 0x0F];
    }
  }
}

void b_append(std::string_view bytes, std::string* out) {
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    *out += kBase64[(v >> 18) & 63];
    *out += kBase64[(v >> 12) & 63];
    *out += kBase64[(v >> 6) & 63];
    *out += kBase64[v & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 0) return;
  unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
  if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
  *out += kBase64[(v >> 18) & 63];
  *out += kBase64[(v >> 12) & 63];
  *out += rest == 2 ? kBase64[(v >> 6) & 63] : '=';
  *out += '=';
}

std::size_t b_cost(std::size_t bytes) {
  return (bytes + 2) / 3 * 4;
}

// Length of the character at text[i]: a UTF-8 sequence, or 1 for a stray byte.
std::size_t char_length(std::string_view text, std::size_t i) {
  const std::size_t n = utf8_sequence_length(text, i);
  return n == 0 ? 1 : n;
}

bool decode_base64(std::string_view in, std::string* out) {
  unsigned acc = 0;
  int bits = 0;
  std::size_t pad = 0;
  for (char c : in) {
    if (c == '=') {
      ++pad;
      continue;
    }
    const std::size_t v = kBase64.find(c);
    if (v == std::string_view::npos || pad != 0) return false;
    acc = (acc << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      *out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  const std::size_t data = in.size() - pad;
  return pad <= 2 && data % 4 != 1 && (pad == 0 || in.size() % 4 == 0);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool decode_q(std::string_view in, std::string* out) {
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '_') {
      *out += ' ';
    } else if (in[i] == '=') {
      if (i + 2 >= in.size()) return false;
      const int hi = hex_value(in[i + 1]), lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      *out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      *out += in[i];
    }
  }
  return true;
}

std::string lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

enum class WordResult { kNotAWord, kDecoded, kUnknownCharset, kMalformed };

// Decodes one white-space-free token if it is an encoded word.
WordResult decode_word(std::string_view token, std::string* out) {
  if (token.size() < 8 || token.substr(0, 2) != "=?" || token.substr(token.size() - 2) != "?=") {
    return WordResult::kNotAWord;
  }
  std::string_view inner = token.substr(2, token.size() - 4);
  const std::size_t q1 = inner.find('?');
  if (q1 == std::string_view::npos || q1 + 2 >= inner.size() || inner[q1 + 2] != '?') {
    return WordResult::kNotAWord;
  }
  std::string charset = lower(inner.substr(0, q1));
  const char enc = static_cast<char>(std::tolower(static_cast<unsigned char>(inner[q1 + 1])));
  std::string_view text = inner.substr(q1 + 3);
  if (charset.empty() || text.find('?') != std::string_view::npos || (enc != 'b' && enc != 'q')) {
    return WordResult::kNotAWord;
  }
  if (const std::size_t star = charset.find('*'); star != std::string::npos) charset.resize(star);
  const bool utf8 = charset == "utf-8" || charset == "utf8";
  const bool latin1 = charset == "iso-8859-1" || charset == "latin1";
  const bool ascii = charset == "us-ascii";
  if (!utf8 && !latin1 && !ascii) return WordResult::kUnknownCharset;
  std::string bytes;
  if (!(enc == 'b' ? decode_base64(text, &bytes) : decode_q(text, &bytes))) {
    return WordResult::kMalformed;
  }
  if (latin1) {
    for (unsigned char c : bytes) {
      if (c < 0x80) {
        *out += static_cast<char>(c);
      } else {
        *out += static_cast<char>(0xC0 | (c >> 6));
        *out += static_cast<char>(0x80 | (c & 0x3F));
      }
    }
    return WordResult::kDecoded;
  }
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t n = utf8_sequence_length(bytes, i);
    if (n == 0 || (ascii && n != 1)) return WordResult::kMalformed;
    i += n;
  }
  *out += bytes;
  return WordResult::kDecoded;
}

bool is_wsp(char c) {
  return c == ' ' || c == '\t';
}

}  // namespace

std::string encode_words_always(std::string_view text) {
  const bool use_q = q_cost(text) <= b_cost(text.size());
  const std::string prefix = use_q ? "=?UTF-8?Q?" : "=?UTF-8?B?";
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    // Take whole characters while the encoded payload fits in one word.
    std::size_t end = start, cost = 0;
    while (end < text.size()) {
      const std::size_t n = char_length(text, end);
      const std::size_t next = use_q ? cost + q_cost(text.substr(end, n)) : b_cost(end + n - start);
      if (next > kMaxPayload) break;
      cost = next;
      end += n;
    }
    if (end == start) end = start + char_length(text, start);  // cannot happen: 4 bytes fit
    if (!out.empty()) out += ' ';
    out += prefix;
    if (use_q) {
      q_append(text.substr(start, end - start), &out);
    } else {
      b_append(text.substr(start, end - start), &out);
    }
    out += "?=";
    start = end;
  }
  return out;
}

std::string encode_words(std::string_view utf8_text) {
  if (is_ascii(utf8_text)) return std::string(utf8_text);
  return encode_words_always(utf8_text);
}

bool decode_words(std::string_view value, std::string* utf8_out) {
  std::string out;
  bool ok = true;
  // Unfold: a line break followed by white space is removed; any other CR or
  // LF is malformed and dropped.
  std::string unfolded;
  unfolded.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\r' || value[i] == '\n') {
      std::size_t j = i;
      if (value[j] == '\r' && j + 1 < value.size() && value[j + 1] == '\n') ++j;
      if (!(j + 1 < value.size() && is_wsp(value[j + 1]))) ok = false;
      i = j;
      continue;
    }
    unfolded += value[i];
  }
  std::string_view v = unfolded;
  std::string pending_space;  // white space seen since the last token
  bool last_was_word = false;
  std::size_t i = 0;
  while (i < v.size()) {
    if (is_wsp(v[i])) {
      pending_space += v[i++];
      continue;
    }
    std::size_t j = i;
    while (j < v.size() && !is_wsp(v[j])) ++j;
    std::string_view token = v.substr(i, j - i);
    std::string decoded;
    const WordResult r = decode_word(token, &decoded);
    if (r == WordResult::kDecoded) {
      if (!last_was_word) out += pending_space;  // space between two words is dropped
      out += decoded;
      last_was_word = true;
    } else {
      if (r == WordResult::kMalformed) ok = false;
      out += pending_space;
      out.append(token);
      last_was_word = false;
    }
    pending_space.clear();
    i = j;
  }
  out += pending_space;
  *utf8_out = std::move(out);
  return ok;
}

}  // namespace smtp_explain
