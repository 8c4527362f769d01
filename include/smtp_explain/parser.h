// BounceParser: the one path from raw message to Report, fed stage by stage
// exactly as a milter is fed (OpenDKIM style), so the daemon and the CLI share it.
//
//   BounceParser p(limits);
//   p.envelope_sender("");            // optional: "" means a null sender (<>)
//   p.header("From", "MAILER-DAEMON@example.org");   // once per top-level field
//   if (p.end_of_headers()) {         // false: cannot be a bounce, skip the body
//     p.body(chunk); ...              // any chunking, any line ending
//   }
//   Report r = p.finish();
//
// Header values may arrive folded (embedded CRLF/LF + WSP) or unfolded.
// Body chunks may use LF, CRLF or CR-only line endings, split anywhere.
// At most Limits::max_scan_bytes of body are kept; the rest is ignored (flagged).
// Never throws on bad input; only std::bad_alloc can escape.
// Thread safety: one parser per message; distinct parsers are independent.
#pragma once

#include <memory>
#include <string_view>

#include "smtp_explain/limits.h"
#include "smtp_explain/report.h"

namespace smtp_explain {

class BounceParser {
 public:
  explicit BounceParser(const Limits& limits = Limits{});
  ~BounceParser();
  BounceParser(const BounceParser&) = delete;
  BounceParser& operator=(const BounceParser&) = delete;
  BounceParser(BounceParser&&) noexcept;
  BounceParser& operator=(BounceParser&&) noexcept;

  // The envelope sender (MAIL FROM) if known. An empty value means the null
  // sender <>, a strong sign of a bounce. Not calling this means "unknown".
  void envelope_sender(std::string_view sender);

  // One top-level header field.
  void header(std::string_view name, std::string_view value);

  // REQUIRES: called once, after all header() calls.
  // Returns true if the message may be a bounce and the body is wanted.
  bool end_of_headers();

  // A chunk of body. Ignored after end_of_headers() returned false.
  void body(std::string_view chunk);

  // REQUIRES: called once, last. Parses what was kept and returns the result.
  Report finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Convenience for whole messages in memory (tests, CLI): splits headers from
// body and feeds the stages above in order.
Report parse_message(std::string_view message, const Limits& limits = Limits{});

}  // namespace smtp_explain
