// Logging set-up (see logging.h).
#include "logging.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/syslog_sink.h>
#include <spdlog/spdlog.h>
#include <syslog.h>

namespace smtp_explain::daemon {

bool set_log_level(std::string_view level) {
  spdlog::level::level_enum l = spdlog::level::from_str(std::string(level));
  // from_str() maps unknown names to "off": accept "off" only when asked for.
  if (l == spdlog::level::off && level != "off") return false;
  spdlog::set_level(l);
  return true;
}

bool setup_logging(LogDestination destination, bool foreground, std::string_view level,
                   std::string* error) {
  bool to_syslog = destination == LogDestination::kSyslog ||
                   (destination == LogDestination::kAuto && !foreground);
  std::shared_ptr<spdlog::logger> logger;
  if (to_syslog) {
    logger = spdlog::syslog_logger_mt("smtp-explain-syslog", kSyslogIdent, LOG_PID, LOG_MAIL,
                                      /*enable_formatting=*/false);
  } else {
    logger = spdlog::stderr_color_mt("smtp-explain-stderr");
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ [%t] %v");
  }
  spdlog::set_default_logger(logger);
  if (!set_log_level(level)) {
    *error = "unknown log level \"" + std::string(level) + "\"";
    return false;
  }
  spdlog::flush_on(spdlog::level::info);
  return true;
}

}  // namespace smtp_explain::daemon
