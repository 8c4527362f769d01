// Shared helpers of the daemon tests: a snapshot with given settings, a fake
// MessageEditor, a fake MilterContext (a libmilter connection without an MTA)
// and a log capture.
#pragma once

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "message_editor.h"
#include "milter_context.h"
#include "snapshot.h"

namespace smtp_explain::daemon::test {

inline std::shared_ptr<const Snapshot> snapshot_with(DaemonConfig config = DaemonConfig{}) {
  std::string error;
  auto snap = build_snapshot(config, 1, &error);
  INFO(error);
  REQUIRE(snap);
  return snap;
}

class FakeEditor : public MessageEditor {
 public:
  std::vector<std::pair<std::string, std::string>> added;
  std::vector<std::pair<std::string, int>> removed;
  bool refuse = false;
  bool add_header(const std::string& name, const std::string& value) override {
    if (refuse) return false;
    added.emplace_back(name, value);
    return true;
  }
  bool remove_header(const std::string& name, int index) override {
    if (refuse) return false;
    removed.emplace_back(name, index);
    return true;
  }
  std::string value_of(const std::string& name) const {
    for (const auto& [n, v] : added) {
      if (n == name) return v;
    }
    return {};
  }
  std::size_t count(const std::string& name) const {
    std::size_t n = 0;
    for (const auto& f : added) n += f.first == name ? 1 : 0;
    return n;
  }
};

// One MTA connection as the callbacks see it.
class FakeContext : public MilterContext {
 public:
  FakeEditor edits;
  std::map<std::string, std::string> macros;
  std::vector<std::pair<int, std::string>> requested;  // (SMFIM_* stage, names)
  void* priv = nullptr;

  void* private_data() override { return priv; }
  bool set_private_data(void* data) override {
    priv = data;
    return true;
  }
  const char* macro(const char* name) override {
    auto it = macros.find(name);
    return it == macros.end() ? nullptr : it->second.c_str();
  }
  bool request_macros(int stage, const char* names) override {
    requested.emplace_back(stage, names);
    return true;
  }
  bool add_header(const std::string& name, const std::string& value) override {
    return edits.add_header(name, value);
  }
  bool remove_header(const std::string& name, int index) override {
    return edits.remove_header(name, index);
  }
};

// Routes spdlog's default logger into a string while alive.
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out_);
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_pattern("%l %v");
    logger->set_level(spdlog::level::info);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

  std::string text() const { return out_.str(); }
  // Lines at warning level or above.
  std::size_t warnings() const {
    std::istringstream in(out_.str());
    std::size_t n = 0;
    for (std::string line; std::getline(in, line);) {
      n += line.rfind("warning ", 0) == 0 || line.rfind("error ", 0) == 0 ? 1 : 0;
    }
    return n;
  }

 private:
  std::ostringstream out_;
  std::shared_ptr<spdlog::logger> previous_;
};

// A DSN body for `recipients`, CRLF line ends, boundary "B1".
inline std::string dsn_body(const std::vector<std::string>& recipients, const std::string& status,
                            const std::string& diagnostic) {
  std::string b =
      "This is a MIME-encapsulated message.\r\n\r\n--B1\r\n"
      "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
      "I'm sorry to have to inform you that your message could not\r\n"
      "be delivered to one or more recipients.\r\n\r\n--B1\r\n"
      "Content-Type: message/delivery-status\r\n\r\n"
      "Reporting-MTA: dns; mta.test\r\nArrival-Date: Mon, 3 Mar 2025 10:00:00 +0000\r\n";
  for (const std::string& r : recipients) {
    b += "\r\nFinal-Recipient: rfc822; " + r + "\r\nAction: failed\r\nStatus: " + status +
         "\r\nRemote-MTA: dns; mx.remote.test\r\nDiagnostic-Code: smtp; " + diagnostic + "\r\n";
  }
  b += "\r\n--B1\r\nContent-Type: text/rfc822-headers\r\n\r\n"
       "From: sender@test.local\r\nTo: user@remote.test\r\nSubject: hello\r\n\r\n--B1--\r\n";
  return b;
}

// The header fields of a Postfix bounce with a delivery-status part.
inline std::vector<std::pair<std::string, std::string>> bounce_headers() {
  return {{"From", "MAILER-DAEMON@mta.test (Mail Delivery System)"},
          {"To", "sender@test.local"},
          {"Subject", "Undelivered Mail Returned to Sender"},
          {"Auto-Submitted", "auto-replied"},
          {"MIME-Version", "1.0"},
          {"Content-Type", "multipart/report; report-type=delivery-status;\n\tboundary=\"B1\""}};
}

}  // namespace smtp_explain::daemon::test
