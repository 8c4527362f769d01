// MessageBuilder: collects one message as a milter hands it over (header
// fields one by one, then body chunks) into the Message model.
//
// Header fields are copied into the message's TextArena, unfolded and
// decoded, and bounded (Limits::max_header_field_bytes per field,
// max_header_bytes in all; kFlagHeaderTooLong). Body chunks may use LF, CRLF
// or CR-only line endings and be split anywhere: they are kept with LF endings,
// NUL bytes dropped (kFlagNulByte), lines cut at max_line_bytes (kFlagLongLine),
// at most max_scan_bytes in all (kFlagScanTruncated). finish() walks the MIME
// structure (mime_walker.h).
// Thread safety: one builder per message, used by one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "header_list.h"
#include "message.h"
#include "smtp_explain/limits.h"
#include "text_arena.h"

namespace smtp_explain {

class MessageBuilder {
 public:
  explicit MessageBuilder(const Limits& limits) : limits_(limits) {}

  // One top-level header field; its value may be folded.
  void header(std::string_view name, std::string_view value);
  const HeaderList& headers() const { return headers_; }

  // A chunk of the body.
  void body(std::string_view chunk);

  // Flag bits met so far.
  std::uint32_t flags() const { return flags_; }

  // The message, its MIME structure walked. REQUIRES: called once, last.
  Message finish();

 private:
  // The common case at once: no CR, no NUL, no long line, within the scan
  // bound. Returns false (nothing appended) when the careful path is needed.
  bool append_plain(std::string_view chunk);

  Limits limits_;
  TextArena arena_;
  HeaderList headers_;
  std::size_t header_bytes_ = 0;
  std::uint32_t flags_ = 0;
  // Body buffer, line endings normalised to LF while copying.
  std::string body_;
  bool pending_cr_ = false;
  std::size_t line_len_ = 0;
  bool full_ = false;
};

// A whole message in memory (tests, tools) through the one header splitter
// (header_splitter.h) and a MessageBuilder.
Message build_message(std::string_view raw, const Limits& limits = Limits{});

}  // namespace smtp_explain
