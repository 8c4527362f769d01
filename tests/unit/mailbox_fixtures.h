// Helpers for the mailbox and audit tests: a scratch directory removed at the
// end, writing files, and an mboxrd writer (what Postfix local(8), procmail and
// mutt write) for building mbox files from single messages at test time.
#pragma once

#include <stdlib.h>

#include <cstdlib>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace mailbox_test {

namespace fs = std::filesystem;

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern =
        std::string(base != nullptr && *base ? base : "/tmp") + "/smtp_explain_mailbox_XXXXXX";
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

inline void write_file(const std::string& path, std::string_view bytes) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The message as an mbox reader gives it back: without a leading "From " line,
// ending with a line end.
inline std::string as_stored(std::string message, const std::string& eol) {
  if (message.rfind("From ", 0) == 0) {
    const std::size_t e = message.find(eol);
    message.erase(0, e == std::string::npos ? message.size() : e + eol.size());
  }
  if (message.size() < eol.size() ||
      message.compare(message.size() - eol.size(), eol.size(), eol) != 0)
    message += eol;
  return message;
}

// One mboxrd entry: the envelope line, the message with every line matching
// ">*From " quoted with one more '>', and the empty line that ends it.
inline std::string mbox_entry(
    const std::string& message, const std::string& eol,
    const std::string& envelope = "From MAILER-DAEMON Mon Jan  1 00:00:00 2024") {
  const std::string stored = as_stored(message, eol);
  std::string out = envelope + eol;
  std::size_t line = 0;
  while (line < stored.size()) {
    std::size_t e = stored.find(eol, line);
    e = e == std::string::npos ? stored.size() : e + eol.size();
    const std::string_view l(stored.data() + line, e - line);
    const std::size_t q = l.find_first_not_of('>');
    if (q != std::string_view::npos && l.substr(q, 5) == "From ") out += '>';
    out.append(l);
    line = e;
  }
  return out + eol;
}

// The regular files of a directory, in name order.
inline std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file()) out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace mailbox_test
