// `smtp-explain check PATH...`: each message parsed as the milter would, with
// its recipients, explanations and the exact headers the milter would add; the
// messages of files, mbox files, Maildirs and directories (mailbox.h), or their
// summary (audit_summary.h).
#include <unistd.h>

#include <iostream>
#include <istream>
#include <ostream>

#include "audit_summary.h"
#include "commands.h"
#include "json_report.h"
#include "mailbox.h"
#include "message_feed.h"
#include "progress.h"
#include "smtp_explain/annotator.h"
#include "smtp_explain/providers.h"

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

// A message's place in its mbox, for its JSON object: "message" (1-based) and
// "offset" (of its "From " line), when it came from an mbox of several.
nlohmann::json with_position(nlohmann::json j, const MessageName& name) {
  if (name.index > 0) {
    j["message"] = name.index;
    j["offset"] = name.offset;
  }
  return j;
}

// An unreadable file, directory or message: a JSON line in the stream of
// per-message objects, otherwise a line on standard error.
void report_unreadable(const MailItem& item, bool json_stream, std::ostream& out,
                       std::ostream& err) {
  if (json_stream) {
    out << json_line(with_position(
               {{"file", item.name.file}, {"error", "cannot read: " + item.error}}, item.name))
        << std::endl;
  } else {
    err << "smtp-explain: " << item.name.display() << ": cannot read: " << item.error << "\n";
  }
}

// The progress line: on standard error when it is a terminal, for a summary
// or when the per-message output does not go to a terminal as well.
ProgressLine progress_line(const CliOptions& options, const Catalog& catalog,
                           const std::ostream& out, const std::ostream& err) {
  const bool err_tty = &err == &std::cerr && ::isatty(STDERR_FILENO) == 1;
  const bool out_tty = &out == &std::cout && ::isatty(STDOUT_FILENO) == 1;
  ProgressLine::Labels labels{catalog.text("audit.progress.messages", options.lang),
                              catalog.text("audit.progress.bounces", options.lang),
                              catalog.text("audit.progress.per_second", options.lang)};
  return ProgressLine(std::cerr, err_tty && (options.summary || !out_tty), std::move(labels),
                      terminal_columns(STDERR_FILENO));
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
  AuditSummary summary(options.top);
  ProgressLine progress = progress_line(options, *catalog, out, err);
  MailWalker walker(options.arguments, stdin_stream);
  int status = 0;
  for (MailItem item; walker.next(&item);) {
    Checked c;
    if (item.message != nullptr) {
      bool read_error = false;
      c = feed_message(*item.message, annotator, &read_error);
      walker.finish(&item);
    }
    if (!item.error.empty()) {
      status = 1;
      summary.add_unreadable();
      progress.clear();
      report_unreadable(item, options.json && !options.summary, out, err);
      continue;
    }
    if (item.empty_file) {
      summary.add_empty_file();
      if (!options.json && !options.summary)
        out << item.name.file << ": " << catalog->text("audit.empty", options.lang) << "\n";
      continue;
    }
    summary.add(c.report);
    if (options.summary) {
      // printed at the end
    } else if (options.json) {
      out << json_line(with_position(report_json(item.name.file, c.report, c.texts, c.headers),
                                     item.name))
          << std::endl;  // one line per message, as it is read
    } else {
      print_human(item.name.display(), c, *catalog, options.lang, out);
    }
    progress.update(summary.messages(), summary.bounces(), walker.bytes_read(), item.name.file);
  }
  progress.clear();
  if (options.summary) {
    summary.set_input(walker.files_read(), walker.bytes_read());
    if (options.json) {
      out << json_line(summary.to_json()) << "\n";
    } else {
      summary.print(out, *catalog, options.lang);
    }
  }
  return status;
}
