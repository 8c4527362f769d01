// Sisimai's "X5" (a gateway that sends to "NotificationRecipients" as "Mail
// Delivery Subsystem" and attaches the real DSN as a message/rfc822 part),
// ported from Sisimai's Lhost::X5 (BSD 2-clause, third_party/sisimai/LICENSE).
// The recipients come from the delivery-status part inside the attachment.
#include "dsn_reader.h"
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {

bool scan_x5(const Message& msg, FoundList* out) {
  DsnFields dsn;
  for (std::string_view part : formats::original_parts_of_type(msg, "message/delivery-status")) {
    read_delivery_status(part, &dsn);
  }
  if (dsn.recipients.empty()) {
    for (std::string_view part : msg.delivery_status) read_delivery_status(part, &dsn);
  }
  if (dsn.recipients.empty()) return false;
  for (FoundRecipient& r : dsn.recipients) out->push_back(std::move(r));
  return true;
}

namespace {

bool claims(const HeaderList& h) {
  int match = 0;
  if (h.get("To").find("NotificationRecipients") != std::string_view::npos) ++match;
  if (h.get("From").find("Mail Delivery Subsystem") != std::string_view::npos) ++match;
  if (h.get("Subject").find("Mail Delivery Subsystem") != std::string_view::npos) ++match;
  return match >= 2;
}

}  // namespace

const Family x5_family{"X5", claims, scan_x5};

}  // namespace smtp_explain
