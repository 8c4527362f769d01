// Oracle (Sun) Communications Messaging Server bounces (Content-Type boundary
// "Boundary_(ID_...", Subject "Delivery Notification: ..."), ported from
// Sisimai's Lhost::MessagingServer (BSD 2-clause, third_party/sisimai/LICENSE):
//   This report relates to a message you sent with the following header fields:
//   ...
//     Recipient address: kijitora@example.jp
//     Reason: Remote SMTP server has rejected address
//     Diagnostic code: smtp;550 5.1.1 <kijitora@example.jp>... User Unknown
//     Remote system: dns;mx.example.jp (TCP|...|25) (...)
// Also a refiner: its DSN fields say "Status: 5.0.0" while the text part has
// the remote server's real reply per recipient.
#include "family_text.h"
#include "text_search.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr formats::PhraseReason kReasons[] = {
    {"Illegal host/domain name found", Reason::kHostUnknown},
};

// The value after "<blanks>Name:" on an indented line, or npos-empty.
bool field(std::string_view line, std::string_view name, std::string_view* value) {
  if (line.empty() || !is_space_or_tab(line.front())) return false;
  std::string_view t = trim(line);
  if (!formats::starts(t, name)) return false;
  *value = trim(t.substr(name.size()));
  return true;
}

constexpr std::string_view kStart =
    "This report relates to a message you sent with the following header fields:";

void read_text(const Message& msg, FoundList* out) {
  if (!contains_bytes(msg.error_text, kStart)) return;  // before splitting lines
  bool reading = false;
  const std::size_t before = out->size();
  for (std::string_view line : split_lines(msg.error_text)) {
    if (!reading) {
      reading = formats::starts(line, kStart);
      continue;
    }
    if (line.empty()) continue;
    std::string_view v;
    if (field(line, "Recipient address:", &v)) {
      if (v.find('@') != std::string_view::npos) out->push_back(formats::recipient_at(v));
      continue;
    }
    if (out->size() == before) continue;
    FoundRecipient& r = out->back();
    if (field(line, "Original address:", &v)) {
      if (v.find('@') != std::string_view::npos) r.address = std::string(v);
    } else if (field(line, "Reason:", &v)) {
      r.diagnostic = std::string(v);
    } else if (field(line, "Diagnostic code:", &v)) {
      std::size_t semi = v.find(';');
      if (semi != std::string_view::npos) r.diagnostic = std::string(trim(v.substr(semi + 1)));
    } else if (field(line, "Remote system:", &v)) {
      if (formats::starts(v, "dns;")) {
        std::string_view host = v.substr(4);
        r.remote_mta = std::string(host.substr(0, host.find_first_of(" \t")));
      }
    } else if (formats::starts(line, "Status:")) {
      // "Status: 5.0.0 (Remote SMTP server has rejected address)"
      std::string_view s = trim(line.substr(7));
      std::size_t open = s.find('(');
      r.status = std::string(trim(s.substr(0, open)));
      if (r.diagnostic.empty() && open != std::string_view::npos && s.back() == ')') {
        r.diagnostic = std::string(s.substr(open + 1, s.size() - open - 2));
      }
    }
  }
  for (std::size_t i = before; i < out->size(); ++i) {
    FoundRecipient& r = (*out)[i];
    r.diagnostic = formats::sweep(r.diagnostic);
    r.reason_hint = formats::reason_for_phrases(r.diagnostic, kReasons, formats::Case::kIgnore);
  }
}

}  // namespace

bool scan_messagingserver(const Message& msg, FoundList* out) {
  const std::size_t before = out->size();
  read_text(msg, out);
  return out->size() > before;
}

void refine_messagingserver(const Message& msg, FoundList* found) {
  FoundList text;
  read_text(msg, &text);
  for (FoundRecipient& r : *found) {
    const std::string a = clean_address(r.address);
    for (const FoundRecipient& t : text) {
      if (clean_address(t.address) != a) continue;
      if (!t.diagnostic.empty() && t.diagnostic.size() > r.diagnostic.size()) {
        r.diagnostic = t.diagnostic;
      }
      // "mx.example.jp (TCP|192.0.2.1|47323|192.0.2.2|25)": the host only.
      if (std::size_t sp = r.remote_mta.find_first_of(" \t("); sp != std::string::npos) {
        r.remote_mta.erase(sp);
      }
      if (r.remote_mta.empty()) r.remote_mta = t.remote_mta;
      if (!r.reason_hint) r.reason_hint = t.reason_hint;
    }
  }
}

namespace {

bool claims(const HeaderList& h) {
  return h.get("Content-Type").find("Boundary_(ID_") != std::string_view::npos ||
         h.get("Subject").starts_with("Delivery Notification: ");
}

}  // namespace

const Family messagingserver_family{"MessagingServer",      claims, scan_messagingserver,
                                    refine_messagingserver, false,  true};

}  // namespace smtp_explain
