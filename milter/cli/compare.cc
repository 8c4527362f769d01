// `smtp-explain compare CODE CODE [--lang L] [--json]`: two codes side by side.
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "smtp_explain/catalog.h"
#include "smtp_explain/compare.h"

namespace {

constexpr const char* kCompareUsage =
    "usage: smtp-explain compare CODE CODE [--lang L] [--json]\n"
    "  CODE: a reply code (552), an enhanced status code (5.2.2) or both (\"550 5.1.1\")\n";

}  // namespace

int run_compare(const std::vector<std::string>& args) {
  std::vector<std::string> codes;
  std::string lang = "en";
  bool json = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--json") {
      json = true;
    } else if (a == "--lang" || a == "-l") {
      if (i + 1 >= args.size()) {
        std::cerr << "smtp-explain compare: --lang needs a language code\n" << kCompareUsage;
        return 2;
      }
      lang = args[++i];
    } else if (a.rfind("--lang=", 0) == 0) {
      lang = a.substr(7);
    } else if (a == "--help" || a == "-h") {
      std::cout << kCompareUsage;
      return 0;
    } else if (a.size() > 1 && a[0] == '-' && a[1] == '-') {
      std::cerr << "smtp-explain compare: unknown option '" << a << "'\n" << kCompareUsage;
      return 2;
    } else {
      codes.push_back(a);
    }
  }
  if (codes.size() != 2) {
    std::cerr << "smtp-explain compare: expected two codes, got " << codes.size() << "\n"
              << kCompareUsage;
    return 2;
  }
  auto catalog = smtp_explain::Catalog::builtin();
  std::string error;
  auto comparison = smtp_explain::compare_codes(codes[0], codes[1], *catalog, lang, &error);
  if (!comparison) {
    std::cerr << "smtp-explain compare: " << error << "\n";
    return 2;
  }
  std::cout << (json ? smtp_explain::format_comparison_json(*comparison)
                     : smtp_explain::format_comparison_text(*comparison, *catalog));
  return 0;
}
