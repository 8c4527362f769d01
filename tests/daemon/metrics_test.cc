// Metrics: the histogram's buckets and quantiles, the Prometheus text format,
// the loopback endpoint (scraped over a real socket) and SIGUSR1.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <sstream>
#include <string>

#include "metrics.h"
#include "metrics_server.h"
#include "reload_signal.h"

using namespace smtp_explain::daemon;

namespace {

// A port that was free a moment ago on 127.0.0.1.
int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  socklen_t len = sizeof a;
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
  close(fd);
  return ntohs(a.sin_port);
}

// GET path on 127.0.0.1:port; the whole response (status line, headers, body).
std::string http_get(int port, const std::string& path) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  std::string req = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
  REQUIRE(write(fd, req.data(), req.size()) == static_cast<ssize_t>(req.size()));
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;)
    out.append(buf, static_cast<std::size_t>(n));
  close(fd);
  return out;
}

// name{label="value",...} number: the exposition format's sample line, with
// label values escaped (\\, \", \n).
bool is_sample_line(const std::string& line) {
  std::size_t i = 0;
  auto name = [&] {
    std::size_t start = i;
    while (i < line.size() && ((line[i] >= 'a' && line[i] <= 'z') || line[i] == '_')) ++i;
    return i > start;
  };
  if (!name()) return false;
  if (i < line.size() && line[i] == '{') {
    ++i;
    for (;;) {
      if (!name() || line.compare(i, 2, "=\"") != 0) return false;
      for (i += 2; i < line.size() && line[i] != '"'; ++i) {
        if (line[i] == '\\') {
          if (++i >= line.size() ||
              std::string_view("\\\"n").find(line[i]) == std::string_view::npos) {
            return false;
          }
        }
      }
      if (i++ >= line.size()) return false;
      if (i < line.size() && line[i] == ',') {
        ++i;
        continue;
      }
      if (i >= line.size() || line[i++] != '}') return false;
      break;
    }
  }
  if (i >= line.size() || line[i++] != ' ' || i >= line.size()) return false;
  return line.find_first_not_of("0123456789.e+-", i) == std::string::npos;
}

Metrics* g_usr1_metrics = nullptr;
int g_usr1_calls = 0;
void usr1_hook() {
  ++g_usr1_calls;
  CHECK(g_usr1_metrics->log_lines(0).size() >= 2);
}

}  // namespace

TEST_CASE("the duration histogram has 10 buckets per decade and reads quantiles", "[metrics]") {
  const auto& b = DurationHistogram::bounds();
  CHECK(b.front() == Approx(1e-6));
  CHECK(b.back() == Approx(10.0));
  for (std::size_t i = 1; i < b.size(); ++i) CHECK(b[i] > b[i - 1]);

  DurationHistogram h;
  CHECK(h.quantile(0.5) == 0);
  for (int i = 0; i < 98; ++i) h.observe(30'000);  // 30 µs
  h.observe(900'000);                              // 0.9 ms
  h.observe(5'000'000'000);                        // 5 s
  CHECK(h.count() == 100);
  CHECK(h.quantile(0.5) == Approx(30e-6).epsilon(0.12));
  CHECK(h.quantile(0.99) == Approx(900e-6).epsilon(0.12));
  CHECK(h.cumulative(DurationHistogram::kBuckets) == 100);
  CHECK(h.sum_seconds() == Approx(98 * 30e-6 + 900e-6 + 5.0));
  h.observe(60'000'000'000);  // beyond the last bound: +Inf
  CHECK(h.cumulative(DurationHistogram::kBuckets - 1) == 100);
  CHECK(h.cumulative(DurationHistogram::kBuckets) == 101);
}

TEST_CASE("the Prometheus text is well formed and escapes label values", "[metrics]") {
  Metrics m;
  m.message_started();
  MessageOutcome out;
  out.bounce = true;
  out.annotated = true;
  out.kind = smtp_explain::Kind::kDsn;
  out.cls = smtp_explain::DeliveryClass::kTransient;
  out.flags = smtp_explain::kFlagScanTruncated;
  out.per_recipient.push_back(
      {smtp_explain::DeliveryClass::kTransient, "mailboxfull", "odd\"provider\\with\nnewline"});
  m.message_finished(out);
  m.message_time(12'345);
  const std::string text = m.prometheus_text(3);
  CHECK_THAT(text, Catch::Contains("provider=\"odd\\\"provider\\\\with\\nnewline\"} 1\n"));
  CHECK_THAT(text, Catch::Contains("smtp_explain_parse_flags_total{flag=\"scan-truncated\"} 1\n"));
  CHECK_THAT(text, Catch::Contains("smtp_explain_connections_open 3\n"));
  CHECK_THAT(text,
             Catch::Contains("smtp_explain_message_duration_seconds_bucket{le=\"+Inf\"} 1\n"));
  // Every line is a comment or "name{labels} value".
  std::istringstream in(text);
  int samples = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("# HELP ", 0) == 0 || line.rfind("# TYPE ", 0) == 0) continue;
    INFO(line);
    CHECK(is_sample_line(line));
    ++samples;
  }
  CHECK(samples > 80);
  // The checker itself can fail.
  CHECK(is_sample_line("a_b{c=\"d\\\"e\",f=\"\"} 1.5e-06"));
  for (const char* bad : {"A 1", "a{b=\"c} 1", "a{b=\"c\"", "a 1 2", "a{b=\"\\x\"} 1", "a"}) {
    INFO(bad);
    CHECK_FALSE(is_sample_line(bad));
  }
}

TEST_CASE("label sets are bounded", "[metrics]") {
  Metrics m;
  MessageOutcome out;
  out.bounce = out.annotated = true;
  out.cls = smtp_explain::DeliveryClass::kPermanent;
  for (int i = 0; i < 2100; ++i) {
    out.per_recipient = {{out.cls, "userunknown", "p" + std::to_string(i)}};
    m.message_finished(out);
  }
  const std::string text = m.prometheus_text(0);
  CHECK_THAT(text, Catch::Contains("{class=\"other\",reason=\"other\",provider=\"other\"} 100\n"));
}

TEST_CASE("the endpoint serves /metrics on loopback and nothing else", "[metrics]") {
  Metrics m;
  m.message_started();
  MetricsServer server;
  std::string error;
  const int port = free_port();
  REQUIRE(server.start(
      "127.0.0.1:" + std::to_string(port), [&m] { return m.prometheus_text(0); }, &error));
  std::string res = http_get(port, "/metrics");
  CHECK_THAT(res, Catch::StartsWith("HTTP/1.1 200"));
  CHECK_THAT(res, Catch::Contains("text/plain; version=0.0.4"));
  CHECK_THAT(res, Catch::Contains("smtp_explain_messages_total 1\n"));
  CHECK_THAT(http_get(port, "/"), Catch::StartsWith("HTTP/1.1 404"));
  server.stop();
  server.stop();  // idempotent

  MetricsServer refused;
  CHECK_FALSE(refused.start(
      "0.0.0.0:" + std::to_string(port), [] { return std::string(); }, &error));
  CHECK_THAT(error, Catch::Contains("loopback only"));
}

TEST_CASE("an endpoint stopped at once after start does not hang", "[metrics]") {
  for (int i = 0; i < 5; ++i) {
    MetricsServer server;
    std::string error;
    REQUIRE(server.start(
        "127.0.0.1:" + std::to_string(free_port()), [] { return std::string(); }, &error));
  }
}

TEST_CASE("SIGUSR1 runs the metrics hook and waiting goes on", "[metrics][signals]") {
  Metrics m;
  g_usr1_metrics = &m;
  sigset_t set, old;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigaddset(&set, SIGUSR2);
  REQUIRE(pthread_sigmask(SIG_BLOCK, &set, &old) == 0);
  set_metrics_hook(&usr1_hook);
  sigset_t wait_for;
  sigemptyset(&wait_for);
  sigaddset(&wait_for, SIGUSR2);  // as libmilter: SIGUSR1 is not in its set
  raise(SIGUSR1);
  raise(SIGUSR2);
  int sig = 0;
  CHECK(sigwait(&wait_for, &sig) == 0);
  CHECK(sig == SIGUSR2);
  CHECK(g_usr1_calls == 1);
  set_metrics_hook(nullptr);
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
}
