// Apache James bounces, ported from Sisimai::Lhost::ApacheJames (BSD 2-clause,
// third_party/sisimai/LICENSE): Subject "[BOUNCE]", a ".JavaMail." Message-Id
// or a "JAMES SMTP Server" Received header; recipients as "  RCPT TO: a@b",
// the error from "Error message below:" up to "Message details:".
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {

bool scan_apachejames(const Message& msg, FoundList* out) {
  const auto lines = split_lines(formats::text_before(msg, {"Content-Type: message/rfc822"}));
  std::string diagnosis;
  bool got_message = false;
  std::vector<std::string> addrs;
  for (std::string_view e : lines) {
    if (e.empty()) continue;
    if (e.starts_with("  RCPT TO: ")) {
      std::string_view a = trim(e.substr(11));
      if (formats::is_bare_address(a)) addrs.emplace_back(a);
      continue;
    }
    if (e.starts_with("  Sent date: ") || e.starts_with("  Subject: ")) continue;
    if (got_message) continue;
    if (!diagnosis.empty()) {
      if (e == "Message details:") {
        got_message = true;
      } else {
        diagnosis += ' ';
        diagnosis += e;
      }
    } else if (e == "Error message below:") {
      diagnosis = std::string(e);
    }
  }
  if (addrs.empty()) return false;
  const std::string diag = formats::sweep(diagnosis);
  for (const std::string& a : addrs) formats::add_recipient(out, a).diagnostic = diag;
  return true;
}

namespace {

bool claims(const HeaderList& h) {
  return h.get("Subject") == "[BOUNCE]" || formats::has(h.get("Message-Id"), ".JavaMail.") ||
         formats::received_contains(h, "JAMES SMTP Server");
}

}  // namespace

const Family apachejames_family{"ApacheJames", claims, scan_apachejames};

}  // namespace smtp_explain
