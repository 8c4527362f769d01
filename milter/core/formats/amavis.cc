// amavisd-new (content filter) bounces, ported from Sisimai::Lhost::Amavis
// (BSD 2-clause, third_party/sisimai/LICENSE): From starts with
// '"Content-filter at '; a multipart/report whose delivery-status part the
// RFC 3464 reader reads. The module adds the reason from the diagnostic's
// " - SPAM" / " - INFECTED" / " - BAD HEADER:" suffix (compared in lower case).
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

// Sisimai's $messagesof, lower case.
constexpr formats::PhraseReason kMessages[] = {
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

void refine_amavis(const Message& /*msg*/, FoundList* found) {
  for (FoundRecipient& r : *found) {
    const std::string q = to_lower(formats::sweep(r.diagnostic));
    const std::optional<Reason> reason = formats::reason_for_phrases(q, kMessages);
    if (reason) r.reason_hint = reason;
  }
}

const Family amavis_family{"Amavis", is_amavis, nullptr, refine_amavis};

}  // namespace smtp_explain
