// Case-insensitive phrase matching for the reason tables (no regex, no
// allocation). A phrase is lower-case text; '*' inside it is a short gap
// ("user * unknown" = "user", then within kMaxGap bytes "unknown"), which is how
// the few Sisimai patterns with a variable word ([^ ]+) are written here.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace smtp_explain::reason_detail {

// Longest text a '*' gap may skip.
inline constexpr std::size_t kMaxGap = 80;

// ASCII lower-case copy of `text` (other bytes unchanged).
std::string to_lower_ascii(std::string_view text);

// True if `phrase` (lower case, '*' = gap) occurs in `lower_text`.
bool phrase_in(std::string_view lower_text, std::string_view phrase);

// True if the '*'-split `rest` of a phrase matches in `lower_text` with its
// first piece starting within kMaxGap bytes of `from` (the check phrase_in()
// makes after each occurrence of the phrase's first piece).
bool gap_rest_at(std::string_view lower_text, std::size_t from, std::string_view rest);

// True if any phrase of the list occurs in `lower_text`.
bool any_phrase_in(std::string_view lower_text, std::span<const std::string_view> phrases);

// True if `needle` occurs in `text`, ignoring ASCII case (needle lower case).
bool contains_ci(std::string_view text, std::string_view lower_needle);

}  // namespace smtp_explain::reason_detail
