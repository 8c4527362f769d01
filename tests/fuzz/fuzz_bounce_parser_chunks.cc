// Fuzz target: the header splitter and BounceParser fed stage by stage as a
// milter feeds it, with the message cut into pieces at positions taken from the
// input. The splitter must find the same fields and body whatever the pieces,
// and the Report must not depend on how the body was chunked: it is compared
// with the Report of the same message fed in one piece, and with
// parse_message. Small Limits make every bound reachable.
//
// Input layout: byte 0 picks the limits, bytes 1..8 seed the chunk sizes, the
// rest is the message (headers, blank line, body; LF, CRLF or CR).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "header_splitter.h"
#include "smtp_explain/parser.h"

namespace {

using namespace smtp_explain;

struct Field {
  std::string name;
  std::string value;
};

// The header fields and the body as the one header splitter makes them
// (header_splitter.h), fed whole or cut at `cuts` (offsets into the message).
std::string split(std::string_view m, const Limits& limits, const std::vector<std::size_t>& cuts,
                  std::vector<Field>* fields) {
  HeaderSplitter splitter(limits);
  const auto on_field = [&](std::string_view n, std::string_view v) {
    fields->push_back({std::string(n), std::string(v)});
  };
  std::string body;
  std::size_t at = 0;
  auto feed_piece = [&](std::string_view piece) {
    if (splitter.done()) {
      body.append(splitter.body_piece(piece));
      return;
    }
    const std::size_t used = splitter.feed(piece, on_field);
    if (splitter.done()) {
      body.append(splitter.body_prefix());
      body.append(piece.substr(used));
    }
  };
  for (std::size_t cut : cuts) {
    if (cut > m.size()) break;
    feed_piece(m.substr(at, cut - at));
    at = cut;
  }
  feed_piece(m.substr(at));
  if (!splitter.done()) {
    splitter.finish(on_field);
    body.append(splitter.body_prefix());
  }
  return body;
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

  // Chunk ends from a small xorshift generator: mostly short chunks (1..16
  // bytes) so CRLF pairs and lines are split, sometimes long ones.
  std::vector<std::size_t> cuts;
  std::size_t at = 0;
  std::uint64_t x = seed | 1;
  while (at < message.size() && cuts.size() < 4096) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    at += (x & 0x30) == 0 ? 1 + (x >> 8) % 4096 : 1 + (x >> 8) % 16;
    cuts.push_back(at);
  }
  std::vector<Field> fields;
  const std::string body = split(message, limits, {}, &fields);
  // The splitter fed in pieces finds the same fields; what it keeps of a field
  // or line past the limits may differ, never what the parser makes of it.
  std::vector<Field> chunked_fields;
  const std::string chunked_body = split(message, limits, cuts, &chunked_fields);
  FUZZ_CHECK(chunked_fields.size() == fields.size());
  for (std::size_t i = 0; i < fields.size() && i < chunked_fields.size(); ++i) {
    FUZZ_CHECK(chunked_fields[i].name == fields[i].name);
  }

  const Report whole = feed(fields, body, limits, null_sender, {});
  const Report chunked = feed(fields, body, limits, null_sender, cuts);
  fuzz::check_report(whole, limits);
  FUZZ_CHECK(same(whole, chunked));
  FUZZ_CHECK(same(whole, feed(chunked_fields, chunked_body, limits, null_sender, {})));
  if (!null_sender) {
    // parse_message uses the same splitter; it must agree.
    FUZZ_CHECK(same(whole, parse_message(message, limits)));
  }
  return 0;
}
