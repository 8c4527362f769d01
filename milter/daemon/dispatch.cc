// Logging half of the callback guard (see dispatch.h).
#include "dispatch.h"

#include <spdlog/spdlog.h>

namespace smtp_explain::daemon {

void log_callback_failure(std::string_view stage, const ConnectionState* conn,
                          std::string_view why) noexcept {
  try {
    const MessageState* msg = conn != nullptr ? conn->message() : nullptr;
    spdlog::warn("conn={} qid={} stage={}: {}; message passed unchanged",
                 conn != nullptr ? conn->id() : 0,
                 msg != nullptr && !msg->queue_id().empty() ? msg->queue_id() : "-", stage, why);
  } catch (...) {
    // Logging must not turn a contained failure into a crash.
  }
}

}  // namespace smtp_explain::daemon
