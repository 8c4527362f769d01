// amavisd-new (content filter) bounces, ported from Sisimai::Lhost::Amavis
// (BSD 2-clause, third_party/sisimai/LICENSE): From starts with
// '"Content-filter at '; a multipart/report whose delivery-status part the
// RFC 3464 reader reads. The module adds the reason from the diagnostic's
// " - SPAM" / " - INFECTED" / " - BAD HEADER:" suffix (compared in lower case).
#include "group_a_helpers.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

// Sisimai's $messagesof, lower case.
constexpr group_a::PhraseReason kMessages[] = {
    {" - spam", Reason::kSpamDetected},
    {" - infected", Reason::kVirusDetected},
    {" - bad header:", Reason::kContentError},
    {" - message size exceeds recipient", Reason::kExceedLimit},
    {" - temporary mta failure on relaying", Reason::kSystemError},
    {" - rejected by next-hop mta on relaying", Reason::kSystemError},
    {" - unable to relay message back to mta", Reason::kSystemError},
};

bool is_amavis(const HeaderList& headers) {
  return headers.get("From").starts_with("\"Content-filter at ");
}

}  // namespace

void refine_amavis(const Message& msg, std::vector<FoundRecipient>* found) {
  if (!is_amavis(msg.headers)) return;
  for (FoundRecipient& r : *found) {
    const std::string q = to_lower(group_a::sweep(r.diagnostic));
    const std::optional<Reason> reason = group_a::reason_for_phrases(q, kMessages);
    if (reason) r.reason_hint = reason;
  }
}

}  // namespace smtp_explain
