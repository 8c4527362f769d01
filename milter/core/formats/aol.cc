// AOL's own bounces, ported from Sisimai::Lhost::Aol (BSD 2-clause,
// third_party/sisimai/LICENSE): an X-AOL-IP header; a multipart/report
// whose delivery-status part the RFC 3464 reader reads (Diagnostic-Code
// continuation lines included). The module adds the reason for two DNS
// failures its MTA words in its own way.
#include "family_text.h"

namespace smtp_explain {
namespace {

constexpr formats::PhraseReason kMessages[] = {
    {"Host or domain name not found", Reason::kHostUnknown},
    {"type=MX: Malformed or unexpected name server reply", Reason::kNotAccept},
};

}  // namespace

void refine_aol(const Message& /*msg*/, FoundList* found) {
  for (FoundRecipient& r : *found) {
    const std::optional<Reason> reason =
        formats::reason_for_phrases(formats::sweep(r.diagnostic), kMessages);
    if (reason) r.reason_hint = reason;
  }
}

namespace {

bool claims(const HeaderList& h) {
  return h.has("X-AOL-IP");
}

}  // namespace

const Family aol_family{"Aol", claims, nullptr, refine_aol};

}  // namespace smtp_explain
