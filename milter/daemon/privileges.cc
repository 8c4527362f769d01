// Privilege drop (see privileges.h).
#include "privileges.h"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace smtp_explain::daemon {

bool lookup_user(const std::string& name, UserIds* out, std::string* error) {
  struct passwd pw {};
  struct passwd* found = nullptr;
  std::vector<char> buf(16384);
  int rc = getpwnam_r(name.c_str(), &pw, buf.data(), buf.size(), &found);
  if (rc != 0 || found == nullptr) {
    *error =
        "unknown user \"" + name + "\"" + (rc != 0 ? std::string(": ") + std::strerror(rc) : "");
    return false;
  }
  out->uid = pw.pw_uid;
  out->gid = pw.pw_gid;
  return true;
}

bool drop_privileges(const std::string& name, std::string* error) {
  UserIds ids;
  if (!lookup_user(name, &ids, error)) return false;
  if (setgid(ids.gid) != 0) {
    *error = "setgid(" + std::to_string(ids.gid) + "): " + std::strerror(errno);
    return false;
  }
  if (initgroups(name.c_str(), ids.gid) != 0) {
    *error = "initgroups(" + name + "): " + std::strerror(errno);
    return false;
  }
  if (setuid(ids.uid) != 0) {
    *error = "setuid(" + std::to_string(ids.uid) + "): " + std::strerror(errno);
    return false;
  }
  if (ids.uid != 0 && (setuid(0) == 0 || geteuid() == 0 || getegid() != ids.gid)) {
    *error = "privileges could be regained after switching to " + name;
    return false;
  }
  return true;
}

}  // namespace smtp_explain::daemon
