// Dispatch over the per-reason phrase tables: see reason_phrases.h.
#include "reason_phrases.h"

#include "reason_match.h"

namespace smtp_explain::reason_detail {

Phrases phrases_for(Reason reason) {
  if (Phrases p = recipient_phrases(reason); !p.empty()) return p;
  if (Phrases p = policy_phrases(reason); !p.empty()) return p;
  return system_phrases(reason);
}

bool reason_matches_by_search(Reason reason, std::string_view lower_text) {
  if (lower_text.empty()) return false;
  if (!any_phrase_in(lower_text, phrases_for(reason))) return false;
  return !any_phrase_in(lower_text, excluded_phrases(reason));
}

}  // namespace smtp_explain::reason_detail
