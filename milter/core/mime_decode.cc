#include "mime_decode.h"

namespace smtp_explain {
namespace {

int b64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;  // '-' and '_': the URL-safe alphabet, tolerated
  if (c == '/' || c == '_') return 63;
  return -1;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

bool base64_decode(std::string_view in, std::string* out) {
  out->reserve(out->size() + in.size() * 3 / 4);
  unsigned int acc = 0;
  int bits = 0;
  bool clean = true;
  bool padded = false;
  for (char c : in) {
    if (c == '\n' || c == '\r' || c == ' ' || c == '\t') continue;
    if (c == '=') {
      padded = true;
      continue;
    }
    int v = b64_value(c);
    if (v < 0) {
      clean = false;
      continue;
    }
    if (padded) {
      // Data after padding: concatenated base64 blocks. Start afresh.
      acc = 0;
      bits = 0;
      padded = false;
    }
    acc = (acc << 6) | static_cast<unsigned int>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
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
      if (i + 2 < in.size() && hex_value(in[i + 1]) >= 0 && hex_value(in[i + 2]) >= 0) {
        out->push_back(static_cast<char>(hex_value(in[i + 1]) * 16 + hex_value(in[i + 2])));
        i += 2;
      } else {
        clean = false;
        out->push_back('=');
      }
    } else {
      // A run of bytes that decode to themselves, copied at once.
      std::size_t j = i + 1;
      while (j < in.size() && in[j] != '=' && !(header_q && in[j] == '_')) ++j;
      out->append(in.data() + i, j - i);
      i = j - 1;
    }
  }
  return clean;
}

}  // namespace smtp_explain
