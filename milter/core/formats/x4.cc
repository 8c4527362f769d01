// Sisimai's "X4" (qmail derivatives with their own wording: "Your mail message
// to the following address(es) could not be delivered", "Su mensaje no pudo ser
// entregado", ...), ported from Sisimai's Lhost::X4 (BSD 2-clause,
// third_party/sisimai/LICENSE). The reading itself is qmail's
// (formats::read_qmail_style in formats/qmail.cc).
#include "family_text.h"
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
    if (formats::starts(line, p)) return true;
  }
  // "He/Her is not ... user", "Hi. ... unable to deliver your message to the
  // following addresses"
  if (formats::starts(line, "He/Her is not ") && line.find(" user", 14) != std::string_view::npos) {
    return true;
  }
  return formats::starts(line, "Hi. ") &&
         line.find(" unable to deliver your message to the following addresses", 4) !=
             std::string_view::npos;
}

}  // namespace

bool scan_x4(const Message& msg, FoundList* out) {
  return formats::read_qmail_style(msg, is_x4_start, out);
}

namespace {

bool claims(const HeaderList& h) {
  const std::string_view subject = h.get("Subject");
  if (subject.starts_with("failure notice") || subject.starts_with("Permanent Delivery Failure")) {
    return true;
  }
  // "(qmail 12345 invoked for bounce)"
  return h.any_of("Received", [](std::string_view r) {
    return formats::starts(formats::after_qmail_pid(r), "invoked for bounce)");
  });
}

}  // namespace

const Family x4_family{"X4", claims, scan_x4};

}  // namespace smtp_explain
