// Novell (Micro Focus) GroupWise Internet Agent (GWIA) bounces, versions 5 to
// 18, learned from the GWIA's notices (X-Mailer "Novell GroupWise Internet
// Agent x.y.z", Subject "Message status - undeliverable"):
//   The message that you sent was undeliverable to the following:
//   	kijitora@example.net (user not found)
//   	neko@nosuch.example.org (host not found)
//   	tora@example.com (550 5.2.2 Mailbox full)
//
//   Possibly truncated original message follows:
// Each failed address on an indented line, the GWIA's reason or the remote
// reply in parentheses after it; no code unless the remote reply has one.
// Sisimai has no GroupWise module (5.1's RFC3464 fallback knows the first
// line). The text is told by its first line, so the family is also a
// candidate for any delivery report (Family::notices) whatever the gateway
// did to the headers.
#include "family_text.h"
#include "text_search.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr std::string_view kStart = "The message that you sent was undeliverable to the following:";

// GWIA's own words in the parentheses.
constexpr formats::PhraseReason kReasons[] = {
    {"user not found", Reason::kUserUnknown},
    {"host not found", Reason::kHostUnknown},
    {"mailbox full", Reason::kMailboxFull},
    {"message too large", Reason::kMesgTooBig},
};

// "<tab>addr (text)" or "<tab>addr": the address and the text in parentheses.
bool recipient_line(std::string_view line, std::string_view* addr, std::string_view* text) {
  if (line.empty() || !is_space_or_tab(line.front())) return false;
  std::string_view t = trim(line);
  const std::size_t sp = t.find_first_of(" \t");
  std::string_view a = t.substr(0, sp);
  if (a.size() > 2 && a.front() == '<' && a.back() == '>') a = a.substr(1, a.size() - 2);
  if (!formats::is_bare_address(a)) return false;
  *addr = a;
  *text = {};
  if (sp != std::string_view::npos) {
    std::string_view rest = trim(t.substr(sp));
    if (rest.size() < 2 || rest.front() != '(' || rest.back() != ')') return false;
    *text = trim(rest.substr(1, rest.size() - 2));
  }
  return true;
}

}  // namespace

bool scan_groupwise(const Message& msg, FoundList* out) {
  if (!contains_bytes(msg.error_text, kStart)) return false;  // before splitting lines
  const std::size_t before = out->size();
  bool reading = false;
  for (std::string_view line : split_lines(msg.error_text)) {
    if (!reading) {
      reading = formats::starts(trim(line), kStart);
      continue;
    }
    if (trim(line).empty()) {
      if (out->size() > before) break;  // the list has ended
      continue;
    }
    std::string_view addr, text;
    if (!recipient_line(line, &addr, &text)) break;
    FoundRecipient& r = formats::add_recipient(out, addr);
    r.diagnostic = formats::sweep(text);
    r.reason_hint = formats::reason_for_phrases(r.diagnostic, kReasons, formats::Case::kIgnore);
    // A remote reply in the parentheses says more than GWIA's words.
    if (!formats::find_reply(r.diagnostic).empty()) r.reason_hint.reset();
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  return formats::has(h.get("X-Mailer"), "GroupWise") ||
         h.get("Subject").starts_with("Message status - undeliverable");
}

}  // namespace

const Family groupwise_family{"GroupWise", claims, scan_groupwise, nullptr, false, true};

}  // namespace smtp_explain
