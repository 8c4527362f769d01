// Fuzz target: the milter's whole path for one message, through the Annotator
// (parser -> provider rules -> explanations -> header fields) in en, es and
// hi, checking the Report invariants (fuzz_check.h), that every rendered header
// field obeys the wire contract of headers.h, and that what a mail client shows
// of it holds nothing from the message but a plain address (header_contract.h).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "header_contract.h"
#include "smtp_explain/annotator.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace smtp_explain;
  constexpr std::size_t kShown = 3;  // exercise the "N more" line with few recipients
  static const std::vector<const Annotator*> annotators = [] {
    std::vector<const Annotator*> out;
    for (const char* lang : {"en", "es", "hi"}) {
      AnnotatorOptions o;
      o.language = lang;
      o.max_header_recipients = kShown;
      out.push_back(new Annotator(o));  // lives as long as the process
    }
    return out;
  }();
  static const std::vector<std::string_view> reasons = [] {
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i < kReasonCount; ++i) out.push_back(to_string(static_cast<Reason>(i)));
    return out;
  }();
  const std::string_view message(reinterpret_cast<const char*>(data), size);
  for (const Annotator* annotator : annotators) {
    const Annotation a = annotator->annotate(message);
    fuzz::check_report(a.report, annotator->options().limits);
    FUZZ_CHECK(a.texts.size() == (a.report.bounce ? a.report.recipients.size() : 0));
    FUZZ_CHECK(a.report.bounce || a.headers.empty());
    for (const HeaderField& f : a.headers) fuzz::check_wire_safe(f);
    // What a client shows holds only tokens, codes, a plain recipient and the
    // catalog's text (header_contract.h).
    RenderOptions options;
    options.max_recipients = kShown;
    options.more_text = annotator->catalog().text("more_recipients", annotator->options().language);
    const std::string violation = test::check_rendered(a.report, a.texts, a.headers, options, reasons);
    if (!violation.empty()) std::fprintf(stderr, "%s\n", violation.c_str());
    FUZZ_CHECK(violation.empty());
  }
  return 0;
}
