// Command-line parsing (see options.h).
#include "options.h"

namespace smtp_explain::daemon {

bool parse_options(const std::vector<std::string>& args, Options* out, std::string* error) {
  Options o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    std::string value;
    bool has_inline_value = false;
    if (arg.starts_with("--") && arg.find('=') != std::string::npos) {
      value = arg.substr(arg.find('=') + 1);
      arg = arg.substr(0, arg.find('='));
      has_inline_value = true;
    }
    auto take_value = [&](std::string* dest) {
      if (has_inline_value) {
        *dest = value;
      } else if (i + 1 < args.size()) {
        *dest = args[++i];
      } else {
        *error = arg + " needs a value";
        return false;
      }
      if (dest->empty()) {
        *error = arg + " needs a non-empty value";
        return false;
      }
      return true;
    };
    auto no_value = [&]() {
      if (has_inline_value) *error = arg + " takes no value";
      return !has_inline_value;
    };
    std::string v;
    if (arg == "--config" || arg == "-c") {
      if (!take_value(&o.config_path)) return false;
    } else if (arg == "--socket" || arg == "-p") {
      if (!take_value(&v)) return false;
      o.socket = v;
    } else if (arg == "--user" || arg == "-u") {
      if (!take_value(&v)) return false;
      o.user = v;
    } else if (arg == "--pidfile") {
      if (!take_value(&v)) return false;
      o.pidfile = v;
    } else if (arg == "--foreground" || arg == "-f") {
      if (!no_value()) return false;
      o.foreground = true;
    } else if (arg == "--allow-root") {
      if (!no_value()) return false;
      o.allow_root = true;
    } else if (arg == "--check-config") {
      if (!no_value()) return false;
      o.check_config = true;
    } else if (arg == "--version" || arg == "-V") {
      if (!no_value()) return false;
      o.show_version = true;
    } else if (arg == "--help" || arg == "-h") {
      if (!no_value()) return false;
      o.show_help = true;
    } else {
      *error = "unknown option \"" + arg + "\" (see --help)";
      return false;
    }
  }
  *out = std::move(o);
  return true;
}

void apply_overrides(const Options& options, DaemonConfig* config) {
  if (options.socket) config->socket = *options.socket;
  if (options.user) config->user = *options.user;
  if (options.pidfile) config->pidfile = *options.pidfile;
  if (options.allow_root) config->allow_root = true;
}

std::string usage_text() {
  return R"(Usage: smtp-explain-milter [OPTIONS]

Adds X-SMTP-Explain* headers explaining SMTP codes to bounces passing through
the MTA (Postfix: smtpd_milters, non_smtpd_milters). Never rejects mail.

Options:
  -p, --socket SPEC   listen on unix:/path, inet:PORT@HOST or inet6:PORT@HOST
                      (default unix:/run/smtp-explain/milter.sock)
  -c, --config FILE   TOML configuration (default: none, built-in settings)
  -f, --foreground    stay in the foreground, log to stderr
  -u, --user NAME     drop privileges to NAME after opening the socket
      --allow-root    allow running on as root (refused by default)
      --pidfile FILE  write the process id to FILE
      --check-config  check the configuration, catalog and rules, then exit
  -V, --version       print the version and exit
  -h, --help          print this help and exit

Signals: SIGHUP reloads the configuration, catalog and rules (a bad file keeps
the running ones); SIGTERM stops after the messages in flight.
)";
}

}  // namespace smtp_explain::daemon
