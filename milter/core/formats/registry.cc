// The ordered table of format scanners (see formats.h). To add a family: write
// formats/<family>.cc defining `bool scan_<family>(const Message&,
// std::vector<FoundRecipient>*)`, declare it below and add one table line.
// Order matters: specific families first, the generic fallback last.
#include "formats.h"

namespace smtp_explain {

// Scanners, one per file in formats/.
bool scan_generic_text(const Message& msg, std::vector<FoundRecipient>* out);

// The specific families are listed in two tables (formats/families_a.cc and
// formats/families_b.cc), split alphabetically by Sisimai module name so two
// people can add families without editing the same lines.
const std::vector<FormatScanner>& family_scanners_a();
const std::vector<FormatScanner>& family_scanners_b();

const std::vector<FormatScanner>& format_scanners() {
  static const std::vector<FormatScanner> kScanners = [] {
    std::vector<FormatScanner> all;
    for (const FormatScanner& s : family_scanners_a()) all.push_back(s);
    for (const FormatScanner& s : family_scanners_b()) all.push_back(s);
    all.push_back({"generic", scan_generic_text});  // keep last
    return all;
  }();
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

void run_dsn_refiners(const Message& msg, std::vector<FoundRecipient>* found) {
  for (const FormatScanner& s : format_scanners()) {
    if (s.refine_dsn != nullptr) s.refine_dsn(msg, found);
  }
}

}  // namespace smtp_explain
