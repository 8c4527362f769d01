// Google Groups rejections, ported from Sisimai::Lhost::GoogleGroups
// (BSD 2-clause, third_party/sisimai/LICENSE): From
// "<mailer-daemon@googlemail.com>", Subject "Delivery Status Notification",
// X-Failed-Recipients and X-Google-Smtp-Source. The notice lists four
// possible causes as "* ..." bullets (the group does not exist or you may
// not post): four bullets mean "rejected". The diagnostic is the notice's
// first paragraphs; the recipients come from X-Failed-Recipients.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {

bool scan_googlegroups(const Message& msg, FoundList* out) {
  const std::string_view body = formats::text_before(msg, {"----- Original message -----"});
  int bullets = 0;
  for (std::string_view e : split_lines(body)) {
    if (e.starts_with("*") || e.starts_with(" *")) ++bullets;
  }
  // Sisimai: split(/\n\n/, $body, 5) without the last piece: at most four paragraphs.
  std::string diagnosis;
  std::size_t pos = 0;
  for (int para = 0; para < 4; ++para) {
    const std::size_t end = body.find("\n\n", pos);
    if (end == std::string_view::npos) break;  // the last piece is dropped
    diagnosis += body.substr(pos, end - pos);
    diagnosis += ' ';
    pos = end + 2;
  }
  diagnosis = formats::sweep(diagnosis);
  const std::size_t before = out->size();
  for (std::string_view a : find_addresses(msg.headers.get("X-Failed-Recipients"))) {
    FoundRecipient& r = formats::add_recipient(out, a);
    r.diagnostic = diagnosis;
    r.reason_hint = bullets == 4 ? Reason::kRejected : Reason::kOnHold;
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  return formats::has(h.get("From"), "<mailer-daemon@googlemail.com>") &&
         formats::has(h.get("Subject"), "Delivery Status Notification") &&
         h.has("X-Failed-Recipients") && h.has("X-Google-Smtp-Source");
}

}  // namespace

const Family googlegroups_family{"GoogleGroups", claims, scan_googlegroups};

}  // namespace smtp_explain
