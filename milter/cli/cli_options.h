// Command-line options shared by the explain and check commands, parsed from
// argv into a plain value (no globals), so parsing is testable on its own.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "smtp_explain/catalog.h"

struct CliOptions {
  std::string command;                 // "explain" (default), "check" or "compare"
  std::string lang = "en";             // --lang
  bool json = false;                   // --json
  bool summary = false;                // --summary (check)
  std::size_t top = 10;                // --top N (check --summary)
  std::string catalog_path;            // --catalog FILE (overlay), empty for none
  bool help = false;                   // --help / -h
  bool version = false;                // --version / -V
  std::vector<std::string> arguments;  // codes or files, in order ("-" is stdin)
};

// Parses argv[1..]. Returns false and sets *error on a usage error.
bool parse_cli_options(const std::vector<std::string>& args, CliOptions* out, std::string* error);

// The catalog the options ask for (built-in, or overlaid with --catalog), after
// checking --lang. Returns null and sets *error (a usage error, exit 2) otherwise.
std::shared_ptr<const smtp_explain::Catalog> catalog_for(const CliOptions& options,
                                                         std::string* error);

// The --help text, with the exit codes.
const char* cli_usage();
