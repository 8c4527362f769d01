// Sisimai's "X5" (a gateway that sends to "NotificationRecipients" as "Mail
// Delivery Subsystem" and attaches the real DSN as a message/rfc822 part),
// ported from Sisimai's Lhost::X5 (BSD 2-clause, third_party/sisimai/LICENSE).
// The recipients come from the delivery-status part inside the attachment.
#include "dsn_reader.h"
#include "formats.h"
#include "group_b_helpers.h"
#include "text_util.h"

namespace smtp_explain {

bool scan_x5(const Message& msg, std::vector<FoundRecipient>* out) {
  int match = 0;
  if (msg.headers.get("To").find("NotificationRecipients") != std::string_view::npos) ++match;
  if (msg.headers.get("From").find("Mail Delivery Subsystem") != std::string_view::npos) ++match;
  if (msg.headers.get("Subject").find("Mail Delivery Subsystem") != std::string_view::npos) ++match;
  if (match < 2) return false;

  DsnFields dsn;
  for (std::string_view part : group_b::original_parts_of_type(msg, "message/delivery-status")) {
    read_delivery_status(part, &dsn);
  }
  if (dsn.recipients.empty()) {
    for (std::string_view part : msg.delivery_status) read_delivery_status(part, &dsn);
  }
  if (dsn.recipients.empty()) return false;
  for (FoundRecipient& r : dsn.recipients) out->push_back(std::move(r));
  return true;
}

}  // namespace smtp_explain
