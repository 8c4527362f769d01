// Amazon WorkMail DSNs, ported from Sisimai::Lhost::AmazonWorkMail (BSD
// 2-clause, third_party/sisimai/LICENSE): X-SES-Outgoing together with
// X-Mailer (or X-Original-Mailer) "Amazon WorkMail". The DSN's status is
// often the generic X.[01].0 and the real reply is quoted inside the
// diagnostic: "554 4.4.7 Message expired: ...<421 4.4.2 Connection timed out>".
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {

// Shared with AmazonSES (amazonses.cc): the reply "<421 4.4.2 ...>" quoted in
// the diagnostic wins over the outer codes; a vague status yields to a
// quoted "'5.7.1 ...'" one.
void refine_amazon_codes(FoundRecipient* r) {
  std::string_view d = r->diagnostic;
  const std::size_t lt = d.rfind('<');
  if (lt != std::string_view::npos) {
    std::string_view inner = d.substr(lt + 1);
    const std::size_t gt = inner.find('>');
    if (gt != std::string_view::npos && inner.size() > 4 &&
        (inner[0] == '2' || inner[0] == '4' || inner[0] == '5') && is_ascii_digit(inner[1]) &&
        is_ascii_digit(inner[2]) && inner[3] == ' ') {
      inner = inner.substr(0, gt);
      r->reply_code = std::string(inner.substr(0, 3));
      const std::string st = formats::find_status(inner.substr(4));
      if (!st.empty()) r->status = st;
      return;
    }
  }
  if (r->status.empty() || formats::is_vague_status(r->status)) {
    // "... 550-'5.7.1 <...>... Access denied'": the quoted status.
    for (char q : {'\'', '"'}) {
      const std::size_t p = d.find(q);
      if (p == std::string_view::npos) continue;
      std::string_view quoted = d.substr(p + 1);
      const std::string st = formats::find_status(quoted.substr(0, 5));
      if (!st.empty()) {
        r->status = st;
        const std::string reply = formats::find_reply(d.substr(0, p + 1));
        if (!reply.empty() && reply[0] == st[0]) r->reply_code = reply;
        break;
      }
    }
  }
}

void refine_amazonworkmail(const Message& /*msg*/, FoundList* found) {
  for (FoundRecipient& r : *found) refine_amazon_codes(&r);
}

namespace {

bool claims(const HeaderList& h) {
  const std::string_view mailer =
      h.has("X-Original-Mailer") ? h.get("X-Original-Mailer") : h.get("X-Mailer");
  return h.has("X-SES-Outgoing") && mailer == "Amazon WorkMail";
}

}  // namespace

const Family amazonworkmail_family{"AmazonWorkMail", claims, nullptr, refine_amazonworkmail};

}  // namespace smtp_explain
