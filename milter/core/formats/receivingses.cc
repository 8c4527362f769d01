// Amazon SES inbound (receiving) bounces, refined as Sisimai's
// Lhost::ReceivingSES does (BSD 2-clause, third_party/sisimai/LICENSE): an
// X-SES-Outgoing header and the text "This message could not be delivered."
// before DSN fields whose Diagnostic-Code is one of the SES receipt rule
// templates ("550 5.1.1 Mailbox does not exist" is a rule's filter, not an
// unknown user). A vague status (X.0.0, X.1.0) gives way to the one quoted in
// the diagnostic ("550-'5.7.1 ...'").
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

// Sisimai's $messagesof: the error messages of SES receipt rule templates.
constexpr formats::PhraseReason kTemplates[] = {
    {"Mailbox does not exist", Reason::kFiltered},
    {"Message too large", Reason::kMesgTooBig},
    {"Mailbox full", Reason::kMailboxFull},
    {"Message content rejected", Reason::kContentError},
};

bool is_receivingses(const Message& msg) {
  const std::string_view body = msg.flat_body();
  for (std::string_view line : split_lines(body)) {
    if (line.starts_with("This message could not be delivered.")) return true;
  }
  return false;
}

bool vague_status(std::string_view s) {
  return s.size() == 5 && (s[0] == '4' || s[0] == '5') && s[1] == '.' &&
         (s[2] == '0' || s[2] == '1') && s.substr(3) == ".0";
}

// The status that opens a quoted part of the diagnostic ("'5.7.1 ...'").
std::string quoted_status(std::string_view diagnostic) {
  for (std::size_t i = 0; i + 6 < diagnostic.size(); ++i) {
    if (diagnostic[i] != '\'' && diagnostic[i] != '"') continue;
    const std::string_view rest = diagnostic.substr(i + 1);
    if (is_ascii_digit(rest[0]) && rest[1] == '.' && is_ascii_digit(rest[2]) && rest[3] == '.' &&
        is_ascii_digit(rest[4])) {
      std::string st = formats::status_in(rest);
      if (!st.empty()) return st;
    }
  }
  return {};
}

}  // namespace

void refine_receivingses(const Message& msg, FoundList* found) {
  if (!is_receivingses(msg)) return;
  for (FoundRecipient& r : *found) {
    if (vague_status(r.status)) {
      std::string st = quoted_status(r.diagnostic);
      if (st.empty()) st = formats::status_in(r.diagnostic);
      if (!st.empty() && st[0] == r.status[0]) r.status = std::move(st);
    }
    // Case-sensitive, as the templates are written.
    for (const formats::PhraseReason& t : kTemplates) {
      if (r.diagnostic.find(t.phrase) != std::string::npos) {
        r.reason_hint = t.reason;
        break;
      }
    }
  }
}

namespace {

bool claims(const HeaderList& h) {
  return h.has("X-SES-Outgoing");
}

}  // namespace

const Family receivingses_family{"ReceivingSES", claims, nullptr, refine_receivingses};

}  // namespace smtp_explain
