// Checks for fuzz targets: a failed check prints what broke and aborts, which
// libFuzzer reports as a crash (and saves the input) and the replay program
// reports as a failed run. Used instead of assert() so it also fires in
// release builds. Thread safety: stateless.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "smtp_explain/headers.h"
#include "smtp_explain/limits.h"
#include "smtp_explain/report.h"

#define FUZZ_CHECK(cond)                                                                 \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

namespace smtp_explain::fuzz {

// The wire contract of headers.h for one rendered field: ASCII only, no CR or
// NUL, every LF followed by a space or tab (folding), no line over 998 bytes
// (the first line counts "Name: "), no empty value.
inline void check_wire_safe(const HeaderField& field) {
  FUZZ_CHECK(!field.name.empty());
  FUZZ_CHECK(field.name.starts_with(kHeaderPrefix));
  for (char c : field.name) {
    const unsigned char u = static_cast<unsigned char>(c);
    FUZZ_CHECK(u > 0x20 && u < 0x7F && c != ':');
  }
  std::size_t line = field.name.size() + 2;
  const std::string& v = field.value;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(v[i]);
    FUZZ_CHECK(c < 0x80);
    FUZZ_CHECK(c != '\r');
    FUZZ_CHECK(c != '\0');
    if (c == '\n') {
      FUZZ_CHECK(i + 1 < v.size());
      FUZZ_CHECK(v[i + 1] == ' ' || v[i + 1] == '\t');
      FUZZ_CHECK(line <= 998);
      line = 0;
      continue;
    }
    FUZZ_CHECK(c >= 0x20 || c == '\t');
    ++line;
  }
  FUZZ_CHECK(line <= 998);
}

// A string the parser put in a Report: bounded and free of CR, LF and NUL
// (report.h).
inline void check_report_string(std::string_view s, std::size_t max_bytes) {
  FUZZ_CHECK(s.size() <= max_bytes);
  for (char c : s) FUZZ_CHECK(c != '\r' && c != '\n' && c != '\0');
}

// The invariants report.h and limits.h promise for any input.
inline void check_report(const Report& r, const Limits& limits) {
  FUZZ_CHECK(r.recipients.size() <= limits.max_recipients);
  FUZZ_CHECK(r.recipients_total >= r.recipients.size());
  FUZZ_CHECK(r.bounce == (r.kind == Kind::kDsn || r.kind == Kind::kText));
  FUZZ_CHECK(!r.bounce || !r.recipients.empty());
  DeliveryClass worst = DeliveryClass::kNone;
  for (const Recipient& x : r.recipients) {
    check_report_string(x.recipient, 4096);
    check_report_string(x.original_recipient, 4096);
    check_report_string(x.action, 4096);
    check_report_string(x.reply_code, 3);
    check_report_string(x.status, 9);
    check_report_string(x.remote_mta, 4096);
    check_report_string(x.diagnostic, limits.max_diagnostic_bytes);
    FUZZ_CHECK(static_cast<std::size_t>(x.reason) < kReasonCount);
    if (worst < x.cls) worst = x.cls;
  }
  FUZZ_CHECK(r.cls == worst);
  check_report_string(r.reporting_mta, 4096);
}

}  // namespace smtp_explain::fuzz
