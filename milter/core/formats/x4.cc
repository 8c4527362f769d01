// Sisimai's "X4" (qmail derivatives with their own wording: "Your mail message
// to the following address(es) could not be delivered", "Su mensaje no pudo ser
// entregado", ...), ported from Sisimai's Lhost::X4 (BSD 2-clause,
// third_party/sisimai/LICENSE). The reading itself is qmail's
// (group_b::read_qmail_style in formats/qmail.cc).
#include "formats.h"
#include "group_b_helpers.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

bool is_x4_start(std::string_view line) {
  static constexpr std::string_view kPrefixes[] = {
      "Su mensaje no pudo ser entregado",
      "This is the machine generated message from mail service",
      "This is the mail delivery agent at",
      "Unable to deliver message to the following address",
      "Unfortunately, your mail was not delivered to the following address:",
      "Your mail message to the following address",
      "Your message to the following addresses",
      "We're sorry.",
  };
  for (std::string_view p : kPrefixes) {
    if (group_b::starts(line, p)) return true;
  }
  // "He/Her is not ... user", "Hi. ... unable to deliver your message to the
  // following addresses"
  if (group_b::starts(line, "He/Her is not ") && line.find(" user", 14) != std::string_view::npos) {
    return true;
  }
  return group_b::starts(line, "Hi. ") &&
         line.find(" unable to deliver your message to the following addresses", 4) !=
             std::string_view::npos;
}

}  // namespace

bool scan_x4(const Message& msg, std::vector<FoundRecipient>* out) {
  std::string_view subject = msg.headers.get("Subject");
  bool match = group_b::starts(subject, "failure notice") ||
               group_b::starts(subject, "Permanent Delivery Failure");
  for (std::string_view r : msg.headers.all("Received")) {
    if (match) break;
    // "(qmail 12345 invoked for bounce)"
    if (!group_b::starts(r, "(qmail ")) continue;
    std::size_t p = 7;
    while (p < r.size() && is_ascii_digit(r[p])) ++p;
    match = p > 7 && group_b::starts(trim(r.substr(p)), "invoked for bounce)");
  }
  if (!match) return false;
  return group_b::read_qmail_style(msg, is_x4_start, out);
}

}  // namespace smtp_explain
