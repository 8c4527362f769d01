// Pid file (see pidfile.h).
#include "pidfile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace smtp_explain::daemon {
namespace {

std::string directory_of(const std::string& path) {
  std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

bool check_pidfile_directory(const std::string& path, long unprivileged_uid, std::string* error) {
  const std::string dir = directory_of(path);
  struct stat st {};
  if (stat(dir.c_str(), &st) != 0) {
    *error = "pidfile directory " + dir + ": " + std::strerror(errno);
    return false;
  }
  if (!S_ISDIR(st.st_mode)) {
    *error = "pidfile directory " + dir + " is not a directory";
    return false;
  }
  if (unprivileged_uid >= 0 && static_cast<long>(st.st_uid) == unprivileged_uid &&
      static_cast<long>(geteuid()) != unprivileged_uid) {
    *error = "pidfile " + path + ": its directory belongs to the unprivileged user (uid " +
             std::to_string(unprivileged_uid) + "); use a directory only root can write, e.g. /run";
    return false;
  }
  if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    *error =
        "pidfile " + path + ": its directory " + dir +
        " is writable by others than its owner; use a directory only root can write, e.g. /run";
    return false;
  }
  return true;
}

bool write_pidfile(const std::string& path, long pid, std::string* error) {
  // O_NONBLOCK: a FIFO planted at the path must not hang the start.
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
  if (fd < 0) {
    if (errno == ENXIO) {  // a FIFO without a reader
      *error = "pidfile " + path + " is not a regular file";
    } else {
      *error = "pidfile " + path + ": " + std::strerror(errno) +
               (errno == ELOOP ? " (a symlink is refused)" : "");
    }
    return false;
  }
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    *error = "pidfile " + path + " is not a regular file";
    close(fd);
    return false;
  }
  std::string text = std::to_string(pid) + "\n";
  bool ok = ftruncate(fd, 0) == 0 &&
            write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  if (!ok) *error = "pidfile " + path + ": " + std::strerror(errno);
  if (close(fd) != 0 && ok) {
    *error = "pidfile " + path + ": " + std::strerror(errno);
    ok = false;
  }
  return ok;
}

void remove_pidfile(const std::string& path, long pid) {
  std::ifstream in(path);
  long stored = -1;
  if (in >> stored && stored == pid) unlink(path.c_str());
}

}  // namespace smtp_explain::daemon
