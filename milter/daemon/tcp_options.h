// Socket options for the milter's TCP listening socket. libmilter creates and
// owns the socket (smfi_opensocket) without exposing it; this finds it among
// the process's descriptors and sets TCP_NODELAY on it, which Linux copies to
// every connection accepted from it. Without it, the milter's own multi-packet
// answers (header edits, then the verdict, at end of message) wait for the
// MTA's delayed acknowledgement (about 40 ms) between packets.
// Thread safety: call from the main thread after smfi_opensocket(), before
// smfi_main().
#pragma once

#include <string>

namespace smtp_explain::daemon {

// True for "inet:..." and "inet6:..." socket specs.
bool is_tcp_spec(const std::string& spec);

// Sets TCP_NODELAY on every listening TCP socket of this process. Returns the
// number of sockets changed; -1 and *error on a failure.
int set_nodelay_on_listening_sockets(std::string* error);

}  // namespace smtp_explain::daemon
