// The socket's directory, owner, group and mode, and the pid file's defences
// (no symlink, no FIFO, no directory the unprivileged user owns or others may
// write). Run as root (CI) the ownership cases use uid/gid 65534; as another
// user they use the user's own ids.
#include <fcntl.h>
#include <grp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "pidfile.h"
#include "socket_setup.h"

using namespace smtp_explain::daemon;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  std::string path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "smtp-explain-test.XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempDir() { fs::remove_all(path); }
};

struct stat stat_of(const std::string& path) {
  struct stat st {};
  REQUIRE(lstat(path.c_str(), &st) == 0);
  return st;
}

// A user and group other than ours when we are root (ownership is then given away).
long other_uid() {
  return geteuid() == 0 ? 65534 : static_cast<long>(geteuid());
}
long other_gid() {
  return geteuid() == 0 ? 65534 : static_cast<long>(getegid());
}

void bind_unix_socket(const std::string& path) {
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  REQUIRE(path.size() < sizeof(addr.sun_path));
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  mode_t old = umask(kSocketCreateUmask);
  int rc = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  umask(old);
  close(fd);
  REQUIRE(rc == 0);
}

}  // namespace

TEST_CASE("socket modes are octal strings up to 0777", "[socket]") {
  unsigned mode = 0;
  CHECK(parse_socket_mode("0660", &mode));
  CHECK(mode == 0660);
  CHECK(parse_socket_mode("600", &mode));
  CHECK(mode == 0600);
  CHECK_FALSE(parse_socket_mode("", &mode));
  CHECK_FALSE(parse_socket_mode("0668", &mode));
  CHECK_FALSE(parse_socket_mode("4777", &mode));
  CHECK_FALSE(parse_socket_mode("00660", &mode));
  CHECK_FALSE(parse_socket_mode("rw", &mode));
}

TEST_CASE("unix socket paths; inet specs have none", "[socket]") {
  CHECK(unix_socket_path("unix:/var/spool/postfix/smtp-explain/milter.sock") ==
        "/var/spool/postfix/smtp-explain/milter.sock");
  CHECK(unix_socket_path("local:/a/b") == "/a/b");
  CHECK(unix_socket_path("inet:8891@127.0.0.1").empty());
}

TEST_CASE("socket group: auto is postfix when it exists, names must exist", "[socket]") {
  long gid = -2;
  std::string error;
  REQUIRE(resolve_socket_group("auto", 4242, &gid, &error));
  struct group* postfix = getgrnam("postfix");
  if (postfix != nullptr && geteuid() == 0) {
    CHECK(gid == static_cast<long>(postfix->gr_gid));
  } else if (postfix == nullptr) {
    CHECK(gid == 4242);
  }
  REQUIRE(resolve_socket_group("root", 4242, &gid, &error));
  CHECK(gid == 0);
  CHECK_FALSE(resolve_socket_group("no-such-group-smtp-explain", 4242, &gid, &error));
  CHECK_THAT(error, Catch::Contains("unknown group \"no-such-group-smtp-explain\""));
}

TEST_CASE("the socket directory is made 0750 for the milter's user and the MTA's group",
          "[socket]") {
  TempDir t;
  SocketAccess access{other_uid(), other_gid(), 0660};
  std::string warning, error;
  std::string spec = "unix:" + t.path + "/spool/smtp-explain/milter.sock";
  REQUIRE(prepare_socket_directory(spec, access, &warning, &error));
  CHECK(warning.empty());
  struct stat dir = stat_of(t.path + "/spool/smtp-explain");
  CHECK((dir.st_mode & 07777) == 0750);
  CHECK(static_cast<long>(dir.st_uid) == other_uid());
  CHECK(static_cast<long>(dir.st_gid) == other_gid());
  struct stat parent = stat_of(t.path + "/spool");
  CHECK(S_ISDIR(parent.st_mode));

  // Again: the directory exists and is right, nothing to say.
  REQUIRE(prepare_socket_directory(spec, access, &warning, &error));
  CHECK(warning.empty());

  // The socket gets owner, group and mode; it was created no wider than 0600.
  std::string sock = t.path + "/spool/smtp-explain/milter.sock";
  bind_unix_socket(sock);
  CHECK((stat_of(sock).st_mode & 0077) == 0);
  REQUIRE(set_socket_access(spec, access, &error));
  struct stat st = stat_of(sock);
  CHECK(S_ISSOCK(st.st_mode));
  CHECK((st.st_mode & 07777) == 0660);
  CHECK(static_cast<long>(st.st_uid) == other_uid());
  CHECK(static_cast<long>(st.st_gid) == other_gid());
}

TEST_CASE("a symlinked socket directory is refused, a foreign one warned about", "[socket]") {
  TempDir t;
  SocketAccess access{other_uid(), other_gid(), 0660};
  std::string warning, error;
  fs::create_directory(t.path + "/real");
  fs::create_directory_symlink(t.path + "/real", t.path + "/link");
  CHECK_FALSE(
      prepare_socket_directory("unix:" + t.path + "/link/m.sock", access, &warning, &error));
  CHECK_THAT(error, Catch::Contains("not a directory"));
  if (geteuid() == 0) {
    // t.path/real belongs to root, the milter's user is 65534.
    REQUIRE(prepare_socket_directory("unix:" + t.path + "/real/m.sock", access, &warning, &error));
    CHECK_THAT(warning, Catch::Contains("not to the milter's user"));
  }
  fs::create_directory(t.path + "/open");
  chmod((t.path + "/open").c_str(), 01777);
  SocketAccess mine{-1, -1, 0660};
  REQUIRE(prepare_socket_directory("unix:" + t.path + "/open/m.sock", mine, &warning, &error));
  CHECK_THAT(warning, Catch::Contains("writable by everyone"));
  CHECK(prepare_socket_directory("inet:8891@127.0.0.1", access, &warning, &error));
}

TEST_CASE("the pid file is written and removed only while it holds our pid", "[pidfile]") {
  TempDir t;
  chmod(t.path.c_str(), 0755);
  std::string path = t.path + "/milter.pid";
  std::string error;
  REQUIRE(check_pidfile_directory(path, -1, &error));
  REQUIRE(write_pidfile(path, 12345, &error));
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text == "12345\n");
  CHECK((stat_of(path).st_mode & 07777) == 0644);
  REQUIRE(write_pidfile(path, 7, &error));  // a stale file is overwritten, not appended to
  std::ifstream again(path);
  long stored = 0;
  again >> stored;
  CHECK(stored == 7);
  remove_pidfile(path, 12345);  // not ours: stays
  CHECK(fs::exists(path));
  remove_pidfile(path, 7);
  CHECK_FALSE(fs::exists(path));
}

TEST_CASE("the pid file refuses symlinks, FIFOs and unsafe directories", "[pidfile]") {
  TempDir t;
  chmod(t.path.c_str(), 0755);
  std::string error;
  std::string victim = t.path + "/victim";
  { std::ofstream(victim) << "keep\n"; }
  std::string link = t.path + "/link.pid";
  fs::create_symlink(victim, link);
  CHECK_FALSE(write_pidfile(link, 1, &error));
  CHECK_THAT(error, Catch::Contains("symlink"));
  std::ifstream in(victim);
  std::string kept;
  in >> kept;
  CHECK(kept == "keep");

  std::string fifo = t.path + "/fifo.pid";
  REQUIRE(mkfifo(fifo.c_str(), 0644) == 0);
  CHECK_FALSE(write_pidfile(fifo, 1, &error));  // returns at once, no reader needed
  CHECK_THAT(error, Catch::Contains("not a regular file"));

  std::string shared = t.path + "/shared";
  fs::create_directory(shared);
  chmod(shared.c_str(), 0775);
  CHECK_FALSE(check_pidfile_directory(shared + "/m.pid", -1, &error));
  CHECK_THAT(error, Catch::Contains("writable by others"));
  chmod(shared.c_str(), 01777);
  CHECK_FALSE(check_pidfile_directory(shared + "/m.pid", -1, &error));

  if (geteuid() == 0) {
    std::string users = t.path + "/users";
    fs::create_directory(users);
    chmod(users.c_str(), 0755);
    REQUIRE(chown(users.c_str(), 65534, 65534) == 0);
    CHECK_FALSE(check_pidfile_directory(users + "/m.pid", 65534, &error));
    CHECK_THAT(error, Catch::Contains("belongs to the unprivileged user"));
    CHECK(check_pidfile_directory(users + "/m.pid", -1, &error));  // no user switch: fine
  }
  CHECK_FALSE(check_pidfile_directory(t.path + "/missing/m.pid", -1, &error));
}
