// Sendmail DSNs (Subject "... see transcript for details" or "Warning: ..."),
// refined after the RFC 3464 reader as Sisimai's Lhost::Sendmail does
// (BSD 2-clause, third_party/sisimai/LICENSE): the session transcript in the
// text part tells the SMTP command that failed and the remote replies:
//      ----- Transcript of session follows -----
//   ... while talking to mx.example.org.:
//   >>> DATA
//   <<< 550 Unknown user kijitora@example.org
//   554 5.0.0 Service unavailable
// Recipients come from the delivery-status fields (Sendmail always writes
// them), so there is no text scanner for this family.
#include "code_scan.h"
#include "family_text.h"
#include "smtp_explain/codes.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

struct Transcript {
  std::string command;               // the last ">>> CMD"
  std::vector<std::string> replies;  // "<<< ..." lines, each once
  std::string other_diagnostic;      // error lines outside the session
  std::string other_status;
};

Transcript read_transcript(std::string_view text) {
  Transcript t;
  bool reading = false;
  bool session_error = false;
  for (std::string_view line : LineRange(text)) {
    if (!reading) {
      reading = formats::starts(line, "   ----- Transcript of session follows -----");
      continue;
    }
    if (line.empty() || line.front() == ' ') continue;
    if (formats::starts(line, ">>> ")) {
      std::string_view cmd = trim(line.substr(4)).substr(0, 4);
      bool word = cmd.size() == 4;
      for (char c : cmd) word &= c >= 'A' && c <= 'Z';
      if (word) t.command = std::string(cmd);
      continue;
    }
    if (formats::starts(line, "<<< ")) {
      std::string reply(trim(line.substr(4)));
      bool seen = false;
      for (const std::string& r : t.replies) seen |= r == reply;
      if (!seen && !reply.empty()) t.replies.push_back(std::move(reply));
      continue;
    }
    if (formats::starts(line, "... while talking to ")) {
      // A new session: the replies of an earlier host (tried first, then
      // given up on) are not this failure's.
      t.replies.clear();
      t.command.clear();
      session_error = true;
      continue;
    }
    if (session_error) continue;
    // "<a@b>... User unknown"
    if (line.front() == '<') {
      std::size_t gt = line.find(">.");
      if (gt != std::string_view::npos) {
        std::size_t sp = line.find(' ', gt);
        if (sp != std::string_view::npos) {
          t.other_diagnostic = std::string(trim(line.substr(sp)));
          continue;
        }
      }
    }
    // "554 5.0.0 Service unavailable"
    if (line.size() > 10 && match_reply_code(line.substr(0, 3)) == 3 &&
        (line[0] == '4' || line[0] == '5') && is_space_or_tab(line[3])) {
      std::string_view rest = line.substr(4);
      std::size_t n = match_status_code(rest);
      if (n == 5 && rest.size() > 6 && is_space_or_tab(rest[5])) {
        t.other_status = std::string(rest.substr(0, 5));
        t.other_diagnostic += ' ';
        t.other_diagnostic += line;
        continue;
      }
    }
    if (formats::starts(line, "Message: ") || formats::starts(line, "Warning: ")) {
      t.other_diagnostic += ' ';
      t.other_diagnostic += line;
    }
  }
  t.other_diagnostic = std::string(trim(t.other_diagnostic));
  return t;
}

}  // namespace

void refine_sendmail(const Message& msg, FoundList* found) {
  const Transcript t = read_transcript(msg.error_text);
  std::string replies;
  for (const std::string& r : t.replies) {
    if (!replies.empty()) replies += ' ';
    replies += r;
  }
  for (FoundRecipient& r : *found) {
    if (r.smtp_command.empty()) r.smtp_command = t.command;
    if (r.smtp_command.empty() && !t.replies.empty()) r.smtp_command = "EHLO";
    if (!t.other_diagnostic.empty() &&
        (trim(r.diagnostic).empty() || formats::is_only_digits(r.diagnostic))) {
      r.diagnostic = t.other_diagnostic;
    }
    if (replies.size() > r.diagnostic.size()) r.diagnostic = replies;
    if (!t.other_status.empty() && match_status_code(trim(r.status)) == 0) {
      r.status = t.other_status;
    }
  }
  formats::hint_local_delivery_errors(msg, found);
}

namespace {

bool claims(const HeaderList& h) {
  const std::string_view subject = h.get("Subject");
  return (subject.ends_with("see transcript for details") || subject.starts_with("Warning: ")) &&
         !h.has("X-AOL-IP");
}

}  // namespace

const Family sendmail_family{"Sendmail", claims, nullptr, refine_sendmail};

}  // namespace smtp_explain
