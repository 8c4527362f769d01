#include "text_util.h"

#include <algorithm>
#include <cstring>

namespace smtp_explain {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

bool iends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && iequals(text.substr(text.size() - suffix.size()), suffix);
}

std::size_t ifind(std::string_view haystack, std::string_view needle, std::size_t from) {
  if (needle.empty()) return from <= haystack.size() ? from : std::string_view::npos;
  if (haystack.size() < needle.size() || from > haystack.size() - needle.size()) {
    return std::string_view::npos;
  }
  // Candidates are found with memchr on the first byte in either case, so the
  // text is not lowered byte by byte (this was the parser's hottest loop).
  const char lo = ascii_lower(needle[0]);
  const char up = (lo >= 'a' && lo <= 'z') ? static_cast<char>(lo - 'a' + 'A') : lo;
  const std::size_t last = haystack.size() - needle.size();
  const char* base = haystack.data();
  auto next = [&](char c, std::size_t at) -> std::size_t {
    if (at > last) return std::string_view::npos;
    const void* p = std::memchr(base + at, c, last + 1 - at);
    return p == nullptr ? std::string_view::npos
                        : static_cast<std::size_t>(static_cast<const char*>(p) - base);
  };
  std::size_t next_lo = next(lo, from);
  std::size_t next_up = up == lo ? std::string_view::npos : next(up, from);
  while (next_lo != std::string_view::npos || next_up != std::string_view::npos) {
    const std::size_t i = std::min(next_lo, next_up);
    std::size_t j = 1;
    while (j < needle.size() && ascii_lower(haystack[i + j]) == ascii_lower(needle[j])) ++j;
    if (j == needle.size()) return i;
    if (i == next_lo) {
      next_lo = next(lo, i + 1);
    } else {
      next_up = next(up, i + 1);
    }
  }
  return std::string_view::npos;
}

std::string_view trim(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t n = max_bytes;
  // Step back over continuation bytes so a multi-byte character is not split.
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

std::string one_line(std::string_view text, std::size_t max_bytes) {
  std::string out;
  out.reserve(text.size() < max_bytes ? text.size() : max_bytes);
  bool pending_space = false;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == 0) continue;
    if (c < 0x20 || c == 0x7F || c == ' ') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      if (out.size() + 1 >= max_bytes) break;
      out.push_back(' ');
      pending_space = false;
    }
    if (out.size() >= max_bytes + 4) break;  // room to finish a UTF-8 sequence
    out.push_back(ch);
  }
  std::string_view cut = utf8_prefix(out, max_bytes);
  out.resize(cut.size());
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

}  // namespace smtp_explain
