// Fuzz target: the milter's whole path for one message, through the Annotator
// (parser -> provider rules -> explanations -> header fields) in en, es and
// hi, checking the Report invariants (fuzz_check.h) and that every rendered
// header field obeys the wire contract of headers.h.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "smtp_explain/annotator.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace smtp_explain;
  static const Annotator* const kAnnotators[] = {
      [] {
        AnnotatorOptions o;
        o.max_header_recipients = 3;  // exercise the "N more" line with few recipients
        return new Annotator(o);
      }(),
      [] {
        AnnotatorOptions o;
        o.language = "es";
        o.max_header_recipients = 3;
        return new Annotator(o);
      }(),
      [] {
        AnnotatorOptions o;
        o.language = "hi";
        o.max_header_recipients = 3;
        return new Annotator(o);
      }(),
  };
  const std::string_view message(reinterpret_cast<const char*>(data), size);
  for (const Annotator* annotator : kAnnotators) {
    const Annotation a = annotator->annotate(message);
    fuzz::check_report(a.report, annotator->options().limits);
    FUZZ_CHECK(a.texts.size() == (a.report.bounce ? a.report.recipients.size() : 0));
    FUZZ_CHECK(a.report.bounce || a.headers.empty());
    for (const HeaderField& f : a.headers) fuzz::check_wire_safe(f);
  }
  return 0;
}
