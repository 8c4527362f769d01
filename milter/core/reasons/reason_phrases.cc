// Dispatch over the per-reason phrase tables: see reason_phrases.h.
#include "reason_phrases.h"

#include <string>

#include "reason_match.h"
#include "reason_phrase_index.h"

namespace smtp_explain::reason_detail {

Phrases phrases_for(std::string_view reason) {
  if (Phrases p = recipient_phrases(reason); !p.empty()) return p;
  if (Phrases p = policy_phrases(reason); !p.empty()) return p;
  return system_phrases(reason);
}

namespace {

// The phrase hits of the last text asked about on this thread: classify_reason
// asks about up to ~40 reasons for the same diagnostic, so the text is scanned
// once (reason_phrase_index.h) and each question is a few bit tests. Keyed by
// the text's content, so a reused buffer with other bytes is a miss.
struct LastText {
  std::string text;
  PhraseHits hits{std::string_view{}};
};

const PhraseHits& hits_for(std::string_view lower_text) {
  thread_local LastText last;
  if (last.text != lower_text) {
    last.hits = PhraseHits(lower_text);
    last.text.assign(lower_text);
  }
  return last.hits;
}

}  // namespace

bool reason_matches(std::string_view reason, std::string_view lower_text) {
  if (lower_text.empty()) return false;
  constexpr std::size_t kMaxCached = 64 * 1024;  // diagnostics are far shorter
  if (lower_text.size() > kMaxCached) {
    if (std::optional<bool> m = PhraseHits(lower_text).matches(reason)) return *m;
  } else if (std::optional<bool> m = hits_for(lower_text).matches(reason)) {
    return *m;
  }
  if (!any_phrase_in(lower_text, phrases_for(reason))) return false;
  return !any_phrase_in(lower_text, excluded_phrases(reason));
}

}  // namespace smtp_explain::reason_detail
