// MetricsServer: the optional loopback HTTP endpoint (`metrics` key) that
// serves GET /metrics in Prometheus text format, with cpp-httplib (Debian's
// libcpp-httplib-dev) on one thread of its own. Anything else is 404.
// Thread safety: start() and stop() from the main thread; the render function
// runs on the server's thread and must be thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

namespace httplib {
class Server;
}

namespace smtp_explain::daemon {

class MetricsServer {
 public:
  MetricsServer();
  ~MetricsServer();  // stops and joins
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  // Binds `address` (see parse_loopback_address) and starts serving. Returns
  // false and sets *error if the address is bad or cannot be bound.
  bool start(const std::string& address, std::function<std::string()> render, std::string* error);
  // Stops serving and joins the thread. Idempotent.
  void stop();
  // The bound port (0 before start()).
  int port() const { return port_; }

 private:
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  std::atomic<bool> finished_{false};  // the serving loop has returned
  int port_ = 0;
};

}  // namespace smtp_explain::daemon
