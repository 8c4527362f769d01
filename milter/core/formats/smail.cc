// Smail 3 bounces (the Sendmail-like MTA of 1990s Unix and Linux systems),
// learned from the notice Smail's src/notify.c writes (Subject "mail failed,
// returning to sender", From "MAILER-DAEMON@host"):
//   |------------------------- Failed addresses follow: ---------------------|
//    kijitora@example.net ... unknown user
//    <neko@example.org> ... transport smtp: 550 <neko@example.org>... User unknown
//   |------------------------- Message text follows: ------------------------|
// One failed address per line, the error after " ... "; the reply code only
// when the remote server's reply is quoted. Told by the banner line, so the
// family is a candidate for any delivery report (Family::notices).
#include "family_text.h"
#include "text_search.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr std::string_view kFailed = "Failed addresses follow:";
constexpr std::string_view kText = "Message text follows:";

// Smail's own words after " ... " (and the remote replies' commonest).
constexpr formats::PhraseReason kReasons[] = {
    {"unknown user", Reason::kUserUnknown},
    {"user unknown", Reason::kUserUnknown},
    {"unknown host", Reason::kHostUnknown},
    {"host unknown", Reason::kHostUnknown},
};

// "|----- Name: -----|" with the name given.
bool is_banner(std::string_view line, std::string_view name) {
  std::string_view t = trim(line);
  return t.size() > name.size() + 4 && t.front() == '|' && t.back() == '|' &&
         formats::has(t, name) && formats::has(t, "-----");
}

}  // namespace

bool scan_smail(const Message& msg, FoundList* out) {
  if (!contains_bytes(msg.text, kFailed)) return false;  // before splitting lines
  const std::size_t before = out->size();
  bool reading = false;
  for (std::string_view line : split_lines(msg.text)) {
    if (!reading) {
      reading = is_banner(line, kFailed);
      continue;
    }
    if (is_banner(line, kText)) break;
    std::string_view t = trim(line);
    if (t.empty()) continue;
    const std::size_t dots = t.find(" ... ");
    if (dots == std::string_view::npos) {
      // The error continued on the next line.
      if (out->size() > before) {
        std::string& d = out->back().diagnostic;
        d += ' ';
        d.append(t);  // appended in place (no temporary: GCC 12 -O3 warns -Wrestrict on one)
      }
      continue;
    }
    std::string_view a = trim(t.substr(0, dots));
    if (a.size() > 2 && a.front() == '<' && a.back() == '>') a = a.substr(1, a.size() - 2);
    if (!formats::is_bare_address(a)) continue;
    FoundRecipient& r = formats::add_recipient(out, a);
    std::string_view err = trim(t.substr(dots + 5));
    // "transport smtp: 550 ..." / "router inet_hosts: ..." name Smail's driver.
    if (err.starts_with("transport ") || err.starts_with("director ") ||
        err.starts_with("router ")) {
      if (std::size_t c = err.find(": "); c != std::string_view::npos) err = err.substr(c + 2);
    }
    r.diagnostic = std::string(err);
  }
  for (std::size_t k = before; k < out->size(); ++k) {
    FoundRecipient& r = (*out)[k];
    r.diagnostic = formats::sweep(r.diagnostic);
    r.reason_hint = formats::reason_for_phrases(r.diagnostic, kReasons, formats::Case::kIgnore);
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  return h.get("Subject").starts_with("mail failed, returning to sender");
}

}  // namespace

const Family smail_family{"Smail", claims, scan_smail, nullptr, false, true};

}  // namespace smtp_explain
