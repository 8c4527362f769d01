// The listening socket: a unix socket gets its directory created and, once
// libmilter has made it, the configured mode so the MTA's user can connect.
// Thread safety: call from the main thread before smfi_main().
#pragma once

#include <string>

namespace smtp_explain::daemon {

// The file path of a unix:/local: spec, or empty for inet sockets.
std::string unix_socket_path(const std::string& spec);

// Creates the directory of a unix socket if missing (mode 0755; a directory
// created here is given to `owner_uid`/`owner_gid` when they are not -1).
// No-op for inet sockets.
bool prepare_socket_directory(const std::string& spec, int owner_uid, int owner_gid,
                              std::string* error);

// After smfi_opensocket(): sets the unix socket's mode. No-op for inet.
bool set_socket_mode(const std::string& spec, unsigned mode, std::string* error);

}  // namespace smtp_explain::daemon
