// The progress line of a long `smtp-explain check` on a terminal: one line on
// standard error, redrawn in place at most four times a second, cleared before
// other output and at the end. Drawn only when enabled (standard error is a
// terminal); otherwise every call does nothing.
// Thread safety: none.
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

class ProgressLine {
 public:
  // The words of the line, in the output language.
  struct Labels {
    std::string messages = "messages";
    std::string bounces = "bounces";
    std::string per_second = "messages/s";
  };

  // `columns`: the terminal's width (the line never wraps).
  ProgressLine(std::ostream& err, bool enabled, Labels labels, int columns);
  ~ProgressLine() { clear(); }

  // After each message: redraws when the last drawing is 250 ms old (or there
  // was none yet).
  void update(std::uint64_t messages, std::uint64_t bounces, std::uint64_t bytes,
              const std::string& current);
  // Removes the line, if drawn.
  void clear();

  bool enabled() const { return enabled_; }

 private:
  std::ostream& err_;
  bool enabled_;
  Labels labels_;
  std::size_t columns_;
  bool drawn_ = false;       // on the screen now
  bool ever_drawn_ = false;  // last_ is set
  std::chrono::steady_clock::time_point start_, last_;
};

// Width of the terminal on `fd` (80 when it cannot be told).
int terminal_columns(int fd);
