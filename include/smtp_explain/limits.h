// Every bound the core enforces, with its default, in one place.
//
// The parser never allocates or scans past these numbers; when one is hit the
// Report carries a flag (see report.h) and the work done so far is kept.
// Thread safety: a plain value type.
#pragma once

#include <cstddef>

namespace smtp_explain {

struct Limits {
  // Bytes of one header field (name + value, folded lines included).
  std::size_t max_header_field_bytes = 16 * 1024;
  // Bytes of all top-level header fields together.
  std::size_t max_header_bytes = 256 * 1024;
  // Body bytes kept and scanned per message. The DSN part of a bounce comes
  // early; the returned original message after it may be huge and is not needed.
  std::size_t max_scan_bytes = 512 * 1024;
  // Nesting depth of multiparts and message/rfc822 parts walked.
  int max_mime_depth = 12;
  // MIME parts (leaves and containers) visited per message.
  std::size_t max_mime_parts = 512;
  // Bytes of one body line; longer lines are cut (flag kLongLine).
  std::size_t max_line_bytes = 8 * 1024;
  // Recipients the parser records per message (the rest is counted only).
  std::size_t max_recipients = 1000;
  // Bytes of one diagnostic text kept per recipient.
  std::size_t max_diagnostic_bytes = 2 * 1024;
};

}  // namespace smtp_explain
