// Ipswitch IMail Server bounces, ported from Sisimai::Lhost::IMailServer
// (BSD 2-clause, third_party/sisimai/LICENSE): Subject "Undeliverable Mail"
// or X-Mailer "<SMTP32 v...>"; lines "Unknown user: a@b" /
// "undeliverable to a@b" per recipient, the remote reply after
// "Body of message generated response:", the original after
// "Original message follows.". The module's phrase tables give the SMTP
// command and the reason.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

struct PhraseCommand {
  std::string_view phrase;
  std::string_view command;
};

constexpr PhraseCommand kCommands[] = {
    {"SMTP connection failed,", "CONN"},
    {"Unexpected connection response from server:", "CONN"},
    {"Unexpected response to EHLO/HELO:", "EHLO"},
    {"Server response to MAIL FROM:", "MAIL"},
    {"Additional RCPT TO generated following response:", "RCPT"},
    {"DATA command generated response:", "DATA"},
};

// The module's $refailures: all but "Unknown host" anchored at the start.
constexpr formats::PhraseReason kStarts[] = {
    {"Unknown user", Reason::kUserUnknown},
    {"Invalid final delivery userid", Reason::kUserUnknown},
    {"User mailbox exceeds allowed size", Reason::kMailboxFull},
    {"Requested action not taken: virus detected", Reason::kVirusDetected},
    {"undeliverable to", Reason::kUndefined},
    {"Delivery failed ", Reason::kExpired},  // "Delivery failed N attempts"
};

bool is_undeliverable_subject(std::string_view s) {
  if (!s.starts_with("Undeliverable Mail")) return false;
  return trim(s.substr(18)).empty();
}

std::optional<Reason> reason_of(std::string_view diag) {
  if (formats::has(diag, "Unknown host")) return Reason::kHostUnknown;
  for (const auto& p : kStarts) {
    if (!diag.starts_with(p.phrase)) continue;
    if (p.reason == Reason::kExpired) {
      std::string_view rest = diag.substr(p.phrase.size());
      std::size_t n = 0;
      while (n < rest.size() && is_ascii_digit(rest[n])) ++n;
      if (n == 0 || !rest.substr(n).starts_with(" attempts")) continue;
    }
    return p.reason;
  }
  return std::nullopt;
}

}  // namespace

bool scan_imailserver(const Message& msg, FoundList* out) {
  const auto lines = split_lines(formats::text_before(msg, {"Original message follows."}));
  const std::size_t before = out->size();
  std::string alterrors;
  for (std::string_view e : lines) {
    if (e.empty()) continue;
    // "550 5.1.1 unknown or illegal alias: a@b" below "... generated following
    // response:" is the remote reply for the recipient above, not another one.
    if (e.size() > 4 && out->size() > before && is_ascii_digit(e[0]) && is_ascii_digit(e[1]) &&
        is_ascii_digit(e[2]) && (e[3] == ' ' || e[3] == '-')) {
      FoundRecipient& r = out->back();
      r.diagnostic += ' ';
      r.diagnostic += e;
      continue;
    }
    // "Unknown user: a@b": everything before the last ':' is the error.
    const std::size_t colon = e.rfind(':');
    const std::size_t space = e.find(' ');
    if (colon != std::string_view::npos && space != std::string_view::npos && space > 0 &&
        space < colon) {
      std::string_view rest = trim(e.substr(colon + 1));
      const std::size_t end = rest.find_first_of(" \t");
      std::string_view addr = rest.substr(0, end);
      if (formats::is_bare_address(addr) && !clean_address(addr).empty()) {
        FoundRecipient& r = formats::add_recipient(out, addr);
        r.diagnostic = std::string(e.substr(0, colon));
        continue;
      }
    }
    if (e.starts_with("undeliverable ")) {
      std::string_view rest = trim(e.substr(14));
      if (rest.starts_with("to ")) {
        std::string a = clean_address(trim(rest.substr(3)));
        if (!a.empty()) {
          formats::add_recipient(out, a).diagnostic = std::string(e);
          continue;
        }
      }
    }
    if (!alterrors.empty()) {
      alterrors += ' ';
      alterrors += e;
    } else if (formats::has(e, "Body of message generated response:")) {
      alterrors = std::string(e);
    }
  }
  for (std::size_t k = before; k < out->size(); ++k) {
    FoundRecipient& r = (*out)[k];
    std::string diag = formats::sweep(r.diagnostic);
    if (!alterrors.empty()) diag = formats::sweep(alterrors + " " + diag);
    r.smtp_command.clear();
    for (const PhraseCommand& c : kCommands) {
      if (formats::has(diag, c.phrase)) {
        r.smtp_command = std::string(c.command);
        break;
      }
    }
    r.reason_hint = reason_of(diag);
    r.diagnostic = std::move(diag);
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  return is_undeliverable_subject(h.get("Subject")) || h.get("X-Mailer").starts_with("<SMTP32 v");
}

}  // namespace

const Family imailserver_family{"IMailServer", claims, scan_imailserver};

}  // namespace smtp_explain
