// SIGHUP as "reload" although libmilter treats it as "stop", SIGTERM as "stop
// after the messages in flight", and SIGUSR1 as "write the metrics to the log".
//
// libmilter's smfi_main() starts a thread that sigwait()s for SIGHUP, SIGTERM
// and SIGINT and stops the filter on any of them. To reload on SIGHUP while
// keeping libmilter's orderly SIGTERM shutdown, this file defines sigwait()
// itself (symbol interposition: the executable's definition is the one
// libmilter's call binds to). It waits with sigwaitinfo(); a SIGHUP runs the
// installed reload hook in that signal thread and goes on waiting; with a
// metrics hook installed it also waits for SIGUSR1 and runs that hook; any
// other signal is returned to the caller as usual. With no hook installed it
// behaves exactly like sigwait().
// Thread safety: install the hooks before smfi_main(), with SIGUSR1 blocked in
// every thread (block it before starting any); the hooks run in libmilter's
// signal thread, one call at a time.
#pragma once

namespace smtp_explain::daemon {

using ReloadHook = void (*)();

// Installs (or with nullptr removes) the function run on each SIGHUP.
void set_reload_hook(ReloadHook hook);

// Installs (or with nullptr removes) the function run on the first SIGTERM
// before it is handed to libmilter: libmilter's worker pool abandons the
// sessions in progress as soon as it sees the stop, so the hook lets the
// messages in flight finish first (and makes new ones pass). It may return
// early when stop_requested_again() says another SIGTERM or a SIGINT came.
void set_stop_hook(ReloadHook hook);

// For the stop hook: true once a second SIGTERM or a SIGINT is pending
// (consumes it; the stop then goes on at once).
bool stop_requested_again();

// Installs (or with nullptr removes) the function run on each SIGUSR1.
void set_metrics_hook(ReloadHook hook);

// Blocks SIGHUP, SIGTERM, SIGINT and SIGUSR1 in the calling thread; call in
// main() before any thread is started (the metrics endpoint's included) so
// that every thread inherits the mask and only libmilter's signal thread
// takes them. A thread without the mask would die of the first SIGTERM.
void block_daemon_signals();

// Number of SIGHUPs handled so far (for tests and logs).
unsigned reloads_handled();

}  // namespace smtp_explain::daemon
