// Parsing of the daemon's TOML configuration (see config.h).
#include "config.h"

#include <toml++/toml.h>
#include <cstdint>
#include <fstream>
#include <sstream>

#include "socket_setup.h"

namespace smtp_explain::daemon {
namespace {

std::string where(std::string_view origin, const toml::node& node) {
  std::string out(origin);
  out += ':';
  out += std::to_string(node.source().begin.line);
  out += ": ";
  return out;
}

bool read_string(const toml::node& node, std::string_view key, std::string_view origin,
                 std::string* out, std::string* error) {
  const auto* s = node.as_string();
  if (s == nullptr) {
    *error = where(origin, node) + std::string(key) + " must be a string";
    return false;
  }
  const std::string& v = s->get();
  for (char c : v) {
    if (c == '\0' || c == '\n' || c == '\r') {
      *error = where(origin, node) + std::string(key) + " must not contain control characters";
      return false;
    }
  }
  *out = v;
  return true;
}

bool read_bool(const toml::node& node, std::string_view key, std::string_view origin, bool* out,
               std::string* error) {
  const auto* b = node.as_boolean();
  if (b == nullptr) {
    *error = where(origin, node) + std::string(key) + " must be true or false";
    return false;
  }
  *out = b->get();
  return true;
}

bool read_int(const toml::node& node, std::string_view key, std::string_view origin,
              std::int64_t min, std::int64_t max, std::int64_t* out, std::string* error) {
  const auto* i = node.as_integer();
  if (i == nullptr || i->get() < min || i->get() > max) {
    *error = where(origin, node) + std::string(key) + " must be an integer from " +
             std::to_string(min) + " to " + std::to_string(max);
    return false;
  }
  *out = i->get();
  return true;
}

bool valid_socket_spec(std::string_view spec) {
  if (spec.starts_with("unix:") || spec.starts_with("local:")) {
    return spec.size() > spec.find(':') + 1 && spec[spec.find(':') + 1] == '/';
  }
  if (spec.starts_with("inet:") || spec.starts_with("inet6:")) {
    std::string_view rest = spec.substr(spec.find(':') + 1);
    std::size_t digits = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
    if (digits == 0 || digits > 5) return false;
    unsigned long port = std::stoul(std::string(rest.substr(0, digits)));
    if (port == 0 || port > 65535) return false;
    return digits == rest.size() || (rest[digits] == '@' && digits + 1 < rest.size());
  }
  return false;
}

bool valid_level(std::string_view level) {
  for (std::string_view l : {"trace", "debug", "info", "warn", "error", "critical", "off"}) {
    if (level == l) return true;
  }
  return false;
}

bool valid_language(std::string_view lang) {
  if (lang.size() < 2 || lang.size() > 8) return false;
  for (char c : lang) {
    if (!((c >= 'a' && c <= 'z') || c == '-' || c == '_')) return false;
  }
  return true;
}

bool apply_key(std::string_view key, const toml::node& node, std::string_view origin,
               DaemonConfig* c, std::string* error) {
  std::int64_t n = 0;
  std::string s;
  if (key == "socket") {
    if (!read_string(node, key, origin, &s, error)) return false;
    if (!valid_socket_spec(s)) {
      *error = where(origin, node) +
               "socket must be unix:/path, inet:PORT or inet:PORT@HOST (or inet6:...), not \"" + s +
               "\"";
      return false;
    }
    c->socket = s;
    return true;
  }
  if (key == "socket_mode") {
    // Written as a string of octal digits ("0660") so the intent is unambiguous.
    if (!read_string(node, key, origin, &s, error)) return false;
    unsigned mode = 0;
    if (!parse_socket_mode(s, &mode)) {
      *error =
          where(origin, node) + "socket_mode must be octal digits like \"0660\", not \"" + s + "\"";
      return false;
    }
    c->socket_mode = mode;
    return true;
  }
  if (key == "socket_group") {
    if (!read_string(node, key, origin, &s, error)) return false;
    if (s.empty()) {
      *error = where(origin, node) + "socket_group must be a group name or \"auto\"";
      return false;
    }
    c->socket_group = s;
    return true;
  }
  if (key == "user") return read_string(node, key, origin, &c->user, error);
  if (key == "allow_root") return read_bool(node, key, origin, &c->allow_root, error);
  if (key == "pidfile") {
    if (!read_string(node, key, origin, &s, error)) return false;
    if (!s.empty() && s[0] != '/') {
      *error = where(origin, node) + "pidfile must be an absolute path";
      return false;
    }
    c->pidfile = s;
    return true;
  }
  if (key == "language") {
    if (!read_string(node, key, origin, &s, error)) return false;
    if (!valid_language(s)) {
      *error =
          where(origin, node) + "language must be a language code like \"en\", not \"" + s + "\"";
      return false;
    }
    c->language = s;
    return true;
  }
  if (key == "max_recipients") {
    if (!read_int(node, key, origin, 1, 1000, &n, error)) return false;
    c->max_recipients = static_cast<std::size_t>(n);
    return true;
  }
  if (key == "max_scan_bytes") {
    if (!read_int(node, key, origin, 4096, 64 * 1024 * 1024, &n, error)) return false;
    c->max_scan_bytes = static_cast<std::size_t>(n);
    return true;
  }
  if (key == "remove_inbound_headers") {
    return read_bool(node, key, origin, &c->remove_inbound_headers, error);
  }
  if (key == "log_level") {
    if (!read_string(node, key, origin, &s, error)) return false;
    if (!valid_level(s)) {
      *error = where(origin, node) +
               "log_level must be one of trace, debug, info, warn, error, critical, off; not \"" +
               s + "\"";
      return false;
    }
    c->log_level = s;
    return true;
  }
  if (key == "log_destination") {
    if (!read_string(node, key, origin, &s, error)) return false;
    if (s == "auto") {
      c->log_destination = LogDestination::kAuto;
    } else if (s == "syslog") {
      c->log_destination = LogDestination::kSyslog;
    } else if (s == "stderr") {
      c->log_destination = LogDestination::kStderr;
    } else {
      *error =
          where(origin, node) + "log_destination must be auto, syslog or stderr; not \"" + s + "\"";
      return false;
    }
    return true;
  }
  if (key == "catalog_file") return read_string(node, key, origin, &c->catalog_file, error);
  if (key == "providers_file") return read_string(node, key, origin, &c->providers_file, error);
  if (key == "timeout") {
    if (!read_int(node, key, origin, 1, 3600, &n, error)) return false;
    c->timeout = static_cast<int>(n);
    return true;
  }
  if (key == "metrics") {
    if (!read_string(node, key, origin, &s, error)) return false;
    std::string host, why;
    int port = 0;
    if (!s.empty() && !parse_loopback_address(s, &host, &port, &why)) {
      *error = where(origin, node) + "metrics: " + why;
      return false;
    }
    c->metrics = s;
    return true;
  }
  *error = where(origin, node) + "unknown key \"" + std::string(key) + "\"";
  return false;
}

}  // namespace

bool parse_loopback_address(std::string_view spec, std::string* host, int* port,
                            std::string* error) {
  const std::string bad =
      "must be 127.0.0.1:PORT, [::1]:PORT or localhost:PORT (loopback only), not \"" +
      std::string(spec) + "\"";
  std::size_t colon = spec.rfind(':');
  if (colon == std::string_view::npos) {
    *error = bad;
    return false;
  }
  std::string_view h = spec.substr(0, colon), p = spec.substr(colon + 1);
  if (p.empty() || p.size() > 5 || p.find_first_not_of("0123456789") != std::string_view::npos) {
    *error = bad;
    return false;
  }
  int n = std::stoi(std::string(p));
  if (n < 1 || n > 65535) {
    *error = bad;
    return false;
  }
  if (h == "localhost") {
    h = "127.0.0.1";
  } else if (h == "[::1]") {
    h = "::1";
  } else {
    // 127.a.b.c with each part 0-255.
    int parts = 0;
    std::size_t pos = 0;
    bool ok = true;
    while (ok && pos <= h.size()) {
      std::size_t dot = h.find('.', pos);
      std::string_view part = h.substr(pos, dot == std::string_view::npos ? h.npos : dot - pos);
      ok = !part.empty() && part.size() <= 3 &&
           part.find_first_not_of("0123456789") == std::string_view::npos &&
           std::stoi(std::string(part)) <= 255 && (parts > 0 || part == "127");
      ++parts;
      if (dot == std::string_view::npos) break;
      pos = dot + 1;
    }
    if (!ok || parts != 4) {
      *error = bad;
      return false;
    }
  }
  *host = std::string(h);
  *port = n;
  return true;
}

std::string_view to_string(LogDestination d) {
  switch (d) {
    case LogDestination::kAuto:
      return "auto";
    case LogDestination::kSyslog:
      return "syslog";
    case LogDestination::kStderr:
      return "stderr";
  }
  return "auto";
}

bool parse_config(std::string_view text, std::string_view origin, DaemonConfig* out,
                  std::string* error) {
  toml::table table;
  try {
    table = toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    *error = std::string(origin) + ":" + std::to_string(e.source().begin.line) + ": " +
             std::string(e.description());
    return false;
  }
  DaemonConfig config = *out;
  for (const auto& [key, node] : table) {
    if (!apply_key(key.str(), node, origin, &config, error)) return false;
  }
  *out = std::move(config);
  return true;
}

bool load_config_file(const std::string& path, DaemonConfig* out, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path + ": cannot open the configuration file";
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    *error = path + ": read error";
    return false;
  }
  return parse_config(text.str(), path, out, error);
}

}  // namespace smtp_explain::daemon
