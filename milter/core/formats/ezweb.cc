// au by KDDI (EZweb) bounces, ported from Sisimai::Lhost::EZweb (BSD 2-clause,
// third_party/sisimai/LICENSE). Two of these signs must agree: From
// Postmaster@ezweb.ne.jp / Postmaster@au.com, Subject "Mail System Error -
// Returned Mail", an "(EZweb Mail) with" / ".au.com (" Received header, a
// Message-Id ending in ".ezweb.ne.jp>" / ".au.com>". Recipients as
// "<a@b>", "<a@b>: 550 ..." or "    Recipient: <a@b>"; the error sentences
// may stand before the first recipient; a line of 50 dashes starts the original.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

// The module's $refailures, as fixed phrases.
constexpr formats::PhraseReason kFailures[] = {
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
  if (!formats::is_bare_address(a)) return {};
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

bool scan_ezweb(const Message& msg, FoundList* out) {
  const auto lines = split_lines(formats::text_before(
      msg, {"--------------------------------------------------", "Content-Type: message/rfc822"}));
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
      if (t.starts_with("Recipient: <")) addr = formats::last_angle_address(t);
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
    std::string& into = !formats::reason_for_phrases(e, kFailures) ? v.alterrors : v.diagnosis;
    into += ' ';
    into += e;
  }
  for (Record& v : recs) {
    if (v.address.empty()) continue;
    FoundRecipient& r = formats::add_recipient(out, v.address);
    std::string diag = formats::sweep(v.diagnosis);
    std::string alt = formats::sweep(v.alterrors);
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
      r.reason_hint = formats::reason_for_phrases(r.diagnostic, kFailures);
      const std::string addr = clean_address(r.address);
      if (!r.reason_hint && !addr.ends_with("@ezweb.ne.jp") && !addr.ends_with("@au.com")) {
        r.reason_hint = Reason::kUserUnknown;
      }
    }
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  const std::string_view from = h.get("From");
  const std::string_view mid = h.get("Message-Id");
  int match = 0;
  match += formats::has(from, "Postmaster@ezweb.ne.jp") ? 1 : 0;
  match += formats::has(from, "Postmaster@au.com") ? 1 : 0;
  match += h.get("Subject") == "Mail System Error - Returned Mail" ? 1 : 0;
  match += formats::received_contains(h, "ezweb.ne.jp (EZweb Mail) with") ? 1 : 0;
  match += formats::received_contains(h, ".au.com (") ? 1 : 0;
  match += mid.ends_with(".ezweb.ne.jp>") ? 1 : 0;
  match += mid.ends_with(".au.com>") ? 1 : 0;
  return match >= 2;
}

}  // namespace

const Family ezweb_family{"EZweb", claims, scan_ezweb};

}  // namespace smtp_explain
