// AOL's own bounces, ported from Sisimai::Lhost::Aol (BSD 2-clause,
// third_party/sisimai/LICENSE): an X-AOL-IP header; a multipart/report
// whose delivery-status part the RFC 3464 reader reads (Diagnostic-Code
// continuation lines included). The module adds the reason for two DNS
// failures its MTA words in its own way.
//
// Extended for this project to AOL's older text notices (2000s, "AIRmail"),
// which the module does not read, written from their published form:
//   From: Mail Delivery Subsystem <MAILER-DAEMON@aol.com>
//   Subject: Mail Delivery Problem
//   Sorry sender@example.com. Your mail to the following recipients could not
//   be delivered because they are not accepting mail with attachments or
//   embedded images:
//   <TAB>screenname
// The recipients are AOL screen names: written without the domain (and maybe
// with spaces, which AOL addresses drop), so "@aol.com" (or "@aim.com", by the
// notice's own domain) is appended; a token that is already an address is
// taken as it is. The text before "Your mail" names the sender: never read.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr formats::PhraseReason kMessages[] = {
    {"Host or domain name not found", Reason::kHostUnknown},
    {"type=MX: Malformed or unexpected name server reply", Reason::kNotAccept},
};

// The "because ..." clause of the notice and the reason it states.
constexpr formats::PhraseReason kBecause[] = {
    {"not accepting mail with attachments", Reason::kFiltered},
    {"not accepting mail from", Reason::kFiltered},
    {"not accepting mail", Reason::kFiltered},
    {"mailbox is full", Reason::kMailboxFull},
    {"over their storage limit", Reason::kMailboxFull},
    {"not an aol member", Reason::kUserUnknown},
    {"screen name does not exist", Reason::kUserUnknown},
    {"no longer active", Reason::kSuspend},
    {"inactive", Reason::kSuspend},
};

// The domain of a From field if it is AOL's ("aol.com", "aim.com"), else empty.
std::string_view aol_domain(std::string_view from) {
  for (std::string_view d : {"@aol.com", "@aim.com"}) {
    const std::size_t p = ifind(from, d);
    if (p == std::string_view::npos) continue;
    const std::size_t end = p + d.size();
    if (end == from.size() || from[end] == '>' || from[end] == ' ' || from[end] == ')') {
      return d.substr(1);
    }
  }
  return {};
}

// A screen name line ("mykewlaolacct", "Joe Smith 12") as an address at
// `domain`: letters and digits, spaces dropped, 3 to 32 characters, starting
// with a letter; else empty.
std::string screen_name_address(std::string_view line, std::string_view domain) {
  std::string name;
  for (char c : trim(line)) {
    if (c == ' ') continue;
    if (!is_ascii_alpha(c) && !is_ascii_digit(c) && c != '_' && c != '.') return {};
    name.push_back(ascii_lower(c));
  }
  if (name.size() < 3 || name.size() > 32 || !is_ascii_alpha(name[0])) return {};
  return name + "@" + std::string(domain);
}

}  // namespace

void refine_aol(const Message& /*msg*/, FoundList* found) {
  for (FoundRecipient& r : *found) {
    const std::optional<Reason> reason =
        formats::reason_for_phrases(formats::sweep(r.diagnostic), kMessages);
    if (reason) r.reason_hint = reason;
  }
}

bool scan_aol(const Message& msg, FoundList* out) {
  constexpr std::string_view kMarker =
      "Your mail to the following recipients could not be delivered";
  const std::string_view text = msg.error_text;
  const std::size_t at = ifind(text, kMarker);
  if (at == std::string_view::npos) return false;
  // The sentence runs to the colon that ends it (it may be wrapped).
  const std::size_t colon = text.find(':', at);
  if (colon == std::string_view::npos || colon - at > 600) return false;
  const std::string because = formats::sweep(text.substr(at, colon - at));
  std::string_view domain = aol_domain(msg.headers.get("From"));
  if (domain.empty()) domain = "aol.com";  // claimed by AOL's own header marks
  const std::size_t before = out->size();
  std::size_t eol = text.find('\n', colon);
  for (std::string_view line :
       split_lines(eol == std::string_view::npos ? "" : text.substr(eol + 1))) {
    if (trim(line).empty()) {
      if (out->size() > before) break;  // the list ends at a blank line
      continue;
    }
    if (!is_space_or_tab(line[0])) break;  // recipients are indented
    const std::string_view t = trim(line);
    std::string address =
        formats::is_bare_address(t) ? clean_address(t) : screen_name_address(t, domain);
    if (address.empty()) continue;
    FoundRecipient& r = formats::add_recipient(out, address);
    r.diagnostic = because;
    r.reason_hint = formats::reason_for_phrases(to_lower(because), kBecause);
    if (out->size() - before >= 500) break;
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  return h.has("X-AOL-IP") || !aol_domain(h.get("From")).empty() ||
         istarts_with(h.get("Mailer"), "AIRmail");
}

}  // namespace

const Family aol_family{"Aol", claims, scan_aol, refine_aol};

}  // namespace smtp_explain
