// qmail bounces ("Hi. This is the qmail-send program at ..."), ported from
// Sisimai's Lhost::qmail (BSD 2-clause, third_party/sisimai/LICENSE), with the
// Sisimai 5 corrections the corpus shows ("couldn't find a mail exchanger" is
// notaccept; a sender rejection is read from the remote reply first):
//   <kijitora@example.jp>:
//   192.0.2.153 does not like recipient.
//   Remote host said: 550 5.1.1 <kijitora@example.jp>... User Unknown
//   Giving up on 192.0.2.153.
//   --- Below this line is a copy of the message.
// The reader is shared with Sisimai's X4 (formats/x4.cc).
#include "family_text.h"
#include "reason.h"
#include "text_search.h"
#include "text_util.h"

namespace smtp_explain {
namespace formats {
namespace {

constexpr PhraseReason kMessages[] = {
    {"no mailbox here by that name", Reason::kUserUnknown},
    {"does not like recipient.", Reason::kUserUnknown},
    {"disk quota exceeded", Reason::kMailboxFull},
    {"Message size exceeds fixed maximum message size:", Reason::kMesgTooBig},
    {"Sorry, I couldn't find any host ", Reason::kHostUnknown},
    {"Requested action not taken: mailbox unavailable (not enough free space)",
     Reason::kSystemFull},
    {"bad interpreter: No such file or directory", Reason::kSystemError},
    {"system error", Reason::kSystemError},
    {"Unable to", Reason::kSystemError},
    {"Sorry, I wasn't able to establish an SMTP connection", Reason::kNetworkError},
    {"Sorry, I couldn't find a mail exchanger or IP address", Reason::kNotAccept},
    {"Sorry. Although I'm listed as a best-preference MX or A for that host",
     Reason::kNetworkError},
};

// Errors of the qmail-ldap patch.
constexpr PhraseReason kLdapFailures[] = {
    {"Mailaddress is administratively disabled", Reason::kSuspend},
    {"Mailaddress is administrativley disabled", Reason::kSuspend},
    {"Mailaddress is administrativly disabled", Reason::kSuspend},
    {"Mailaddress is administrativeley disabled", Reason::kSuspend},
    {"Sorry, no mailbox here by that name", Reason::kUserUnknown},
    {"The message exeeded the maximum size the user accepts", Reason::kExceedLimit},
    {"Automatic homedir creator crashed", Reason::kSystemError},
    {"Illegal value in LDAP attribute", Reason::kSystemError},
    {"LDAP attribute is not given but mandatory", Reason::kSystemError},
    {"Timeout while performing search on LDAP server", Reason::kSystemError},
    {"Too many results returned but needs to be unique", Reason::kSystemError},
    {"Permanent error while executing qmail-forward", Reason::kSystemError},
    {"Temporary error in automatic homedir creation", Reason::kSystemError},
    {"Temporary error while executing qmail-forward", Reason::kSystemError},
    {"Temporary failure in LDAP lookup", Reason::kSystemError},
    {"Unable to contact LDAP server", Reason::kSystemError},
    {"Unable to login into LDAP server, bad credentials", Reason::kSystemError},
};

constexpr std::string_view kHasExpired = "this message has been in the queue too long.";

// The SMTP command qmail says failed, from its own sentences.
std::string qmail_command(std::string_view diag) {
  if (std::size_t p = diag.find("Connected to "); p != std::string_view::npos) {
    std::string_view rest = diag.substr(p);
    if (rest.find(" but greeting failed.") != std::string_view::npos) return "CONN";
    if (rest.find(" but my name was rejected.") != std::string_view::npos) return "EHLO";
    if (rest.find(" but sender was rejected.") != std::string_view::npos) return "MAIL";
  }
  if (diag.find(" does not like recipient.") != std::string_view::npos) return "RCPT";
  if (diag.find(" failed on DATA command.") != std::string_view::npos ||
      diag.find(" failed after I sent the message.") != std::string_view::npos) {
    return "DATA";
  }
  constexpr std::string_view kProgress =
      "Sorry, no SMTP connection got far enough; most progress was ";
  if (std::size_t p = diag.find(kProgress); p != std::string_view::npos) {
    std::string_view cmd = diag.substr(p + kProgress.size(), 5);
    if (cmd.size() == 5 && cmd[4] == ' ') {
      bool upper_word = true;
      for (char c : cmd.substr(0, 4)) upper_word &= c >= 'A' && c <= 'Z';
      if (upper_word) return std::string(cmd.substr(0, 4));
    }
  }
  return {};
}

bool host_char(char c) {
  return is_ascii_alpha(c) || is_ascii_digit(c) || c == '.' || c == '-';
}

// "Giving up on HOST.", "Connected to HOST ", "remote host HOST said:".
std::string qmail_rhost(std::string_view line) {
  auto host_at = [&](std::size_t p) {
    std::size_t e = p;
    while (e < line.size() && host_char(line[e])) ++e;
    while (e > p && line[e - 1] == '.') --e;
    return std::string(line.substr(p, e - p));
  };
  if (std::size_t p = line.find("Giving up on "); p != std::string_view::npos) {
    return host_at(p + 13);
  }
  if (std::size_t p = line.find("Connected to "); p != std::string_view::npos) {
    return host_at(p + 13);
  }
  if (std::size_t p = line.find("remote host "); p != std::string_view::npos) {
    std::string h = host_at(p + 12);
    if (line.find(" said:", p) != std::string_view::npos) return h;
  }
  return {};
}

// "<a@b>:" or "To: <a@b>:" alone on a line.
std::string_view recipient_line(std::string_view line) {
  std::string_view t = line;
  while (!t.empty() && is_space_or_tab(t.back())) t.remove_suffix(1);
  if (formats::starts(t, "To")) {
    std::string_view rest = t.substr(2);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (!rest.empty() && rest.front() == ':') t = rest.substr(1);
  }
  if (t.size() < 5 || t.front() != '<' || !t.ends_with(">:")) return {};
  std::string_view a = t.substr(1, t.size() - 3);
  if (a.find('@') == std::string_view::npos) return {};
  return a;
}

}  // namespace

bool read_qmail_style(const Message& msg, bool (*is_start)(std::string_view line), FoundList* out) {
  std::string_view error =
      cut_before_line(msg.text, "--- Below this line is a copy of the message.", false);
  error = cut_before_line(error, "--- Original message follows.", false);
  // qmail with the "bounce headers only" patch (vpopmail and hosting setups).
  error = cut_before_line(error, "--- Enclosed are the original headers of the message.", false);
  const std::size_t before = out->size();
  std::vector<std::string> remote_said;  // the "Remote host said:" line per recipient
  bool reading = false;
  for (std::string_view line : split_lines(error)) {
    if (!reading) {
      reading = is_start(line);
      continue;
    }
    if (line.empty()) continue;
    if (std::string_view a = recipient_line(line); !a.empty()) {
      out->push_back(recipient_at(a));
      remote_said.emplace_back();
      continue;
    }
    if (out->size() == before) continue;
    FoundRecipient& r = out->back();
    r.diagnostic += line;
    r.diagnostic += ' ';
    if (formats::starts(line, "Remote host said:")) remote_said.back() = std::string(line);
    if (r.remote_mta.empty()) r.remote_mta = qmail_rhost(line);
  }
  for (std::size_t i = before; i < out->size(); ++i) {
    FoundRecipient& r = (*out)[i];
    r.diagnostic = sweep(r.diagnostic);
    r.smtp_command = qmail_command(r.diagnostic);
    r.status = status_in(r.diagnostic);
    if (r.smtp_command == "MAIL" || r.smtp_command == "HELO" || r.smtp_command == "EHLO" ||
        r.smtp_command == "CONN") {
      // Sisimai 4 calls these rejected / blocked outright; Sisimai 5 first
      // reads the remote reply (a reputation block is not a plain rejection).
      ReasonInput in;
      in.status = r.status;
      in.diagnostic = r.diagnostic;
      in.smtp_command = r.smtp_command;
      in.remote_mta = r.remote_mta;
      const Reason found = classify_reason(in);
      const bool vague = found == Reason::kOnHold || found == Reason::kUndefined ||
                         found == Reason::kSecurityError || found == Reason::kSystemError ||
                         found == Reason::kExpired;
      if (vague) r.reason_hint = r.smtp_command == "MAIL" ? Reason::kRejected : Reason::kBlocked;
      continue;
    }
    const std::string_view& remote = remote_said[i - before];
    if (r.diagnostic.find("does not like recipient.") != std::string_view::npos &&
        r.diagnostic.ends_with(kHasExpired)) {
      r.reason_hint = Reason::kOnHold;
      continue;
    }
    std::optional<Reason> hint;
    if (!remote.empty()) hint = reason_for_phrases(remote, kMessages, Case::kIgnore);
    if (!hint) hint = reason_for_phrases(r.diagnostic, kMessages, Case::kIgnore);
    if (!hint) hint = reason_for_phrases(r.diagnostic, kLdapFailures, Case::kIgnore);
    if (!hint && r.diagnostic.find(kHasExpired) != std::string_view::npos) hint = Reason::kExpired;
    r.reason_hint = hint;
  }
  return out->size() > before;
}

}  // namespace formats

bool scan_qmail(const Message& msg, FoundList* out) {
  // Told by its text too (notices): one search per phrase before any line is split.
  if (!contains_bytes(msg.text, "Hi. This is the qmail") &&
      !contains_bytes(msg.text, "I'm afraid I wasn't able to deliver your message")) {
    return false;
  }
  // qmail-send's greeting, or (when a patch or control file rewrote the
  // greeting: qmail-ldap's, netqmail's and vpopmail hosts' custom bounce
  // texts) the sentence qmail-send.c writes after it.
  return formats::read_qmail_style(
      msg,
      [](std::string_view line) {
        return formats::starts(line, "Hi. This is the qmail") ||
               formats::starts(line,
                               "I'm afraid I wasn't able to deliver your message to the "
                               "following addresses.");
      },
      out);
}

namespace {

bool claims(const HeaderList& h) {
  if (h.get("Subject") == "failure notice") return true;
  // "(qmail 12345 invoked for bounce)" / "(qmail 12345 invoked from network)"
  return h.any_of("Received", [](std::string_view r) {
    const std::string_view rest = formats::after_qmail_pid(r);
    return formats::starts(rest, "invoked for bounce)") ||
           formats::starts(rest, "invoked from network)");
  });
}

}  // namespace

const Family qmail_family{"qmail", claims, scan_qmail, nullptr, false, true};

}  // namespace smtp_explain
