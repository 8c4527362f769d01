// TCP_NODELAY on libmilter's listening socket (see tcp_options.h).
#include "tcp_options.h"

#include <dirent.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace smtp_explain::daemon {
namespace {

int int_option(int fd, int level, int name) {
  int value = 0;
  socklen_t len = sizeof value;
  if (getsockopt(fd, level, name, &value, &len) != 0) return -1;
  return value;
}

}  // namespace

bool is_tcp_spec(const std::string& spec) {
  return spec.starts_with("inet:") || spec.starts_with("inet6:");
}

int set_nodelay_on_listening_sockets(std::string* error) {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) {
    *error = std::string("/proc/self/fd: ") + std::strerror(errno);
    return -1;
  }
  const int dir_fd = dirfd(dir);
  int changed = 0;
  while (const dirent* entry = readdir(dir)) {
    char* end = nullptr;
    long fd = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || fd == dir_fd) continue;
    const int f = static_cast<int>(fd);
    const int domain = int_option(f, SOL_SOCKET, SO_DOMAIN);
    if ((domain != AF_INET && domain != AF_INET6) ||
        int_option(f, SOL_SOCKET, SO_TYPE) != SOCK_STREAM ||
        int_option(f, SOL_SOCKET, SO_ACCEPTCONN) != 1) {
      continue;
    }
    const int on = 1;
    if (setsockopt(f, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) != 0) {
      *error = std::string("setsockopt TCP_NODELAY: ") + std::strerror(errno);
      closedir(dir);
      return -1;
    }
    ++changed;
  }
  closedir(dir);
  return changed;
}

}  // namespace smtp_explain::daemon
