// SIGHUP as "reload" although libmilter treats it as "stop".
//
// libmilter's smfi_main() starts a thread that sigwait()s for SIGHUP, SIGTERM
// and SIGINT and stops the filter on any of them. To reload on SIGHUP while
// keeping libmilter's orderly SIGTERM shutdown, this file defines sigwait()
// itself (symbol interposition: the executable's definition is the one
// libmilter's call binds to). It waits with sigwaitinfo(); a SIGHUP runs the
// installed reload hook in that signal thread and goes on waiting; any other
// signal is returned to the caller as usual. With no hook installed it behaves
// exactly like sigwait().
// Thread safety: install the hook before smfi_main(); the hook runs in
// libmilter's signal thread, one call at a time.
#pragma once

namespace smtp_explain::daemon {

using ReloadHook = void (*)();

// Installs (or with nullptr removes) the function run on each SIGHUP.
void set_reload_hook(ReloadHook hook);

// Number of SIGHUPs handled so far (for tests and logs).
unsigned reloads_handled();

}  // namespace smtp_explain::daemon
