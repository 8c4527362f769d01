// KDDI (au one net, dion.ne.jp) bounces, ported from Sisimai::Lhost::KDDI
// (BSD 2-clause, third_party/sisimai/LICENSE): From no-reply@...dion.ne.jp,
// Reply-To no-reply@app.auone-net.jp or an "ezweb.ne.jp (" / ".au.com ("
// Received header; after "Your mail sent on: Thu, ..." (or "Your mail
// attempted to be delivered on: ...") the recipient in
// "     Could not be delivered to: <a@b>" and the indented error lines.
#include "group_a_helpers.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr group_a::PhraseReason kMessages[] = {
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

bool scan_kddi(const Message& msg, std::vector<FoundRecipient>* out) {
  bool match = from_dion(msg.headers.get("From"));
  match = match || msg.headers.get("Reply-To") == "no-reply@app.auone-net.jp";
  match = match || group_a::received_contains(msg.headers, "ezweb.ne.jp (");
  match = match || group_a::received_contains(msg.headers, ".au.com (");
  if (!match) return false;
  const auto lines = split_lines(group_a::text_before(msg.text, {"Content-Type: message/rfc822"}));
  std::size_t i = 0;
  while (i < lines.size() && !is_start(lines[i])) ++i;
  const std::size_t before = out->size();
  for (; i < lines.size(); ++i) {
    std::string_view e = lines[i];
    if (e.empty()) continue;
    const std::string_view t = trim(e);
    if (is_space_or_tab(e[0]) && t.starts_with("Could not be delivered to: <")) {
      std::string a = clean_address(group_a::angle_address(t));
      if (!a.empty()) group_a::add_recipient(out, a);
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
    r.diagnostic = group_a::sweep(r.diagnostic);
    if (spam) {
      r.reason_hint = Reason::kFiltered;
    } else {
      r.reason_hint = group_a::reason_for_phrases(r.diagnostic, kMessages);
    }
  }
  return out->size() > before;
}

}  // namespace smtp_explain
