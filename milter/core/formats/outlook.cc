// Outlook.com / Hotmail DSNs, refined as Sisimai's Lhost::Outlook does (BSD
// 2-clause, third_party/sisimai/LICENSE). Recognised by two of: Subject
// "Delivery Status Notification", X-Message-Delivery, X-Message-Info, a
// Received header through .hotmail.com. Their DSNs often have no
// Diagnostic-Code: the module then states the error itself (a delay, or no
// connection to the destination), and two of Hotmail's sentences name the
// reason.
//
// Extended for this project to Hotmail and MSN of the 2000s and Outlook.com:
// claimed also by a From at hotmail.com / msn.com / outlook.com / live.com or a
// Received field through outlook.com; their text notices are read as the
// Windows SMTP service writes them ("Delivery to the following recipients
// failed.", formats/exchange_text.h). Outlook.com's Exchange-style NDRs
// ("Delivery has failed to these recipients or groups") are Office365's and
// Exchange2007's.
#include "exchange_text.h"
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

// A From address at one of Microsoft's consumer mail domains.
bool from_hotmail(std::string_view from) {
  for (std::string_view d : {"@hotmail.", "@msn.com", "@outlook.com", "@live."}) {
    if (icontains(from, d)) return true;
  }
  return false;
}

bool is_outlook(const HeaderList& h) {
  if (from_hotmail(h.get("From"))) return true;
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

bool scan_outlook(const Message& msg, FoundList* out) {
  const std::size_t before = out->size();
  for (formats::ExchangeEntry& v : formats::read_smtpsvc_notice(msg.error_text)) {
    FoundRecipient& r = formats::add_recipient(out, v.address);
    r.diagnostic = std::move(v.diagnosis);
    if (v.delayed) r.action = "delayed";
  }
  refine_outlook(msg, out);
  return out->size() > before;
}

const Family outlook_family{"Outlook", is_outlook, scan_outlook, refine_outlook};

}  // namespace smtp_explain
