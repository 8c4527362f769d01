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
#include "family_text.h"
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
  return out->size() > before;
}

const Family exchange2003_family{"Exchange2003", is_exchange, scan_exchange2003};

}  // namespace smtp_explain
