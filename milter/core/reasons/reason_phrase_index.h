// One pass over a lower-cased diagnostic that finds every phrase of every
// reason table at once (reason_phrases.h), instead of one string search per
// phrase per question. A bigram-bucketed table of the phrases' first literal
// pieces (built once) gives, at each text position, the few phrases that can
// start there; '*' gaps are then checked exactly as phrase_in() does
// (reason_match.h), so PhraseHits::matches(r) == reason_matches_by_search(r, text).
// Thread safety: the table is built once (static local) and read-only; a
// PhraseHits is a value owned by one caller.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "smtp_explain/report.h"

namespace smtp_explain::reason_detail {

// Which reasons' phrases occur in one lower-cased text.
class PhraseHits {
 public:
  explicit PhraseHits(std::string_view lower_text);

  // True if one of the reason's phrases occurs in the text given at
  // construction and none of its excluded phrases does.
  bool matches(Reason reason) const;

 private:
  std::vector<std::uint64_t> hit_;  // one bit per indexed phrase
};

}  // namespace smtp_explain::reason_detail
