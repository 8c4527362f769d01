// smtp-explain-milter: start-up, reload and shutdown around libmilter's
// smfi_main(). Order: options and configuration (fatal if bad), logging,
// socket, background, pidfile, privilege drop, serve; SIGHUP reloads,
// SIGTERM stops after the messages in flight (bounded by `timeout`);
// SIGUSR1 writes the metrics to the log.
#include <libmilter/mfapi.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fcntl.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "connection_state.h"
#include "logging.h"
#include "metrics.h"
#include "metrics_server.h"
#include "milter_callbacks.h"
#include "options.h"
#include "pidfile.h"
#include "privileges.h"
#include "reload_signal.h"
#include "snapshot.h"
#include "socket_setup.h"
#include "stage_hook.h"
#include "tcp_options.h"

#ifndef SMTP_EXPLAIN_VERSION
#define SMTP_EXPLAIN_VERSION "0.1.0"
#endif

namespace smtp_explain::daemon {
namespace {

Options g_options;
bool g_logging_ready = false;  // after setup_logging(): failures go to the log too
SnapshotStore* g_store = nullptr;
// Shared with libmilter's threads. Allocated once and never freed: a thread
// still in a callback when the process ends must not find them destroyed.
Metrics* g_metrics = nullptr;

void observe_fallbacks(const Snapshot& snap) {
  snap.catalog->set_fallback_observer([](std::string_view lang, std::string_view what) {
    spdlog::info("catalog: {} text missing in \"{}\", English used", what, lang);
  });
}

// Runs in libmilter's signal thread on SIGHUP (see reload_signal.h).
void reload() {
  try {
    std::shared_ptr<const Snapshot> old = g_store->current();
    DaemonConfig config;
    std::string error;
    if (!g_options.config_path.empty() &&
        !load_config_file(g_options.config_path, &config, &error)) {
      spdlog::error("reload failed, keeping generation {}: {}", old->generation, error);
      return;
    }
    apply_overrides(g_options, &config);
    auto next = build_snapshot(config, old->generation + 1, &error);
    if (!next) {
      spdlog::error("reload failed, keeping generation {}: {}", old->generation, error);
      return;
    }
    for (auto [key, before, after] :
         {std::tuple{"socket", old->config.socket, config.socket},
          std::tuple{"socket_group", old->config.socket_group, config.socket_group},
          std::tuple{"user", old->config.user, config.user},
          std::tuple{"pidfile", old->config.pidfile, config.pidfile},
          std::tuple{"metrics", old->config.metrics, config.metrics}}) {
      if (before != after) spdlog::warn("reload: {} changes only at restart", key);
    }
    if (old->config.socket_mode != config.socket_mode) {
      spdlog::warn("reload: socket_mode changes only at restart");
    }
    observe_fallbacks(*next);
    set_log_level(config.log_level);
    g_store->replace(next);
    g_metrics->set_generation(next->generation);
    spdlog::info("reloaded configuration (generation {}): language={} catalog={} providers={}",
                 next->generation, config.language,
                 config.catalog_file.empty() ? "built-in" : config.catalog_file,
                 config.providers_file.empty() ? "built-in" : config.providers_file);
  } catch (const std::exception& e) {
    spdlog::error("reload failed: {}", e.what());
  }
}

// Runs in libmilter's signal thread on SIGUSR1 (see reload_signal.h).
void log_metrics() {
  try {
    for (const std::string& line :
         g_metrics->log_lines(ConnectionState::live(), ConnectionState::messages_in_flight())) {
      spdlog::info("{}", line);
    }
  } catch (const std::exception& e) {
    spdlog::error("metrics: {}", e.what());
  }
}

// Runs in libmilter's signal thread on the first SIGTERM, before libmilter
// stops (see reload_signal.h): new messages pass unfiltered from now on, the
// ones in flight finish, bounded by `timeout`; a second SIGTERM or a SIGINT
// cuts the wait short.
void drain_for_stop() {
  try {
    ConnectionState::set_stopping(true);
    const int seconds = g_store->current()->config.timeout;
    spdlog::info("stopping: {} messages in flight, waiting up to {} s for them",
                 ConnectionState::messages_in_flight(), seconds);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (ConnectionState::messages_in_flight() > 0 &&
           std::chrono::steady_clock::now() < deadline) {
      if (stop_requested_again()) {
        spdlog::warn("stopping at once: signal repeated");
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (long left = ConnectionState::messages_in_flight(); left > 0) {
      spdlog::warn("stopping: {} messages still in flight pass unfiltered", left);
    }
  } catch (const std::exception& e) {
    spdlog::error("stopping: {}", e.what());
  }
}

bool daemonize(std::string* error) {
  pid_t pid = fork();
  if (pid < 0) {
    *error = std::string("fork: ") + std::strerror(errno);
    return false;
  }
  if (pid > 0) _exit(0);
  if (setsid() < 0) {
    *error = std::string("setsid: ") + std::strerror(errno);
    return false;
  }
  if (chdir("/") != 0) {
    *error = std::string("chdir /: ") + std::strerror(errno);
    return false;
  }
  int fd = open("/dev/null", O_RDWR);
  if (fd < 0) {
    *error = std::string("/dev/null: ") + std::strerror(errno);
    return false;
  }
  dup2(fd, 0);
  dup2(fd, 1);
  dup2(fd, 2);
  if (fd > 2) close(fd);
  return true;
}

int fail(const std::string& why) {
  std::cerr << "smtp-explain-milter: " << why << "\n";
  if (g_logging_ready) spdlog::critical("not started: {}", why);
  return 1;
}

int run(int argc, char** argv) {
  block_daemon_signals();         // before any thread exists (reload_signal.h)
  std::signal(SIGPIPE, SIG_IGN);  // a peer gone mid-write is an error, not a death
  std::string error;
  if (!parse_options(std::vector<std::string>(argv + 1, argv + argc), &g_options, &error)) {
    std::cerr << "smtp-explain-milter: " << error << "\n";
    return 2;
  }
  if (g_options.show_help) {
    std::cout << usage_text();
    return 0;
  }
  if (g_options.show_version) {
    unsigned major = 0, minor = 0, patch = 0;
    smfi_version(&major, &minor, &patch);
    std::cout << "smtp-explain-milter " << SMTP_EXPLAIN_VERSION << " (libmilter " << major << "."
              << minor << "." << patch << ")\n";
    return 0;
  }

  DaemonConfig config;
  if (!g_options.config_path.empty() && !load_config_file(g_options.config_path, &config, &error)) {
    return fail(error);
  }
  apply_overrides(g_options, &config);
  std::shared_ptr<const Snapshot> snap = build_snapshot(config, 1, &error);
  if (!snap) return fail(error);
  if (g_options.check_config) {
    std::cout << "configuration OK: socket=" << config.socket << " language=" << config.language
              << " catalog=" << (config.catalog_file.empty() ? "built-in" : config.catalog_file)
              << " providers="
              << (config.providers_file.empty() ? "built-in" : config.providers_file) << " ("
              << snap->providers->size() << " rules)\n";
    return 0;
  }

  const bool started_as_root = geteuid() == 0;
  if (started_as_root && config.user.empty() && !config.allow_root) {
    return fail("refusing to run as root: give --user NAME (or allow_root = true / --allow-root)");
  }
  if (!setup_logging(config.log_destination, g_options.foreground, config.log_level, &error)) {
    return fail(error);
  }
  g_logging_ready = true;
  observe_fallbacks(*snap);

  // Socket: owned by the milter's user, the MTA's group, config.socket_mode.
  UserIds ids{static_cast<unsigned>(geteuid()), static_cast<unsigned>(getegid())};
  if (!config.user.empty() && !lookup_user(config.user, &ids, &error)) return fail(error);
  const bool switching_user = started_as_root && !config.user.empty() && ids.uid != 0;
  SocketAccess access;
  access.mode = config.socket_mode;
  access.uid = switching_user ? static_cast<long>(ids.uid) : -1;
  if (!resolve_socket_group(config.socket_group, static_cast<long>(ids.gid), &access.gid, &error)) {
    return fail(error);
  }
  if ((access.mode & 0002) != 0) {
    spdlog::warn("socket_mode {:04o}: every local user may write to the socket", access.mode);
  }
  std::string warning;
  if (!prepare_socket_directory(config.socket, access, &warning, &error)) return fail(error);
  if (!warning.empty()) spdlog::warn("{}", warning);
  if (!config.pidfile.empty() &&
      !check_pidfile_directory(config.pidfile, switching_user ? static_cast<long>(ids.uid) : -1,
                               &error)) {
    return fail(error);
  }

  // Never destroyed (see g_metrics).
  g_store = new SnapshotStore(snap);
  g_metrics = new Metrics();
  g_metrics->set_generation(snap->generation);
  auto* milter_runtime = new MilterRuntime{g_store, g_metrics, is_tcp_spec(config.socket)};
  static std::string socket_spec = config.socket;
  if (smfi_setconn(socket_spec.data()) != MI_SUCCESS) return fail("bad socket " + socket_spec);
  smfi_settimeout(config.timeout);
  if (smfi_register(filter_description(milter_runtime)) != MI_SUCCESS) {
    return fail("smfi_register failed");
  }
  mode_t old_umask = umask(kSocketCreateUmask);
  int open_rc = smfi_opensocket(true);
  umask(old_umask);
  if (open_rc != MI_SUCCESS) return fail("cannot open socket " + socket_spec);
  if (!set_socket_access(config.socket, access, &error)) return fail(error);
  if (milter_runtime->tcp && set_nodelay_on_listening_sockets(&error) < 0) return fail(error);

  if (!g_options.foreground && !daemonize(&error)) return fail(error);
  const long pid = static_cast<long>(getpid());
  if (!config.pidfile.empty() && !write_pidfile(config.pidfile, pid, &error)) return fail(error);
  if (!config.user.empty() && !drop_privileges(config.user, &error)) return fail(error);
  if (geteuid() == 0 && !config.allow_root) {
    return fail("refusing to keep running as root (allow_root = true / --allow-root)");
  }

  if (!install_test_delay(std::getenv("SMTP_EXPLAIN_MILTER_TEST_DELAY"), &error)) {
    return fail("SMTP_EXPLAIN_MILTER_TEST_DELAY: " + error);
  }
  if (const char* delay = std::getenv("SMTP_EXPLAIN_MILTER_TEST_DELAY"); delay && *delay) {
    spdlog::warn("test delay active (SMTP_EXPLAIN_MILTER_TEST_DELAY={})", delay);
  }
  MetricsServer metrics_server;
  if (!config.metrics.empty() && !metrics_server.start(
                                     config.metrics,
                                     [] {
                                       return g_metrics->prometheus_text(
                                           ConnectionState::live(),
                                           ConnectionState::messages_in_flight());
                                     },
                                     &error)) {
    return fail(error);
  }
  set_reload_hook(&reload);
  set_metrics_hook(&log_metrics);
  set_stop_hook(&drain_for_stop);
  spdlog::info("smtp-explain-milter {} started: socket={} user={} language={} pid={}",
               SMTP_EXPLAIN_VERSION, config.socket, config.user.empty() ? "-" : config.user,
               config.language, pid);
  int rc = smfi_main();

  // The messages in flight have finished (drain_for_stop) and libmilter has
  // stopped listening. Its worker threads are detached and may still hold idle
  // connections: the process ends without running destructors under them (the
  // snapshot store, the metrics and the logger are never destroyed while a
  // thread may use them); the MTA sees those connections close.
  metrics_server.stop();  // joined: the only thread of ours
  spdlog::info("smtp-explain-milter stopped");
  if (!config.pidfile.empty()) remove_pidfile(config.pidfile, pid);
  spdlog::default_logger()->flush();
  std::_Exit(rc == MI_SUCCESS ? 0 : 1);
}

}  // namespace
}  // namespace smtp_explain::daemon

int main(int argc, char** argv) {
  try {
    return smtp_explain::daemon::run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "smtp-explain-milter: fatal: " << e.what() << "\n";
    return 1;
  }
}
