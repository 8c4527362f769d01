// Listening socket preparation (see socket_setup.h).
#include "socket_setup.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace smtp_explain::daemon {

std::string unix_socket_path(const std::string& spec) {
  for (const char* prefix : {"unix:", "local:"}) {
    if (spec.starts_with(prefix)) return spec.substr(std::strlen(prefix));
  }
  return {};
}

bool prepare_socket_directory(const std::string& spec, int owner_uid, int owner_gid,
                              std::string* error) {
  std::string path = unix_socket_path(spec);
  if (path.empty()) return true;
  std::string dir = path.substr(0, path.rfind('/'));
  if (dir.empty()) return true;
  // Create each missing component (mkdir -p).
  bool created = false;
  for (std::size_t pos = 1; pos <= dir.size(); ++pos) {
    if (pos != dir.size() && dir[pos] != '/') continue;
    std::string part = dir.substr(0, pos);
    created = mkdir(part.c_str(), 0755) == 0;
    if (!created && errno != EEXIST) {
      *error = "mkdir " + part + ": " + std::strerror(errno);
      return false;
    }
  }
  // Only a directory made here is handed to the daemon's user, never an existing one.
  if (created && owner_uid >= 0 &&
      chown(dir.c_str(), static_cast<uid_t>(owner_uid), static_cast<gid_t>(owner_gid)) != 0) {
    *error = "chown " + dir + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

bool set_socket_mode(const std::string& spec, unsigned mode, std::string* error) {
  std::string path = unix_socket_path(spec);
  if (path.empty()) return true;
  if (chmod(path.c_str(), static_cast<mode_t>(mode)) != 0) {
    *error = "chmod " + path + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

}  // namespace smtp_explain::daemon
