// au by KDDI (EZweb) bounces, ported from Sisimai::Lhost::EZweb (BSD 2-clause,
// third_party/sisimai/LICENSE). Two of these signs must agree: From
// Postmaster@ezweb.ne.jp / Postmaster@au.com, Subject "Mail System Error -
// Returned Mail", an "(EZweb Mail) with" / ".au.com (" Received header, a
// Message-Id ending in ".ezweb.ne.jp>" / ".au.com>". Recipients as
// "<a@b>", "<a@b>: 550 ..." or "    Recipient: <a@b>"; the error sentences
// may stand before the first recipient; a line of 50 dashes starts the original.
#include "group_a_helpers.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

// The module's $refailures, as fixed phrases.
constexpr group_a::PhraseReason kFailures[] = {
    {"The user(s) account is temporarily over quota", Reason::kMailboxFull},
    {"The user(s) account is disabled.", Reason::kSuspend},
    {"The user(s) account is temporarily limited.", Reason::kSuspend},
    {"Your message was not delivered within ", Reason::kExpired},
    {"Each of the following recipients was rejected by a remote mail server", Reason::kOnHold},
};

bool is_8bit(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

// "<a@b>" or "<a@b>: ..." at the start of the line: the address, else empty.
std::string_view leading_angle_address(std::string_view e) {
  if (!e.starts_with("<")) return {};
  const std::size_t gt = e.find('>');
  if (gt == std::string_view::npos) return {};
  std::string_view a = e.substr(1, gt - 1);
  if (!group_a::is_bare_address(a)) return {};
  std::string_view rest = e.substr(gt + 1);
  if (!rest.empty() && rest[0] != ':' && rest[0] != ' ') return {};
  return a;
}

bool is_start(std::string_view e) {
  return e.starts_with("The user(s) ") || e.starts_with("Your message ") ||
         e.starts_with("Each of the following") ||
         (!leading_angle_address(e).empty() && e.back() == '>');
}

}  // namespace

bool scan_ezweb(const Message& msg, std::vector<FoundRecipient>* out) {
  const std::string_view from = msg.headers.get("From");
  const std::string_view mid = msg.headers.get("Message-Id");
  int match = 0;
  match += group_a::has(from, "Postmaster@ezweb.ne.jp") ? 1 : 0;
  match += group_a::has(from, "Postmaster@au.com") ? 1 : 0;
  match += msg.headers.get("Subject") == "Mail System Error - Returned Mail" ? 1 : 0;
  match += group_a::received_contains(msg.headers, "ezweb.ne.jp (EZweb Mail) with") ? 1 : 0;
  match += group_a::received_contains(msg.headers, ".au.com (") ? 1 : 0;
  match += mid.ends_with(".ezweb.ne.jp>") ? 1 : 0;
  match += mid.ends_with(".au.com>") ? 1 : 0;
  if (match < 2) return false;

  const auto lines = split_lines(group_a::text_before(
      msg.text,
      {"--------------------------------------------------", "Content-Type: message/rfc822"}));
  std::size_t i = 0;
  while (i < lines.size() && !is_start(lines[i])) ++i;
  const std::size_t before = out->size();
  // Sisimai fills its first record before it knows the address: text above
  // the first recipient belongs to it.
  struct Record {
    std::string address, diagnosis, alterrors, command;
  };
  std::vector<Record> recs(1);
  for (; i < lines.size(); ++i) {
    std::string_view e = lines[i];
    if (e.empty()) continue;
    std::string_view addr = leading_angle_address(e);
    if (addr.empty() && is_space_or_tab(e[0])) {
      std::string_view t = trim(e);
      if (t.starts_with("Recipient: <")) addr = group_a::angle_address(t);
    }
    if (!addr.empty()) {
      if (!recs.back().address.empty()) recs.emplace_back();
      recs.back().address = std::string(addr);
      continue;
    }
    if (is_8bit(e)) continue;
    Record& v = recs.back();
    const std::string_view t = trim(e);
    if (is_space_or_tab(e[0]) && t.starts_with(">>>")) {
      std::string_view c = trim(t.substr(3));
      if (c.size() >= 4) v.command = std::string(c.substr(0, 4));
      continue;
    }
    std::string& into = !group_a::reason_for_phrases(e, kFailures) ? v.alterrors : v.diagnosis;
    into += ' ';
    into += e;
  }
  for (Record& v : recs) {
    if (v.address.empty()) continue;
    FoundRecipient& r = group_a::add_recipient(out, v.address);
    std::string diag = group_a::sweep(v.diagnosis);
    std::string alt = group_a::sweep(v.alterrors);
    if (diag.empty() || diag.starts_with("-") || diag.ends_with("__")) diag = alt;
    r.diagnostic = std::move(diag);
    r.smtp_command = std::move(v.command);
  }
  const bool spam = msg.headers.get("X-SPASIGN") == "NG";
  for (std::size_t k = before; k < out->size(); ++k) {
    FoundRecipient& r = (*out)[k];
    if (spam) {
      r.reason_hint = Reason::kFiltered;
    } else if (r.smtp_command == "RCPT") {
      r.reason_hint = Reason::kUserUnknown;
    } else {
      r.reason_hint = group_a::reason_for_phrases(r.diagnostic, kFailures);
      const std::string addr = clean_address(r.address);
      if (!r.reason_hint && !addr.ends_with("@ezweb.ne.jp") && !addr.ends_with("@au.com")) {
        r.reason_hint = Reason::kUserUnknown;
      }
    }
  }
  return out->size() > before;
}

}  // namespace smtp_explain
