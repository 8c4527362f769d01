// Logging and counting half of the callback guard (see dispatch.h).
#include "dispatch.h"

#include <spdlog/spdlog.h>

#include <atomic>

#include "metrics.h"

namespace smtp_explain::daemon {
namespace {
std::atomic<Metrics*> g_metrics{nullptr};
}  // namespace

void set_failure_metrics(Metrics* metrics) {
  g_metrics.store(metrics);
}

void report_callback_failure(Stage stage, const ConnectionState* conn,
                             std::string_view why) noexcept {
  if (Metrics* m = g_metrics.load()) m->internal_error(stage);
  try {
    const MessageState* msg = conn != nullptr ? conn->message() : nullptr;
    spdlog::warn(
        "conn={} qid={} stage={}: {}; message passed unchanged", conn != nullptr ? conn->id() : 0,
        msg != nullptr && !msg->queue_id().empty() ? msg->queue_id() : "-", to_string(stage), why);
  } catch (...) {
    // Logging must not turn a contained failure into a crash.
  }
}

}  // namespace smtp_explain::daemon
