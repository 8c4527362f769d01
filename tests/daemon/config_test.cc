// Daemon configuration parsing: defaults, every key, and errors that name the line.
#include <catch2/catch.hpp>

#include "config.h"

using smtp_explain::daemon::DaemonConfig;
using smtp_explain::daemon::load_config_file;
using smtp_explain::daemon::LogDestination;
using smtp_explain::daemon::parse_config;
using smtp_explain::daemon::parse_loopback_address;

TEST_CASE("empty config keeps the defaults", "[config]") {
  DaemonConfig c;
  std::string error;
  REQUIRE(parse_config("", "t.toml", &c, &error));
  CHECK(c.socket == "unix:/var/spool/postfix/smtp-explain/milter.sock");
  CHECK(c.socket_mode == 0660);
  CHECK(c.socket_group == "auto");
  CHECK(c.language == "en");
  CHECK(c.max_recipients == 20);
  CHECK(c.max_scan_bytes == 512 * 1024);
  CHECK(c.remove_inbound_headers);
  CHECK_FALSE(c.allow_root);
  CHECK(c.log_destination == LogDestination::kAuto);
  CHECK(c.timeout == 30);
}

TEST_CASE("every key is read", "[config]") {
  DaemonConfig c;
  std::string error;
  const char* text = R"(
socket = "inet:8891@127.0.0.1"
socket_mode = "0640"
socket_group = "mail"
user = "postfix"
allow_root = true
pidfile = "/run/x.pid"
language = "es"
max_recipients = 5
max_scan_bytes = 65536
remove_inbound_headers = false
log_level = "debug"
log_destination = "stderr"
catalog_file = "/etc/smtp-explain/catalog.toml"
providers_file = "/etc/smtp-explain/providers.toml"
timeout = 12
)";
  REQUIRE(parse_config(text, "t.toml", &c, &error));
  CHECK(c.socket == "inet:8891@127.0.0.1");
  CHECK(c.socket_mode == 0640);
  CHECK(c.socket_group == "mail");
  CHECK(c.user == "postfix");
  CHECK(c.allow_root);
  CHECK(c.pidfile == "/run/x.pid");
  CHECK(c.language == "es");
  CHECK(c.max_recipients == 5);
  CHECK(c.max_scan_bytes == 65536);
  CHECK_FALSE(c.remove_inbound_headers);
  CHECK(c.log_level == "debug");
  CHECK(c.log_destination == LogDestination::kStderr);
  CHECK(c.catalog_file == "/etc/smtp-explain/catalog.toml");
  CHECK(c.providers_file == "/etc/smtp-explain/providers.toml");
  CHECK(c.timeout == 12);
}

TEST_CASE("an unknown key is an error naming it and its line", "[config]") {
  DaemonConfig c;
  std::string error;
  REQUIRE_FALSE(parse_config("language = \"en\"\n\nlanguag = \"es\"\n", "t.toml", &c, &error));
  CHECK(error == "t.toml:3: unknown key \"languag\"");
  CHECK(c.language == "en");  // untouched on failure
}

TEST_CASE("bad values are errors naming the line", "[config]") {
  struct Case {
    const char* text;
    const char* expect;
  };
  const Case cases[] = {
      {"\nmax_recipients = 0\n", "t.toml:2: max_recipients must be an integer from 1 to 1000"},
      {"max_recipients = \"20\"\n", "t.toml:1: max_recipients must be an integer"},
      {"socket = \"tcp:25\"\n", "t.toml:1: socket must be unix:/path"},
      {"socket = \"inet:99999@localhost\"\n", "t.toml:1: socket must be"},
      {"socket = \"unix:relative\"\n", "t.toml:1: socket must be"},
      {"remove_inbound_headers = \"yes\"\n", "t.toml:1: remove_inbound_headers must be true"},
      {"log_level = \"loud\"\n", "t.toml:1: log_level must be one of"},
      {"log_destination = \"file\"\n", "t.toml:1: log_destination must be auto"},
      {"socket_mode = \"0999\"\n", "t.toml:1: socket_mode must be octal"},
      {"socket_mode = \"1777\"\n", "t.toml:1: socket_mode must be octal"},
      {"socket_group = \"\"\n", "t.toml:1: socket_group must be a group name"},
      {"pidfile = \"x.pid\"\n", "t.toml:1: pidfile must be an absolute path"},
      {"language = \"EN!\"\n", "t.toml:1: language must be"},
      {"timeout = 0\n", "t.toml:1: timeout must be an integer from 1"},
      {"[section]\nkey = 1\n", "t.toml:1: unknown key \"section\""},
      {"a = = 1\n", "t.toml:1: "},
      {"\n\nlanguage = \"en\"\nlanguage = \"es\"\n", "t.toml:4: "},
  };
  for (const Case& k : cases) {
    DaemonConfig c;
    std::string error;
    INFO(k.text);
    CHECK_FALSE(parse_config(k.text, "t.toml", &c, &error));
    CHECK_THAT(error, Catch::StartsWith(k.expect));
  }
}

TEST_CASE("a missing file is an error naming it", "[config]") {
  DaemonConfig c;
  std::string error;
  CHECK_FALSE(load_config_file("/nonexistent/smtp-explain.toml", &c, &error));
  CHECK_THAT(error, Catch::Contains("/nonexistent/smtp-explain.toml"));
}

TEST_CASE("the shipped config file parses and documents the defaults", "[config]") {
  DaemonConfig c;
  std::string error;
  REQUIRE(load_config_file(SMTP_EXPLAIN_SOURCE_DIR "/conf/smtp-explain.toml", &c, &error));
  INFO(error);
  DaemonConfig defaults;
  CHECK(c.socket == defaults.socket);
  CHECK(c.socket_mode == defaults.socket_mode);
  CHECK(c.socket_group == defaults.socket_group);
  CHECK(c.user == defaults.user);
  CHECK(c.pidfile == defaults.pidfile);
  CHECK(c.language == defaults.language);
  CHECK(c.max_recipients == defaults.max_recipients);
  CHECK(c.max_scan_bytes == defaults.max_scan_bytes);
  CHECK(c.remove_inbound_headers == defaults.remove_inbound_headers);
  CHECK(c.timeout == defaults.timeout);
}

TEST_CASE("the metrics endpoint is off by default and loopback only", "[config]") {
  DaemonConfig c;
  CHECK(c.metrics.empty());
  std::string error;
  REQUIRE(parse_config("metrics = \"127.0.0.1:9125\"", "t.toml", &c, &error));
  CHECK(c.metrics == "127.0.0.1:9125");
  for (const char* ok : {"[::1]:9125", "localhost:9125", "127.0.0.53:1"}) {
    DaemonConfig d;
    CHECK(parse_config(std::string("metrics = \"") + ok + "\"", "t.toml", &d, &error));
  }
  for (const char* bad :
       {"0.0.0.0:9125", "192.168.1.2:9125", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:70000",
        "127.1:9125", "[::]:9125", "example.org:80", "127.0.0.256:9125"}) {
    DaemonConfig d;
    INFO(bad);
    CHECK_FALSE(parse_config(std::string("metrics = \"") + bad + "\"", "t.toml", &d, &error));
    CHECK_THAT(error, Catch::Contains("loopback only"));
  }
  std::string host;
  int port = 0;
  REQUIRE(parse_loopback_address("[::1]:9125", &host, &port, &error));
  CHECK(host == "::1");
  CHECK(port == 9125);
}
