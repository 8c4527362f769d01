// Dropping root: setgid, initgroups, setuid in that fixed order, each failure
// fatal, then a check that root cannot be regained (Postfix's discipline).
// Thread safety: call once, before any thread is started.
#pragma once

#include <string>

namespace smtp_explain::daemon {

struct UserIds {
  unsigned uid = 0;
  unsigned gid = 0;
};

// Looks up a user name. Returns false and sets *error if it does not exist.
bool lookup_user(const std::string& name, UserIds* out, std::string* error);

// Switches the process to `name`. Returns false and sets *error on any failure;
// the caller must then exit.
bool drop_privileges(const std::string& name, std::string* error);

}  // namespace smtp_explain::daemon
