// Sisimai's "X3" (an unknown MTA, From "Mail Delivery System", Subject
// "Delivery status notification"), ported from Sisimai's Lhost::X3
// (BSD 2-clause, third_party/sisimai/LICENSE):
//         This is an automatically generated Delivery Status Notification.
//   Delivery to the following recipients failed permanently:
//      * kijitora@example.com
//   SMTP:RCPT 550 5.1.1 ... / Routing: ... / Diagnostic-Code: smtp; ...
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {

bool scan_x3(const Message& msg, FoundList* out) {
  const std::string_view body = msg.flat_body();
  const std::size_t before = out->size();
  bool reading = false;
  for (std::string_view line : split_lines(error_part(body))) {
    if (!reading) {
      reading = formats::starts(trim(line),
                                "This is an automatically generated Delivery Status Notification.");
      continue;
    }
    if (line.empty()) continue;
    std::string_view t = trim(line);
    // "   * kijitora@example.com"
    if (is_space_or_tab(line.front()) && formats::starts(t, "* ") &&
        t.find('@') != std::string_view::npos &&
        trim(t.substr(2)).find(' ') == std::string_view::npos) {
      out->push_back(formats::recipient_at(trim(t.substr(2))));
      continue;
    }
    if (out->size() == before) continue;
    FoundRecipient& r = out->back();
    if (formats::starts(line, "SMTP:")) {
      std::size_t sp = line.find_first_of(" \t");
      if (sp == std::string_view::npos) continue;
      r.smtp_command = formats::upper(line.substr(5, sp - 5));
      r.diagnostic = std::string(trim(line.substr(sp)));
    } else if (formats::starts(line, "Routing: ")) {
      r.diagnostic = std::string(line.substr(9));
    } else if (formats::starts(line, "Diagnostic-Code: smtp; ")) {
      r.diagnostic = std::string(line.substr(23));
    }
  }
  for (std::size_t i = before; i < out->size(); ++i) {
    FoundRecipient& r = (*out)[i];
    r.diagnostic = formats::sweep(r.diagnostic);
    r.status = formats::status_in(r.diagnostic);
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  return h.get("From").starts_with("Mail Delivery System") &&
         h.get("Subject").starts_with("Delivery status notification");
}

}  // namespace

const Family x3_family{"X3", claims, scan_x3};

}  // namespace smtp_explain
