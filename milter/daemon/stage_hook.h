// A fault-injection seam at the start of every callback: the daemon tests
// install a hook that throws (to prove nothing crosses the C boundary) and the
// end-to-end fault tests one that sleeps (a milter slower than the MTA's
// timeouts, see SMTP_EXPLAIN_MILTER_TEST_DELAY in main.cc). With no hook
// installed the cost is one relaxed atomic load per callback.
// Thread safety: the hook is read atomically; install it before serving.
#pragma once

#include <string>
#include <string_view>

namespace smtp_explain::daemon {

enum class Stage {
  kConnectionSetup,  // creating the connection's state (first callback)
  kNegotiate,
  kEnvfrom,
  kHeader,
  kEndOfHeaders,
  kBody,
  kEndOfMessage,
  kAbort,
  kClose,
};
inline constexpr int kStageCount = 9;

// "connection-setup", "negotiate", "envfrom", "header", "eoh", "body", "eom",
// "abort", "close".
std::string_view to_string(Stage stage);

using StageHook = void (*)(Stage stage);

// Installs (or with nullptr removes) the hook.
void set_stage_hook(StageHook hook);

// The end-to-end tests' slow milter: `spec` "STAGE:MILLISECONDS" (e.g.
// "eom:8000", stage names as to_string()) installs a hook that sleeps that long
// in every callback of that stage. Null or empty: nothing. Returns false and
// sets *error on a bad spec. Not for production.
bool install_test_delay(const char* spec, std::string* error);

// Runs the hook, if any. May throw whatever the hook throws: call it inside
// the callback guard (dispatch.h).
void run_stage_hook(Stage stage);

}  // namespace smtp_explain::daemon
