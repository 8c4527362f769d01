// Where the returned original starts (original_start.h): the one-pass
// marker index answers exactly as the plain search it replaced (kept below as
// the reference) on texts built from the markers, decoration and noise.
#include <array>
#include <random>
#include <span>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

#include "original_start.h"
#include "text_util.h"

namespace {

using namespace smtp_explain;

// The search before the marker index: at each decoration position, every marker.
std::size_t reference_original_start(std::string_view text) {
  const std::span<const std::string_view> kMarkers = original_start_markers();
  // One pass over the lines: a marker counts where it starts the line, after
  // optional blanks or decoration ("|-----"); the first such line wins. Only
  // positions whose byte may start a marker are compared.
  const std::array<bool, 256> kStarts = [&] {
    std::array<bool, 256> starts{};
    for (std::string_view m : kMarkers) {
      starts[static_cast<unsigned char>(ascii_lower(trim(m)[0]))] = true;
    }
    return starts;
  }();
  const std::span<const std::string_view> kTrimmed = kMarkers;
  auto marker_at = [&](std::size_t p) {
    if (!kStarts[static_cast<unsigned char>(ascii_lower(text[p]))]) return false;
    for (std::string_view m : kTrimmed) {
      if (m.size() > text.size() - p) continue;
      std::size_t k = 0;
      while (k < m.size() && ascii_lower(text[p + k]) == ascii_lower(m[k])) ++k;
      if (k == m.size()) return true;
    }
    return false;
  };
  std::size_t line = 0;
  while (line < text.size()) {
    for (std::size_t p = line; p < text.size(); ++p) {
      if (marker_at(p)) return line;
      const char c = text[p];
      if (!(is_space_or_tab(c) || c == '|' || c == '-')) break;
    }
    const std::size_t nl = text.find('\n', line);
    if (nl == std::string_view::npos) break;
    line = nl + 1;
  }
  return text.size();
}

const char* const kPieces[] = {"--- Below this line is a copy of the message.",
                               "------ This is a copy of the message, including all the headers.",
                               "-----Original Message-----",
                               "-------original mail info",
                               "Content-Type: message/rfc822",
                               "content-type: TEXT/rfc822-headers",
                               "Original message headers:",
                               "Message text follows:",
                               "----- Original message follows -----",
                               "--- The header of the original message is following. ---",
                               "-",
                               "--",
                               "---",
                               "------",
                               "-------",
                               " ",
                               "\t",
                               "|",
                               "x",
                               "Hello",
                               "\n",
                               "\n",
                               "\n",
                               "-- Original",
                               "Original",
                               "Content-Type: text/plain",
                               "-----",
                               "-------Original message"};

}  // namespace

TEST_CASE("original start: the marker index agrees with a plain search", "[mime]") {
  std::mt19937 rng(20240701);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int pieces = 1 + static_cast<int>(rng() % 12);
    for (int k = 0; k < pieces; ++k) {
      std::string_view p = kPieces[rng() % (sizeof kPieces / sizeof kPieces[0])];
      if (rng() % 4 == 0) p = p.substr(0, rng() % (p.size() + 1));
      text += p;
    }
    INFO("text [" << text << "]");
    REQUIRE(find_original_start(text) == reference_original_start(text));
  }
  CHECK(find_original_start("a\n  |----- Original message -----\nb") == 2);
  CHECK(find_original_start("no marker\n") == 10);
}
