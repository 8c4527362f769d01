// MailFoundry bounces ("Message delivery has failed"), ported from Sisimai's
// Lhost::MailFoundry (BSD 2-clause, third_party/sisimai/LICENSE):
//   Unable to deliver message to: <kijitora@example.org>
//   Delivery failed for the following reason:
//   Server mx22.example.org[192.0.2.222] failed with: 550 <kijitora@example.org> No such user here
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {

bool scan_mailfoundry(const Message& msg, FoundList* out) {
  const std::size_t before = out->size();
  bool reading = false;
  bool in_error = false;
  for (std::string_view line : split_lines(msg.error_text)) {
    if (!reading) {
      reading = formats::starts(line, "Unable to deliver message to:");
      if (!reading) continue;
    }
    if (line.empty()) continue;
    if (formats::starts(line, "Unable to deliver message to:")) {
      std::string_view addr = formats::first_angle_address(line);
      if (addr.empty()) continue;
      out->push_back(formats::recipient_at(addr));
      in_error = false;
      continue;
    }
    if (out->size() == before) continue;
    FoundRecipient& r = out->back();
    if (line == "Delivery failed for the following reason:") {
      in_error = true;
      continue;
    }
    if (!in_error || line.front() == '-') continue;
    if (!r.diagnostic.empty()) r.diagnostic += ' ';
    r.diagnostic += trim(line);
  }
  for (std::size_t i = before; i < out->size(); ++i) {
    (*out)[i].diagnostic = formats::sweep((*out)[i].diagnostic);
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  return h.get("Subject") == "Message delivery has failed" &&
         formats::received_contains(h, "(MAILFOUNDRY) id");
}

}  // namespace

const Family mailfoundry_family{"MailFoundry", claims, scan_mailfoundry};

}  // namespace smtp_explain
