// The one guard at the C boundary: every libmilter callback runs its C++ body
// through guarded() or dispatch(), which
//   - run the stage hook (stage_hook.h) and the body inside one try block, so
//     that nothing (std::bad_alloc included) escapes into libmilter's C code;
//   - on any exception log the reason once, count it (metrics), drop the
//     message's state and mark the message failed, so that its remaining
//     callbacks pass quietly (ConnectionState::fail_message());
//   - return the failure verdict, which lets the message through unchanged
//     (SMFIS_ACCEPT, or SMFIS_CONTINUE / SMFIS_NOREPLY where the protocol
//     expects that), never a reject, tempfail or discard.
// Thread safety: stateless apart from the metrics pointer (set before serving);
// logging and metrics are thread-safe.
#pragma once

#include <libmilter/mfapi.h>

#include <exception>
#include <string_view>

#include "connection_state.h"
#include "stage_hook.h"

namespace smtp_explain::daemon {

class Metrics;

// The verdict when something went wrong: the message passes unchanged.
inline constexpr sfsistat kFailureVerdict = SMFIS_ACCEPT;

// Where callback failures are counted (nullptr: not counted).
void set_failure_metrics(Metrics* metrics);

// Logs a callback failure and counts it (never throws). `conn` may be null.
void report_callback_failure(Stage stage, const ConnectionState* conn,
                             std::string_view why) noexcept;

// Runs fn() (no arguments) with the stage hook inside the guard; on an
// exception reports it, marks the connection's message failed (if `conn`) and
// returns `failure`.
template <typename Fn>
sfsistat guarded(Stage stage, ConnectionState* conn, Fn&& fn, sfsistat failure) noexcept {
  try {
    run_stage_hook(stage);
    return fn();
  } catch (const std::exception& e) {
    report_callback_failure(stage, conn, e.what());
  } catch (...) {
    report_callback_failure(stage, conn, "unknown exception");
  }
  if (conn != nullptr) conn->fail_message();  // whatever it held is not used again
  return failure;
}

// guarded() for a callback that needs the connection's state: fn(conn). A
// missing state is reported and answered with `failure`.
template <typename Fn>
sfsistat dispatch(Stage stage, ConnectionState* conn, Fn&& fn,
                  sfsistat failure = kFailureVerdict) noexcept {
  if (conn == nullptr) {
    report_callback_failure(stage, nullptr, "no connection state");
    return failure;
  }
  return guarded(
      stage, conn, [&]() -> sfsistat { return fn(*conn); }, failure);
}

}  // namespace smtp_explain::daemon
