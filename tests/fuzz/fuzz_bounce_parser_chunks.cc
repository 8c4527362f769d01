// Fuzz target: BounceParser fed stage by stage as a milter feeds it, with the
// body split into chunks at positions taken from the input. The Report must not
// depend on how the body was chunked: it is compared with the Report of the
// same message fed in one piece. Small Limits make every bound reachable.
//
// Input layout: byte 0 picks the limits, bytes 1..8 seed the chunk sizes, the
// rest is the message (headers, blank line, body; LF, CRLF or CR).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "smtp_explain/parser.h"

namespace {

using namespace smtp_explain;

struct Field {
  std::string_view name;
  std::string_view value;
};

// The next line at *pos, ended by LF, CRLF or CR; advances past the break.
std::string_view next_line(std::string_view text, std::size_t* pos) {
  const std::size_t start = *pos;
  std::size_t i = start;
  while (i < text.size() && text[i] != '\n' && text[i] != '\r') ++i;
  const std::string_view line = text.substr(start, i - start);
  if (i < text.size()) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    ++i;
  }
  *pos = i;
  return line;
}

// Splits the header block into fields (values still folded, as an MTA hands
// them to a milter) and returns the offset of the body.
std::size_t split_headers(std::string_view m, std::vector<Field>* fields) {
  std::size_t pos = 0;
  if (m.starts_with("From ")) next_line(m, &pos);  // mbox separator, as parse_message
  while (pos < m.size()) {
    const std::size_t line_start = pos;
    const std::string_view line = next_line(m, &pos);
    if (line.empty()) return pos;
    if (line.front() == ' ' || line.front() == '\t') {
      if (fields->empty()) continue;  // a continuation with no field is dropped
      Field& last = fields->back();
      last.value = m.substr(last.value.data() - m.data(),
                            line_start + line.size() - (last.value.data() - m.data()));
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return line_start;
    fields->push_back({line.substr(0, colon), line.substr(colon + 1)});
  }
  return pos;
}

Limits pick_limits(std::uint8_t b) {
  Limits l;
  if (b & 1) {
    l.max_header_field_bytes = 64;
    l.max_header_bytes = 512;
  }
  if (b & 2) {
    l.max_scan_bytes = 2048;
    l.max_line_bytes = 80;
  }
  if (b & 4) {
    l.max_mime_depth = 2;
    l.max_mime_parts = 4;
  }
  if (b & 8) {
    l.max_recipients = 2;
    l.max_diagnostic_bytes = 16;
  }
  return l;
}

Report feed(const std::vector<Field>& fields, std::string_view body, const Limits& limits,
            bool null_sender, const std::vector<std::size_t>& cuts) {
  BounceParser p(limits);
  if (null_sender) p.envelope_sender("");
  for (const Field& f : fields) p.header(f.name, f.value);
  if (p.end_of_headers()) {
    std::size_t at = 0;
    for (std::size_t cut : cuts) {
      if (cut > body.size()) break;
      p.body(body.substr(at, cut - at));
      at = cut;
    }
    p.body(body.substr(at));
  }
  Report r = p.finish();
  FUZZ_CHECK(p.finish().recipients.empty());  // a second finish() is harmless
  return r;
}

bool same(const Report& a, const Report& b) {
  if (a.bounce != b.bounce || a.kind != b.kind || a.cls != b.cls || a.flags != b.flags ||
      a.recipients_total != b.recipients_total || a.reporting_mta != b.reporting_mta ||
      a.recipients.size() != b.recipients.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.recipients.size(); ++i) {
    const Recipient& x = a.recipients[i];
    const Recipient& y = b.recipients[i];
    if (x.recipient != y.recipient || x.original_recipient != y.original_recipient ||
        x.action != y.action || x.reply_code != y.reply_code || x.status != y.status ||
        x.remote_mta != y.remote_mta || x.diagnostic != y.diagnostic || x.cls != y.cls ||
        x.reason != y.reason) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 9) return 0;
  const Limits limits = pick_limits(data[0]);
  const bool null_sender = (data[0] & 16) != 0;
  std::uint64_t seed = 0;
  for (int i = 1; i <= 8; ++i) seed = (seed << 8) | data[i];
  const std::string_view message(reinterpret_cast<const char*>(data) + 9, size - 9);

  std::vector<Field> fields;
  const std::size_t body_at = split_headers(message, &fields);
  const std::string_view body = message.substr(body_at);

  // Chunk ends from a small xorshift generator: mostly short chunks (1..16
  // bytes) so CRLF pairs and lines are split, sometimes long ones.
  std::vector<std::size_t> cuts;
  std::size_t at = 0;
  std::uint64_t x = seed | 1;
  while (at < body.size() && cuts.size() < 4096) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    at += (x & 0x30) == 0 ? 1 + (x >> 8) % 4096 : 1 + (x >> 8) % 16;
    cuts.push_back(at);
  }
  const Report whole = feed(fields, body, limits, null_sender, {});
  const Report chunked = feed(fields, body, limits, null_sender, cuts);
  fuzz::check_report(whole, limits);
  FUZZ_CHECK(same(whole, chunked));
  if (!null_sender) {
    // parse_message splits headers the same way; it must agree.
    FUZZ_CHECK(same(whole, parse_message(message, limits)));
  }
  return 0;
}
