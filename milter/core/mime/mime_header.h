// Header-field reading for the message builder and the MIME walker: unfolding,
// RFC 2047 encoded words, charset conversion to UTF-8, Content-Type parameters,
// and splitting a header block into fields. Values are returned as views: of
// the input when nothing had to change (the common case), else of a copy in
// the message's TextArena. Bounded by Limits; anomalies are reported as Flag
// bits, never as exceptions. Thread safety: pure functions (the arena is the
// caller's).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "function_ref.h"
#include "header_list.h"
#include "smtp_explain/limits.h"
#include "text_arena.h"

namespace smtp_explain {

// Removes folding: CR/LF followed by a space or tab joins the lines. Other
// stray CR, LF and NUL become a space. The result is trimmed.
std::string_view unfold(std::string_view value, TextArena* arena);

// Decodes RFC 2047 encoded words (=?charset?B|Q?text?=) to UTF-8; whitespace
// between adjacent encoded words is dropped. Unknown charsets are kept as the
// raw decoded bytes. Malformed words stay as written and set kFlagBadEncoding.
std::string_view decode_encoded_words(std::string_view value, TextArena* arena,
                                      std::uint32_t* flags);

// A raw field value (after the colon) as the list keeps it: unfolded, encoded
// words decoded, trimmed.
std::string_view field_value(std::string_view raw_value, TextArena* arena, std::uint32_t* flags);

// `bytes` in `charset` converted to UTF-8: US-ASCII/UTF-8 as is, ISO-8859-1/-15
// and Windows-1252 by table; the multi-byte and other non-Latin charsets of
// charset.h (ISO-2022-JP, Shift_JIS, GB2312, Big5, KOI8-R, ...) with iconv;
// unknown charsets are returned unchanged.
std::string to_utf8(std::string_view bytes, std::string_view charset);

// The lower-case "type/subtype" of a Content-Type value, "" if absent/bad.
std::string_view media_type(std::string_view content_type, TextArena* arena);

// The value of parameter `name` (case-insensitive) in a structured field such
// as Content-Type, unquoted, as written (not lower-cased); "" if absent. A view
// into `value`.
std::string_view header_param(std::string_view value, std::string_view name);

// Walks a header block (LF line endings): calls fn(name, raw value, offset)
// for each field, the name trimmed, the value as written after the colon
// (folded lines included). Stops at the first empty line or at a line that is
// neither a field nor a continuation; returns the offset just after the block
// (after its terminating empty line if present). A field longer than
// limits.max_header_field_bytes is cut, and fields past limits.max_header_bytes
// are not reported (both set kFlagHeaderTooLong).
using HeaderFieldFn =
    FunctionRef<void(std::string_view name, std::string_view raw_value, std::size_t offset)>;
std::size_t for_each_header_field(std::string_view text, const Limits& limits, std::uint32_t* flags,
                                  HeaderFieldFn fn);

// for_each_header_field() into a HeaderList, values as field_value() makes them.
std::size_t parse_header_block(std::string_view text, const Limits& limits, TextArena* arena,
                               HeaderList* out, std::uint32_t* flags);

}  // namespace smtp_explain
