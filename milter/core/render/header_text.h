// Building blocks for header values (used by render_headers.cc and rfc2047.cc):
// cleaning untrusted text and folding a value into lines.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace smtp_explain {

// Fold limits (RFC 5322 2.1.1): lines SHOULD be at most 78 characters and MUST
// be at most 998, not counting CRLF.
inline constexpr std::size_t kFoldWidth = 78;
inline constexpr std::size_t kMaxLineLength = 998;
// RFC 2047: an encoded word is at most 75 characters.
inline constexpr std::size_t kMaxEncodedWord = 75;

// Makes text safe to put in one header line: every control character (CR, LF,
// TAB, NUL, DEL, ...) becomes a space, runs of white space collapse to one,
// leading and trailing space go, and invalid UTF-8 becomes U+FFFD.
std::string clean_header_text(std::string_view text);

// Length in bytes of the UTF-8 sequence starting at text[i], or 0 if it is not
// a valid sequence (overlong, surrogate, out of range, truncated).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

bool is_ascii(std::string_view text);

// Joins `atoms` with single spaces into a header value for field `name`,
// breaking lines ("\n ") between atoms so that lines (the first counting
// "name: ") stay within kFoldWidth where possible. An atom that does not fit in
// kMaxLineLength is cut into pieces. Atoms must not contain white space.
std::string fold_atoms(std::string_view name, const std::vector<std::string>& atoms);

// What fold_atoms does, one atom at a time (no vector of atoms):
//   HeaderFolder f(name); f.add("550"); f.add_words(text); value = f.take();
class HeaderFolder {
 public:
  explicit HeaderFolder(std::string_view name) : line_(name.size() + 2) {}  // "name: "
  void add(std::string_view atom);
  // Each atom of `text` split at spaces (empty atoms dropped), as split_atoms.
  void add_words(std::string_view text);
  std::string take() { return std::move(value_); }

 private:
  std::string value_;
  std::size_t line_;
  bool line_empty_ = true;  // nothing after "name: " or the fold's space yet
};

// Splits text at spaces into atoms (empty atoms dropped).
std::vector<std::string> split_atoms(std::string_view text);

}  // namespace smtp_explain
