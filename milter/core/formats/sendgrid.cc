// SendGrid DSNs (Return-Path <apps@sendgrid.net>, Subject "Undelivered Mail
// Returned to Sender", text "This is an automatically generated message from
// SendGrid."), refined as Sisimai's Lhost::SendGrid does (BSD 2-clause,
// third_party/sisimai/LICENSE): the status comes from the remote reply in the
// diagnostic when there is one ("550 5.1.1 ..."; a bare "550" is 5.0.0), the
// text's "... in RCPT TO" names the failed command, and an "expired" action is
// the expired reason.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

bool is_sendgrid(const HeaderList& h) {
  return trim(h.get("Return-Path")) == "<apps@sendgrid.net>" &&
         trim(h.get("Subject")) == "Undelivered Mail Returned to Sender";
}

// The class digit of the first word-initial "4xx"/"5xx" in the text, or 0.
char reply_class(std::string_view text) {
  for (std::size_t i = 0; i + 3 <= text.size(); ++i) {
    if (i > 0 &&
        (is_ascii_alpha(text[i - 1]) || is_ascii_digit(text[i - 1]) || text[i - 1] == '_')) {
      continue;
    }
    if ((text[i] == '4' || text[i] == '5') && is_ascii_digit(text[i + 1]) &&
        is_ascii_digit(text[i + 2])) {
      return text[i];
    }
  }
  return 0;
}

// "... in RCPT TO", "... in End of DATA": the command; empty if none.
std::string_view command_of(std::string_view line) {
  std::size_t from = 1;
  std::string_view found;
  while (true) {
    const std::size_t p = line.find(" in ", from);
    if (p == std::string_view::npos) return found;
    std::string_view rest = line.substr(p + 4);
    if (rest.starts_with("End of ")) rest.remove_prefix(7);
    bool upper = rest.size() >= 4;
    for (std::size_t i = 0; upper && i < 4; ++i) upper = rest[i] >= 'A' && rest[i] <= 'Z';
    if (upper) found = rest.substr(0, 4);  // the last one, as Perl's greedy ".+"
    from = p + 1;
  }
}

bool is_dsn_field(std::string_view line) {
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  // "Status: 5.1.1", not "kijitora:000000:<kijitora@example.jp> : ..."
  if (colon + 1 < line.size() && !is_space_or_tab(line[colon + 1])) return false;
  for (char c : line.substr(0, colon)) {
    if (!is_ascii_alpha(c) && c != '-') return false;
  }
  return true;
}

}  // namespace

void refine_sendgrid(const Message& msg, FoundList* found) {
  std::string command;
  bool reading = false;
  const std::string_view body = msg.flat_body();
  for (std::string_view line : split_lines(body)) {
    if (!reading) {
      reading = line.starts_with("This is an automatically generated message from SendGrid.");
      continue;
    }
    if (line.empty() || is_dsn_field(line) || is_space_or_tab(line.front())) continue;
    if (std::string_view c = command_of(line); !c.empty()) command = std::string(c);
  }
  for (FoundRecipient& r : *found) {
    if (const char cls = reply_class(r.diagnostic); cls != 0) {
      std::string st = formats::status_in(r.diagnostic);
      r.status = st.empty() ? std::string(1, cls) + ".0.0" : std::move(st);
    }
    if (r.action == "expired") r.reason_hint = Reason::kExpired;
    if (r.smtp_command.empty()) r.smtp_command = command;
  }
}

const Family sendgrid_family{"SendGrid", is_sendgrid, nullptr, refine_sendgrid};

}  // namespace smtp_explain
