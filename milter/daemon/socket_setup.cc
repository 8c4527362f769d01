// Listening socket preparation (see socket_setup.h).
#include "socket_setup.h"

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace smtp_explain::daemon {
namespace {

bool lookup_group(const std::string& name, long* gid, std::string* error) {
  struct group gr {};
  struct group* found = nullptr;
  std::vector<char> buf(16384);
  int rc = getgrnam_r(name.c_str(), &gr, buf.data(), buf.size(), &found);
  if (rc != 0 || found == nullptr) {
    if (error != nullptr) {
      *error = "unknown group \"" + name + "\"" +
               (rc != 0 ? std::string(": ") + std::strerror(rc) : std::string());
    }
    return false;
  }
  *gid = static_cast<long>(gr.gr_gid);
  return true;
}

// Root may give a file any group; anyone else only one of their own groups.
bool in_group(long gid) {
  if (geteuid() == 0 || static_cast<long>(getegid()) == gid) return true;
  int n = getgroups(0, nullptr);
  if (n <= 0) return false;
  std::vector<gid_t> groups(static_cast<std::size_t>(n));
  n = getgroups(n, groups.data());
  for (int i = 0; i < n; ++i) {
    if (static_cast<long>(groups[static_cast<std::size_t>(i)]) == gid) return true;
  }
  return false;
}

std::string sys_error(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

}  // namespace

bool parse_socket_mode(const std::string& text, unsigned* mode) {
  if (text.empty() || text.size() > 4) return false;
  unsigned m = 0;
  for (char ch : text) {
    if (ch < '0' || ch > '7') return false;
    m = m * 8 + static_cast<unsigned>(ch - '0');
  }
  if (m > 0777) return false;
  *mode = m;
  return true;
}

std::string unix_socket_path(const std::string& spec) {
  for (const char* prefix : {"unix:", "local:"}) {
    if (spec.starts_with(prefix)) return spec.substr(std::strlen(prefix));
  }
  return {};
}

bool resolve_socket_group(const std::string& name, long fallback_gid, long* gid,
                          std::string* error) {
  if (name == "auto") {
    long postfix = -1;
    if (lookup_group("postfix", &postfix, nullptr) && in_group(postfix)) {
      *gid = postfix;
    } else {
      *gid = fallback_gid;
    }
    return true;
  }
  return lookup_group(name, gid, error);
}

bool prepare_socket_directory(const std::string& spec, const SocketAccess& access,
                              std::string* warning, std::string* error) {
  warning->clear();
  std::string path = unix_socket_path(spec);
  if (path.empty()) return true;
  std::string dir = path.substr(0, path.rfind('/'));
  if (dir.empty()) return true;
  // Parents as mkdir -p would make them; only the last one is the socket's own.
  for (std::size_t pos = 1; pos < dir.size(); ++pos) {
    if (dir[pos] != '/') continue;
    std::string part = dir.substr(0, pos);
    if (mkdir(part.c_str(), 0755) != 0 && errno != EEXIST) {
      *error = sys_error("mkdir", part);
      return false;
    }
  }
  if (mkdir(dir.c_str(), 0750) == 0) {
    // chmod too: the process umask may have narrowed the mkdir mode.
    if (chown(dir.c_str(), static_cast<uid_t>(access.uid), static_cast<gid_t>(access.gid)) != 0) {
      *error = sys_error("chown", dir);
      return false;
    }
    if (chmod(dir.c_str(), 0750) != 0) {
      *error = sys_error("chmod", dir);
      return false;
    }
    return true;
  }
  if (errno != EEXIST) {
    *error = sys_error("mkdir", dir);
    return false;
  }
  struct stat st {};
  if (lstat(dir.c_str(), &st) != 0) {
    *error = sys_error("lstat", dir);
    return false;
  }
  if (!S_ISDIR(st.st_mode)) {
    *error = "socket directory " + dir + " is not a directory (a symlink is refused)";
    return false;
  }
  if (access.uid >= 0 && static_cast<long>(st.st_uid) != access.uid) {
    *warning = "socket directory " + dir + " belongs to uid " + std::to_string(st.st_uid) +
               ", not to the milter's user (uid " + std::to_string(access.uid) + ")";
  } else if ((st.st_mode & S_IWOTH) != 0) {
    *warning = "socket directory " + dir + " is writable by everyone";
  }
  return true;
}

bool set_socket_access(const std::string& spec, const SocketAccess& access, std::string* error) {
  std::string path = unix_socket_path(spec);
  if (path.empty()) return true;
  if ((access.uid >= 0 || access.gid >= 0) &&
      chown(path.c_str(), static_cast<uid_t>(access.uid), static_cast<gid_t>(access.gid)) != 0) {
    *error = sys_error("chown", path);
    if (errno == EPERM && access.gid >= 0) {
      *error +=
          " (the milter's user must be a member of the socket's group, e.g. "
          "adduser smtp-explain postfix, or set socket_group)";
    }
    return false;
  }
  if (chmod(path.c_str(), static_cast<mode_t>(access.mode)) != 0) {
    *error = sys_error("chmod", path);
    return false;
  }
  return true;
}

}  // namespace smtp_explain::daemon
