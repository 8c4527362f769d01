// Phrase matching for the reason tables: see reason_match.h.
#include "reason_match.h"

namespace smtp_explain::reason_detail {
namespace {

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Matches the fragments of `phrase` (split on '*') in `text` starting exactly at
// or after `from`; `bounded` limits the first fragment to start within kMaxGap.
bool match_from(std::string_view text, std::size_t from, std::string_view phrase, bool bounded) {
  const std::size_t star = phrase.find('*');
  const std::string_view frag = phrase.substr(0, star);
  const std::string_view rest =
      star == std::string_view::npos ? std::string_view{} : phrase.substr(star + 1);
  std::size_t pos = from;
  while (true) {
    pos = text.find(frag, pos);
    if (pos == std::string_view::npos) return false;
    if (bounded && pos - from > kMaxGap) return false;
    if (star == std::string_view::npos) return true;
    if (match_from(text, pos + frag.size(), rest, true)) return true;
    ++pos;
  }
}

}  // namespace

std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower(c);
  return out;
}

bool phrase_in(std::string_view lower_text, std::string_view phrase) {
  if (phrase.empty()) return false;
  return match_from(lower_text, 0, phrase, false);
}

bool gap_rest_at(std::string_view lower_text, std::size_t from, std::string_view rest) {
  return match_from(lower_text, from, rest, true);
}

bool any_phrase_in(std::string_view lower_text, std::span<const std::string_view> phrases) {
  for (std::string_view p : phrases) {
    if (phrase_in(lower_text, p)) return true;
  }
  return false;
}

bool contains_ci(std::string_view text, std::string_view lower_needle) {
  if (lower_needle.empty()) return true;
  if (lower_needle.size() > text.size()) return false;
  for (std::size_t i = 0; i + lower_needle.size() <= text.size(); ++i) {
    std::size_t j = 0;
    while (j < lower_needle.size() && lower(text[i + j]) == lower_needle[j]) ++j;
    if (j == lower_needle.size()) return true;
  }
  return false;
}

}  // namespace smtp_explain::reason_detail
