// Gmail's own (pre-DSN) bounce text, ported from Sisimai::Lhost::Gmail
// (BSD 2-clause, third_party/sisimai/LICENSE): From
// "<mailer-daemon@googlemail.com>", Subject "Delivery Status Notification";
//   Delivery to the following recipient failed permanently:  (or "has been delayed")
//        kijitora@example.jp
//   Technical details of permanent failure:
//   ... The error that the other server returned was: 550 5.1.1 ... (state 14).
// The "(state N)" of Google's SMTP client names the command and the reason;
// otherwise the module's phrase table does.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr formats::PhraseReason kMessages[] = {
    {"DNS Error: Could not contact DNS servers", Reason::kExpired},
    {"Delivery to the following recipient has been delayed", Reason::kExpired},
    {"The recipient server did not accept our requests to connect", Reason::kExpired},
    {"DNS Error: Domain name not found", Reason::kHostUnknown},
    {"DNS Error: DNS server returned answer with no data", Reason::kHostUnknown},
};

struct StateRow {
  int state;
  std::string_view command;
  Reason reason;
};
// Sisimai's $statetable. State 12 ("relayingdenied" in Sisimai 4) is norelaying.
constexpr StateRow kStates[] = {
    {6, "MAIL", Reason::kSystemError}, {8, "AUTH", Reason::kSystemError},
    {9, "AUTH", Reason::kSystemError}, {12, "AUTH", Reason::kNoRelaying},
    {13, "EHLO", Reason::kBlocked},    {14, "RCPT", Reason::kUserUnknown},
    {15, "DATA", Reason::kFiltered},   {17, "DATA", Reason::kFiltered},
    {18, "DATA", Reason::kFiltered},
};

// "(state 14)." -> 14, or -1.
int state_code(std::string_view diag) {
  std::size_t p = 0;
  while ((p = diag.find("(state ", p)) != std::string_view::npos) {
    p += 7;
    int n = 0, digits = 0;
    while (p < diag.size() && is_ascii_digit(diag[p]) && digits < 4) {
      n = n * 10 + (diag[p] - '0');
      ++p, ++digits;
    }
    if (digits > 0 && diag.substr(p).starts_with(").")) return n;
  }
  return -1;
}

// Specific enhanced codes ([45].[1-7].[1-9]) decide the reason themselves.
bool is_specific(std::string_view status) {
  return status.size() == 5 && status[2] >= '1' && status[2] <= '7' && status[4] >= '1' &&
         status[4] <= '9';
}

}  // namespace

bool scan_gmail(const Message& msg, FoundList* out) {
  const auto lines = split_lines(formats::text_before(msg, {}));
  std::size_t i = formats::find_line(lines, "Delivery to the following recipient");
  if (i == lines.size()) return false;
  const bool delayed = formats::has(lines[i], "has been delayed");
  const std::size_t before = out->size();
  std::string pending;  // text above the first recipient (the start marker line)
  for (; i < lines.size(); ++i) {
    std::string_view e = lines[i];
    std::string_view t = trim(e);
    // The original starts at "----- Original message -----" (or "Message header follows").
    if (t.starts_with("----- Original message -----") ||
        t.starts_with("----- Message header follows -----")) {
      break;
    }
    if (!e.empty() && is_space_or_tab(e[0]) && formats::is_bare_address(t)) {
      std::string a = clean_address(t);
      if (a.empty()) continue;
      FoundRecipient& r = formats::add_recipient(out, a);
      r.diagnostic = std::move(pending);
      pending.clear();
      continue;
    }
    std::string& into = out->size() > before ? out->back().diagnostic : pending;
    into += e;
    into += ' ';
  }
  for (std::size_t k = before; k < out->size(); ++k) {
    FoundRecipient& r = (*out)[k];
    r.diagnostic = formats::sweep(r.diagnostic);
    if (delayed) r.action = "delayed";
    std::optional<Reason> reason;
    const int state = state_code(r.diagnostic);
    for (const StateRow& s : kStates) {
      if (s.state != state) continue;
      reason = s.reason;
      r.smtp_command = std::string(s.command);
    }
    if (!reason) reason = formats::reason_for_phrases(r.diagnostic, kMessages);
    if (!reason) continue;
    if (is_specific(formats::find_status(r.diagnostic))) continue;  // the code decides
    r.reason_hint = reason;
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  return formats::has(h.get("From"), "<mailer-daemon@googlemail.com>") &&
         formats::has(h.get("Subject"), "Delivery Status Notification");
}

}  // namespace

const Family gmail_family{"Gmail", claims, scan_gmail};

}  // namespace smtp_explain
