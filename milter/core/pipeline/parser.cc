// BounceParser: buffers what a milter hands over stage by stage, decides at
// end-of-headers whether the body is wanted (bounce_gate.h), and at finish()
// walks the MIME structure (mime_walker.h), reads delivery-status fields
// (dsn_reader.h) or runs the format scanners (formats.h), then turns what was
// found into a Report (dsn_reconcile.h).
#include "smtp_explain/parser.h"

#include <algorithm>
#include <cstring>
#include <optional>

#include "bounce_gate.h"
#include "dsn_reader.h"
#include "dsn_reconcile.h"
#include "formats.h"
#include "mime_header.h"
#include "mime_walker.h"
#include "text_util.h"

namespace smtp_explain {

struct BounceParser::Impl {
  explicit Impl(const Limits& l) : limits(l) {}

  Limits limits;
  std::optional<std::string> envelope;
  HeaderList headers;
  std::size_t header_bytes = 0;
  std::uint32_t flags = 0;
  GateVerdict verdict;
  bool eoh_done = false;
  bool wanted = false;
  // Body buffer, line endings normalised to LF while copying.
  std::string body;
  bool pending_cr = false;
  std::size_t line_len = 0;
  bool full = false;
  bool finished = false;

  void add_body(std::string_view chunk);
  Report finish();
};

void BounceParser::Impl::add_body(std::string_view chunk) {
  if (full || chunk.empty()) return;
  if (body.capacity() == 0) {
    body.reserve(std::min<std::size_t>(limits.max_scan_bytes, 64 * 1024));
  }
  const std::size_t cap = limits.max_scan_bytes;
  auto put_newline = [&]() {
    if (body.size() >= cap) {
      full = true;
      return;
    }
    body.push_back('\n');
    line_len = 0;
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
  while (i < chunk.size() && !full) {
    char c = chunk[i];
    if (pending_cr) {
      pending_cr = false;
      put_newline();
      if (c == '\n') {  // CRLF
        ++i;
        continue;
      }
      if (full) break;
    }
    if (c == '\r') {
      pending_cr = true;
      ++i;
      continue;
    }
    if (c == '\n') {
      put_newline();
      ++i;
      continue;
    }
    if (c == '\0') {
      flags |= kFlagNulByte;
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
    if (line_len + run > limits.max_line_bytes) {
      flags |= kFlagLongLine;
      run = line_len < limits.max_line_bytes ? limits.max_line_bytes - line_len : 0;
    }
    if (body.size() + run > cap) {
      run = cap - body.size();
      full = true;
    }
    body.append(chunk.data() + i, run);
    line_len += j - i;
    i = j;
  }
  if (full) flags |= kFlagScanTruncated;
}

Report BounceParser::Impl::finish() {
  Report report;
  if (!eoh_done) {
    verdict = evaluate_headers(headers, envelope);
    wanted = verdict.wanted();
  }
  if (!wanted) {
    report.flags = flags;
    return report;
  }
  if (pending_cr && !full) {
    pending_cr = false;
    if (body.size() < limits.max_scan_bytes) body.push_back('\n');
  }
  Message msg = walk_mime(std::move(headers), std::move(body), limits);
  msg.flags |= flags;

  // ARF first: a feedback report also carries the original message.
  if (verdict.feedback_report || msg.report_type == "feedback-report") {
    report.kind = Kind::kFeedbackReport;
    report.flags = msg.flags;
    return report;
  }

  std::vector<FoundRecipient> found;
  DsnFields dsn;
  Kind kind = Kind::kNotBounce;
  for (std::string_view part : msg.delivery_status) {
    if (dsn.recipients.size() >= limits.max_recipients * 2) break;
    read_delivery_status(part, &dsn);
  }
  if (dsn.recipients.empty() && msg.delivery_status.empty() && has_dsn_fields(msg.text)) {
    read_delivery_status(error_part(msg.text), &dsn);  // DSN fields written as text
  }
  if (dsn.malformed && !msg.delivery_status.empty()) msg.flags |= kFlagMalformedDsn;
  if (!dsn.recipients.empty()) {
    kind = Kind::kDsn;
    found = std::move(dsn.recipients);
    report.reporting_mta = one_line(dsn.reporting_mta, 255);
    enrich_from_text(msg, &found);
    run_dsn_refiners(msg, &found);  // family knowledge (formats.h)
  } else if (verdict.auto_reply) {
    report.kind = Kind::kAutoReply;
    report.flags = msg.flags;
    return report;
  } else if (!run_format_scanners(msg, &found).empty()) {
    kind = Kind::kText;
  }

  finalize_recipients(found, limits, &report);
  report.flags |= msg.flags;
  if (!report.recipients.empty()) {
    report.kind = kind;
    report.bounce = true;
  } else if (verdict.auto_reply) {
    report.kind = Kind::kAutoReply;
  }
  return report;
}

BounceParser::BounceParser(const Limits& limits) : impl_(std::make_unique<Impl>(limits)) {}
BounceParser::~BounceParser() = default;
BounceParser::BounceParser(BounceParser&&) noexcept = default;
BounceParser& BounceParser::operator=(BounceParser&&) noexcept = default;

void BounceParser::envelope_sender(std::string_view sender) {
  impl_->envelope = std::string(trim(sender).substr(0, 512));
}

void BounceParser::header(std::string_view name, std::string_view value) {
  Impl& p = *impl_;
  if (p.eoh_done) return;
  std::size_t size = name.size() + value.size() + 2;
  if (size > p.limits.max_header_field_bytes) {
    p.flags |= kFlagHeaderTooLong;
    size = p.limits.max_header_field_bytes;
    value = value.substr(0, size > name.size() + 2 ? size - name.size() - 2 : 0);
  }
  if (p.header_bytes + size > p.limits.max_header_bytes) {
    p.flags |= kFlagHeaderTooLong;
    return;
  }
  p.header_bytes += size;
  MimeField f;
  f.name = std::string(trim(name));
  f.value = decode_encoded_words(unfold(value), &p.flags);
  f.offset = p.header_bytes - size;
  p.headers.fields.push_back(std::move(f));
}

bool BounceParser::end_of_headers() {
  Impl& p = *impl_;
  if (!p.eoh_done) {
    p.eoh_done = true;
    p.verdict = evaluate_headers(p.headers, p.envelope);
    p.wanted = p.verdict.wanted();
  }
  return p.wanted;
}

void BounceParser::body(std::string_view chunk) {
  Impl& p = *impl_;
  if (!p.eoh_done || !p.wanted || p.finished) return;
  p.add_body(chunk);
}

Report BounceParser::finish() {
  Impl& p = *impl_;
  if (p.finished) return Report{};
  p.finished = true;
  return p.finish();
}

// ---- whole messages ----------------------------------------------------------

namespace {

// The next line of `text` at `*pos` with any of LF, CRLF, CR as its end;
// advances `*pos` past the line break.
std::string_view next_line(std::string_view text, std::size_t* pos) {
  std::size_t start = *pos;
  std::size_t i = start;
  while (i < text.size() && text[i] != '\n' && text[i] != '\r') ++i;
  std::string_view line = text.substr(start, i - start);
  if (i < text.size()) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    ++i;
  }
  *pos = i;
  return line;
}

}  // namespace

Report parse_message(std::string_view message, const Limits& limits) {
  BounceParser parser(limits);
  std::size_t pos = 0;
  // An mbox "From " separator line is not a header.
  if (message.starts_with("From ")) next_line(message, &pos);
  std::string_view name;
  std::size_t value_start = 0;
  std::size_t value_end = 0;
  bool have_field = false;
  auto flush = [&]() {
    if (have_field) parser.header(name, message.substr(value_start, value_end - value_start));
    have_field = false;
  };
  while (pos < message.size()) {
    std::size_t line_start = pos;
    std::string_view line = next_line(message, &pos);
    if (line.empty()) break;  // end of the header block
    if (is_space_or_tab(line.front())) {
      if (have_field) value_end = line_start + line.size();
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      // Not a header: the body starts here (no blank line was given).
      flush();
      pos = line_start;
      break;
    }
    flush();
    name = line.substr(0, colon);
    value_start = line_start + colon + 1;
    value_end = line_start + line.size();
    have_field = true;
  }
  flush();
  if (parser.end_of_headers()) {
    parser.body(message.substr(std::min(pos, message.size())));
  }
  return parser.finish();
}

}  // namespace smtp_explain
