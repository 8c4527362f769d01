// OpenSMTPD bounces (Subject "Delivery status notification", From "Mailer
// Daemon <...>", Received "(OpenSMTPD) with"), ported from Sisimai's
// Lhost::OpenSMTPD (BSD 2-clause, third_party/sisimai/LICENSE):
//       This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.
//   ...
//   kijitora@example.com: 550 5.1.1 <kijitora@example.com>... User Unknown
//       Below is a copy of the original message:
#include "formats.h"
#include "group_b_helpers.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr group_b::ReasonPhrase kReasons[] = {
    {Reason::kExpired, "Envelope expired"},
    {Reason::kHostUnknown, "Invalid domain name"},
    {Reason::kHostUnknown, "Domain does not exist"},
    {Reason::kNotAccept, "Destination seem to reject all mails"},
    {Reason::kNetworkError, "Address family mismatch on destination MXs"},
    {Reason::kNetworkError, "All routes to destination blocked"},
    {Reason::kNetworkError, "bad DNS lookup error code"},
    {Reason::kNetworkError, "Could not retrieve source address"},
    {Reason::kNetworkError, "Loop detected"},
    {Reason::kNetworkError, "Network error on destination MXs"},
    {Reason::kNetworkError, "No MX found for domain"},
    {Reason::kNetworkError, "No MX found for destination"},
    {Reason::kNetworkError, "No valid route to remote MX"},
    {Reason::kNetworkError, "No valid route to destination"},
    {Reason::kNetworkError, "Temporary failure in MX lookup"},
    {Reason::kSecurityError, "Could not retrieve credentials"},
};

}  // namespace

bool scan_opensmtpd(const Message& msg, std::vector<FoundRecipient>* out) {
  if (!icontains(msg.headers.get("Subject"), "Delivery status notification")) return false;
  if (msg.headers.get("From").find("Mailer Daemon <") == std::string_view::npos) return false;
  if (!group_b::received_contains(msg, " (OpenSMTPD) with ")) return false;

  const std::string_view error =
      group_b::cut_before_line(msg.text, "Below is a copy of the original message:");
  const std::size_t before = out->size();
  bool reading = false;
  for (std::string_view line : split_lines(error)) {
    if (!reading) {
      reading = group_b::starts(trim(line), "This is the MAILER-DAEMON, please DO NOT REPLY");
      continue;
    }
    // kijitora@example.com: 550 5.1.1 ... (address, optional colon, a space)
    std::size_t sp = line.find(' ');
    if (sp == std::string_view::npos || sp == 0) continue;
    std::string_view addr = line.substr(0, sp);
    if (addr.back() == ':') addr.remove_suffix(1);
    std::size_t at = addr.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 >= addr.size()) continue;
    FoundRecipient r = group_b::recipient_at(addr);
    r.diagnostic = group_b::sweep(line.substr(sp + 1));
    r.reason_hint = group_b::reason_from_phrases(r.diagnostic, kReasons);
    out->push_back(std::move(r));
  }
  return out->size() > before;
}

}  // namespace smtp_explain
