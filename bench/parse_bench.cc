// Parses every corpus message N times in memory on one core and prints
// messages/s and MB/s. No assertions: a measuring tool, not a test.
//   parse_bench [corpus-dir] [rounds]
//   parse_bench --dump [corpus-dir]   prints every field of every Report (files in name
//                                     order), to diff before and after an optimisation
// Default corpus: SMTP_EXPLAIN_SHARED_DIR/corpus/sisimai (all of lf/, crlf/, cr/, not/).
#include <algorithm>
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

namespace {

void dump_report(const std::string& name, const smtp_explain::Report& r) {
  std::printf("%s bounce=%d kind=%s cls=%s flags=%u total=%zu mta=%s\n", name.c_str(),
              r.bounce ? 1 : 0, std::string(smtp_explain::to_string(r.kind)).c_str(),
              std::string(smtp_explain::to_string(r.cls)).c_str(), r.flags, r.recipients_total,
              r.reporting_mta.c_str());
  for (const smtp_explain::Recipient& x : r.recipients) {
    std::printf("  rcpt=%s orig=%s action=%s reply=%s status=%s rmta=%s cls=%s reason=%s\n",
                x.recipient.c_str(), x.original_recipient.c_str(), x.action.c_str(),
                x.reply_code.c_str(), x.status.c_str(), x.remote_mta.c_str(),
                std::string(smtp_explain::to_string(x.cls)).c_str(),
                std::string(smtp_explain::to_string(x.reason)).c_str());
    std::printf("  diag=%s\n", x.diagnostic.c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  const bool dump = argc > 1 && std::string(argv[1]) == "--dump";
  if (dump) {
    --argc;
    ++argv;
  }
  const fs::path root =
      argc > 1 ? fs::path(argv[1]) : fs::path(SMTP_EXPLAIN_SHARED_DIR) / "corpus" / "sisimai";
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 20;
  std::vector<std::pair<std::string, std::string>> files;  // path, content
  std::size_t bytes = 0;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file() ||
        (entry.path().extension() != ".eml" && entry.path().extension() != ".msg"))
      continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    bytes += ss.str().size();
    files.emplace_back(entry.path().string(), ss.str());
  }
  std::sort(files.begin(), files.end());
  if (dump) {
    for (const auto& [name, content] : files)
      dump_report(name, smtp_explain::parse_message(content));
    return 0;
  }
  std::vector<std::string> messages;
  for (auto& f : files) messages.push_back(std::move(f.second));
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
