// Text helpers shared by the format families (see family_text.h). Parts are
// ports of Sisimai's Lhost plumbing (BSD 2-clause, third_party/sisimai/LICENSE).
#include "family_text.h"

#include <algorithm>

#include "code_scan.h"
#include "reason.h"
#include "smtp_explain/codes.h"
#include "text_search.h"
#include "text_util.h"

namespace smtp_explain::formats {

std::optional<Reason> reason_for_phrases(std::string_view text, std::span<const PhraseReason> table,
                                         Case match) {
  for (const PhraseReason& p : table) {
    if (p.phrase.empty()) continue;
    const bool found = match == Case::kIgnore ? icontains(text, p.phrase) : has(text, p.phrase);
    if (found) return p.reason;
  }
  return std::nullopt;
}

bool received_contains(const HeaderList& headers, std::string_view needle) {
  // Needles are short literals; the fields were lower-cased once per message.
  char lowered[128];
  if (needle.size() > sizeof lowered) {
    return headers.any_of("Received", [&](std::string_view v) { return icontains(v, needle); });
  }
  for (std::size_t i = 0; i < needle.size(); ++i) lowered[i] = ascii_lower(needle[i]);
  return contains_bytes(headers.received_lower(), std::string_view(lowered, needle.size()));
}

std::string_view after_qmail_pid(std::string_view received) {
  if (!received.starts_with("(qmail ")) return {};
  std::size_t p = 7;
  while (p < received.size() && is_ascii_digit(received[p])) ++p;
  if (p == 7) return {};
  return trim(received.substr(p));
}

std::string_view text_before(const Message& msg, std::initializer_list<std::string_view> prefixes) {
  const std::string_view text = msg.error_text;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t nl = text.find('\n', pos);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    const std::string_view line = text.substr(pos, end - pos);
    for (std::string_view p : prefixes) {
      if (istarts_with(line, p)) return text.substr(0, pos);
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return text;
}

std::string_view cut_before_line(std::string_view text, std::string_view marker,
                                 bool allow_indent) {
  std::size_t from = 0;
  while (true) {
    const std::size_t p = text.find(marker, from);
    if (p == std::string_view::npos) return text;
    std::size_t q = p;
    if (allow_indent) {
      while (q > 0 && is_space_or_tab(text[q - 1])) --q;
    }
    if (q == 0 || text[q - 1] == '\n') return text.substr(0, q);
    from = p + 1;
  }
}

std::size_t find_line(const std::vector<std::string_view>& lines, std::string_view prefix,
                      std::size_t from, bool anywhere) {
  for (std::size_t i = from; i < lines.size(); ++i) {
    if (anywhere ? has(lines[i], prefix) : lines[i].starts_with(prefix)) return i;
  }
  return lines.size();
}

std::string sweep(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

bool is_only_digits(std::string_view text) {
  text = trim(text);
  if (text.empty()) return false;
  for (char c : text) {
    if (!is_ascii_digit(c)) return false;
  }
  return true;
}

namespace {

bool is_plain_address(std::string_view inner) {
  return inner.find('@') != std::string_view::npos && inner.find(' ') == std::string_view::npos;
}

bool word_start(std::string_view text, std::size_t i) {
  if (i == 0) return true;
  const char p = text[i - 1];
  return !(is_ascii_digit(p) || is_ascii_alpha(p) || p == '.' || p == '-' || p == '_');
}

}  // namespace

std::string_view last_angle_address(std::string_view text) {
  const std::size_t lt = text.rfind('<');
  if (lt == std::string_view::npos) return {};
  const std::size_t gt = text.find('>', lt);
  if (gt == std::string_view::npos) return {};
  const std::string_view inner = text.substr(lt + 1, gt - lt - 1);
  return is_plain_address(inner) ? inner : std::string_view{};
}

std::string_view first_angle_address(std::string_view text) {
  std::size_t lt = text.find('<');
  while (lt != std::string_view::npos) {
    const std::size_t gt = text.find('>', lt + 1);
    if (gt == std::string_view::npos) return {};
    const std::string_view inner = text.substr(lt + 1, gt - lt - 1);
    if (is_plain_address(inner)) return inner;
    lt = text.find('<', gt + 1);
  }
  return {};
}

bool is_bare_address(std::string_view token) {
  token = trim(token);
  if (token.empty() || token.find_first_of(" \t") != std::string_view::npos) return false;
  const std::size_t at = token.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < token.size();
}

FoundRecipient& add_recipient(FoundList* out, std::string_view address) {
  FoundRecipient& r = out->emplace_back();
  r.address = std::string(address);
  return r;
}

FoundRecipient recipient_at(std::string_view address) {
  FoundRecipient r;
  r.address = std::string(address);
  return r;
}

std::string find_status(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '2' && c != '4' && c != '5') continue;
    if (!word_start(text, i)) continue;
    const std::size_t n = match_status_code(text.substr(i));
    if (n > 0) return std::string(text.substr(i, n));
  }
  return {};
}

std::string find_reply(std::string_view text) {
  for (std::size_t i = 0; i + 3 <= text.size(); ++i) {
    const char c = text[i];
    if (c != '4' && c != '5') continue;
    if (!word_start(text, i)) continue;
    if (match_reply_code(text.substr(i)) != 3) continue;
    if (i + 3 < text.size() && !(text[i + 3] == ' ' || text[i + 3] == '-')) continue;
    return std::string(text.substr(i, 3));
  }
  return {};
}

std::string status_in(std::string_view text) {
  return scan_codes(text).status;
}

bool is_vague_status(std::string_view status) {
  status = trim(status);
  if (status.size() < 5) return false;
  return (status[0] == '4' || status[0] == '5') && status[1] == '.' &&
         (status[2] == '0' || status[2] == '1') && status.substr(3, 2) == ".0" &&
         (status.size() == 5 || status[5] == ' ');
}

std::vector<std::string_view> original_parts_of_type(const Message& msg, std::string_view type) {
  std::vector<std::string_view> out;
  for (const MimePart& p : msg.parts) {
    if (p.role == PartRole::kOriginal && p.content_type == type) out.push_back(p.body);
  }
  return out;
}

namespace {

// The recipients of `wanted` (cleaned addresses, sorted) whose block in the
// message's delivery-status parts has a Diagnostic-Code of type "x-unix" (the
// local mailer's error). Reads the parts line by line in place and keeps at
// most one entry per wanted address, so a delivery-status part that repeats a
// block a million times costs one pass and no memory.
std::vector<bool> x_unix_recipients(const Message& msg, const std::vector<std::string>& wanted) {
  std::vector<bool> out(wanted.size(), false);
  for (std::string_view part : msg.delivery_status) {
    std::string address;
    while (!part.empty()) {
      const std::size_t nl = part.find('\n');
      std::string_view line = part.substr(0, nl);
      part.remove_prefix(nl == std::string_view::npos ? part.size() : nl + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (istarts_with(line, "Final-Recipient:")) {
        address = clean_address(line.substr(16));
      } else if (istarts_with(line, "Diagnostic-Code:")) {
        std::string_view v = trim(line.substr(16));
        const std::size_t semi = v.find(';');
        if (semi == std::string_view::npos || semi > 16) continue;
        if (!iequals(trim(v.substr(0, semi)), "x-unix")) continue;
        const auto it = std::lower_bound(wanted.begin(), wanted.end(), address);
        if (it != wanted.end() && *it == address) out[it - wanted.begin()] = true;
      }
    }
  }
  return out;
}

}  // namespace

void hint_local_delivery_errors(const Message& msg, FoundList* found) {
  if (msg.delivery_status.empty()) return;
  std::vector<std::string> wanted;
  for (const FoundRecipient& r : *found) {
    if (!r.reason_hint) wanted.push_back(clean_address(r.address));
  }
  if (wanted.empty()) return;
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  const std::vector<bool> local = x_unix_recipients(msg, wanted);
  for (FoundRecipient& r : *found) {
    if (r.reason_hint) continue;
    const std::string a = clean_address(r.address);
    const auto it = std::lower_bound(wanted.begin(), wanted.end(), a);
    if (it == wanted.end() || *it != a || !local[it - wanted.begin()]) continue;
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

}  // namespace smtp_explain::formats
