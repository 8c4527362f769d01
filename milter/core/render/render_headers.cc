// render_headers and is_header_safe_address (headers.h). Codes, recipients and
// class tokens stay plain ASCII so that Sieve and procmail rules work in every
// language; only catalog or provider text may be RFC 2047 encoded.
#include <algorithm>
#include <cctype>

#include "header_text.h"
#include "rfc2047.h"
#include "smtp_explain/codes.h"
#include "smtp_explain/headers.h"

namespace smtp_explain {
namespace {

constexpr std::size_t kMaxLocalPart = 64;
constexpr std::size_t kMaxDomain = 253;
constexpr std::size_t kMaxAddress = 254;

bool is_atext(unsigned char c) {
  if (std::isalnum(c) != 0) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(static_cast<char>(c)) !=
         std::string_view::npos;
}

bool is_dot_atom(std::string_view s, bool domain) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  char prev = 0;
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (ch == '.') {
      if (prev == '.') return false;
    } else if (domain ? !(std::isalnum(c) != 0 || ch == '-') : !is_atext(c)) {
      return false;
    }
    prev = ch;
  }
  return true;
}

// An address literal: "[192.0.2.1]" or "[IPv6:2001:db8::1]" (RFC 5321 4.1.3).
bool is_address_literal(std::string_view s) {
  if (s.size() < 3 || s.front() != '[' || s.back() != ']') return false;
  s = s.substr(1, s.size() - 2);
  const bool v6 = s.starts_with("IPv6:");
  if (v6) s.remove_prefix(5);
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [v6](char c) {
    return (c >= '0' && c <= '9') || c == '.' ||
           (v6 && (c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
  });
}

bool is_reply_code(std::string_view s) {
  return !s.empty() && match_reply_code(s) == s.size();
}
bool is_status_code(std::string_view s) {
  return !s.empty() && match_status_code(s) == s.size();
}

// A reason token as it may appear in the Reason field: [a-z0-9-].
// Catalog or provider text as header atoms: cleaned, and RFC 2047 encoded when
// it is not ASCII or could be mistaken for encoded words.
std::vector<std::string> text_atoms(std::string_view text) {
  const std::string clean = clean_header_text(text);
  if (clean.empty()) return {};
  if (!is_ascii(clean) || clean.find("=?") != std::string::npos) {
    return split_atoms(encode_words_always(clean));
  }
  return split_atoms(clean);
}

// "<reply> <status> <recipient>:" with the parts the bounce lacks left out.
std::vector<std::string> recipient_prefix(const Recipient& r) {
  std::vector<std::string> atoms;
  if (is_reply_code(r.reply_code)) atoms.push_back(r.reply_code);
  if (is_status_code(r.status)) atoms.push_back(r.status);
  if (is_header_safe_address(r.recipient)) {
    atoms.push_back(r.recipient);
  } else {
    // Anything a client could decode or show differently (an encoded word, a
    // quoted local part, non-ASCII) stays out; the JSON report keeps it.
    for (std::string_view a : {"(address", "not", "shown)"}) atoms.emplace_back(a);
  }
  return atoms;
}

HeaderField recipient_field(std::string_view name, const Recipient& r, std::string_view source,
                            std::string_view text) {
  std::vector<std::string> prefix = recipient_prefix(r);
  std::string full;
  if (!source.empty()) {
    const std::string clean_source = clean_header_text(source);
    if (!clean_source.empty()) full = clean_source + ": ";
  }
  full += text;
  // The atoms of text_atoms(full), folded straight from the cleaned (or
  // encoded) text: no string per word.
  std::string body = clean_header_text(full);
  if (!body.empty() && (!is_ascii(body) || body.find("=?") != std::string::npos)) {
    body = encode_words_always(body);
  }
  if (!prefix.empty() && !body.empty()) prefix.back() += ':';
  HeaderFolder folder(name);
  for (const std::string& atom : prefix) folder.add(atom);
  folder.add_words(body);
  return HeaderField{std::string(name), folder.take()};
}

}  // namespace

bool is_header_safe_address(std::string_view address) {
  if (address.size() < 3 || address.size() > kMaxAddress) return false;
  const std::size_t at = address.find('@');
  if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view local = address.substr(0, at), domain = address.substr(at + 1);
  if (local.size() > kMaxLocalPart || domain.size() > kMaxDomain) return false;
  // "=?" starts an RFC 2047 encoded word and "?=" ends one: mail clients decode
  // them even inside an address, showing whatever text the sender chose.
  if (local.find("=?") != std::string_view::npos || local.find("?=") != std::string_view::npos) {
    return false;
  }
  return is_dot_atom(local, false) && (is_dot_atom(domain, true) || is_address_literal(domain));
}

std::vector<HeaderField> render_headers(const Report& report,
                                        const std::vector<RecipientText>& texts,
                                        const RenderOptions& options) {
  std::vector<HeaderField> fields;
  if (!report.bounce || report.recipients.empty()) return fields;

  DeliveryClass cls = report.cls;
  for (const Recipient& r : report.recipients) cls = std::max(cls, r.cls);
  if (cls != DeliveryClass::kNone) {
    const std::string name = "X-SMTP-Explain-Class";
    fields.push_back({name, fold_atoms(name, {std::string(to_string(cls))})});
  }

  std::vector<std::string> reasons;  // each name with its comma
  for (const Recipient& r : report.recipients) {
    std::string token = std::string(to_string(r.reason)) + ",";
    if (std::find(reasons.begin(), reasons.end(), token) != reasons.end()) continue;
    reasons.push_back(std::move(token));
  }
  if (!reasons.empty()) {
    reasons.back().pop_back();  // no comma after the last one
    const std::string name = "X-SMTP-Explain-Reason";
    fields.push_back({name, fold_atoms(name, reasons)});
  }

  static const RecipientText kNoText;
  const std::size_t shown = std::min(options.max_recipients, report.recipients.size());
  for (std::size_t i = 0; i < shown; ++i) {
    const Recipient& r = report.recipients[i];
    const RecipientText& t = i < texts.size() ? texts[i] : kNoText;
    HeaderField meaning = recipient_field("X-SMTP-Explain", r, t.source, t.meaning);
    HeaderField fix = recipient_field("X-SMTP-Explain-Fix", r, t.source, t.fix);
    if (!meaning.value.empty()) fields.push_back(std::move(meaning));
    if (!fix.value.empty()) fields.push_back(std::move(fix));
  }
  const std::size_t total = std::max(report.recipients_total, report.recipients.size());
  if (total > shown) {
    std::vector<std::string> atoms{std::to_string(total - shown)};
    for (std::string& a : text_atoms(options.more_text)) atoms.push_back(std::move(a));
    fields.push_back({"X-SMTP-Explain", fold_atoms("X-SMTP-Explain", atoms)});
    fields.push_back({"X-SMTP-Explain-Fix", fold_atoms("X-SMTP-Explain-Fix", atoms)});
  }
  return fields;
}

}  // namespace smtp_explain
