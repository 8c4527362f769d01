// Phrase tables per reason: the lower-case fragments of remote replies and MTA
// messages that name a bounce reason, ported from Sisimai's Reason/*.pm
// (BSD 2-clause, third_party/sisimai/LICENSE) and extended with the reasons
// Sisimai 5 added (authfailure, badreputation, requireptr, notcompliantrfc,
// speeding). '*' in a phrase is a short gap (see reason_match.h).
// The tables live in reason_phrases_{recipient,policy,system}.cc, one list per
// reason. The classifier asks them through a PhraseHits (reason_phrase_index.h),
// which finds every phrase in one pass over the text.
// Thread safety: static read-only data.
#pragma once

#include <span>
#include <string_view>

#include "smtp_explain/report.h"

namespace smtp_explain::reason_detail {

using Phrases = std::span<const std::string_view>;

// The phrase list of one reason; empty for reasons without phrases.
Phrases phrases_for(Reason reason);

// Phrases that veto a match of `reason` even though one of its phrases occurs.
Phrases excluded_phrases(Reason reason);

// True if the lower-cased diagnostic contains one of the reason's phrases and
// none of its excluded phrases, by one search per phrase: the reference that
// PhraseHits must agree with (tests), not the classifier's path.
bool reason_matches_by_search(Reason reason, std::string_view lower_text);

// The per-file tables (reason_phrases_*.cc); empty span if the reason is not theirs.
Phrases recipient_phrases(Reason reason);
Phrases policy_phrases(Reason reason);
Phrases system_phrases(Reason reason);

}  // namespace smtp_explain::reason_detail
