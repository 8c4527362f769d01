// `smtp-explain CODE`: one code explained in plain language.
#include <ostream>

#include "commands.h"
#include "json_report.h"

int run_explain(const CliOptions& options, std::ostream& out, std::ostream& err) {
  if (options.arguments.empty()) {
    err << "smtp-explain: no code given\n" << cli_usage();
    return 2;
  }
  // "550 5.1.1" may come as one argument or as two.
  std::string code;
  for (const std::string& a : options.arguments) code += (code.empty() ? "" : " ") + a;
  std::string error;
  auto catalog = catalog_for(options, &error);
  if (catalog == nullptr) {
    err << "smtp-explain: " << error << "\n";
    return 2;
  }
  auto e = catalog->explain(code, options.lang);
  if (!e) {
    err << "smtp-explain: '" << code
        << "' is not an SMTP code (expected e.g. 552, 5.2.2, \"550 5.1.1\" or X.2.2)\n";
    return 2;
  }
  if (options.json) {
    out << json_line(explanation_json(*e)) << "\n";
    return 0;
  }
  const auto label = [&](const char* key) { return catalog->text(key, options.lang) + ": "; };
  out << e->code << "  " << e->title << "\n";
  if (!e->class_label.empty()) out << label("label_class") << e->class_label << "\n";
  out << label("label_meaning") << e->meaning << "\n";
  out << label("label_when") << e->when << "\n";
  out << label("label_fix") << e->fix << "\n";
  if (!e->fix_admin.empty()) out << label("label_fix_admin") << e->fix_admin << "\n";
  if (e->generic) out << catalog->text("generic_note", options.lang) << "\n";
  return 0;
}
