// Command-line options and their precedence over the configuration file.
#include <catch2/catch.hpp>

#include "options.h"

using namespace smtp_explain::daemon;

TEST_CASE("options are parsed", "[options]") {
  Options o;
  std::string error;
  REQUIRE(parse_options({"--socket", "inet:9000@127.0.0.1", "--config=/etc/x.toml", "-f", "--user",
                         "nobody", "--pidfile", "/run/p", "--allow-root"},
                        &o, &error));
  CHECK(*o.socket == "inet:9000@127.0.0.1");
  CHECK(o.config_path == "/etc/x.toml");
  CHECK(o.foreground);
  CHECK(*o.user == "nobody");
  CHECK(*o.pidfile == "/run/p");
  CHECK(o.allow_root);
  DaemonConfig c;
  c.socket = "unix:/a";
  c.user = "x";
  apply_overrides(o, &c);
  CHECK(c.socket == "inet:9000@127.0.0.1");
  CHECK(c.user == "nobody");
  CHECK(c.allow_root);
}

TEST_CASE("bad options are errors", "[options]") {
  Options o;
  std::string error;
  CHECK_FALSE(parse_options({"--sock", "x"}, &o, &error));
  CHECK_THAT(error, Catch::Contains("--sock"));
  CHECK_FALSE(parse_options({"--socket"}, &o, &error));
  CHECK_THAT(error, Catch::Contains("needs a value"));
  CHECK_FALSE(parse_options({"--foreground=yes"}, &o, &error));
  CHECK_FALSE(parse_options({"--user="}, &o, &error));
}

TEST_CASE("options not given leave the file's values", "[options]") {
  Options o;
  std::string error;
  REQUIRE(parse_options({"--check-config"}, &o, &error));
  CHECK(o.check_config);
  DaemonConfig c;
  c.socket = "unix:/a";
  apply_overrides(o, &c);
  CHECK(c.socket == "unix:/a");
  CHECK_FALSE(c.allow_root);
}

TEST_CASE("socket mode and group options override the file", "[options]") {
  Options o;
  std::string error;
  REQUIRE(parse_options({"--socket-mode", "0600", "--socket-group=mail"}, &o, &error));
  DaemonConfig c;
  apply_overrides(o, &c);
  CHECK(c.socket_mode == 0600);
  CHECK(c.socket_group == "mail");
  CHECK_FALSE(parse_options({"--socket-mode", "666x"}, &o, &error));
  CHECK_THAT(error, Catch::Contains("--socket-mode must be octal"));
  CHECK_FALSE(parse_options({"--socket-mode", "01777"}, &o, &error));
  CHECK_FALSE(parse_options({"--socket-group"}, &o, &error));
}
