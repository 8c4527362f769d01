// AOL's own bounces, ported from Sisimai::Lhost::Aol (BSD 2-clause,
// third_party/sisimai/LICENSE): an X-AOL-IP header; a multipart/report
// whose delivery-status part the RFC 3464 reader reads (Diagnostic-Code
// continuation lines included). The module adds the reason for two DNS
// failures its MTA words in its own way.
#include "group_a_helpers.h"

namespace smtp_explain {
namespace {

constexpr group_a::PhraseReason kMessages[] = {
    {"Host or domain name not found", Reason::kHostUnknown},
    {"type=MX: Malformed or unexpected name server reply", Reason::kNotAccept},
};

}  // namespace

void refine_aol(const Message& msg, std::vector<FoundRecipient>* found) {
  if (!msg.headers.has("X-AOL-IP")) return;
  for (FoundRecipient& r : *found) {
    const std::optional<Reason> reason =
        group_a::reason_for_phrases(group_a::sweep(r.diagnostic), kMessages);
    if (reason) r.reason_hint = reason;
  }
}

}  // namespace smtp_explain
