// Sendmail 8 bounces. DSNs (8.7+, Subject "Returned mail: see transcript for
// details" or "Warning: could not send message for past 4 hours") are read by
// the RFC 3464 reader and refined here as Sisimai's Lhost::Sendmail does
// (BSD 2-clause, third_party/sisimai/LICENSE): the session transcript in the
// text part tells the SMTP command that failed and the remote replies:
//      ----- Transcript of session follows -----
//   ... while talking to mx.example.org.:
//   >>> DATA
//   <<< 550 Unknown user kijitora@example.org
//   554 5.0.0 Service unavailable
// Bounces without delivery-status fields (8.6, or 8.x with SendMimeErrors off
// or behind a gateway that dropped the attachment) are read from the text as
// savemail.c writes it:
//      ----- The following addresses had permanent fatal errors -----
//   <kijitora@example.org>
//       (reason: 550 5.1.1 <kijitora@example.org>... User unknown)
//       (expanded from: <alias@example.org>)
//   ("had transient non-fatal errors" in the 4-hour warning; 8.6 wrote
//   "had delivery problems" and "addr  (unrecoverable error)"), then the
//   transcript, whose "550 5.1.1 <addr>... text" / "<addr>... Deferred: ..."
//   lines and ">>> RCPT To:<addr>" / "<<< reply" pairs give each recipient's
//   error. Transcript-only bounces (Sendmail 5, IDA) are V5sendmail's.
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

namespace {
bool claims(const HeaderList& h);
constexpr std::string_view kTranscript = "----- Transcript of session follows -----";
}  // namespace

void refine_sendmail(const Message& msg, FoundList* found) {
  // A candidate for every delivery report (Family::notices): refine only
  // what Sendmail wrote.
  if (!claims(msg.headers) && !formats::has(msg.error_text, kTranscript)) return;
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

// "   ----- The following addresses had permanent fatal errors -----": the
// kind of list, or kNone.
enum class ListKind { kNone, kFatal, kTransient, kProblems, kOther };

ListKind list_heading(std::string_view line) {
  const std::string_view t = trim(line);
  if (!formats::starts(t, "-----")) return ListKind::kNone;
  constexpr std::string_view kHead = "The following addresses ha";
  const std::size_t p = t.find(kHead);
  if (p == std::string_view::npos) return ListKind::kNone;
  const std::string_view rest = t.substr(p + kHead.size());
  if (formats::has(rest, "permanent fatal errors")) return ListKind::kFatal;
  if (formats::has(rest, "transient non-fatal errors")) return ListKind::kTransient;
  if (formats::has(rest, "delivery problems")) return ListKind::kProblems;
  return ListKind::kOther;  // "had successful delivery notifications", ...
}

// A "----- ... -----" banner line.
bool is_banner(std::string_view line) {
  const std::string_view t = trim(line);
  return formats::starts(t, "-----") && t.ends_with("-----");
}

// "550 5.1.1 <a@b>... text", "<a@b>... text", "550 a@b... text": the
// address (as written, maybe without domain) and the whole line's error.
bool address_error_line(std::string_view line, std::string_view* address) {
  std::string_view t = trim(line);
  if (t.size() > 4 && is_ascii_digit(t[0]) && is_ascii_digit(t[1]) && is_ascii_digit(t[2]) &&
      t[3] == ' ') {
    t = trim(t.substr(4));
    if (const std::size_t n = match_status_code(t); n > 0) t = trim(t.substr(n));
  }
  const std::size_t dots = t.find("... ");
  if (dots == std::string_view::npos || dots == 0) return false;
  std::string_view a = t.substr(0, dots);
  if (a.front() == '<' && a.back() == '>') a = a.substr(1, a.size() - 2);
  if (a.empty() || a.find_first_of(" \t<>") != std::string_view::npos) return false;
  *address = a;
  return true;
}

struct ListedRecipient {
  std::string address;  // cleaned
  std::string alias, reason;
  bool transient = false;
};

struct SessionError {
  std::string address;  // "RCPT To:<a@b>" argument, cleaned; empty for other commands
  std::string command, reply, host;
  std::size_t session = 0;
};

// The address of ">>> RCPT To:<a@b> ...", cleaned, else empty.
std::string rcpt_argument(std::string_view line) {
  const std::size_t lt = line.find('<');
  const std::size_t gt = line.find('>', lt == std::string_view::npos ? 0 : lt);
  if (lt == std::string_view::npos || gt == std::string_view::npos) return {};
  return clean_address(line.substr(lt + 1, gt - lt - 1));
}

// The local part of a cleaned address ("kijitora" of "kijitora@example.jp").
std::string_view local_part(std::string_view a) {
  return a.substr(0, a.find('@'));
}

}  // namespace

bool scan_sendmail(const Message& msg, FoundList* out) {
  const std::string_view text = msg.error_text;
  if (text.find("The following addresses ha") == std::string_view::npos) return false;
  const std::vector<std::string_view> lines = split_lines(text);
  std::vector<ListedRecipient> listed;
  std::size_t i = 0;
  // The address lists (a bounce can have a fatal and a transient one).
  for (; i < lines.size(); ++i) {
    const ListKind kind = list_heading(lines[i]);
    if (kind == ListKind::kNone) continue;
    for (++i; i < lines.size() && !is_banner(lines[i]); ++i) {
      const std::string_view line = lines[i];
      const std::string_view t = trim(line);
      if (t.empty()) continue;
      if (kind == ListKind::kOther) continue;
      if (formats::starts(t, "(reason:") && !listed.empty() && t.back() == ')') {
        listed.back().reason = std::string(trim(t.substr(8, t.size() - 9)));
        continue;
      }
      if (formats::starts(t, "(expanded from:") && !listed.empty() && t.back() == ')') {
        listed.back().alias = clean_address(t.substr(15, t.size() - 16));
        continue;
      }
      if (is_space_or_tab(line.front())) continue;
      // "<a@b>", "a@b", "a@b  (unrecoverable error)" (8.6)
      std::string_view token = t.substr(0, t.find_first_of(" \t"));
      const std::string_view note = trim(t.substr(token.size()));
      if (note == "(successfully delivered)") continue;
      std::string address = clean_address(token);
      if (address.empty()) continue;
      ListedRecipient r;
      r.address = std::move(address);
      r.transient = kind == ListKind::kTransient || note == "(transient failure)";
      listed.push_back(std::move(r));
    }
    --i;  // the banner that ended the list may start the next one
  }
  if (listed.empty()) return false;

  // The transcript: per-address lines and the remote replies per session.
  std::vector<std::pair<std::string, std::string>> address_lines;  // address as written, line
  std::vector<SessionError> errors;
  std::string host, command, rcpt;
  std::size_t session = 0;
  std::vector<std::size_t> address_session;  // session of each address line
  std::string notes;                         // "Message could not be delivered for 5 days", ...
  const std::size_t start = text.find(kTranscript);
  if (start != std::string_view::npos) {
    bool in_transcript = false;
    for (std::string_view line : lines) {
      if (!in_transcript) {
        in_transcript = formats::has(line, kTranscript);
        continue;
      }
      if (is_banner(line)) break;
      const std::string_view t = trim(line);
      if (t.empty()) continue;
      if (formats::starts(t, "... while talking to ") || formats::starts(t, "While talking to ")) {
        std::string_view h = trim(t.substr(t.find("talking to ") + 11));
        while (!h.empty() && (h.back() == ':' || h.back() == '.')) h.remove_suffix(1);
        host = std::string(h);
        command.clear();
        rcpt.clear();
        ++session;
        continue;
      }
      if (formats::starts(t, ">>> ")) {
        const std::string_view c = trim(t.substr(4));
        command = formats::upper(c.substr(0, 4));
        rcpt = command == "RCPT" ? rcpt_argument(c) : std::string();
        if (formats::starts(c, "MAIL") || formats::starts(c, "mail")) command = "MAIL";
        continue;
      }
      if (formats::starts(t, "<<< ")) {
        const std::string_view reply = trim(t.substr(4));
        if (!reply.empty() && (reply[0] == '4' || reply[0] == '5')) {
          errors.push_back({rcpt, command, std::string(reply), host, session});
        }
        continue;
      }
      std::string_view a;
      if (address_error_line(t, &a)) {
        address_lines.emplace_back(std::string(a), std::string(t));
        address_session.push_back(session);
        continue;
      }
      if (formats::starts(t, "Message could not be delivered for ") ||
          formats::starts(t, "Warning: message still undelivered after ")) {
        notes += ' ';
        notes += t;
      }
    }
  }

  const bool warning = formats::has(text, "THIS IS A WARNING MESSAGE ONLY") ||
                       msg.headers.get("Subject").starts_with("Warning: could not send message");
  const std::size_t before = out->size();
  for (const ListedRecipient& l : listed) {
    FoundRecipient& r = formats::add_recipient(out, l.address);
    r.original_recipient = l.alias;
    if (l.transient || warning) r.action = "delayed";
    // This recipient's line of the transcript: by address, else by local part
    // (local mailers write "kijitora... User unknown").
    std::size_t line_session = 0;
    bool has_line = false;
    for (std::size_t k = 0; k < address_lines.size() && !has_line; ++k) {
      const std::string a = clean_address(address_lines[k].first);
      if (a == l.address || (a.empty() && address_lines[k].first == local_part(l.address))) {
        r.diagnostic = address_lines[k].second;
        line_session = address_session[k];
        has_line = true;
      }
    }
    if (r.diagnostic.empty()) r.diagnostic = l.reason;
    // The remote reply: to this recipient's RCPT, else the session's failure
    // at another command. The first one: later replies in the same session
    // answer what the client sent after the failure ("503 RCPT first").
    const SessionError* e = nullptr;
    for (std::size_t k = 0; k < errors.size() && e == nullptr; ++k) {
      if (!errors[k].address.empty() && errors[k].address == l.address) e = &errors[k];
    }
    for (std::size_t k = 0; k < errors.size() && e == nullptr && has_line; ++k) {
      if (errors[k].address.empty() && errors[k].session == line_session) e = &errors[k];
    }
    for (std::size_t k = 0; k < errors.size() && e == nullptr && !l.reason.empty(); ++k) {
      if (errors[k].address.empty() && formats::has(l.reason, errors[k].reply)) e = &errors[k];
    }
    if (e != nullptr) {
      r.diagnostic = e->reply;
      r.smtp_command = e->command;
      r.remote_mta = e->host;
    }
    r.diagnostic = formats::sweep(r.diagnostic + notes);
  }
  return out->size() > before;
}

const Family sendmail_family{"Sendmail", claims, scan_sendmail, refine_sendmail, false, true};

}  // namespace smtp_explain
