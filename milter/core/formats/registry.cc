// The ordered table of format scanners (see formats.h). To add a family: write
// formats/<family>.cc defining `bool scan_<family>(const Message&,
// std::vector<FoundRecipient>*)`, declare it below and add one table line.
// Order matters: specific families first, the generic fallback last.
#include "formats.h"

namespace smtp_explain {

// Scanners, one per file in formats/.
bool scan_generic_text(const Message& msg, std::vector<FoundRecipient>* out);

const std::vector<FormatScanner>& format_scanners() {
  static const std::vector<FormatScanner> kScanners = {
      // Specific MTA families go here, before the fallback.
      {"generic", scan_generic_text},  // keep last
  };
  return kScanners;
}

std::string_view run_format_scanners(const Message& msg, std::vector<FoundRecipient>* out) {
  for (const FormatScanner& s : format_scanners()) {
    const std::size_t before = out->size();
    if (s.scan(msg, out) && out->size() > before) return s.name;
    out->resize(before);  // a scanner that declined leaves nothing behind
  }
  return {};
}

}  // namespace smtp_explain
