// Phrase tables per reason: the lower-case fragments of remote replies and MTA
// messages that name a bounce reason, ported from Sisimai's Reason/*.pm
// (BSD 2-clause, third_party/sisimai/LICENSE) and extended with the reasons
// Sisimai 5 added (authfailure, badreputation, requireptr, notcompliantrfc,
// speeding). '*' in a phrase is a short gap (see reason_match.h).
// The tables live in reason_phrases_{recipient,policy,system}.cc, one list per
// reason. Thread safety: static read-only data; reason_matches() keeps the
// phrase hits of the last text in a thread_local cache (reason_phrase_index.h).
#pragma once

#include <span>
#include <string_view>

namespace smtp_explain::reason_detail {

using Phrases = std::span<const std::string_view>;

// The phrase list of one reason; empty for reasons without phrases.
Phrases phrases_for(std::string_view reason);

// True if the lower-cased diagnostic contains one of the reason's phrases
// (and, for reasons with exclusions, none of its "is not" phrases).
bool reason_matches(std::string_view reason, std::string_view lower_text);

// The per-file tables (reason_phrases_*.cc); empty span if the reason is not theirs.
Phrases recipient_phrases(std::string_view reason);
Phrases policy_phrases(std::string_view reason);
Phrases system_phrases(std::string_view reason);

// Phrases that veto a match of `reason` even though one of its phrases occurs.
Phrases excluded_phrases(std::string_view reason);

}  // namespace smtp_explain::reason_detail
