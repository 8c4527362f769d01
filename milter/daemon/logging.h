// Logging set up in one place: spdlog's default logger writes to syslog
// (facility mail, ident smtp-explain-milter) when running as a daemon, or to
// stderr in the foreground or when configured so. Everything else in the daemon
// just calls spdlog::info() etc.
// Thread safety: set up once at start before threads exist; set_log_level() is
// safe at any time (spdlog levels are atomic).
#pragma once

#include <string>
#include <string_view>

#include "config.h"

namespace smtp_explain::daemon {

inline constexpr const char* kSyslogIdent = "smtp-explain-milter";

// Returns false and sets *error if the level is unknown.
bool setup_logging(LogDestination destination, bool foreground, std::string_view level,
                   std::string* error);
bool set_log_level(std::string_view level);

}  // namespace smtp_explain::daemon
