// The progress line (progress.h).
#include "progress.h"

#include <sys/ioctl.h>

#include <cstdio>

#include "audit_summary.h"

namespace {

constexpr std::chrono::milliseconds kInterval{250};
constexpr const char* kClearLine = "\r\033[K";

// Display columns of UTF-8 text, taken as one per character (an upper bound
// for the scripts the catalog uses).
std::size_t columns_of(const std::string& s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// The first `columns` characters of `s`.
std::string cut(const std::string& s, std::size_t columns) {
  std::size_t n = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && n++ == columns) break;
  }
  return s.substr(0, i);
}

}  // namespace

int terminal_columns(int fd) {
  winsize ws{};
  if (::ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

ProgressLine::ProgressLine(std::ostream& err, bool enabled, Labels labels, int columns)
    : err_(err),
      enabled_(enabled),
      labels_(std::move(labels)),
      columns_(columns > 1 ? static_cast<std::size_t>(columns) - 1 : 1),
      start_(std::chrono::steady_clock::now()) {}

void ProgressLine::update(std::uint64_t messages, std::uint64_t bounces, std::uint64_t bytes,
                          const std::string& current) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (ever_drawn_ && now - last_ < kInterval) return;
  last_ = now;
  ever_drawn_ = true;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  std::string line = "smtp-explain: " + std::to_string(messages) + " " + labels_.messages + ", " +
                     std::to_string(bounces) + " " + labels_.bounces + ", " + human_bytes(bytes);
  if (seconds >= 1) {
    char rate[32];
    std::snprintf(rate, sizeof rate, ", %.0f ", static_cast<double>(messages) / seconds);
    line += rate + labels_.per_second;
  }
  // The current file, its end kept when the line is too long.
  std::string name;
  for (const char c : current)
    name += (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) ? '?' : c;
  const std::size_t used = columns_of(line) + 2;
  if (used + 3 < columns_) {
    const std::size_t room = columns_ - used;
    const std::size_t len = columns_of(name);
    if (len > room) {
      std::size_t skip = len - (room - 3), i = 0;
      for (std::size_t n = 0; i < name.size(); ++i) {
        if ((static_cast<unsigned char>(name[i]) & 0xC0) != 0x80 && n++ == skip) break;
      }
      name = "..." + name.substr(i);
    }
    line += "  " + name;
  }
  err_ << kClearLine << cut(line, columns_) << std::flush;
  drawn_ = true;
}

void ProgressLine::clear() {
  if (!enabled_ || !drawn_) return;
  err_ << kClearLine << std::flush;
  drawn_ = false;
}
