// The Prometheus endpoint (see metrics_server.h).
#include "metrics_server.h"

#include <httplib.h>

#include <chrono>
#include <utility>

#include "config.h"

namespace smtp_explain::daemon {

MetricsServer::MetricsServer() = default;

MetricsServer::~MetricsServer() {
  stop();
}

bool MetricsServer::start(const std::string& address, std::function<std::string()> render,
                          std::string* error) {
  std::string host;
  int port = 0;
  if (!parse_loopback_address(address, &host, &port, error)) return false;
  auto server = std::make_unique<httplib::Server>();
  // One worker: a scrape every few seconds needs no more, and each thread
  // would be one more to stop at shutdown.
  server->new_task_queue = [] { return new httplib::ThreadPool(1); };
  server->set_read_timeout(5, 0);
  server->set_write_timeout(5, 0);
  server->set_keep_alive_max_count(10);
  server->Get("/metrics",
              [render = std::move(render)](const httplib::Request&, httplib::Response& res) {
                res.set_content(render(), "text/plain; version=0.0.4; charset=utf-8");
              });
  if (!server->bind_to_port(host, port)) {
    *error = "metrics: cannot listen on " + address;
    return false;
  }
  port_ = port;
  server_ = std::move(server);
  httplib::Server* s = server_.get();
  finished_ = false;
  thread_ = std::thread([this, s] {
    s->listen_after_bind();
    finished_ = true;
  });
  return true;
}

void MetricsServer::stop() {
  if (server_ && thread_.joinable()) {
    // httplib's stop() does nothing until the loop runs: wait for it first.
    for (int i = 0; i < 400 && !server_->is_running() && !finished_; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    server_->stop();
  }
  if (thread_.joinable()) thread_.join();
  server_.reset();
}

}  // namespace smtp_explain::daemon
