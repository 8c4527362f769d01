// The one guard at the C boundary: every libmilter callback runs its C++ body
// through dispatch(), which
//   - checks that the connection's private data exists,
//   - catches every exception (std::bad_alloc included),
//   - and on any failure logs the reason and returns the failure verdict,
//     which lets the message through unchanged (SMFIS_ACCEPT; SMFIS_CONTINUE
//     where libmilter expects that), never a reject, tempfail or discard.
// Thread safety: stateless; logging is thread-safe.
#pragma once

#include <libmilter/mfapi.h>

#include <exception>
#include <string_view>

#include "connection_state.h"

namespace smtp_explain::daemon {

// The verdict when something went wrong: the message passes unchanged.
inline constexpr sfsistat kFailureVerdict = SMFIS_ACCEPT;

// Logs a callback failure (never throws).
void log_callback_failure(std::string_view stage, const ConnectionState* conn,
                          std::string_view why) noexcept;

template <typename Fn>
sfsistat dispatch(std::string_view stage, ConnectionState* conn, Fn&& fn,
                  sfsistat failure = kFailureVerdict) noexcept {
  if (conn == nullptr) {
    log_callback_failure(stage, nullptr, "no connection state");
    return failure;
  }
  try {
    return fn(*conn);
  } catch (const std::exception& e) {
    log_callback_failure(stage, conn, e.what());
  } catch (...) {
    log_callback_failure(stage, conn, "unknown exception");
  }
  conn->end_message();  // whatever it held is not used again
  return failure;
}

}  // namespace smtp_explain::daemon
