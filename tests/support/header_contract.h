// What a mail client shows of the header fields smtp-explain adds, and the
// check that it holds nothing but what the contract of headers.h allows:
// class and reason tokens, codes, a plain recipient address (or
// "(address not shown)"), and the text the catalog or a provider rule gave for
// that recipient. Shared by the unit tests and the fuzz targets, so it uses
// only the standard library and the public API, and returns a description of
// the first violation instead of asserting.
//
// client_decode() is deliberately more lenient than RFC 2047 (and than the
// project's own decode_words): like common mail clients it decodes an encoded
// word wherever it appears, glued to other text or not, in any charset, and
// drops the white space between two encoded words. Anything an attacker could
// smuggle through a client's decoder is therefore visible to the check.
// Thread safety: pure functions.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "smtp_explain/headers.h"
#include "smtp_explain/report.h"

namespace smtp_explain::test {

namespace contract_detail {

inline int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Decodes the encoded word starting at text[pos] ("=?cs?E?payload?=").
// Returns the number of bytes consumed, or 0 if there is none there.
inline std::size_t decode_one_word(std::string_view text, std::size_t pos, std::string* out) {
  if (text.substr(pos, 2) != "=?") return 0;
  const std::size_t q1 = text.find('?', pos + 2);
  if (q1 == std::string_view::npos || q1 + 2 >= text.size() || text[q1 + 2] != '?') return 0;
  const char enc = text[q1 + 1];
  if (enc != 'B' && enc != 'b' && enc != 'Q' && enc != 'q') return 0;
  const std::size_t end = text.find("?=", q1 + 3);
  if (end == std::string_view::npos) return 0;
  const std::string_view payload = text.substr(q1 + 3, end - q1 - 3);
  if (enc == 'B' || enc == 'b') {
    unsigned buffer = 0;
    int bits = 0;
    for (char c : payload) {
      const int v = base64_value(c);
      if (v < 0) continue;  // clients skip what is not base64
      buffer = (buffer << 6) | static_cast<unsigned>(v);
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out->push_back(static_cast<char>((buffer >> bits) & 0xFF));
      }
    }
  } else {
    for (std::size_t i = 0; i < payload.size(); ++i) {
      if (payload[i] == '_') {
        out->push_back(' ');
      } else if (payload[i] == '=' && i + 2 < payload.size() && hex_value(payload[i + 1]) >= 0 &&
                 hex_value(payload[i + 2]) >= 0) {
        out->push_back(
            static_cast<char>(hex_value(payload[i + 1]) * 16 + hex_value(payload[i + 2])));
        i += 2;
      } else {
        out->push_back(payload[i]);
      }
    }
  }
  return end + 2 - pos;
}

inline std::string collapse_spaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// RFC 5322 atext.
inline bool is_atext(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

inline bool dot_separated(std::string_view s, bool (*ok)(char)) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  if (s.find("..") != std::string_view::npos) return false;
  return std::all_of(s.begin(), s.end(), [ok](char c) { return c == '.' || ok(c); });
}

inline bool is_ldh(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

}  // namespace contract_detail

// The field value as a mail client shows it: unfolded, every encoded word
// decoded (see above).
inline std::string client_decode(std::string_view value) {
  using namespace contract_detail;
  std::string unfolded;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\r' && i + 1 < value.size() && value[i + 1] == '\n') continue;
    if (value[i] == '\n') continue;
    unfolded += value[i];
  }
  std::string out;
  std::string pending_space;  // white space seen after an encoded word
  bool after_word = false;
  for (std::size_t i = 0; i < unfolded.size();) {
    std::string word;
    if (const std::size_t used = decode_one_word(unfolded, i, &word); used > 0) {
      if (!after_word) out += pending_space;  // space between two words is dropped
      pending_space.clear();
      out += word;
      after_word = true;
      i += used;
      continue;
    }
    if (unfolded[i] == ' ' || unfolded[i] == '\t') {
      pending_space += unfolded[i++];
      continue;
    }
    out += pending_space;
    pending_space.clear();
    after_word = false;
    out += unfolded[i++];
  }
  return out + pending_space;
}

// The test's own idea of an address a client shows as it is, written apart
// from the renderer's is_header_safe_address so that each checks the other:
// dot-atom local part without "=?" or "?=", a letters-digits-hyphens domain
// with dots, or an address literal.
inline bool client_shows_plainly(std::string_view address) {
  using namespace contract_detail;
  const std::size_t at = address.find('@');
  if (at == std::string_view::npos || at == 0 || address.size() > 254) return false;
  const std::string_view local = address.substr(0, at), domain = address.substr(at + 1);
  if (local.size() > 64 || local.find("=?") != std::string_view::npos ||
      local.find("?=") != std::string_view::npos || !dot_separated(local, is_atext)) {
    return false;
  }
  if (domain.size() >= 3 && domain.front() == '[' && domain.back() == ']') {
    std::string_view lit = domain.substr(1, domain.size() - 2);
    const bool v6 = lit.starts_with("IPv6:");
    if (v6) lit.remove_prefix(5);
    return !lit.empty() && std::all_of(lit.begin(), lit.end(), [v6](char c) {
      return (c >= '0' && c <= '9') || c == '.' ||
             (v6 && (c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
    });
  }
  return domain.size() <= 253 && dot_separated(domain, is_ldh);
}

inline constexpr std::string_view kAddressNotShown = "(address not shown)";

// "550" (class 2 to 5).
inline bool is_reply_code_text(std::string_view s) {
  return s.size() == 3 && s[0] >= '2' && s[0] <= '5' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' &&
         s[2] <= '9';
}

// "5.1.1": class 2, 4 or 5, then two numbers of one to three digits.
inline bool is_status_code_text(std::string_view s) {
  if (s.size() < 5 || (s[0] != '2' && s[0] != '4' && s[0] != '5') || s[1] != '.') return false;
  std::size_t i = 2;
  for (int part = 0; part < 2; ++part) {
    const std::size_t begin = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == begin || i - begin > 3) return false;
    if (part == 0) {
      if (i >= s.size() || s[i] != '.') return false;
      ++i;
    }
  }
  return i == s.size();
}

// What the per-recipient field of `r` must show: its codes, its address (or
// kAddressNotShown), then the catalog or provider text.
inline std::string expected_recipient_text(const Recipient& r, std::string_view source,
                                           std::string_view text) {
  std::string want;
  if (is_reply_code_text(r.reply_code)) want += r.reply_code + " ";
  if (is_status_code_text(r.status)) want += r.status + " ";
  want += client_shows_plainly(r.recipient) ? std::string_view(r.recipient) : kAddressNotShown;
  std::string body = contract_detail::collapse_spaces(text);
  if (!source.empty() && !body.empty()) body = std::string(source) + ": " + body;
  if (!body.empty()) want += ": " + body;
  return contract_detail::collapse_spaces(want);
}

// Checks the fields render_headers() produced for `report` with `texts` and
// `options`, as a client shows them, in order: the class token, the reason
// tokens (each in `reasons`), then per shown recipient its X-SMTP-Explain and
// X-SMTP-Explain-Fix, then the two "N more" lines. Returns "" when every field
// holds only what the contract allows, else the first violation.
inline std::string check_rendered(const Report& report, const std::vector<RecipientText>& texts,
                                  const std::vector<HeaderField>& fields,
                                  const RenderOptions& options,
                                  const std::vector<std::string_view>& reasons) {
  using contract_detail::collapse_spaces;
  std::vector<std::pair<std::string, std::string>> want;  // name, what a client must show
  if (!report.bounce || report.recipients.empty()) {
    return fields.empty() ? "" : "fields for a message that is not a bounce";
  }
  std::size_t i = 0;
  auto seen = [&](std::size_t k) { return collapse_spaces(client_decode(fields[k].value)); };
  auto where = [&](std::size_t k) { return fields[k].name + ": " + seen(k); };
  if (i < fields.size() && fields[i].name == "X-SMTP-Explain-Class") {
    const std::string cls = seen(i);
    if (cls != "permanent" && cls != "transient" && cls != "success") {
      return "not a class token: " + where(i);
    }
    ++i;
  }
  if (i < fields.size() && fields[i].name == "X-SMTP-Explain-Reason") {
    const std::string list = seen(i);
    for (std::size_t start = 0; start <= list.size();) {
      std::size_t comma = std::min(list.find(',', start), list.size());
      std::string_view token = std::string_view(list).substr(start, comma - start);
      while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
      if (std::find(reasons.begin(), reasons.end(), token) == reasons.end()) {
        return "'" + std::string(token) + "' is not a reason token: " + where(i);
      }
      start = comma + 1;
    }
    ++i;
  }
  const std::size_t shown = std::min(options.max_recipients, report.recipients.size());
  if (texts.size() < shown) return "fewer texts than recipients";
  for (std::size_t r = 0; r < shown; ++r) {
    const Recipient& rcpt = report.recipients[r];
    const RecipientText& t = texts[r];
    want.emplace_back("X-SMTP-Explain", expected_recipient_text(rcpt, t.source, t.meaning));
    want.emplace_back("X-SMTP-Explain-Fix", expected_recipient_text(rcpt, t.source, t.fix));
  }
  const std::size_t total = std::max(report.recipients_total, report.recipients.size());
  if (total > shown) {
    const std::string more =
        collapse_spaces(std::to_string(total - shown) + " " + options.more_text);
    want.emplace_back("X-SMTP-Explain", more);
    want.emplace_back("X-SMTP-Explain-Fix", more);
  }
  for (const auto& [name, text] : want) {
    if (i >= fields.size()) return "missing field " + name + ": " + text;
    if (fields[i].name != name || seen(i) != text) {
      return "expected " + name + ": " + text + "\n     got " + where(i);
    }
    ++i;
  }
  if (i < fields.size()) return "unexpected field " + where(i);
  return {};
}

}  // namespace smtp_explain::test
