// The CLI's subcommands; each takes its arguments and returns the process exit
// status (0 ok, 1 a file could not be read, 2 usage or input error).
// run_explain and run_check write to the given streams so tests can drive them.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "cli_options.h"

// smtp-explain compare CODE CODE [--lang L] [--json]   (compare.cc)
int run_compare(const std::vector<std::string>& args);

// smtp-explain [--lang L] [--json] [--catalog FILE] CODE   (explain_command.cc)
int run_explain(const CliOptions& options, std::ostream& out, std::ostream& err);

// smtp-explain check [--lang L] [--json] [--catalog FILE] FILE...   (check_command.cc)
int run_check(const CliOptions& options, std::istream& stdin_stream, std::ostream& out,
              std::ostream& err);

// The whole command line (argv[1..]): dispatches to the commands above.
int run_cli(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
            std::ostream& err);
