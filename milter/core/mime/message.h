// The message model: what the MIME walk (mime_walker.h) makes of a kept
// message, and what the DSN reader and the format families read.
//
// All text is UTF-8 or raw 8-bit as sent, with LF line endings (the builder
// normalises CRLF and CR while buffering). Header values are unfolded and their
// RFC 2047 encoded words decoded. Part bodies are decoded from base64 /
// quoted-printable. Everything is bounded by Limits (limits.h).
//
// The views of the text that several stages need are computed once, during
// the walk, and kept here: the MTA's error text, where the returned original
// starts in it, the delivery-status parts, the returned original's header
// block. The flattened body some families read is made on first use and kept.
//
// Lifetime: string_views in a Message point into storage the Message owns (its
// TextArena, the kept body and decoded parts, which never move), so they stay
// valid for its lifetime; a Message is moved, never copied.
// Thread safety: read-only after walk_mime(); one thread at a time (the
// flattened body is filled in on first use).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "header_list.h"
#include "text_arena.h"

namespace smtp_explain {

// What a MIME leaf is to a bounce reader.
enum class PartRole {
  kText,             // text/* outside a returned original: the MTA's error text
  kDeliveryStatus,   // message/delivery-status or message/global-delivery-status
  kOriginalHeaders,  // text/rfc822-headers, or the header block of a message/rfc822
  kOriginal,         // anything inside a returned original message
  kOther,            // other leaves (images, feedback-report, ...)
};

struct MimePart {
  std::string_view content_type;  // lower-case "type/subtype"; "text/plain" when absent
  std::string_view charset;       // charset parameter as written, or empty
  PartRole role = PartRole::kOther;
  int depth = 0;           // 0 = the top-level body
  std::string_view body;   // decoded body (transfer encoding removed), LF endings
  std::size_t offset = 0;  // offset of the body's first byte in Message::body
  bool html = false;       // a kText part whose body is still HTML (see Message::text_of)
};

class Message {
 public:
  HeaderList headers;             // top-level header fields (bounded)
  std::string_view content_type;  // top-level, lower-case "type/subtype"
  std::string_view report_type;   // report-type of a top-level multipart/report, or empty
  std::string_view body;          // kept raw body (<= max_scan_bytes), LF endings
  std::vector<MimePart> parts;    // leaves in document order
  // The MTA's human-readable error text: the kText leaves before the returned
  // original, joined by a blank line. For a non-MIME message, the whole body
  // (including any inline returned original).
  std::string_view text;
  // `text` up to the line where an inline returned original starts
  // (original_start.h); all of `text` when there is none.
  std::string_view error_text;
  // Bodies of the delivery-status parts, in order.
  std::vector<std::string_view> delivery_status;
  // Header fields of the returned original message: the first message/rfc822
  // or text/rfc822-headers part, else the header block after an inline marker
  // in `text`; empty when there is none.
  HeaderList original_headers;
  std::uint32_t flags = 0;  // smtp_explain::Flag bits met while walking

  Message() = default;
  Message(Message&&) = default;
  Message& operator=(Message&&) = default;
  Message(const Message&) = delete;
  Message& operator=(const Message&) = delete;

  // What Sisimai's modules read as the message body: for a MIME message with
  // delivery-status parts, the bodies of the error text and delivery-status
  // parts outside the returned original, in document order, joined by a blank
  // line; otherwise `text`. Made on first use.
  std::string_view flat_body() const;

  // The text of a kText part: its body, with HTML reduced to text (made on
  // first use for HTML parts, and kept).
  std::string_view text_of(const MimePart& part) const;

  // Storage the views point into.
  TextArena arena;
  std::string_view keep(std::string bytes) const {
    storage_.push_back(std::move(bytes));
    return storage_.back();
  }

 private:
  // A deque never moves its elements (not even when the deque is moved).
  mutable std::deque<std::string> storage_;
  mutable std::optional<std::string_view> flat_body_;
  mutable std::vector<std::string_view> html_text_;  // by part index, once made
};

}  // namespace smtp_explain
