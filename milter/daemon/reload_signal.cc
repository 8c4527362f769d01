// sigwait() interposition for SIGHUP reloads (see reload_signal.h).
#include "reload_signal.h"

#include <atomic>
#include <cerrno>
#include <csignal>

namespace smtp_explain::daemon {
namespace {
std::atomic<ReloadHook> g_hook{nullptr};
std::atomic<unsigned> g_handled{0};
}  // namespace

void set_reload_hook(ReloadHook hook) {
  g_hook.store(hook);
}
unsigned reloads_handled() {
  return g_handled.load();
}

}  // namespace smtp_explain::daemon

extern "C" int sigwait(const sigset_t* set, int* sig) {
  for (;;) {
    int got = sigwaitinfo(set, nullptr);
    if (got < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    smtp_explain::daemon::ReloadHook hook = smtp_explain::daemon::g_hook.load();
    if (got == SIGHUP && hook != nullptr) {
      hook();
      smtp_explain::daemon::g_handled.fetch_add(1);
      continue;
    }
    *sig = got;
    return 0;
  }
}
