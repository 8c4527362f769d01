// KDDI (au one net, dion.ne.jp) bounces, ported from Sisimai::Lhost::KDDI
// (BSD 2-clause, third_party/sisimai/LICENSE): From no-reply@...dion.ne.jp,
// Reply-To no-reply@app.auone-net.jp or an "ezweb.ne.jp (" / ".au.com ("
// Received header; after "Your mail sent on: Thu, ..." (or "Your mail
// attempted to be delivered on: ...") the recipient in
// "     Could not be delivered to: <a@b>" and the indented error lines.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr formats::PhraseReason kMessages[] = {
    {"As their mailbox is full", Reason::kMailboxFull},
    {"Due to the following SMTP relay error", Reason::kNoRelaying},
    {"As the remote domain doesnt exist", Reason::kHostUnknown},
};

bool from_dion(std::string_view from) {
  const std::size_t at = ifind(from, "no-reply@");
  return at != std::string_view::npos && ifind(from, ".dion.ne.jp", at) != std::string_view::npos;
}

// "Your mail sent on: Thu," / "Your mail attempted to be delivered on: Thu,".
bool is_start(std::string_view e) {
  std::string_view rest;
  if (e.starts_with("Your mail sent on")) {
    rest = e.substr(17);
  } else if (e.starts_with("Your mail attempted to be delivered on")) {
    rest = e.substr(38);
  } else {
    return false;
  }
  if (rest.starts_with(":")) rest.remove_prefix(1);
  return rest.size() >= 5 && rest[0] == ' ' && rest[1] >= 'A' && rest[1] <= 'Z' && rest[4] == ',';
}

}  // namespace

bool scan_kddi(const Message& msg, FoundList* out) {
  const auto lines = split_lines(formats::text_before(msg, {"Content-Type: message/rfc822"}));
  std::size_t i = 0;
  while (i < lines.size() && !is_start(lines[i])) ++i;
  const std::size_t before = out->size();
  for (; i < lines.size(); ++i) {
    std::string_view e = lines[i];
    if (e.empty()) continue;
    const std::string_view t = trim(e);
    if (is_space_or_tab(e[0]) && t.starts_with("Could not be delivered to: <")) {
      std::string a = clean_address(formats::last_angle_address(t));
      if (!a.empty()) formats::add_recipient(out, a);
      continue;
    }
    if (out->size() == before) continue;
    if (is_space_or_tab(e[0])) {
      out->back().diagnostic += e;
      out->back().diagnostic += ' ';
    }
  }
  const bool spam = msg.headers.get("X-SPASIGN") == "NG";
  for (std::size_t k = before; k < out->size(); ++k) {
    FoundRecipient& r = (*out)[k];
    r.diagnostic = formats::sweep(r.diagnostic);
    if (spam) {
      r.reason_hint = Reason::kFiltered;
    } else {
      r.reason_hint = formats::reason_for_phrases(r.diagnostic, kMessages);
    }
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  return from_dion(h.get("From")) || h.get("Reply-To") == "no-reply@app.auone-net.jp" ||
         formats::received_contains(h, "ezweb.ne.jp (") ||
         formats::received_contains(h, ".au.com (");
}

}  // namespace

const Family kddi_family{"KDDI", claims, scan_kddi};

}  // namespace smtp_explain
