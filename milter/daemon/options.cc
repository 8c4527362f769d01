// Command-line parsing (see options.h).
#include "options.h"

#include "socket_setup.h"

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
    } else if (arg == "--socket-mode") {
      if (!take_value(&v)) return false;
      unsigned mode = 0;
      if (!parse_socket_mode(v, &mode)) {
        *error = "--socket-mode must be octal digits like 0660, not \"" + v + "\"";
        return false;
      }
      o.socket_mode = mode;
    } else if (arg == "--socket-group") {
      if (!take_value(&v)) return false;
      o.socket_group = v;
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
  if (options.socket_mode) config->socket_mode = *options.socket_mode;
  if (options.socket_group) config->socket_group = *options.socket_group;
  if (options.allow_root) config->allow_root = true;
}

std::string usage_text() {
  return R"(Usage: smtp-explain-milter [OPTIONS]

Adds X-SMTP-Explain* headers explaining SMTP codes to bounces passing through
the MTA (Postfix: smtpd_milters, non_smtpd_milters). Never rejects mail.

Options:
  -p, --socket SPEC   listen on unix:/path, inet:PORT@HOST or inet6:PORT@HOST
                      (default unix:/var/spool/postfix/smtp-explain/milter.sock,
                      Postfix main.cf: unix:smtp-explain/milter.sock)
      --socket-mode MODE   mode of a unix socket (default 0660)
      --socket-group NAME  group of a unix socket (default: postfix if it
                      exists, else the user's own group)
  -c, --config FILE   TOML configuration (default: none, built-in settings)
  -f, --foreground    stay in the foreground, log to stderr
  -u, --user NAME     drop privileges to NAME after opening the socket
      --allow-root    allow running on as root (refused by default)
      --pidfile FILE  write the process id to FILE (not following a symlink;
                      its directory must be writable only by root)
      --check-config  check the configuration, catalog and rules, then exit
  -V, --version       print the version and exit
  -h, --help          print this help and exit

Signals: SIGHUP reloads the configuration, catalog and rules (a bad file keeps
the running ones); SIGTERM stops after the messages in flight.
)";
}

}  // namespace smtp_explain::daemon
