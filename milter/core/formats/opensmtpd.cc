// OpenSMTPD bounces (Subject "Delivery status notification", From "Mailer
// Daemon <...>", Received "(OpenSMTPD) with"), ported from Sisimai's
// Lhost::OpenSMTPD (BSD 2-clause, third_party/sisimai/LICENSE):
//       This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.
//   ...
//   kijitora@example.com: 550 5.1.1 <kijitora@example.com>... User Unknown
//       Below is a copy of the original message:
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr formats::PhraseReason kReasons[] = {
    {"Envelope expired", Reason::kExpired},
    {"Invalid domain name", Reason::kHostUnknown},
    {"Domain does not exist", Reason::kHostUnknown},
    {"Destination seem to reject all mails", Reason::kNotAccept},
    {"Address family mismatch on destination MXs", Reason::kNetworkError},
    {"All routes to destination blocked", Reason::kNetworkError},
    {"bad DNS lookup error code", Reason::kNetworkError},
    {"Could not retrieve source address", Reason::kNetworkError},
    {"Loop detected", Reason::kNetworkError},
    {"Network error on destination MXs", Reason::kNetworkError},
    {"No MX found for domain", Reason::kNetworkError},
    {"No MX found for destination", Reason::kNetworkError},
    {"No valid route to remote MX", Reason::kNetworkError},
    {"No valid route to destination", Reason::kNetworkError},
    {"Temporary failure in MX lookup", Reason::kNetworkError},
    {"Could not retrieve credentials", Reason::kSecurityError},
};

}  // namespace

bool scan_opensmtpd(const Message& msg, FoundList* out) {
  const std::string_view error =
      formats::cut_before_line(msg.text, "Below is a copy of the original message:");
  const std::size_t before = out->size();
  bool reading = false;
  for (std::string_view line : split_lines(error)) {
    if (!reading) {
      reading = formats::starts(trim(line), "This is the MAILER-DAEMON, please DO NOT REPLY");
      continue;
    }
    // kijitora@example.com: 550 5.1.1 ... (address, optional colon, a space)
    std::size_t sp = line.find(' ');
    if (sp == std::string_view::npos || sp == 0) continue;
    std::string_view addr = line.substr(0, sp);
    if (addr.back() == ':') addr.remove_suffix(1);
    std::size_t at = addr.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 >= addr.size()) continue;
    FoundRecipient r = formats::recipient_at(addr);
    r.diagnostic = formats::sweep(line.substr(sp + 1));
    r.reason_hint = formats::reason_for_phrases(r.diagnostic, kReasons, formats::Case::kIgnore);
    out->push_back(std::move(r));
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  return icontains(h.get("Subject"), "Delivery status notification") &&
         h.get("From").find("Mailer Daemon <") != std::string_view::npos &&
         formats::received_contains(h, " (OpenSMTPD) with ");
}

}  // namespace

const Family opensmtpd_family{"OpenSMTPD", claims, scan_opensmtpd};

}  // namespace smtp_explain
