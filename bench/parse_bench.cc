// Parses every corpus message N times in memory on one core and prints
// messages/s and MB/s. No assertions: a measuring tool, not a test.
//   parse_bench [corpus-dir] [rounds]
// Default corpus: SMTP_EXPLAIN_SHARED_DIR/corpus/sisimai (all of lf/, crlf/, cr/, not/).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "smtp_explain/parser.h"

#ifndef SMTP_EXPLAIN_SHARED_DIR
#define SMTP_EXPLAIN_SHARED_DIR "../shared"
#endif

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  const fs::path root =
      argc > 1 ? fs::path(argv[1]) : fs::path(SMTP_EXPLAIN_SHARED_DIR) / "corpus" / "sisimai";
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 20;
  std::vector<std::string> messages;
  std::size_t bytes = 0;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".eml") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    bytes += ss.str().size();
    messages.push_back(ss.str());
  }
  if (messages.empty() || rounds <= 0) {
    std::fprintf(stderr, "no .eml files under %s\n", root.c_str());
    return 1;
  }
  std::size_t bounces = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < rounds; ++r) {
    for (const std::string& m : messages) bounces += smtp_explain::parse_message(m).bounce ? 1 : 0;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double n = static_cast<double>(messages.size()) * rounds;
  std::printf(
      "%zu messages (%.1f MB) x %d rounds in %.3f s: %.0f messages/s, %.1f MB/s (%zu bounces)\n",
      messages.size(), static_cast<double>(bytes) / 1e6, rounds, secs, n / secs,
      static_cast<double>(bytes) * rounds / 1e6 / secs, bounces / static_cast<std::size_t>(rounds));
  return 0;
}
