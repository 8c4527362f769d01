// Specific MTA families, group a (Activehunter .. KDDI in Sisimai's module order).
// Add a family: declare its scan function here and add one table line.
#include "formats.h"

namespace smtp_explain {

const std::vector<FormatScanner>& family_scanners_a() {
  static const std::vector<FormatScanner> kScanners = {};
  return kScanners;
}

}  // namespace smtp_explain
