// Small ASCII text helpers used across the core: case-insensitive compare and
// search, trimming, and squeezing untrusted text into one bounded line.
// No allocation except where a std::string is returned. No locale.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace smtp_explain {

inline char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}
inline bool is_space_or_tab(char c) {
  return c == ' ' || c == '\t';
}
inline bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view text, std::string_view prefix);
bool iends_with(std::string_view text, std::string_view suffix);
// Position of `needle` in `haystack` at or after `from`, ignoring ASCII case;
// npos if absent. An empty needle matches at `from`.
std::size_t ifind(std::string_view haystack, std::string_view needle, std::size_t from = 0);
inline bool icontains(std::string_view haystack, std::string_view needle) {
  return ifind(haystack, needle) != std::string_view::npos;
}

std::string_view trim(std::string_view s);  // spaces, tabs, CR, LF at both ends
std::string to_lower(std::string_view s);

// Untrusted text made safe for a Report string: CR, LF, TAB and other ASCII
// control characters become one space, NUL is dropped, runs of spaces collapse,
// both ends trimmed, cut to at most `max_bytes` without splitting a UTF-8
// sequence.
std::string one_line(std::string_view text, std::size_t max_bytes);

// Cuts `s` to at most `max_bytes` at a UTF-8 character boundary.
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes);

// The text split into lines (LF; a trailing CR is dropped), views into `text`.
std::vector<std::string_view> split_lines(std::string_view text);

// The same lines as split_lines, read one at a time in place: for a loop over
// text that may be as long as Limits::max_scan_bytes, where a vector of every
// line would cost 16 bytes per line.
//   for (std::string_view line : LineRange(text)) ...
class LineRange {
 public:
  class iterator {
   public:
    iterator() = default;
    explicit iterator(std::string_view rest) : rest_(rest), done_(false) { next(); }
    std::string_view operator*() const { return line_; }
    iterator& operator++() {
      next();
      return *this;
    }
    bool operator==(const iterator& o) const {
      return done_ == o.done_ && (done_ || rest_.data() == o.rest_.data());
    }

   private:
    void next() {
      if (at_end_) {
        done_ = true;
        return;
      }
      const std::size_t nl = rest_.find('\n');
      line_ = rest_.substr(0, nl);
      if (!line_.empty() && line_.back() == '\r') line_.remove_suffix(1);
      if (nl == std::string_view::npos || nl + 1 == rest_.size()) {
        at_end_ = true;
        rest_ = {};
      } else {
        rest_.remove_prefix(nl + 1);
      }
    }
    std::string_view rest_;
    std::string_view line_;
    bool at_end_ = false;
    bool done_ = true;
  };
  explicit LineRange(std::string_view text) : text_(text) {}
  iterator begin() const { return text_.empty() ? iterator() : iterator(text_); }
  iterator end() const { return iterator(); }

 private:
  std::string_view text_;
};

}  // namespace smtp_explain
