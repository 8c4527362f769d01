// The message model: what the MIME walker (mime_walker.h) makes of a kept
// message, and what the DSN reader and the format scanners (formats.h) consume.
//
// All text is UTF-8 or raw 8-bit as sent, with LF line endings (the parser
// normalises CRLF and CR while buffering). Header values are unfolded and their
// RFC 2047 encoded words decoded. Part bodies are decoded from base64 /
// quoted-printable. Everything is bounded by Limits (limits.h).
//
// Lifetime: string_views in a Message point into storage the Message owns
// (`storage_`, whose elements never move) or into its header values; a Message
// is moved, never copied, so the views stay valid for its lifetime. Thread safety: immutable after
// walk_mime() returns; concurrent readers are fine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace smtp_explain {

// One header field. `name` as written; `value` unfolded, RFC 2047-decoded,
// trimmed. `offset` is where the field starts in the text it came from.
struct MimeField {
  std::string name;
  std::string value;
  std::size_t offset = 0;
};

// An ordered list of header fields with case-insensitive lookup.
struct HeaderList {
  std::vector<MimeField> fields;

  // The value of the first field called `name` (any case), or empty.
  std::string_view get(std::string_view name) const;
  // True if a field called `name` (any case) is present, even if empty.
  bool has(std::string_view name) const;
  // All values of fields called `name`, in order (e.g. "Received").
  std::vector<std::string_view> all(std::string_view name) const;
};

// What a MIME leaf is to a bounce reader.
enum class PartRole {
  kText,             // text/* outside a returned original: the MTA's error text
  kDeliveryStatus,   // message/delivery-status or message/global-delivery-status
  kOriginalHeaders,  // text/rfc822-headers, or the header block of a message/rfc822
  kOriginal,         // anything inside a returned original message
  kOther,            // other leaves (images, feedback-report, ...)
};

struct MimePart {
  HeaderList headers;        // the part's own header fields
  std::string content_type;  // lower-case "type/subtype"; "text/plain" when absent
  std::string charset;       // lower-case charset parameter, or empty
  PartRole role = PartRole::kOther;
  int depth = 0;           // 0 = the top-level body
  std::string_view body;   // decoded body (transfer encoding removed), LF endings
  std::size_t offset = 0;  // offset of the body's first byte in Message::body
};

struct Message {
  HeaderList headers;           // top-level header fields (bounded)
  std::string content_type;     // top-level, lower-case "type/subtype"
  std::string report_type;      // lower-case report-type of a multipart/report, or empty
  std::string_view body;        // kept raw body (<= max_scan_bytes), LF endings
  std::vector<MimePart> parts;  // leaves in document order
  // The MTA's human-readable error text: the kText leaves before the returned
  // original, joined by a blank line. For a non-MIME message, the whole body
  // (including any inline returned original; see formats.h find_original_start).
  std::string_view text;
  // Bodies of the delivery-status parts, in order.
  std::vector<std::string_view> delivery_status;
  // Header fields of the returned original message: the first message/rfc822
  // or text/rfc822-headers part, else the header block after an inline marker
  // (formats.h find_original_start); empty when there is none.
  HeaderList original_headers;
  std::uint32_t flags = 0;  // smtp_explain::Flag bits met while walking

  Message() = default;
  Message(Message&&) = default;
  Message& operator=(Message&&) = default;
  Message(const Message&) = delete;
  Message& operator=(const Message&) = delete;

  // Owned storage for the body and decoded text the views above point into.
  // A deque never moves its elements (not even when the deque is moved), so
  // views stay valid as strings are added.
  std::deque<std::string> storage_;
  std::string_view keep(std::string bytes) {
    storage_.push_back(std::move(bytes));
    return storage_.back();
  }
};

}  // namespace smtp_explain
