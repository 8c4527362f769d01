// Microsoft Exchange Server 2003 (and its Internet Mail Service) bounces,
// ported from Sisimai::Lhost::Exchange2003 (BSD 2-clause,
// third_party/sisimai/LICENSE). Headers: X-MS-Embedded-Report, X-Mailer
// "Internet Mail Service (" / "Microsoft Exchange Server Internet Mail
// Connector", X-MimeOLE "Produced By Microsoft Exchange", or a Received
// header " with Internet Mail Service (". Body:
//   Your message / To: / Subject: / Sent: / did not reach the following recipient(s):
//   a@b on <date>
//       <error text>
//       MSEXCH:IMS:...:(000C05A6)
//   Unknown Recipient
// The hexadecimal MSEXCH code names the reason.
//
// Extended for this project to the versions and languages the module does not
// read: Exchange 2000/2003 notices without the "Sent:" line or in German,
// French, Spanish, Italian, Dutch, Portuguese, Japanese, ... ("hat folgende
// Empfänger nicht erreicht:", "n'a pas pu être remis aux destinataires
// suivants :"), the recipient as "a@b am <date>", "Name <a@b> le <date>" or a
// bare address, and the "<server.example.com #5.1.1>" /
// "<server #5.0.0 smtp;550 5.1.1 User unknown>" status lines. A recipient
// named by display name only (5.5's "Name on <date>") has no address and is
// not reported. Claimed by an Exchange NDR Subject in any language or
// Exchange's header marks too (formats/exchange_text.h).
#include "exchange_text.h"
#include "family_text.h"
#include "phrase_set.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr formats::PhraseReason kErrorCodes[] = {
    {"000B099C", Reason::kOnHold},  // Host Unknown, Message exceeds size limit, ...
    {"000B09AA", Reason::kOnHold},  // Unable to relay for, Message exceeds size limit, ...
    {"000B09B6", Reason::kOnHold},  // Error messages by remote MTA
    {"000C05A6", Reason::kUserUnknown},
    {"00010256", Reason::kSystemError},   // Too many recipients.
    {"000D06B5", Reason::kSystemError},   // No proxy for recipient (non-smtp mail?)
    {"00120270", Reason::kNetworkError},  // Too Many Hops
    {"00050311", Reason::kContentError},  // Conversion to Internet format failed
    {"000502CC", Reason::kContentError},
    {"000B0981", Reason::kSecurityError},  // 502 Server does not support AUTH
    {"000C0595", Reason::kFiltered},       // Ambiguous Recipient
};

bool is_exchange(const HeaderList& h) {
  if (h.has("X-MS-Embedded-Report")) return true;
  if (formats::subject_is_exchange_ndr(h.get("Subject")) || formats::headers_show_exchange(h)) {
    return true;
  }
  const std::string_view mailer = h.get("X-Mailer");
  if (mailer.starts_with("Internet Mail Service (") ||
      mailer.starts_with("Microsoft Exchange Server Internet Mail Connector")) {
    return true;
  }
  if (h.get("X-MimeOLE").starts_with("Produced By Microsoft Exchange")) return true;
  return formats::received_contains(h, " with Internet Mail Service (");
}

// "a@b on Thu, ..." or "Name (SMTP=a@b) on ...": the address, else empty.
std::string_view recipient_of(std::string_view e) {
  const std::size_t on = e.find(" on");
  if (on == std::string_view::npos) return {};
  std::string_view head = trim(e.substr(0, on));
  if (formats::is_bare_address(head)) return head;
  for (std::string_view key : {"SMTP=", "smtp="}) {
    const std::size_t p = head.find(key);
    if (p == std::string_view::npos || p == 0) continue;
    std::string_view a = head.substr(p + key.size());
    while (!a.empty() && (a.back() == ')' || a.back() == ']')) a.remove_suffix(1);
    if (formats::is_bare_address(a)) return a;
  }
  return {};
}

// "MSEXCH:...(000C05A6) text": the 8-digit code in the last parentheses.
std::string_view msexch_code(std::string_view diag, std::string_view* after) {
  if (!diag.starts_with("MSEXCH:")) return {};
  for (std::size_t p = diag.rfind('('); p != std::string_view::npos && p > 0;
       p = diag.rfind('(', p - 1)) {
    if (p + 10 <= diag.size() && diag[p + 9] == ')') {
      std::string_view code = diag.substr(p + 1, 8);
      bool hex = true;
      for (char c : code) hex = hex && (is_ascii_digit(c) || (c >= 'A' && c <= 'F'));
      if (hex) {
        *after = trim(diag.substr(p + 10));
        return code;
      }
    }
  }
  return {};
}

// "did not reach the following recipient(s):" in Exchange 5.5-2003's
// languages (substrings, ASCII case ignored).
constexpr std::string_view kDidNotReach[] = {
    "did not reach the following recipient",
    "folgende Empf\xc3\xa4nger nicht erreicht",
    "hat folgende Empf\xc3\xa4nger nicht",
    "pas pu \xc3\xaatre remis aux destinataires suivants",
    "n'a pas atteint les destinataires suivants",
    "no lleg\xc3\xb3 a los siguientes destinatarios",
    "no ha llegado a los siguientes destinatarios",
    "non ha raggiunto i seguenti destinatari",
    "non \xc3\xa8 stato recapitato ai seguenti destinatari",
    "heeft de volgende ontvanger",
    "heeft de volgende geadresseerde",
    "n\xc3\xa3o chegou aos seguintes destinat\xc3\xa1rios",
    "n\xc3\xa3o atingiu os seguintes destinat\xc3\xa1rios",
    "n\xc3\xa3o alcan\xc3\xa7ou os seguintes destinat\xc3\xa1rios",
    "n\xc3\xa5"
    "dde inte f\xc3\xb6ljande mottagare",
    "n\xc3\xa5"
    "ede ikke frem til f\xc3\xb8lgende modtager",
    "nie dotar\xc5\x82"
    "a do nast\xc4\x99puj\xc4\x85"
    "cych adresat\xc3\xb3w",
    // 次の受信者に届きませんでした / 受信者に届きませんでした
    "\xe5\x8f\x97\xe4\xbf\xa1\xe8\x80\x85\xe3\x81\xab\xe5\xb1\x8a\xe3\x81\x8d\xe3\x81\xbe"
    "\xe3\x81\x9b\xe3\x82\x93\xe3\x81\xa7\xe3\x81\x97\xe3\x81\x9f",
};

// Lines that end the notice: the returned original, inline or as a part.
bool ends_notice(std::string_view t) {
  return istarts_with(t, "Content-Type:") || t.starts_with("-----") ||
         istarts_with(t, "Original message") || istarts_with(t, "Received:");
}

// "<server.example.com #5.1.1>" / "<server #5.0.0 smtp;550 5.1.1 ...>": the
// status after '#', else empty.
std::string_view hash_status(std::string_view line) {
  const std::size_t hash = line.find(" #");
  if (hash == std::string_view::npos || line.find('<') == std::string_view::npos) return {};
  std::string_view rest = line.substr(hash + 2);
  std::size_t n = 0;
  int dots = 0;
  while (n < rest.size() && (is_ascii_digit(rest[n]) || rest[n] == '.')) {
    dots += rest[n] == '.' ? 1 : 0;
    ++n;
  }
  if (dots != 2 || n < 5 || (rest[0] != '4' && rest[0] != '5')) return {};
  return rest.substr(0, n);
}

// Exchange 2000/2003 notices in any language, and those without the
// "To:/Subject:/Sent:" block the module waits for.
bool scan_localised(const Message& msg, FoundList* out) {
  static const PhraseSet kIntro(kDidNotReach);  // one pass per line
  if (!kIntro.any_in(msg.error_text)) return false;
  const auto lines = split_lines(msg.error_text);
  std::size_t i = 0;
  for (; i < lines.size(); ++i) {
    if (kIntro.any_in(lines[i])) break;
  }
  const std::size_t before = out->size();
  bool current = false;  // the last recipient line named an address
  for (++i; i < lines.size(); ++i) {
    const std::string_view e = lines[i];
    const std::string_view t = trim(e);
    if (t.empty()) continue;
    if (ends_notice(t)) break;
    if (!is_space_or_tab(e[0])) {
      // "a@b on <date>", "Name <a@b> am <date>", "Name (SMTP=a@b) le ...", or a
      // display name alone (no address: nothing to report).
      current = false;
      std::string_view a = first_address(t);
      if (!a.empty() && t.substr(0, static_cast<std::size_t>(a.data() - t.data())).find(':') ==
                            std::string_view::npos) {
        formats::add_recipient(out, a);
        current = true;
      }
      continue;
    }
    if (!current) continue;
    FoundRecipient& r = out->back();
    if (std::string_view st = hash_status(t); !st.empty() && r.status.empty()) {
      // "<host #5.0.0 smtp;550 5.1.1 User unknown>": the remote's reply is
      // the more precise.
      const std::size_t smtp = ifind(t, "smtp;");
      const std::string_view remote = smtp == std::string_view::npos ? "" : t.substr(smtp + 5);
      r.status = formats::status_in(remote);
      r.reply_code = formats::find_reply(remote);
      if (r.status.empty()) r.status = std::string(st);
    }
    if (r.diagnostic.size() < 2000) {
      if (!r.diagnostic.empty()) r.diagnostic += ' ';
      r.diagnostic += t;
    }
  }
  for (std::size_t k = before; k < out->size(); ++k) {
    FoundRecipient& r = (*out)[k];
    std::string_view after;
    const std::size_t m = r.diagnostic.find("MSEXCH:");
    const std::string_view code =
        m == std::string::npos ? "" : msexch_code(std::string_view(r.diagnostic).substr(m), &after);
    for (const auto& c : kErrorCodes) {
      if (!code.empty() && c.phrase == code) r.reason_hint = c.reason;
    }
    if (!r.reason_hint) r.reason_hint = formats::exchange_sentence_reason(r.diagnostic);
  }
  return out->size() > before;
}

}  // namespace

bool scan_exchange2003(const Message& msg, FoundList* out) {
  const auto lines = split_lines(formats::text_before(msg, {"Content-Type: message/rfc822"}));
  std::size_t i = formats::find_line(lines, "Your message");
  const std::size_t before = out->size();
  struct Record {
    std::string address, diagnosis, alterrors;
    bool msexch = false;
  };
  std::vector<Record> recs(1);
  bool to = false, subject = false, date = false;
  for (++i; i < lines.size(); ++i) {
    std::string_view e = lines[i];
    if (e.empty()) continue;
    if (!(to && subject && date)) {
      if (!is_space_or_tab(e[0])) continue;
      std::string_view t = trim(e);
      if (t.starts_with("To:")) to = true;
      if (t.starts_with("Subject:")) subject = true;
      if (t.starts_with("Sent:")) date = true;
      continue;
    }
    Record& v = recs.back();
    if (std::string_view a = recipient_of(e); !a.empty()) {
      if (!v.address.empty()) recs.emplace_back();
      recs.back().address = std::string(a);
      continue;
    }
    std::string_view t = trim(e);
    if (is_space_or_tab(e[0]) && t.starts_with("MSEXCH:")) {
      v.diagnosis += t;
    } else if (v.msexch) {
      continue;
    } else if (v.diagnosis.starts_with("MSEXCH:")) {
      v.msexch = true;
      v.diagnosis += ' ';
      v.diagnosis += e;
      break;  // the status part ends the error text
    } else {
      v.alterrors += ' ';
      v.alterrors += e;
    }
  }
  for (Record& v : recs) {
    if (v.address.empty()) continue;
    FoundRecipient& r = formats::add_recipient(out, v.address);
    std::string diag = formats::sweep(v.diagnosis);
    std::string_view message;
    std::string_view code = msexch_code(diag, &message);
    std::optional<Reason> reason;
    if (!code.empty()) {
      for (const auto& c : kErrorCodes) {
        if (c.phrase == code) reason = c.reason;
      }
    }
    if (reason) {
      r.reason_hint = reason;
      r.diagnostic = std::string(message);
    } else {
      r.diagnostic = formats::sweep(v.alterrors + " " + diag);
    }
  }
  if (out->size() > before) return true;
  if (scan_localised(msg, out)) return true;
  // The Windows SMTP service's notice, as text.
  for (formats::ExchangeEntry& v : formats::read_smtpsvc_notice(msg.error_text)) {
    FoundRecipient& r = formats::add_recipient(out, v.address);
    r.diagnostic = std::move(v.diagnosis);
    if (v.delayed) r.action = "delayed";
  }
  return out->size() > before;
}

const Family exchange2003_family{"Exchange2003", is_exchange, scan_exchange2003};

}  // namespace smtp_explain
