// Header-field reading for the MIME walker and the parser: unfolding, RFC 2047
// encoded words, charset conversion to UTF-8, Content-Type parameters, and
// splitting a header block into fields. Bounded by Limits; anomalies are
// reported as Flag bits, never as exceptions.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "message.h"
#include "smtp_explain/limits.h"

namespace smtp_explain {

// Removes folding: CR/LF followed by a space or tab joins the lines. Other
// stray CR, LF and NUL become a space. The result is trimmed.
std::string unfold(std::string_view value);

// Decodes RFC 2047 encoded words (=?charset?B|Q?text?=) to UTF-8; whitespace
// between adjacent encoded words is dropped. Unknown charsets are kept as the
// raw decoded bytes. Malformed words stay as written and set kFlagBadEncoding.
std::string decode_encoded_words(std::string_view value, std::uint32_t* flags);

// `bytes` in `charset` converted to UTF-8: US-ASCII/UTF-8 as is, ISO-8859-1/-15
// and Windows-1252 by table; other charsets (ISO-2022-JP, Shift_JIS, ...) are
// returned unchanged.
std::string to_utf8(std::string_view bytes, std::string_view charset);

// The lower-case "type/subtype" of a Content-Type value, "" if absent/bad.
std::string media_type(std::string_view content_type);

// The value of parameter `name` (case-insensitive) in a structured field such
// as Content-Type, unquoted, as written (not lower-cased); "" if absent.
std::string header_param(std::string_view value, std::string_view name);

// Splits a header block (LF line endings) into fields appended to `out`, names
// as written, values unfolded and decoded. Stops at the first empty line or at
// a line that is neither a field nor a continuation. Returns the offset just
// after the block (after its terminating empty line if present). Fields longer
// than limits.max_header_field_bytes are cut, and parsing stops after
// limits.max_header_bytes (both set kFlagHeaderTooLong).
std::size_t parse_header_block(std::string_view text, const Limits& limits, HeaderList* out,
                               std::uint32_t* flags);

}  // namespace smtp_explain
