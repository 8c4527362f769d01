// Outlook.com / Hotmail DSNs, refined as Sisimai's Lhost::Outlook does (BSD
// 2-clause, third_party/sisimai/LICENSE). Recognised by two of: Subject
// "Delivery Status Notification", X-Message-Delivery, X-Message-Info, a
// Received header through .hotmail.com. Their DSNs often have no
// Diagnostic-Code: the module then states the error itself (a delay, or no
// connection to the destination), and two of Hotmail's sentences name the
// reason.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

bool is_outlook(const HeaderList& h) {
  int match = 0;
  if (h.get("Subject").find("Delivery Status Notification") != std::string_view::npos) ++match;
  if (!h.get("X-Message-Delivery").empty()) ++match;
  if (!h.get("X-Message-Info").empty()) ++match;
  if (formats::received_contains(h, ".hotmail.com")) ++match;
  return match >= 2;
}

struct Phrase {
  std::string_view text;
  Reason reason;
};

constexpr Phrase kReasons[] = {
    {"The mail could not be delivered to the recipient because the domain is not reachable",
     Reason::kHostUnknown},
    {"Requested action not taken: mailbox unavailable", Reason::kUserUnknown},
};

}  // namespace

void refine_outlook(const Message& /*msg*/, FoundList* found) {
  for (FoundRecipient& r : *found) {
    if (trim(r.diagnostic).empty()) {
      r.diagnostic = r.action == "delayed"
                         ? "Delivery to the following recipients has been delayed."
                         : "Unable to deliver message to the following recipients, due to being "
                           "unable to connect successfully to the destination mail server.";
    }
    for (const Phrase& p : kReasons) {
      if (r.diagnostic.find(p.text) != std::string::npos) {
        r.reason_hint = p.reason;
        break;
      }
    }
  }
}

const Family outlook_family{"Outlook", is_outlook, nullptr, refine_outlook};

}  // namespace smtp_explain
