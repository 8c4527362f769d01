// One pass over a lower-cased diagnostic that finds every phrase of every
// reason table at once (reason_phrases.h), instead of one string search per
// phrase per question. A bigram-bucketed table of the phrases' first literal
// pieces (built once) gives, at each text position, the few phrases that can
// start there; '*' gaps are then checked exactly as phrase_in() does
// (reason_match.h), so PhraseHits::matches(r) == reason_matches(r, text).
// Thread safety: the table is built once (static local) and read-only; a
// PhraseHits is a value owned by one caller.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace smtp_explain::reason_detail {

// Which reasons' phrases occur in one lower-cased text.
class PhraseHits {
 public:
  explicit PhraseHits(std::string_view lower_text);

  // reason_matches(reason, lower_text) for the text given at construction;
  // nullopt for a reason the index does not know (the caller searches itself).
  std::optional<bool> matches(std::string_view reason) const;

 private:
  std::vector<std::uint64_t> hit_;  // one bit per indexed phrase
};

}  // namespace smtp_explain::reason_detail
