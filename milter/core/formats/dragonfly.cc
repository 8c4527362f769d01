// DragonFly Mail Agent (dma) bounces. Sisimai 5 added Sisimai::Lhost::DragonFly
// (BSD 2-clause, third_party/sisimai/LICENSE); this port follows its rules
// and dma's own message texts (mail.c, net.c, dma.c):
//   Received: ... by host (DragonFly Mail Agent v0.13); Subject "Mail delivery failed"
//   This is the DragonFly Mail Agent v0.13 at df.example.jp.
//   There was an error delivering your mail to <a@b>.
//   mx.example.net [192.0.2.25] did not like our RCPT TO:
//   550 5.7.0 <a@b>: Recipient address rejected: ...
//   Message headers follow.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr formats::PhraseReason kMessages[] = {
    {"Could not deliver for the last ", Reason::kExpired},  // dma.c: "... seconds. Giving up."
    {"DNS lookup failure: ", Reason::kHostUnknown},         // net.c
    {"can not find MX", Reason::kHostUnknown},
};

}  // namespace

bool scan_dragonfly(const Message& msg, FoundList* out) {
  if (!formats::received_contains(msg.headers, "(DragonFly Mail Agent") &&
      !formats::has(msg.text.substr(0, 256), "This is the DragonFly Mail Agent ")) {
    return false;
  }
  const auto lines = split_lines(formats::text_before(msg, {"Message headers follow."}));
  std::size_t i = formats::find_line(lines, "This is the DragonFly Mail Agent ");
  if (i == lines.size()) return false;
  const std::size_t before = out->size();
  constexpr std::string_view kError = "There was an error delivering your mail to <";
  for (++i; i < lines.size(); ++i) {
    std::string_view e = lines[i];
    if (e.empty()) continue;
    if (e.starts_with(kError)) {
      std::string_view a = formats::last_angle_address(e);
      if (!a.empty()) formats::add_recipient(out, a);
      continue;
    }
    if (out->size() == before) continue;
    FoundRecipient& r = out->back();
    // "host [192.0.2.25] did not like our RCPT TO:" / "... our final DATA:"
    if (const std::size_t p = e.find(" did not like our "); p != std::string_view::npos) {
      std::string_view host = e.substr(0, p);
      if (const std::size_t sp = host.find(' '); sp != std::string_view::npos) {
        host = host.substr(0, sp);
      }
      r.remote_mta = std::string(host);
      std::string_view cmd = e.substr(p + 18);
      if (cmd.starts_with("final ")) cmd.remove_prefix(6);
      if (cmd.size() >= 4) r.smtp_command = std::string(cmd.substr(0, 4));
      for (char& c : r.smtp_command) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      }
      continue;
    }
    r.diagnostic += e;
    r.diagnostic += ' ';
  }
  for (std::size_t k = before; k < out->size(); ++k) {
    FoundRecipient& r = (*out)[k];
    r.diagnostic = formats::sweep(r.diagnostic);
    r.reason_hint = formats::reason_for_phrases(r.diagnostic, kMessages);
  }
  return out->size() > before;
}

const Family dragonfly_family{"DragonFly", nullptr, scan_dragonfly};

}  // namespace smtp_explain
