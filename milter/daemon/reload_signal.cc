// sigwait() interposition for SIGHUP reloads and SIGUSR1 (see reload_signal.h).
#include "reload_signal.h"

#include <pthread.h>
#include <atomic>
#include <cerrno>

#include <csignal>

namespace smtp_explain::daemon {
namespace {
std::atomic<ReloadHook> g_hook{nullptr};
std::atomic<ReloadHook> g_metrics_hook{nullptr};
std::atomic<ReloadHook> g_stop_hook{nullptr};
std::atomic<unsigned> g_handled{0};
}  // namespace

void set_reload_hook(ReloadHook hook) {
  g_hook.store(hook);
}
void set_stop_hook(ReloadHook hook) {
  g_stop_hook.store(hook);
}
bool stop_requested_again() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  const timespec zero{0, 0};
  return sigtimedwait(&set, nullptr, &zero) > 0;
}
void set_metrics_hook(ReloadHook hook) {
  g_metrics_hook.store(hook);
}
void block_daemon_signals() {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : {SIGHUP, SIGTERM, SIGINT, SIGUSR1}) sigaddset(&set, sig);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}
unsigned reloads_handled() {
  return g_handled.load();
}

}  // namespace smtp_explain::daemon

extern "C" int sigwait(const sigset_t* set, int* sig) {
  for (;;) {
    sigset_t wait_for = *set;
    smtp_explain::daemon::ReloadHook metrics = smtp_explain::daemon::g_metrics_hook.load();
    if (metrics != nullptr) sigaddset(&wait_for, SIGUSR1);
    int got = sigwaitinfo(&wait_for, nullptr);
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
    if (got == SIGTERM) {
      // Once: the hook drains, then the stop is libmilter's as usual.
      if (smtp_explain::daemon::ReloadHook stop =
              smtp_explain::daemon::g_stop_hook.exchange(nullptr)) {
        stop();
      }
    }
    if (got == SIGUSR1 && metrics != nullptr) {
      metrics();
      continue;
    }
    *sig = got;
    return 0;
  }
}
