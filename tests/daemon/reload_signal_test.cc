// The sigwait() interposition: SIGHUP runs the reload hook and is swallowed,
// other signals are returned as sigwait() would.
#include <catch2/catch.hpp>

#include <pthread.h>

#include <csignal>

#include "reload_signal.h"

using namespace smtp_explain::daemon;

namespace {
int g_hook_calls = 0;
void count_hook() {
  ++g_hook_calls;
}
}  // namespace

TEST_CASE("SIGHUP runs the hook and sigwait returns the next other signal", "[signals]") {
  sigset_t set, old;
  sigemptyset(&set);
  sigaddset(&set, SIGHUP);
  sigaddset(&set, SIGUSR1);
  REQUIRE(pthread_sigmask(SIG_BLOCK, &set, &old) == 0);
  set_reload_hook(&count_hook);
  unsigned before = reloads_handled();
  raise(SIGHUP);
  raise(SIGUSR1);
  int sig = 0;
  CHECK(sigwait(&set, &sig) == 0);
  CHECK(sig == SIGUSR1);
  CHECK(g_hook_calls == 1);
  CHECK(reloads_handled() == before + 1);

  set_reload_hook(nullptr);  // without a hook: plain sigwait behaviour
  raise(SIGHUP);
  CHECK(sigwait(&set, &sig) == 0);
  CHECK(sig == SIGHUP);
  CHECK(g_hook_calls == 1);
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
}

namespace {
int g_stop_calls = 0;
bool g_saw_repeat = false;
void stop_hook() {
  ++g_stop_calls;
  g_saw_repeat = stop_requested_again();
}
}  // namespace

TEST_CASE("the first SIGTERM runs the stop hook once, then is returned", "[signals]") {
  sigset_t set, old;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  REQUIRE(pthread_sigmask(SIG_BLOCK, &set, &old) == 0);
  set_stop_hook(&stop_hook);
  raise(SIGTERM);
  int sig = 0;
  CHECK(sigwait(&set, &sig) == 0);
  CHECK(sig == SIGTERM);
  CHECK(g_stop_calls == 1);
  CHECK_FALSE(g_saw_repeat);

  // The hook is gone after its one run.
  raise(SIGTERM);
  CHECK(sigwait(&set, &sig) == 0);
  CHECK(sig == SIGTERM);
  CHECK(g_stop_calls == 1);

  // A SIGINT pending during the hook cuts the wait short (and is consumed).
  set_stop_hook(&stop_hook);
  raise(SIGINT);
  CHECK(stop_requested_again());
  CHECK_FALSE(stop_requested_again());
  set_stop_hook(nullptr);
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
}
