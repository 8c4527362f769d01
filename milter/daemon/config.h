// DaemonConfig: the settings of smtp-explain-milter, every key next to its
// default (conf/smtp-explain.toml documents the same keys for admins).
//
// parse_config() reads TOML text; any unknown key, wrong type or out-of-range
// value is an error naming the origin and line, and the result is not used (the
// daemon does not start, or a reload keeps the previous settings).
// Thread safety: a plain value type; parse functions are pure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace smtp_explain::daemon {

enum class LogDestination { kAuto, kSyslog, kStderr };  // kAuto: stderr in the foreground

struct DaemonConfig {
  // Under Postfix's queue directory, so Postfix's chrooted smtpd and cleanup
  // reach it as unix:smtp-explain/milter.sock (see conf/postfix-main.cf).
  std::string socket = "unix:/var/spool/postfix/smtp-explain/milter.sock";
  unsigned socket_mode = 0660;        // unix sockets: owner and the MTA's group only
  std::string socket_group = "auto";  // "auto": postfix if it exists, else the user's group
  std::string user;                   // empty: keep the starting user
  bool allow_root = false;            // keep running as root (refused by default)
  std::string pidfile;                // empty: none
  std::string language = "en";
  std::size_t max_recipients = 20;          // per-recipient header lines before "N more"
  std::size_t max_scan_bytes = 512 * 1024;  // body bytes kept and scanned per message
  bool remove_inbound_headers = true;       // delete X-SMTP-Explain* fields that arrive
  std::string log_level = "info";           // trace, debug, info, warn, error, critical, off
  LogDestination log_destination = LogDestination::kAuto;
  std::string catalog_file;    // empty: built-in catalog only; else overlay
  std::string providers_file;  // empty: built-in provider rules
  int timeout = 30;            // seconds: MTA I/O timeout, and the drain wait at shutdown
  std::string metrics;         // "127.0.0.1:PORT" or "[::1]:PORT": Prometheus endpoint; empty: off
};

// A loopback HTTP listening address: "127.x.y.z:PORT", "[::1]:PORT" or
// "localhost:PORT" (= 127.0.0.1). Returns false (and *error) for anything
// else: the metrics endpoint is never exposed beyond the machine.
bool parse_loopback_address(std::string_view spec, std::string* host, int* port,
                            std::string* error);

// Parses TOML `text` (from `origin`, used in messages) over the defaults.
// Returns false and sets *error ("origin:LINE: ...") on any problem.
bool parse_config(std::string_view text, std::string_view origin, DaemonConfig* out,
                  std::string* error);

// Reads and parses a file. A missing or unreadable file is an error.
bool load_config_file(const std::string& path, DaemonConfig* out, std::string* error);

std::string_view to_string(LogDestination d);

}  // namespace smtp_explain::daemon
