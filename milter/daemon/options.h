// Command-line options of smtp-explain-milter. Options given here override the
// same keys of the configuration file (and keep doing so across reloads).
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config.h"

namespace smtp_explain::daemon {

struct Options {
  std::string config_path;  // empty: no file, built-in defaults
  std::optional<std::string> socket;
  std::optional<std::string> user;
  std::optional<std::string> pidfile;
  std::optional<unsigned> socket_mode;
  std::optional<std::string> socket_group;
  bool allow_root = false;
  bool foreground = false;
  bool check_config = false;
  bool show_version = false;
  bool show_help = false;
};

// Returns false and sets *error on an unknown option or a missing argument.
bool parse_options(const std::vector<std::string>& args, Options* out, std::string* error);

// Applies the command-line overrides to a configuration read from the file.
void apply_overrides(const Options& options, DaemonConfig* config);

std::string usage_text();

}  // namespace smtp_explain::daemon
