// Parsing the smtp-explain command line (cli_options.h).
#include "cli_options.h"

namespace {

// "--name=value" or "--name value"; advances *i past the value.
bool take_value(const std::vector<std::string>& args, std::size_t* i, std::string_view name,
                std::string* value, std::string* error) {
  const std::string& a = args[*i];
  if (a.size() > name.size() && a.compare(0, name.size(), name) == 0 && a[name.size()] == '=') {
    *value = a.substr(name.size() + 1);
  } else if (*i + 1 < args.size()) {
    *value = args[++*i];
  } else {
    *error = std::string(name) + " needs a value";
    return false;
  }
  if (value->empty()) {
    *error = std::string(name) + " needs a non-empty value";
    return false;
  }
  return true;
}

// --top N: 1 to kMaxTop rows per table.
constexpr std::size_t kMaxTop = 1000;
bool parse_top(const std::string& s, std::size_t* out) {
  if (s.empty() || s.size() > 4 || s.find_first_not_of("0123456789") != std::string::npos)
    return false;
  *out = std::stoul(s);
  return *out >= 1 && *out <= kMaxTop;
}

bool is_option(const std::string& a, std::string_view name) {
  return a == name ||
         (a.size() > name.size() && a.compare(0, name.size(), name) == 0 && a[name.size()] == '=');
}

}  // namespace

bool parse_cli_options(const std::vector<std::string>& args, CliOptions* out, std::string* error) {
  CliOptions o;
  bool options_done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool first_word = o.command.empty() && o.arguments.empty();
    if (!options_done && first_word && (a == "check" || a == "compare" || a == "explain")) {
      o.command = a;
      continue;
    }
    if (options_done || a == "-" || a.empty() || a[0] != '-') {
      o.arguments.push_back(a);
    } else if (a == "--") {
      options_done = true;
    } else if (a == "--json") {
      o.json = true;
    } else if (a == "-h" || a == "--help") {
      o.help = true;
    } else if (a == "-V" || a == "--version") {
      o.version = true;
    } else if (is_option(a, "--lang") || a == "-l") {
      if (!take_value(args, &i, a == "-l" ? "-l" : "--lang", &o.lang, error)) return false;
    } else if (is_option(a, "--catalog")) {
      if (!take_value(args, &i, "--catalog", &o.catalog_path, error)) return false;
    } else if (a == "--summary") {
      o.summary = true;
    } else if (is_option(a, "--top")) {
      std::string n;
      if (!take_value(args, &i, "--top", &n, error)) return false;
      if (!parse_top(n, &o.top)) {
        *error = "--top needs a number from 1 to " + std::to_string(kMaxTop);
        return false;
      }
    } else if (o.command == "compare") {
      o.arguments.push_back(a);  // compare parses its own options
    } else {
      *error = "unknown option '" + a + "'";
      return false;
    }
  }
  if (o.command.empty()) o.command = "explain";
  if (o.command != "check" && (o.summary || o.top != CliOptions{}.top)) {
    *error = "--summary and --top are options of check";
    return false;
  }
  *out = std::move(o);
  return true;
}

std::shared_ptr<const smtp_explain::Catalog> catalog_for(const CliOptions& options,
                                                         std::string* error) {
  std::shared_ptr<const smtp_explain::Catalog> catalog;
  if (options.catalog_path.empty()) {
    catalog = smtp_explain::Catalog::builtin();
  } else {
    catalog = smtp_explain::Catalog::load_file(options.catalog_path, error);
    if (catalog == nullptr) return nullptr;
  }
  if (!catalog->has_language(options.lang)) {
    std::string available;
    for (const std::string& l : catalog->languages())
      available += (available.empty() ? "" : ", ") + l;
    *error = "unknown language '" + options.lang + "' (available: " + available + ")";
    return nullptr;
  }
  return catalog;
}

const char* cli_usage() {
  return R"(usage: smtp-explain [OPTIONS] CODE
       smtp-explain check [OPTIONS] [--summary [--top N]] PATH...
       smtp-explain compare CODE CODE [--lang L] [--json]

Explains SMTP reply codes and enhanced status codes in plain language, and
checks bounce messages the way the smtp-explain milter does.

  CODE            552, 5.2.2, "550 5.1.1", 550-5.1.1 or X.2.2
  check PATH...   parse each message ("-" reads standard input) and show the
                  failed recipients, their codes, reasons, explanations and the
                  exact X-SMTP-Explain* headers the milter would add. A PATH is
                  a message file, an mbox file (split on its "From " lines), a
                  Maildir (cur/ and new/), or a directory walked for files (a
                  folder of .eml files, an MH folder). On a terminal, a
                  progress line is shown on standard error
  compare A B     explain two codes side by side and how they differ

Options:
  -l, --lang L        language of the explanations (default en)
      --json          machine-readable output (check: one JSON object per message
                      per line, written as each message is read)
      --summary       check: instead of one report per message, totals and tables:
                      messages by kind, bounces by class, recipients by reason,
                      provider, reply and status code, domain and remote MTA
                      (with --json: one JSON object)
      --top N         check --summary: rows per table (default 10)
      --catalog FILE  overlay a catalog TOML file on the built-in catalog
  -h, --help          show this help
  -V, --version       show the version

Exit status:
  0  success (check: every file and message was read; bounce or not does not matter)
  1  check: a file, directory or message could not be read (reported; the rest
     was still checked)
  2  usage error: bad option, malformed code, unknown language, bad catalog file
  3  internal error (out of memory)
)";
}
