// HeaderSplitter: the one place where raw message bytes are split into header
// fields and the body, for every caller that holds the message itself rather
// than receiving fields from an MTA (the CLI, parse_message, tests, benchmarks).
// It follows what Postfix hands a milter:
//   - line ends are LF, CRLF or CR; an mbox "From " line before the header is skipped;
//   - a field is "name: value", the name printable ASCII (white space before the
//     colon tolerated), continued by lines that start with a space or tab;
//   - the header ends at an empty line, or at a line that is neither a field nor a
//     continuation, which is then the first line of the body;
//   - blank lines and continuations before any field are skipped (a message
//     saved with an empty or white-space-only line on top).
// Values are reported as written after the colon, folded lines included (the
// message builder unfolds them). Input may come in chunks split anywhere; a
// field kept across chunks is bounded by Limits::max_header_field_bytes (the
// builder cuts and flags longer ones), so memory stays bounded whatever the input.
// Thread safety: one splitter per message.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include "function_ref.h"

#include "smtp_explain/limits.h"

namespace smtp_explain {

class HeaderSplitter {
 public:
  using FieldFn = FunctionRef<void(std::string_view name, std::string_view value)>;

  explicit HeaderSplitter(const Limits& limits);

  // Feeds the next bytes. Calls on_field for each complete field. Returns how
  // many bytes of `chunk` belong to the header (all of them until done()); once
  // done(), body_prefix() and then the rest of `chunk` are the body.
  std::size_t feed(std::string_view chunk, FieldFn on_field);

  // End of input: reports the field still open (a message with no body).
  void finish(FieldFn on_field);

  // True once the header block has ended.
  bool done() const { return done_; }

  // Body bytes the splitter held when the header ended (a non-field line that
  // began in an earlier chunk); feed them to the body before the rest.
  std::string_view body_prefix() const { return body_prefix_; }

  // A later piece of input, once done(): all body, except the LF of a CRLF
  // whose CR ended the previous piece.
  std::string_view body_piece(std::string_view piece) {
    if (skip_lf_ && !piece.empty()) {
      skip_lf_ = false;
      if (piece.front() == '\n') piece.remove_prefix(1);
    }
    return piece;
  }

 private:
  // What a line did to the header block.
  enum class LineEnd { kMore, kBodyAfter, kBodyAt };
  // One complete line (without its line end). `in_chunk`: `line` lies in the
  // chunk being fed at `offset`.
  LineEnd take_line(std::string_view line, bool in_chunk, std::size_t offset, bool ended,
                    FieldFn on_field);
  void emit(FieldFn on_field);
  void keep_field();  // copies a field that lies in the chunk before the chunk goes away

  std::size_t max_kept_;  // bytes of one field or partial line kept across chunks
  std::string_view chunk_;
  std::string field_buf_;
  std::string_view field_;  // the open field's raw text, in chunk_ or field_buf_
  bool have_field_ = false;
  bool field_in_chunk_ = false;
  std::size_t field_start_ = 0;  // in chunk_, when field_in_chunk_
  std::string line_buf_;         // a line begun in an earlier chunk
  bool skip_lf_ = false;         // the last chunk ended with CR
  bool first_line_ = true;
  bool seen_field_ = false;  // a field has started (blank lines no longer skipped)
  bool done_ = false;
  std::string body_prefix_;
};

// A whole message in memory through a HeaderSplitter: on_field for each
// header field, then on_body with the body (in one or two pieces; not called
// for an empty body).
void split_message(std::string_view raw, const Limits& limits, HeaderSplitter::FieldFn on_field,
                   FunctionRef<void(std::string_view)> on_body);

}  // namespace smtp_explain
