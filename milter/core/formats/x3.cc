// Sisimai's "X3" (an unknown MTA, From "Mail Delivery System", Subject
// "Delivery status notification"), ported from Sisimai's Lhost::X3
// (BSD 2-clause, third_party/sisimai/LICENSE):
//         This is an automatically generated Delivery Status Notification.
//   Delivery to the following recipients failed permanently:
//      * kijitora@example.com
//   SMTP:RCPT 550 5.1.1 ... / Routing: ... / Diagnostic-Code: smtp; ...
#include "formats.h"
#include "group_b_helpers.h"
#include "text_util.h"

namespace smtp_explain {

bool scan_x3(const Message& msg, std::vector<FoundRecipient>* out) {
  if (!group_b::starts(msg.headers.get("From"), "Mail Delivery System")) return false;
  if (!group_b::starts(msg.headers.get("Subject"), "Delivery status notification")) return false;

  const std::string body = group_b::flat_body(msg);
  const std::size_t before = out->size();
  bool reading = false;
  for (std::string_view line : split_lines(error_part(body))) {
    if (!reading) {
      reading = group_b::starts(trim(line),
                                "This is an automatically generated Delivery Status Notification.");
      continue;
    }
    if (line.empty()) continue;
    std::string_view t = trim(line);
    // "   * kijitora@example.com"
    if (is_space_or_tab(line.front()) && group_b::starts(t, "* ") &&
        t.find('@') != std::string_view::npos &&
        trim(t.substr(2)).find(' ') == std::string_view::npos) {
      out->push_back(group_b::recipient_at(trim(t.substr(2))));
      continue;
    }
    if (out->size() == before) continue;
    FoundRecipient& r = out->back();
    if (group_b::starts(line, "SMTP:")) {
      std::size_t sp = line.find_first_of(" \t");
      if (sp == std::string_view::npos) continue;
      r.smtp_command = group_b::upper(line.substr(5, sp - 5));
      r.diagnostic = std::string(trim(line.substr(sp)));
    } else if (group_b::starts(line, "Routing: ")) {
      r.diagnostic = std::string(line.substr(9));
    } else if (group_b::starts(line, "Diagnostic-Code: smtp; ")) {
      r.diagnostic = std::string(line.substr(23));
    }
  }
  for (std::size_t i = before; i < out->size(); ++i) {
    FoundRecipient& r = (*out)[i];
    r.diagnostic = group_b::sweep(r.diagnostic);
    r.status = group_b::status_in(r.diagnostic);
  }
  return out->size() > before;
}

}  // namespace smtp_explain
