// Where a returned original message starts in an MTA's error text (see
// original_start.h). The markers are taken from Sisimai's Lhost modules
// (BSD 2-clause, see third_party/sisimai/LICENSE).
#include "original_start.h"

#include <array>

#include "text_util.h"

namespace smtp_explain {

std::size_t find_original_start(std::string_view text) {
  // Markers that begin a line (leading spaces allowed), from Sisimai's Lhost
  // modules and common MTAs.
  static constexpr std::string_view kMarkers[] = {
      "--- Below this line is a copy of the message.",
      "--- Original message follows.",
      "------ This is a copy of the message, including all the headers.",
      "------ This is a copy of your message, including all the headers.",
      "----- Original message -----",
      "-----Original Message-----",
      "----- Message header follows -----",
      "----- Unsent message follows -----",
      "----- No message was collected -----",
      "------- Returned Message --------",
      "-------original message",
      "-------original mail info",
      "--- The header of the original message is following. ---",
      "Content-Type: message/rfc822",
      "Content-Type: text/rfc822-headers",
      "Content-Type: message/partial",
      "Included is a copy of the message header:",
      "Original mail as follows:",
      "The attachment contains the original mail headers",
      "Original message headers:",
      "------ The header of the original message is following. ------",
      "   ----- Original message follows -----",
      "Message headers follow.",
      "Message text follows:",
  };
  // One pass over the lines: a marker counts where it starts the line, after
  // optional blanks or decoration ("|-----"); the first such line wins. Only
  // positions whose byte may start a marker are compared.
  static const std::array<bool, 256> kStarts = [] {
    std::array<bool, 256> starts{};
    for (std::string_view m : kMarkers) {
      starts[static_cast<unsigned char>(ascii_lower(trim(m)[0]))] = true;
    }
    return starts;
  }();
  static const std::array<std::string_view, std::size(kMarkers)> kTrimmed = [] {
    std::array<std::string_view, std::size(kMarkers)> t{};
    for (std::size_t k = 0; k < t.size(); ++k) t[k] = trim(kMarkers[k]);
    return t;
  }();
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

std::string_view error_part(std::string_view text) {
  return text.substr(0, find_original_start(text));
}

}  // namespace smtp_explain
