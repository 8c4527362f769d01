// run_cli: the smtp-explain command line, dispatching to the commands.
#include <iostream>

#include "commands.h"

#ifndef SMTP_EXPLAIN_VERSION
#define SMTP_EXPLAIN_VERSION "unknown"
#endif

int run_cli(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
            std::ostream& err) {
  CliOptions options;
  std::string error;
  if (!parse_cli_options(args, &options, &error)) {
    err << "smtp-explain: " << error << "\n" << cli_usage();
    return 2;
  }
  if (options.command == "compare" && !options.help) {
    std::vector<std::string> rest = args;
    for (auto it = rest.begin(); it != rest.end(); ++it) {
      if (*it == "compare") {
        rest.erase(it);
        break;
      }
    }
    return run_compare(rest);
  }
  if (options.help) {
    out << cli_usage();
    return 0;
  }
  if (options.version) {
    out << "smtp-explain " << SMTP_EXPLAIN_VERSION << "\n";
    return 0;
  }
  if (options.command == "check") return run_check(options, in, out, err);
  return run_explain(options, out, err);
}
