// The pid file. Written by the starting user (root, before the privilege
// drop) so it must not be a trap: the file is opened without following a
// symlink (O_NOFOLLOW) and must be a regular file, and its directory may not
// belong to the unprivileged user the milter switches to, nor be writable by
// anyone but its owner (else that user could swap the file for a link to
// something root then overwrites, or make an init script kill another pid).
// Thread safety: call from the main thread before smfi_main().
#pragma once

#include <string>

namespace smtp_explain::daemon {

// Checks the directory of `path` (see above). `unprivileged_uid` is the user
// the milter will run as, or -1 when it keeps the starting user.
bool check_pidfile_directory(const std::string& path, long unprivileged_uid, std::string* error);

// Writes "PID\n" to `path` (created 0644, or truncated if a regular file).
bool write_pidfile(const std::string& path, long pid, std::string* error);

// Removes the pid file if it still holds `pid`. After the privilege drop this
// usually fails (the directory is root's), which is fine: readers check the pid.
void remove_pidfile(const std::string& path, long pid);

}  // namespace smtp_explain::daemon
