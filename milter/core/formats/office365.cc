// Microsoft Office 365 / Exchange Online NDRs, ported from Sisimai's
// Lhost::Office365 (BSD 2-clause, third_party/sisimai/LICENSE). Recognised by
// at least two of: Subject "Undeliverable:", the X-MS-Exchange-* /
// X-Microsoft-Antispam / X-Exchange-Antispam headers Office 365 stamps, a
// Received or Message-ID host under outbound.protection.outlook.com or
// prod.outlook.com. The text part reads:
//   Delivery has failed to these recipients or groups:
//   kijitora@example.com<mailto:kijitora@example.com>
//   ...
//   Diagnostic information for administrators:
//   kijitora@example.com
//   Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; ...'
//   Original message headers:
// (or "Original Message Details ... Recipient Address: x@y ... Error Details").
// The administrators' section is the diagnosis; its status names the reason
// through Office 365's own table, and "unknown recipient or mailbox unavailable
// -> <address>" means the RCPT command failed. Works as a scanner (text only)
// and as a refiner of the DSN part.
//
// Extended for this project: the 2016+ NDR ("Your message to a@b couldn't be
// delivered.") and the NDRs of the other languages Microsoft 365 writes
// (German, French, Spanish, Japanese, ...) through the Exchange text reader
// (formats/exchange_text.h), with delay notices.
#include <array>

#include "exchange_text.h"
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

bool is_outlook_host(std::string_view text) {
  for (std::string_view h : {".outbound.protection.outlook.com", ".prod.outlook.com"}) {
    const std::size_t p = text.find(h);
    if (p != std::string_view::npos && p > 0) return true;
  }
  return false;
}

bool is_office365(const HeaderList& h) {
  int match = 0;
  if (h.get("Subject").find("Undeliverable:") != std::string_view::npos) ++match;
  static constexpr HeaderKey kMicrosoftFields[] = {
      "X-MS-Exchange-Message-Is-Ndr",
      "X-Microsoft-Antispam-PRVS",
      "X-Exchange-Antispam-Report-Test",
      "X-Exchange-Antispam-Report-CFA-Test",
      "X-MS-Exchange-CrossTenant-OriginalArrivalTime",
      "X-MS-Exchange-CrossTenant-FromEntityHeader",
      "X-MS-Exchange-Transport-CrossTenantHeadersStamped",
  };
  for (const HeaderKey& name : kMicrosoftFields) {
    if (!h.get(name).empty()) ++match;
  }
  if (formats::received_contains(h, ".outbound.protection.outlook.com") ||
      formats::received_contains(h, ".prod.outlook.com")) {
    ++match;
  }
  if (is_outlook_host(h.get("Message-ID"))) ++match;
  return match >= 2;
}

// The digits of a status "c.s.d" as numbers, false if it is not one.
bool split_status(std::string_view s, int* cls, int* subject, int* detail) {
  int parts[3] = {0, 0, 0};
  int n = 0;
  std::size_t digits = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      if (++digits > 3) return false;
      parts[n] = parts[n] * 10 + (c - '0');
    } else if (c == '.' && digits > 0 && n < 2) {
      ++n;
      digits = 0;
    } else {
      return false;
    }
  }
  if (n != 2 || digits == 0) return false;
  *cls = parts[0];
  *subject = parts[1];
  *detail = parts[2];
  return true;
}

// Office 365's status table (Sisimai's $statuslist, from Microsoft's "Email
// non-delivery reports in Office 365").
std::optional<Reason> reason_for_office365_status(std::string_view status) {
  int c = 0, s = 0, d = 0;
  if (!split_status(status, &c, &s, &d)) return std::nullopt;
  if (c == 4) {
    if (s == 4 && (d == 7 || d == 316)) return Reason::kExpired;
    if (s == 4 && d == 312) return Reason::kNetworkError;
    if (s == 7 && d == 26) return Reason::kSecurityError;
    if (s == 7 && d >= 500 && d <= 699) return Reason::kBlocked;
    if (s == 7 && d >= 850 && d <= 899) return Reason::kBlocked;
    return std::nullopt;
  }
  if (c != 5) return std::nullopt;
  switch (s) {
    case 0:
      return d == 350 ? std::optional<Reason>(Reason::kContentError) : std::nullopt;
    case 1:
      return d == 10 ? std::optional<Reason>(Reason::kUserUnknown) : std::nullopt;
    case 4:
      if (d == 1) return Reason::kNoRelaying;
      if (d == 6 || d == 312) return Reason::kNetworkError;
      if (d == 316) return Reason::kExpired;
      return std::nullopt;
    case 6:
      return d == 11 ? std::optional<Reason>(Reason::kContentError) : std::nullopt;
    case 7:
      if (d == 1 || d == 12 || d == 13 || d == 124 || (d >= 133 && d <= 136) || d == 511) {
        return Reason::kRejected;
      }
      if (d == 23 || d == 506 || d == 507 || (d >= 606 && d <= 609) || (d >= 610 && d <= 649)) {
        return Reason::kBlocked;
      }
      if (d == 25) return Reason::kNetworkError;
      if (d >= 501 && d <= 503) return Reason::kSpamDetected;
      if (d == 504 || d == 505) return Reason::kFiltered;
      if (d == 508 || (d >= 700 && d <= 749)) return Reason::kTooManyConn;
      if (d == 509 || d == 512 || d == 57) return Reason::kSecurityError;
      if (d == 510) return Reason::kNotAccept;
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

// "unknown recipient or mailbox unavailable -> ...x@y.tld": the RCPT command.
bool says_rcpt_failed(std::string_view diagnosis) {
  constexpr std::string_view kPhrase = "unknown recipient or mailbox unavailable ->";
  const std::size_t p = diagnosis.find(kPhrase);
  if (p == std::string_view::npos) return false;
  const std::string_view rest = diagnosis.substr(p + kPhrase.size());
  const std::size_t at = rest.find('@', 1);
  if (at == std::string_view::npos) return false;
  const std::size_t dot = rest.find('.', at + 2);
  return dot != std::string_view::npos && dot + 1 < rest.size() &&
         ((rest[dot + 1] >= 'a' && rest[dot + 1] <= 'z') ||
          (rest[dot + 1] >= 'A' && rest[dot + 1] <= 'Z'));
}

bool starts_any(std::string_view line, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes) {
    if (formats::starts(line, p)) return true;
  }
  return false;
}

// "kijitora@example.com<mailto:kijitora@example.com>" -> the mailto address.
std::string_view mailto_recipient(std::string_view line) {
  if (line.empty() || line.back() != '>') return {};
  const std::size_t m = line.rfind("<mailto:");
  if (m == std::string_view::npos || m == 0) return {};
  const std::string_view head = line.substr(0, m);
  const std::string_view addr = line.substr(m + 8, line.size() - m - 9);
  const std::size_t at = head.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= head.size()) return {};
  const std::size_t aat = addr.find('@');
  if (aat == std::string_view::npos || aat == 0 || aat + 1 >= addr.size()) return {};
  return addr;
}

struct Entry {
  FoundRecipient r;
  std::string diagnosis;
};

// Reads the text part the way Sisimai's module does. The administrators'
// section names each recipient on a line of its own before its reply; such a
// line moves the diagnosis to that recipient (Sisimai appends every reply to
// the last recipient).
std::vector<Entry> read_text(const Message& msg) {
  std::vector<Entry> out;
  bool reading = false;
  bool end_of_error = false;
  Entry* current = nullptr;
  for (std::string_view e : split_lines(msg.error_text)) {
    if (!reading) {
      reading = starts_any(e, {"Delivery has failed to these recipients or groups:",
                               "Original Message Details"}) ||
                e.find(" rejected your message to the following email addresses:") !=
                    std::string_view::npos ||
                e.find(" rejected your message to the following e-mail addresses:") !=
                    std::string_view::npos;
      continue;
    }
    if (e.empty()) continue;
    std::string_view addr = mailto_recipient(e);
    if (addr.empty() && formats::starts(e, "Recipient Address:")) {
      addr = trim(e.substr(18));
    }
    if (!addr.empty()) {
      out.push_back({formats::recipient_at(addr), {}});
      current = &out.back();
      continue;
    }
    if (current == nullptr) continue;
    if (formats::starts(e, "Generating server: ")) continue;
    if (end_of_error) {
      // After "Original message headers:": DSN fields, if the NDR has them.
      const std::size_t colon = e.find(':');
      if (colon == std::string_view::npos) continue;
      const std::string_view name = e.substr(0, colon);
      const std::string_view value = trim(e.substr(colon + 1));
      if (iequals(name, "Status")) {
        current->r.status = std::string(value.substr(0, value.find_first_of(" \t(")));
      } else if (iequals(name, "Action")) {
        current->r.action = to_lower(value);
      } else if (iequals(name, "Remote-MTA")) {
        const std::size_t semi = value.find(';');
        current->r.remote_mta =
            std::string(trim(semi == std::string_view::npos ? value : value.substr(semi + 1)));
      }
      continue;
    }
    if (starts_any(e, {"Diagnostic information for administrators:", "Error Details"})) {
      current->diagnosis = std::string(e);
      continue;
    }
    if (current->diagnosis.empty()) continue;
    if (starts_any(e, {"Original message headers", "Original Message Headers", "Message Hops"})) {
      end_of_error = true;
      continue;
    }
    // A recipient named alone in the administrators' section owns what follows.
    if (e.find(' ') == std::string_view::npos && e.find('@') != std::string_view::npos) {
      const std::string named = clean_address(e);
      for (Entry& other : out) {
        if (&other == current || named.empty() || clean_address(other.r.address) != named) {
          continue;
        }
        if (other.diagnosis.empty()) other.diagnosis = current->diagnosis;
        current = &other;
        break;
      }
    }
    current->diagnosis += ' ';
    current->diagnosis += e;
  }
  if (out.empty()) {
    for (formats::ExchangeEntry& v : formats::read_exchange_ndr(msg.error_text)) {
      Entry e{formats::recipient_at(v.address), std::move(v.diagnosis)};
      if (v.delayed) e.r.action = "delayed";
      e.r.reason_hint = formats::exchange_sentence_reason(e.diagnosis);
      out.push_back(std::move(e));
    }
  }
  for (Entry& v : out) {
    v.diagnosis = formats::sweep(v.diagnosis);
    if (v.r.status.empty() || v.r.status.ends_with(".0.0")) {
      std::string st = formats::status_in(v.diagnosis);
      if (!st.empty()) v.r.status = std::move(st);
    }
    if (says_rcpt_failed(v.diagnosis)) v.r.smtp_command = "RCPT";
    if (std::optional<Reason> by_status = reason_for_office365_status(v.r.status)) {
      v.r.reason_hint = by_status;
    }
    v.r.diagnostic = v.diagnosis;
  }
  return out;
}

}  // namespace

bool scan_office365(const Message& msg, FoundList* out) {
  const std::size_t before = out->size();
  for (Entry& v : read_text(msg)) out->push_back(std::move(v.r));
  return out->size() > before;
}

void refine_office365(const Message& msg, FoundList* found) {
  const std::vector<Entry> text = read_text(msg);
  for (FoundRecipient& r : *found) {
    const std::string a = clean_address(r.address);
    const Entry* match = nullptr;
    for (const Entry& v : text) {
      if (clean_address(v.r.address) == a) match = &v;
    }
    if (match == nullptr && text.size() == 1 && found->size() == 1) match = &text.front();
    if (match != nullptr && r.diagnostic.empty()) r.diagnostic = match->diagnosis;
    if (r.smtp_command.empty() &&
        (says_rcpt_failed(r.diagnostic) || (match != nullptr && !match->r.smtp_command.empty()))) {
      r.smtp_command = "RCPT";
    }
    if (r.status.empty() || r.status.ends_with(".0.0")) {
      std::string st = formats::status_in(r.diagnostic);
      if (st.empty() && match != nullptr) st = match->r.status;
      if (!st.empty()) r.status = std::move(st);
    }
    if (!r.reason_hint) r.reason_hint = reason_for_office365_status(r.status);
  }
}

const Family office365_family{"Office365", is_office365, scan_office365, refine_office365};

}  // namespace smtp_explain
