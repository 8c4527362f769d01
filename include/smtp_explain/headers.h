// Rendering the X-SMTP-Explain* header fields the milter adds, the contract
// users' filters rely on:
//
//   X-SMTP-Explain-Class:  permanent | transient | success   (once, most severe)
//   X-SMTP-Explain-Reason: reasons, comma-separated, distinct, in recipient order
//   X-SMTP-Explain:        <reply> <status> <recipient>: <meaning>   (per recipient)
//   X-SMTP-Explain-Fix:    <reply> <status> <recipient>: <fix>       (per recipient)
//
// A code the bounce lacks is left out; a recipient that is not a plain address
// (is_header_safe_address) is shown as "(address not shown)". After RenderOptions::max_recipients
// recipients one more line of each per-recipient field says how many more there were. Wire safety:
// output is ASCII only; non-ASCII text becomes RFC 2047 encoded words (UTF-8, base64 or Q); lines
// are folded at 78 characters where possible and never exceed 998; no CR, LF (other than folding)
// or NUL from input. Nothing from a bounce's free text (diagnostics) is copied into a header.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "smtp_explain/report.h"

namespace smtp_explain {

struct HeaderField {
  std::string name;   // e.g. "X-SMTP-Explain-Class"
  std::string value;  // folded with "\n " (LF + space) between lines, no trailing LF
};

// The text shown for one recipient, from the catalog or a provider rule.
struct RecipientText {
  std::string meaning;
  std::string fix;
  std::string source;  // provider name when a provider rule supplied the text ("Gmail"), else empty
};

struct RenderOptions {
  std::size_t max_recipients = 20;  // per-recipient lines before the "N more" line
  std::string more_text = "more recipients not listed";  // localised by the caller
};

// Prefix of every header field this project writes; inbound fields with this
// prefix (case-insensitive) are removed by the milter.
inline constexpr std::string_view kHeaderPrefix = "X-SMTP-Explain";

// REQUIRES: texts.size() == report.recipients.size().
// Returns no fields for a report that is not a bounce or has no recipients.
std::vector<HeaderField> render_headers(const Report& report,
                                        const std::vector<RecipientText>& texts,
                                        const RenderOptions& options = RenderOptions{});

// True if `address` is a plain addr-spec that no mail client will decode or show
// differently: a dot-atom local part without "=?" or "?=" (RFC 2047 encoded-word
// delimiters), no quoted local part, a domain of letters, digits, dots and
// hyphens or an address literal ([192.0.2.1], [IPv6:...]), bounded length.
bool is_header_safe_address(std::string_view address);

// RFC 2047 helpers (used for header text, and by tests to check round trips).
// encode_words: ASCII text is returned unchanged; otherwise UTF-8 encoded words
// each at most 75 characters, separated by a space.
std::string encode_words(std::string_view utf8_text);
// decode_words: decodes encoded words in a header value (UTF-8, ISO-8859-1 and
// US-ASCII charsets; others left as they are). Returns false on malformed input.
bool decode_words(std::string_view value, std::string* utf8_out);

}  // namespace smtp_explain
