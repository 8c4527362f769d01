// `smtp-explain check FILE...`: each message parsed as the milter would, with
// its recipients, explanations and the exact headers the milter would add.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <istream>
#include <ostream>

#include "commands.h"
#include "json_report.h"
#include "message_feed.h"
#include "smtp_explain/annotator.h"

using namespace smtp_explain;

namespace {

using Checked = Annotation;

void print_human(const std::string& file, const Checked& c, const Catalog& catalog,
                 const std::string& lang, std::ostream& out) {
  const auto text = [&](const char* key) { return catalog.text(key, lang); };
  const auto or_none = [&](const std::string& s) { return s.empty() ? text("none") : s; };
  out << file << ": ";
  if (!c.report.bounce) {
    out << text("not_a_bounce");
    if (c.report.kind != Kind::kNotBounce) out << " (" << to_string(c.report.kind) << ")";
    out << "\n";
    return;
  }
  out << to_string(c.report.kind) << ", " << text("label_class") << ": "
      << or_none(std::string(to_string(c.report.cls))) << "\n";
  if (c.report.recipients.empty()) out << "  " << text("no_recipients") << "\n";
  for (std::size_t i = 0; i < c.report.recipients.size(); ++i) {
    const Recipient& r = c.report.recipients[i];
    const RecipientText& t = c.texts[i];
    out << "  " << text("label_recipient") << ": " << or_none(r.recipient) << "\n"
        << "    " << text("label_reply_code") << ": " << or_none(r.reply_code) << "   "
        << text("label_status") << ": " << or_none(r.status) << "   " << text("label_class") << ": "
        << or_none(std::string(to_string(r.cls))) << "   " << text("label_reason") << ": "
        << to_string(r.reason) << "\n";
    if (!r.provider.empty()) out << "    " << text("label_provider") << ": " << r.provider << "\n";
    const std::string prefix = t.source.empty() ? "" : t.source + ": ";
    out << "    " << text("label_meaning") << ": " << prefix << t.meaning << "\n"
        << "    " << text("label_fix") << ": " << prefix << t.fix << "\n";
  }
  if (c.report.flags != kFlagNone) {
    out << "  flags:";
    for (std::string_view f : flag_names(c.report.flags)) out << ' ' << f;
    out << "\n";
  }
  out << "  " << text("label_headers") << ":\n";
  for (const HeaderField& h : c.headers) {
    std::string v = h.value;
    for (std::size_t p = 0; (p = v.find('\n', p)) != std::string::npos; p += 5)
      v.replace(p, 1, "\n    ");
    out << "    " << h.name << ": " << v << "\n";
  }
}

}  // namespace

int run_check(const CliOptions& options, std::istream& stdin_stream, std::ostream& out,
              std::ostream& err) {
  if (options.arguments.empty()) {
    err << "smtp-explain check: no file given\n" << cli_usage();
    return 2;
  }
  std::string error;
  auto catalog = catalog_for(options, &error);
  if (catalog == nullptr) {
    err << "smtp-explain: " << error << "\n";
    return 2;
  }
  AnnotatorOptions annotator_options;
  annotator_options.language = options.lang;
  const Annotator annotator(catalog, ProviderRules::builtin(), annotator_options);
  int status = 0;
  for (const std::string& file : options.arguments) {
    std::ifstream stream;
    std::istream* in = &stdin_stream;
    if (file != "-") {
      stream.open(file, std::ios::binary);
      in = &stream;
    }
    bool read_error = !*in;
    std::string why = read_error ? std::strerror(errno) : "";
    Checked c;
    if (!read_error) {
      errno = 0;
      c = feed_message(*in, annotator, &read_error);
      if (read_error) why = errno != 0 ? std::strerror(errno) : "read error";
    }
    if (read_error) {
      status = 1;
      if (options.json) {
        out << json_line({{"file", file}, {"error", "cannot read: " + why}}) << "\n";
      } else {
        err << "smtp-explain: " << file << ": cannot read: " << why << "\n";
      }
      continue;
    }
    if (options.json) {
      out << json_line(report_json(file, c.report, c.texts, c.headers)) << "\n";
    } else {
      print_human(file, c, *catalog, options.lang, out);
    }
  }
  return status;
}
