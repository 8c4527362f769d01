// Symantec MessageLabs (Email Security.cloud) DSNs (X-Msg-Ref, From
// MAILER-DAEMON@messagelabs.com, Subject "Mail Delivery Failure"), refined as
// Sisimai's Lhost::MessageLabs does (BSD 2-clause, third_party/sisimai/LICENSE):
// its own rejections name the reason ("542 x@y Rejected" or "No such user" is
// an unknown user; "Please turn on SMTP Authentication in your mail client" a
// security error).
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

bool is_messagelabs(const HeaderList& h) {
  return h.has("X-Msg-Ref") &&
         h.get("From").find("MAILER-DAEMON@messagelabs.com") != std::string_view::npos &&
         h.get("Subject").starts_with("Mail Delivery Failure");
}

// Sisimai's "542 .+ Rejected": a 542, something, then " Rejected".
bool rejected_542(std::string_view d) {
  for (std::size_t p = d.find("542 "); p != std::string_view::npos; p = d.find("542 ", p + 1)) {
    if (d.find(" Rejected", p + 5) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

void refine_messagelabs(const Message& /*msg*/, FoundList* found) {
  for (FoundRecipient& r : *found) {
    if (rejected_542(r.diagnostic) || r.diagnostic.find("No such user") != std::string::npos) {
      r.reason_hint = Reason::kUserUnknown;
    } else if (r.diagnostic.find("Please turn on SMTP Authentication in your mail client") !=
               std::string::npos) {
      r.reason_hint = Reason::kSecurityError;
    }
  }
}

const Family messagelabs_family{"MessageLabs", is_messagelabs, nullptr, refine_messagelabs};

}  // namespace smtp_explain
