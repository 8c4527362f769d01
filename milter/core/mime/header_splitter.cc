// Splitting raw message bytes into header fields and the body (see header_splitter.h).
#include "header_splitter.h"

#include <algorithm>
#include <cstring>

namespace smtp_explain {
namespace {

// "Name: ..." with a name of printable ASCII; white space between the name
// and the colon is tolerated (RFC 5322 obsolete syntax, accepted by Postfix).
// Returns the colon's offset, or npos.
std::size_t field_colon(std::string_view line) {
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::string_view::npos;
  for (std::size_t k = 0; k < colon; ++k) {
    const auto c = static_cast<unsigned char>(line[k]);
    if (c > 32 && c < 127) continue;
    if (c != ' ' && c != '\t') return std::string_view::npos;
    for (std::size_t r = k; r < colon; ++r) {
      if (line[r] != ' ' && line[r] != '\t') return std::string_view::npos;
    }
    return k == 0 ? std::string_view::npos : colon;
  }
  return colon;
}

bool is_space_or_tab(char c) {
  return c == ' ' || c == '\t';
}

}  // namespace

HeaderSplitter::HeaderSplitter(const Limits& limits)
    : max_kept_(std::max(limits.max_header_field_bytes, limits.max_line_bytes) + 1) {}

void HeaderSplitter::emit(FieldFn on_field) {
  if (!have_field_) return;
  have_field_ = false;
  const std::size_t colon = field_.find(':');
  on_field(field_.substr(0, colon), field_.substr(colon + 1));
}

void HeaderSplitter::keep_field() {
  if (!have_field_ || !field_in_chunk_) return;
  field_buf_.assign(field_.substr(0, max_kept_));
  field_ = field_buf_;
  field_in_chunk_ = false;
}

HeaderSplitter::LineEnd HeaderSplitter::take_line(std::string_view line, bool in_chunk,
                                                  std::size_t offset, bool ended,
                                                  FieldFn on_field) {
  const bool first = first_line_;
  first_line_ = false;
  if (first && line.starts_with("From ")) return LineEnd::kMore;  // mbox separator
  if (line.empty()) {
    // Blank lines before the first field (a message written with an empty
    // line on top) are skipped, like the white-space-only ones below.
    if (!have_field_ && !seen_field_) return LineEnd::kMore;
    emit(on_field);
    done_ = true;
    return LineEnd::kBodyAfter;
  }
  if (is_space_or_tab(line.front())) {
    if (!have_field_) return LineEnd::kMore;  // a continuation with no field before it
    if (field_in_chunk_ && in_chunk) {
      field_ = chunk_.substr(field_start_, offset + line.size() - field_start_);
    } else {
      keep_field();
      if (field_buf_.size() < max_kept_) {
        field_buf_ += '\n';
        field_buf_.append(line.substr(0, max_kept_ - std::min(max_kept_, field_buf_.size())));
      }
      field_ = field_buf_;
    }
    return LineEnd::kMore;
  }
  if (field_colon(line) == std::string_view::npos) {
    emit(on_field);  // not a field: the body starts with this line
    done_ = true;
    if (!in_chunk) {
      body_prefix_.assign(line);
      if (ended) body_prefix_ += '\n';
    }
    return LineEnd::kBodyAt;
  }
  emit(on_field);
  have_field_ = true;
  seen_field_ = true;
  if (in_chunk) {
    field_in_chunk_ = true;
    field_start_ = offset;
    field_ = line;
  } else {
    field_in_chunk_ = false;
    field_buf_.assign(line.substr(0, max_kept_));
    field_ = field_buf_;
  }
  return LineEnd::kMore;
}

std::size_t HeaderSplitter::feed(std::string_view chunk, FieldFn on_field) {
  if (done_) return 0;
  chunk_ = chunk;
  const char* data = chunk.data();
  const std::size_t n = chunk.size();
  std::size_t pos = 0;
  if (skip_lf_ && n > 0) {
    skip_lf_ = false;
    if (data[0] == '\n') pos = 1;  // the LF of a CRLF split between chunks
  }
  // The next CR, found by memchr within a window and refound only once
  // passed: most messages have none, or CRLF everywhere.
  constexpr std::size_t kWindow = 64 * 1024;
  constexpr std::size_t kNone = std::string_view::npos;
  std::size_t next_cr = kNone;  // a CR at or after pos, once found
  std::size_t cr_clear = 0;     // no CR below this, other than next_cr
  while (pos < n) {
    const void* lf = std::memchr(data + pos, '\n', n - pos);
    const std::size_t nl =
        lf == nullptr ? n : static_cast<std::size_t>(static_cast<const char*>(lf) - data);
    if (next_cr != kNone && next_cr < pos) next_cr = kNone;
    if (next_cr == kNone && cr_clear < nl) {
      const std::size_t from = std::max(pos, cr_clear);
      const std::size_t end = std::min(n, std::max(nl, from + kWindow));
      const void* hit = std::memchr(data + from, '\r', end - from);
      if (hit != nullptr) {
        next_cr = static_cast<std::size_t>(static_cast<const char*>(hit) - data);
        cr_clear = next_cr + 1;
      } else {
        cr_clear = end;
      }
    }
    const bool cr = next_cr != kNone && next_cr < nl;
    std::size_t eol = nl;
    std::size_t next = nl < n ? nl + 1 : n;
    if (cr) {
      eol = next_cr;
      if (eol + 1 < n) {
        next = data[eol + 1] == '\n' ? eol + 2 : eol + 1;
      } else {
        next = n;
        skip_lf_ = true;
      }
    } else if (lf == nullptr) {
      // No line end in the rest of the chunk: a line that continues later.
      if (line_buf_.size() < max_kept_) {
        line_buf_.append(chunk.substr(pos, std::min(n - pos, max_kept_ - line_buf_.size())));
      }
      break;
    }
    LineEnd end;
    bool in_chunk = true;
    if (line_buf_.empty()) {
      end = take_line(chunk.substr(pos, eol - pos), true, pos, true, on_field);
    } else {
      in_chunk = false;
      if (line_buf_.size() < max_kept_) {
        line_buf_.append(chunk.substr(pos, std::min(eol - pos, max_kept_ - line_buf_.size())));
      }
      const std::string line = std::move(line_buf_);
      line_buf_.clear();
      end = take_line(line, false, pos, true, on_field);
    }
    if (end == LineEnd::kBodyAfter) return next;
    if (end == LineEnd::kBodyAt) return in_chunk ? pos : next;
    pos = next;
  }
  keep_field();
  return n;
}

void HeaderSplitter::finish(FieldFn on_field) {
  if (done_) return;
  if (!line_buf_.empty()) {
    const std::string line = std::move(line_buf_);
    line_buf_.clear();
    take_line(line, false, 0, false, on_field);
  }
  emit(on_field);
  done_ = true;
}

void split_message(std::string_view raw, const Limits& limits, HeaderSplitter::FieldFn on_field,
                   FunctionRef<void(std::string_view)> on_body) {
  HeaderSplitter splitter(limits);
  const std::size_t body_at = splitter.feed(raw, on_field);
  if (!splitter.done()) splitter.finish(on_field);
  if (!splitter.body_prefix().empty()) on_body(splitter.body_prefix());
  if (body_at < raw.size()) on_body(raw.substr(body_at));
}

}  // namespace smtp_explain
