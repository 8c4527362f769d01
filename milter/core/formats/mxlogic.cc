// MX Logic (McAfee SaaS) bounces, Exim-like, ported from Sisimai's
// Lhost::MXLogic (BSD 2-clause, third_party/sisimai/LICENSE). Recognised by
// X-MX-Bounce / X-MXL-Hash / X-MXL-NoteHash, a "Mail Delivery System" sender,
// or an Exim-style subject:
//   This message was created automatically by mail delivery software.
//   ...
//     <kijitora@example.co.jp>: 550 5.1.1 <kijitora@example.co.jp>... User Unknown
//   Included is a copy of the message header:
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

bool subject_matches(std::string_view s) {
  if (s.find("Mail delivery failed") != std::string_view::npos) return true;
  if (s.find("Delivery Status Notification") != std::string_view::npos) return true;
  std::size_t p = s.find("Warning: message ");
  return p != std::string_view::npos && s.find(" delayed ", p + 17) != std::string_view::npos;
}

// "SMTP error from remote mail server after RCPT TO:..." / "... after end of data"
std::string exim_command(std::string_view diag) {
  for (std::string_view lead :
       {"SMTP error from remote mail server after ", "SMTP error from remote mailer after "}) {
    std::size_t p = diag.find(lead);
    if (p == std::string_view::npos) continue;
    std::string_view rest = diag.substr(p + lead.size());
    if (formats::starts(rest, "end of ")) rest.remove_prefix(7);
    std::string_view word = rest.substr(0, 4);
    bool alpha = word.size() == 4;
    for (char c : word) alpha &= is_ascii_alpha(c);
    if (alpha) return formats::upper(word);
  }
  return {};
}

// "host mx.example.jp [192.0.2.1]: ..." -> the host name.
std::string exim_rhost(std::string_view diag) {
  for (std::size_t p = diag.find("host "); p != std::string_view::npos;
       p = diag.find("host ", p + 1)) {
    std::string_view rest = trim(diag.substr(p + 5));
    std::size_t sp = rest.find_first_of(" \t");
    if (sp == std::string_view::npos) continue;
    std::string_view after = trim(rest.substr(sp));
    std::size_t close = after.find("]:");
    if (!after.empty() && after.front() == '[' && close != std::string_view::npos) {
      return std::string(rest.substr(0, sp));
    }
  }
  return {};
}

}  // namespace

bool scan_mxlogic(const Message& msg, FoundList* out) {
  const std::string_view error =
      formats::cut_before_line(msg.text, "Included is a copy of the message header:", false);
  const std::size_t before = out->size();
  bool reading = false;
  for (std::string_view line : split_lines(error)) {
    if (!reading) {
      reading = formats::starts(
          line, "This message was created automatically by mail delivery software.");
      continue;
    }
    if (line.empty()) continue;
    std::string_view t = trim(line);
    if (t.size() > 4 && t.front() == '<') {
      std::size_t gt = t.find(">:");
      if (gt != std::string_view::npos && gt + 2 < t.size()) {
        std::string_view a = t.substr(1, gt - 1);
        if (a.find('@') != std::string_view::npos && a.find(' ') == std::string_view::npos) {
          FoundRecipient r = formats::recipient_at(a);
          r.diagnostic = std::string(t.substr(gt + 2));
          out->push_back(std::move(r));
          continue;
        }
      }
    }
    if (out->size() == before) continue;
    out->back().diagnostic += ' ';
    out->back().diagnostic += line;
  }
  for (std::size_t i = before; i < out->size(); ++i) {
    FoundRecipient& r = (*out)[i];
    if (std::size_t dashes = r.diagnostic.find("--"); dashes != std::string::npos) {
      r.diagnostic.erase(dashes);
    }
    r.diagnostic = formats::sweep(r.diagnostic);
    r.remote_mta = exim_rhost(r.diagnostic);
    r.smtp_command = exim_command(r.diagnostic);
    if (r.smtp_command == "MAIL") {
      r.reason_hint = Reason::kRejected;
    } else if (r.smtp_command == "HELO" || r.smtp_command == "EHLO") {
      r.reason_hint = Reason::kBlocked;
    } else {
      r.reason_hint = formats::reason_for_phrases(r.diagnostic, formats::exim_messages(),
                                                  formats::Case::kIgnore);
      if (!r.reason_hint) {
        for (std::string_view d : formats::exim_delayed()) {
          if (r.diagnostic.find(d) != std::string::npos) r.reason_hint = Reason::kExpired;
        }
      }
    }
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  return h.has("X-MX-Bounce") || h.has("X-MXL-Hash") || h.has("X-MXL-NoteHash") ||
         h.get("From").starts_with("Mail Delivery System") || subject_matches(h.get("Subject"));
}

}  // namespace

const Family mxlogic_family{"MXLogic", claims, scan_mxlogic};

}  // namespace smtp_explain
