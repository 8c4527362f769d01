#include "mime_decode.h"

#include <array>
#include <cstring>

namespace smtp_explain {
namespace {

// Each byte's meaning in base64 text: its 6-bit value, or one of the kinds
// below. '-' and '_' (the URL-safe alphabet) are tolerated as '+' and '/'.
constexpr unsigned char kB64Skip = 64;     // CR, LF, space, tab
constexpr unsigned char kB64Pad = 65;      // '='
constexpr unsigned char kB64Invalid = 66;  // anything else

constexpr std::array<unsigned char, 256> make_b64_table() {
  std::array<unsigned char, 256> t{};
  for (unsigned char& v : t) v = kB64Invalid;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = static_cast<unsigned char>(c - 'A');
  for (int c = 'a'; c <= 'z'; ++c) t[c] = static_cast<unsigned char>(c - 'a' + 26);
  for (int c = '0'; c <= '9'; ++c) t[c] = static_cast<unsigned char>(c - '0' + 52);
  t['+'] = t['-'] = 62;
  t['/'] = t['_'] = 63;
  t['\n'] = t['\r'] = t[' '] = t['\t'] = kB64Skip;
  t['='] = kB64Pad;
  return t;
}
constexpr std::array<unsigned char, 256> kB64Table = make_b64_table();

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

bool base64_decode(std::string_view in, std::string* out) {
  // Decoded straight into the string's storage (at most 3 bytes per 4 in),
  // which is cut to the length written at the end.
  const std::size_t start = out->size();
  out->resize(start + in.size() / 4 * 3 + 3);
  char* dst = out->data() + start;
  unsigned int acc = 0;
  int bits = 0;
  bool clean = true;
  bool padded = false;
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const unsigned char* const end = p + in.size();
  while (p < end) {
    // The common case, four data characters in a row (a 76-column line is
    // nineteen of them): 24 bits in, three bytes out, `bits` unchanged. Only
    // the low `bits` bits of acc are pending, so shifting the rest out is safe.
    if (!padded && end - p >= 4) {
      const unsigned a = kB64Table[p[0]];
      const unsigned b = kB64Table[p[1]];
      const unsigned c = kB64Table[p[2]];
      const unsigned d = kB64Table[p[3]];
      if ((a | b | c | d) < 64) {
        acc = (acc << 24) | (a << 18) | (b << 12) | (c << 6) | d;
        dst[0] = static_cast<char>((acc >> (bits + 16)) & 0xFF);
        dst[1] = static_cast<char>((acc >> (bits + 8)) & 0xFF);
        dst[2] = static_cast<char>((acc >> bits) & 0xFF);
        dst += 3;
        p += 4;
        continue;
      }
    }
    const unsigned char v = kB64Table[*p++];
    if (v < 64) {
      if (padded) {
        // Data after padding: concatenated base64 blocks. Start afresh.
        acc = 0;
        bits = 0;
        padded = false;
      }
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        *dst++ = static_cast<char>((acc >> bits) & 0xFF);
      }
    } else if (v == kB64Pad) {
      padded = true;
    } else if (v == kB64Invalid) {
      clean = false;
    }
  }
  out->resize(static_cast<std::size_t>(dst - out->data()));
  return clean;
}

bool qp_decode(std::string_view in, bool header_q, std::string* out) {
  out->reserve(out->size() + in.size());
  bool clean = true;
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '_' && header_q) {
      out->push_back(' ');
    } else if (c == '=') {
      if (i + 1 < in.size() && (in[i + 1] == '\n' || in[i + 1] == '\r')) {
        ++i;  // soft line break
        if (in[i] == '\r' && i + 1 < in.size() && in[i + 1] == '\n') ++i;
        continue;
      }
      // "=" + trailing spaces + line break is a soft break too.
      std::size_t j = i + 1;
      while (j < in.size() && (in[j] == ' ' || in[j] == '\t')) ++j;
      if (j > i + 1 && (j == in.size() || in[j] == '\n')) {
        i = j;
        continue;
      }
      const int hi = i + 2 < in.size() ? hex_value(in[i + 1]) : -1;
      const int lo = hi >= 0 ? hex_value(in[i + 2]) : -1;
      if (lo >= 0) {
        out->push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
      } else {
        clean = false;
        out->push_back('=');
      }
    } else {
      // A run of bytes that decode to themselves, copied at once.
      std::size_t j = i + 1;
      if (header_q) {
        while (j < in.size() && in[j] != '=' && in[j] != '_') ++j;
      } else {
        const void* eq = std::memchr(in.data() + j, '=', in.size() - j);
        j = eq == nullptr ? in.size()
                          : static_cast<std::size_t>(static_cast<const char*>(eq) - in.data());
      }
      out->append(in.data() + i, j - i);
      i = j - 1;
    }
  }
  return clean;
}

}  // namespace smtp_explain
