// Collecting a message stage by stage (see message_builder.h).
#include "message_builder.h"

#include <string.h>
#include <algorithm>

#include <cstring>

#include "header_splitter.h"
#include "mime_header.h"
#include "mime_walker.h"
#include "smtp_explain/report.h"
#include "text_util.h"

namespace smtp_explain {

void MessageBuilder::header(std::string_view name, std::string_view value) {
  std::size_t size = name.size() + value.size() + 2;
  if (size > limits_.max_header_field_bytes) {
    flags_ |= kFlagHeaderTooLong;
    size = limits_.max_header_field_bytes;
    value = value.substr(0, size > name.size() + 2 ? size - name.size() - 2 : 0);
  }
  if (header_bytes_ + size > limits_.max_header_bytes) {
    flags_ |= kFlagHeaderTooLong;
    return;
  }
  header_bytes_ += size;
  // The caller's bytes are not ours to keep: what unfold() left in place is copied.
  std::string_view v = unfold(value, &arena_);
  if (v.data() >= value.data() && v.data() <= value.data() + value.size()) v = arena_.copy(v);
  v = decode_encoded_words(v, &arena_, &flags_);
  headers_.add(arena_.copy(trim(name)), v, header_bytes_ - size);
}

void MessageBuilder::body(std::string_view chunk) {
  if (full_ || chunk.empty()) return;
  if (body_.capacity() == 0) {
    body_.reserve(std::min<std::size_t>(limits_.max_scan_bytes, 64 * 1024));
  } else if (body_.capacity() >= 1024 * 1024 && body_.size() + chunk.size() > body_.capacity()) {
    // Past 1 MiB, one reservation of the whole bound (address space; pages
    // become resident only as they are written) instead of doubling: each
    // doubling copies the body and leaves the freed buffer in the heap, which
    // made the resident size of a 64 MiB body 1.6 times the body.
    body_.reserve(limits_.max_scan_bytes);
  }
  const std::size_t cap = limits_.max_scan_bytes;
  if (!pending_cr_ && append_plain(chunk)) return;
  auto put_newline = [&]() {
    if (body_.size() >= cap) {
      full_ = true;
      return;
    }
    body_.push_back('\n');
    line_len_ = 0;
  };
  // Next CR and NUL at or after i, found once by memchr and refound only when
  // passed (both are rare), and the next LF per line: the ordinary runs
  // between them are copied without looking at each byte.
  const char* data = chunk.data();
  const std::size_t n = chunk.size();
  auto find_byte = [&](char byte, std::size_t from) -> std::size_t {
    const void* hit = std::memchr(data + from, byte, n - from);
    return hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - data) : n;
  };
  std::size_t next_cr = find_byte('\r', 0);
  std::size_t next_nul = find_byte('\0', 0);
  std::size_t i = 0;
  while (i < n && !full_) {
    const char c = data[i];
    if (pending_cr_) {
      pending_cr_ = false;
      put_newline();
      if (c == '\n') {  // CRLF
        ++i;
        continue;
      }
      if (full_) break;
    }
    if (c == '\r') {
      pending_cr_ = true;
      ++i;
      continue;
    }
    if (c == '\n') {
      put_newline();
      ++i;
      continue;
    }
    if (c == '\0') {
      flags_ |= kFlagNulByte;
      ++i;
      continue;
    }
    // A run of ordinary bytes up to the next special byte, copied at once.
    if (next_cr < i) next_cr = find_byte('\r', i);
    if (next_nul < i) next_nul = find_byte('\0', i);
    std::size_t j = std::min(next_cr, next_nul);
    if (j > i) {
      const void* lf = std::memchr(data + i, '\n', j - i);
      if (lf) j = static_cast<std::size_t>(static_cast<const char*>(lf) - data);
    }
    std::size_t run = j - i;
    if (line_len_ + run > limits_.max_line_bytes) {
      flags_ |= kFlagLongLine;
      run = line_len_ < limits_.max_line_bytes ? limits_.max_line_bytes - line_len_ : 0;
    }
    if (body_.size() + run > cap) {
      run = cap - body_.size();
      full_ = true;
    }
    body_.append(data + i, run);
    line_len_ += j - i;
    i = j;
  }
  if (full_) flags_ |= kFlagScanTruncated;
}

bool MessageBuilder::append_plain(std::string_view chunk) {
  const char* data = chunk.data();
  const std::size_t n = chunk.size();
  if (std::memchr(data, '\r', n) != nullptr || std::memchr(data, '\0', n) != nullptr) return false;
  // No line longer than max_line_bytes: every window of that many bytes from
  // the start of the current line holds a line break (one memrchr per window).
  const std::size_t max_line = limits_.max_line_bytes;
  std::size_t line_start = 0;  // in chunk; the current line began line_len_ bytes before it
  std::size_t carried = line_len_;
  while (n - line_start + carried > max_line) {
    const std::size_t room = max_line - std::min(max_line, carried);
    const void* nl = memrchr(data + line_start, '\n', std::min(room + 1, n - line_start));
    if (nl == nullptr) return false;  // a long line: the careful path cuts it
    line_start = static_cast<std::size_t>(static_cast<const char*>(nl) - data) + 1;
    carried = 0;
  }
  std::size_t take = n;
  if (body_.size() + take > limits_.max_scan_bytes) return false;  // the careful path cuts it
  body_.append(data, take);
  const void* last = memrchr(data, '\n', n);
  line_len_ = last == nullptr
                  ? line_len_ + n
                  : n - (static_cast<std::size_t>(static_cast<const char*>(last) - data) + 1);
  return true;
}

Message MessageBuilder::finish() {
  if (pending_cr_ && !full_) {
    pending_cr_ = false;
    if (body_.size() < limits_.max_scan_bytes) body_.push_back('\n');
  }
  Message msg;
  msg.arena = std::move(arena_);
  msg.headers = std::move(headers_);
  msg.body = msg.keep(std::move(body_));
  msg.flags = flags_;
  walk_mime(&msg, limits_);
  return msg;
}

Message build_message(std::string_view raw, const Limits& limits) {
  MessageBuilder builder(limits);
  const auto field = [&](std::string_view name, std::string_view value) {
    builder.header(name, value);
  };
  const auto body = [&](std::string_view piece) { builder.body(piece); };
  split_message(raw, limits, field, body);
  return builder.finish();
}

}  // namespace smtp_explain
