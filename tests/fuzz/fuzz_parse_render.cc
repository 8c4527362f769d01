// Fuzz target: the milter's whole path for one message. parse_message ->
// ProviderRules::builtin()->apply -> explain every recipient in en, es and hi ->
// render_headers, checking the Report invariants (fuzz_check.h), that every
// rendered header field obeys the wire contract of headers.h, and that what a
// mail client shows of it holds nothing from the message but a plain address
// (header_contract.h).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "header_contract.h"
#include "reason_names.h"
#include "smtp_explain/catalog.h"
#include "smtp_explain/headers.h"
#include "smtp_explain/parser.h"
#include "smtp_explain/providers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace smtp_explain;
  static const std::shared_ptr<const Catalog> catalog = Catalog::builtin();
  static const std::shared_ptr<const ProviderRules> rules = ProviderRules::builtin();
  static const std::vector<std::string_view> reasons(reason_detail::kReasonNames.begin(),
                                                     reason_detail::kReasonNames.end());
  const std::string_view message(reinterpret_cast<const char*>(data), size);
  const Limits limits;
  Report report = parse_message(message, limits);
  fuzz::check_report(report, limits);
  rules->apply(&report);
  fuzz::check_report(report, limits);
  for (const char* lang : {"en", "es", "hi"}) {
    std::vector<RecipientText> texts;
    texts.reserve(report.recipients.size());
    for (const Recipient& r : report.recipients) texts.push_back(rules->explain(r, *catalog, lang));
    RenderOptions options;
    options.max_recipients = 3;  // exercise the "N more" line with few recipients
    options.more_text = catalog->text("more_recipients", lang);
    const std::vector<HeaderField> fields = render_headers(report, texts, options);
    FUZZ_CHECK(report.bounce || fields.empty());
    for (const HeaderField& f : fields) fuzz::check_wire_safe(f);
    // What a client shows holds only tokens, codes, a plain recipient and the
    // catalog's text (header_contract.h).
    const std::string violation = test::check_rendered(report, texts, fields, options, reasons);
    if (!violation.empty()) std::fprintf(stderr, "%s\n", violation.c_str());
    FUZZ_CHECK(violation.empty());
  }
  return 0;
}
