// Mail.Ru bounces (Exim underneath), ported from Sisimai's Lhost::MailRu
// (BSD 2-clause, third_party/sisimai/LICENSE). Recognised by From
// mailer-daemon@...mail.ru, a Message-ID under .mail.ru or .smailru.net and an
// Exim-style Subject. A Russian preamble comes first; reading starts at
//   This message was created automatically by mail delivery software.
// then each indented address opens a recipient and the lines below it are its
// error, up to "------ This is a copy of the message, including all the
// headers. ------":
//     kijitora@example.jp
//       SMTP error from remote mail server after RCPT TO:<kijitora@example.jp>:
//       host mx.example.jp [192.0.2.222]: 550 5.1.1 <kijitora@example.jp>... User Unknown
// The failed command ("after RCPT TO", "after end of data") and a few Exim
// phrases name the reason; X-Failed-Recipients is the fallback for the
// recipients.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

// Sisimai's $messagesof (case-sensitive substrings).
constexpr formats::PhraseReason kReasons[] = {
    {"retry timeout exceeded", Reason::kExpired},
    {"No action is required on your part", Reason::kExpired},
    {"user not found", Reason::kUserUnknown},
    {"all host address lookups failed permanently", Reason::kHostUnknown},
    {"all relevant MX records point to non-existent hosts", Reason::kHostUnknown},
    {"Unrouteable address", Reason::kHostUnknown},
    {"mailbox is full", Reason::kMailboxFull},
    {"error: quota exceed", Reason::kMailboxFull},
    {"an MX or SRV record indicated no SMTP service", Reason::kNotAccept},
    {"no host found for existing SMTP connection", Reason::kNotAccept},
    {"delivery to file forbidden", Reason::kSystemError},
    {"delivery to pipe forbidden", Reason::kSystemError},
    {"local delivery failed", Reason::kSystemError},
    {"Too many \"Received\" headers ", Reason::kContentError},
};

bool is_mailru(const HeaderList& h) {
  const std::string from = to_lower(h.get("From"));
  const std::size_t md = from.find("mailer-daemon@");
  if (md == std::string::npos || from.find("mail.ru", md) == std::string::npos) return false;
  const std::string_view id = trim(h.get("Message-ID"));
  if (!id.ends_with(".mail.ru>") && !id.ends_with(".smailru.net>")) return false;
  const std::string_view s = h.get("Subject");
  for (std::string_view p : {"Mail delivery failed", "Delivery Status Notification", "Mail failure",
                             "Message frozen", "error(s) in forwarding or filtering"}) {
    if (s.find(p) != std::string_view::npos) return true;
  }
  // "Warning: message 1Xyz-000 delayed 24 hours"
  const std::size_t w = s.find("Warning: message ");
  return w != std::string_view::npos && s.find(" delayed ", w + 17) != std::string_view::npos;
}

// "  kijitora@example.jp": an indented line holding only an address whose
// domain ends in ".<letters>".
std::string_view indented_address(std::string_view line) {
  if (line.empty() || !is_space_or_tab(line.front())) return {};
  std::string_view a = line;
  while (!a.empty() && is_space_or_tab(a.front())) a.remove_prefix(1);
  if (a.empty() || a.find_first_of(" \t") != std::string_view::npos) return {};
  const std::size_t at = a.find('@');
  if (at == std::string_view::npos || at == 0) return {};
  const std::size_t dot = a.rfind('.');
  if (dot == std::string_view::npos || dot < at + 2 || dot + 1 >= a.size()) return {};
  for (char c : a.substr(dot + 1)) {
    if (!is_ascii_alpha(c)) return {};
  }
  return a;
}

// The command of "SMTP error from remote mail server after RCPT TO:..." or
// "... after end of data": four letters, upper case; empty if none.
std::string failed_command(std::string_view diagnosis) {
  for (std::string_view lead :
       {"SMTP error from remote mail server after ", "SMTP error from remote mailer after "}) {
    const std::size_t p = diagnosis.find(lead);
    if (p == std::string_view::npos) continue;
    std::string_view rest = diagnosis.substr(p + lead.size());
    if (rest.starts_with("end of ")) rest.remove_prefix(7);
    if (rest.size() < 4) continue;
    bool letters = true;
    for (char c : rest.substr(0, 4)) letters &= is_ascii_alpha(c);
    if (letters) return formats::upper(rest.substr(0, 4));
  }
  return {};
}

// "host mx.example.jp [192.0.2.222]: 550 ...": the host name.
std::string remote_host(std::string_view diagnosis) {
  std::size_t from = 0;
  while (true) {
    const std::size_t p = diagnosis.find("host ", from);
    if (p == std::string_view::npos) return {};
    from = p + 5;
    std::string_view rest = diagnosis.substr(from);
    while (!rest.empty() && is_space_or_tab(rest.front())) rest.remove_prefix(1);
    const std::size_t sp = rest.find_first_of(" \t");
    if (sp == 0 || sp == std::string_view::npos || sp + 1 >= rest.size() || rest[sp + 1] != '[') {
      continue;
    }
    const std::size_t close = rest.find("]:", sp);
    if (close == std::string_view::npos) continue;
    return std::string(rest.substr(0, sp));
  }
}

struct Entry {
  std::string address, diagnosis, alterrors;
};

}  // namespace

bool scan_mailru(const Message& msg, FoundList* out) {
  const std::string_view body = formats::cut_before_line(
      msg.text, "------ This is a copy of the message, including all the headers. ------", false);
  std::vector<Entry> entries(1);
  std::size_t recipients = 0;
  bool reading = false;
  for (std::string_view e : split_lines(body)) {
    if (!reading) {
      reading = e.starts_with("This message was created automatically by mail delivery software.");
      if (!reading) continue;
    }
    if (e.empty()) continue;
    if (std::string_view a = indented_address(e); !a.empty()) {
      if (!entries.back().address.empty()) entries.emplace_back();
      entries.back().address = std::string(a);
      ++recipients;
    } else if (entries.size() == recipients) {
      entries.back().diagnosis += e;
      entries.back().diagnosis += ' ';
    } else if (e.starts_with("    ")) {
      // An error line before any address (the address had no domain).
      entries.back().alterrors += e;
      entries.back().alterrors += ' ';
    }
  }
  if (recipients == 0) {
    // X-Failed-Recipients: kijitora@example.jp, neko@example.jp
    entries.clear();
    std::string_view list = msg.headers.get("X-Failed-Recipients");
    while (!list.empty()) {
      const std::size_t comma = list.find(',');
      std::string_view one = trim(list.substr(0, comma));
      if (!one.empty()) entries.push_back({std::string(one), {}, {}});
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
    }
    if (entries.empty()) return false;
  }
  const std::size_t before = out->size();
  for (Entry& e : entries) {
    if (!e.alterrors.empty()) {
      if (e.diagnosis.empty() || e.diagnosis.front() == '-' ||
          formats::sweep(e.diagnosis).ends_with("__")) {
        e.diagnosis = e.alterrors;
      }
    }
    std::string diagnosis = formats::sweep(e.diagnosis);
    // Exim's "__" rulers and what follows them are not the error.
    for (std::size_t p = diagnosis.find("__"); p != std::string::npos;
         p = diagnosis.find("__", p + 1)) {
      if (p == 0 || !(is_ascii_alpha(diagnosis[p - 1]) || is_ascii_digit(diagnosis[p - 1]))) {
        diagnosis = std::string(trim(std::string_view(diagnosis).substr(0, p)));
        break;
      }
    }
    FoundRecipient& r = formats::add_recipient(out, e.address);
    r.remote_mta = remote_host(diagnosis);
    r.smtp_command = failed_command(diagnosis);
    if (r.smtp_command == "MAIL") {
      r.reason_hint = Reason::kRejected;
    } else if (r.smtp_command == "HELO" || r.smtp_command == "EHLO") {
      r.reason_hint = Reason::kBlocked;
    } else {
      for (const formats::PhraseReason& p : kReasons) {
        if (diagnosis.find(p.phrase) != std::string::npos) {
          r.reason_hint = p.reason;
          break;
        }
      }
    }
    r.diagnostic = std::move(diagnosis);
  }
  return out->size() > before;
}

const Family mailru_family{"MailRu", is_mailru, scan_mailru};

}  // namespace smtp_explain
