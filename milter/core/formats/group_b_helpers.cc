// Helpers for the group-b family scanners, see group_b_helpers.h.
#include "group_b_helpers.h"

#include "code_scan.h"
#include "reason.h"
#include "text_util.h"

namespace smtp_explain::group_b {

std::optional<Reason> reason_from_phrases(std::string_view text,
                                          std::span<const ReasonPhrase> table) {
  for (const ReasonPhrase& p : table) {
    if (icontains(text, p.phrase)) return p.reason;
  }
  return std::nullopt;
}

bool received_contains(const Message& msg, std::string_view needle) {
  for (std::string_view r : msg.headers.all("Received")) {
    if (icontains(r, needle)) return true;
  }
  return false;
}

std::string flat_body(const Message& msg) {
  bool any = false;
  for (const MimePart& p : msg.parts) any |= p.role == PartRole::kDeliveryStatus;
  if (!any) return std::string(msg.text);
  std::string out;
  for (const MimePart& p : msg.parts) {
    if (p.role != PartRole::kText && p.role != PartRole::kDeliveryStatus) continue;
    if (!out.empty()) out += "\n\n";
    out += p.body;
  }
  return out;
}

std::string_view cut_before_line(std::string_view text, std::string_view marker,
                                 bool allow_indent) {
  std::size_t from = 0;
  while (true) {
    std::size_t p = text.find(marker, from);
    if (p == std::string_view::npos) return text;
    std::size_t q = p;
    if (allow_indent) {
      while (q > 0 && is_space_or_tab(text[q - 1])) --q;
    }
    if (q == 0 || text[q - 1] == '\n') return text.substr(0, q);
    from = p + 1;
  }
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

FoundRecipient recipient_at(std::string_view address) {
  FoundRecipient r;
  r.address = std::string(address);
  return r;
}

std::string status_in(std::string_view text) {
  return scan_codes(text).status;
}

std::vector<std::string_view> original_parts_of_type(const Message& msg, std::string_view type) {
  std::vector<std::string_view> out;
  for (const MimePart& p : msg.parts) {
    if (p.role == PartRole::kOriginal && p.content_type == type) out.push_back(p.body);
  }
  return out;
}

}  // namespace smtp_explain::group_b

namespace smtp_explain::group_b {

std::vector<DiagnosticType> diagnostic_types(const Message& msg) {
  std::vector<DiagnosticType> out;
  for (std::string_view part : msg.delivery_status) {
    std::string address;
    for (std::string_view line : split_lines(part)) {
      if (istarts_with(line, "Final-Recipient:")) {
        address = clean_address(line.substr(16));
      } else if (istarts_with(line, "Diagnostic-Code:")) {
        std::string_view v = trim(line.substr(16));
        std::size_t semi = v.find(';');
        if (semi == std::string_view::npos || semi > 16) continue;
        out.push_back({address, to_lower(trim(v.substr(0, semi)))});
      }
    }
  }
  return out;
}

void hint_local_delivery_errors(const Message& msg, std::vector<FoundRecipient>* found) {
  const std::vector<DiagnosticType> types = diagnostic_types(msg);
  for (FoundRecipient& r : *found) {
    if (r.reason_hint) continue;
    const std::string a = clean_address(r.address);
    bool local = false;
    for (const DiagnosticType& t : types) local |= t.address == a && t.type == "x-unix";
    if (!local) continue;
    // Sisimai reads a non-SMTP diagnostic with its second-pass phrases only
    // ("Disk quota exceeded" is still mailboxfull); what they leave vague is
    // the local mailer's error.
    const std::string typed = "x-unix; " + r.diagnostic;
    ReasonInput in;
    in.status = r.status;
    in.diagnostic = typed;
    in.action = r.action;
    Reason reason = classify_reason(in);
    if (reason == Reason::kUserUnknown || reason == Reason::kOnHold ||
        reason == Reason::kUndefined || reason == Reason::kHostUnknown ||
        reason == Reason::kExpired) {
      reason = Reason::kMailerError;
    }
    r.reason_hint = reason;
  }
}

}  // namespace smtp_explain::group_b
