// The listening socket. A unix socket lives in a directory of its own that
// belongs to the milter's user (so it can remove and re-create its socket
// after dropping root) with the MTA's group allowed to traverse it (0750), and
// the socket itself gets the MTA's group and mode 0660 by default: the MTA's
// unprivileged processes (Postfix's chrooted smtpd and cleanup run as
// postfix:postfix) can connect, nobody else can. Never world-writable unless
// the configuration says so.
// Thread safety: call from the main thread before smfi_main().
#pragma once

#include <sys/types.h>

#include <string>

namespace smtp_explain::daemon {

// Parses an octal mode like "0660" (1-4 octal digits, at most 0777).
bool parse_socket_mode(const std::string& text, unsigned* mode);

// The file path of a unix:/local: spec, or empty for inet sockets.
std::string unix_socket_path(const std::string& spec);

// Who owns the socket and its directory. -1: leave as the process makes it.
struct SocketAccess {
  long uid = -1;  // the milter's user (owner of directory and socket)
  long gid = -1;  // the MTA's group (group of directory and socket)
  unsigned mode = 0660;
};

// Resolves the configured socket group: "auto" is "postfix" when that group
// exists and this process may give a file to it (root, or a member), else
// `fallback_gid` (the milter user's primary group). Any other
// name must exist. Returns false and sets *error for an unknown group.
bool resolve_socket_group(const std::string& name, long fallback_gid, long* gid,
                          std::string* error);

// Creates the directory of a unix socket if missing: parents 0755, the socket's
// own directory 0750 owned by access.uid:access.gid. An existing directory is
// left as it is, but it must be a real directory (not a symlink); *warning
// (may be empty) says when it does not belong to access.uid or others may
// write to it. No-op for inet sockets.
bool prepare_socket_directory(const std::string& spec, const SocketAccess& access,
                              std::string* warning, std::string* error);

// The umask to hold while the socket is created, so it is never wider than
// 0600 before set_socket_access() gives it its group and mode.
constexpr mode_t kSocketCreateUmask = 0177;

// After smfi_opensocket(): gives a unix socket its owner, group and mode.
// No-op for inet sockets.
bool set_socket_access(const std::string& spec, const SocketAccess& access, std::string* error);

}  // namespace smtp_explain::daemon
