// Where a returned original message starts in an MTA's error text (see
// original_start.h). The markers are taken from Sisimai's Lhost modules
// (BSD 2-clause, see third_party/sisimai/LICENSE).
#include "original_start.h"

#include <array>
#include <cstring>
#include <vector>

#include "text_util.h"

namespace smtp_explain {

namespace {

// Markers that begin a line (after optional blanks or decoration such as
// "|"), from Sisimai's Lhost modules and common MTAs.
constexpr std::string_view kMarkers[] = {
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
    "----- Original message follows -----",
    "Message headers follow.",
    "Message text follows:",
};

bool is_decoration(char c) {
  return c == ' ' || c == '\t' || c == '|' || c == '-';
}

bool matches_at(std::string_view text, std::size_t p, std::string_view marker) {
  if (marker.size() > text.size() - p) return false;
  for (std::size_t k = 0; k < marker.size(); ++k) {
    if (ascii_lower(text[p + k]) != ascii_lower(marker[k])) return false;
  }
  return true;
}

// The markers split by how they can start: "-{k}X..." (k dashes, then a byte
// that is no dash) can only start k dashes before the end of a run of dashes;
// the others start with a letter, so only where the decoration ends.
struct MarkerIndex {
  struct Dashed {
    std::size_t dashes;
    std::string_view marker;
  };
  std::vector<Dashed> dashed;
  std::array<std::vector<std::string_view>, 256> by_letter;

  MarkerIndex() {
    for (std::string_view m : kMarkers) {
      std::size_t k = 0;
      while (k < m.size() && m[k] == '-') ++k;
      if (k > 0) {
        dashed.push_back({k, m});
      } else {
        by_letter[static_cast<unsigned char>(ascii_lower(m[0]))].push_back(m);
      }
    }
  }
};

}  // namespace

std::span<const std::string_view> original_start_markers() {
  return kMarkers;
}

std::size_t find_original_start(std::string_view text) {
  static const MarkerIndex kIndex;
  const std::size_t n = text.size();
  std::size_t line = 0;
  while (line < n) {
    // The line's decoration, each run of dashes tried against the markers
    // that start with that many dashes, then the first other byte.
    std::size_t p = line;
    while (p < n && is_decoration(text[p])) {
      if (text[p] != '-') {
        ++p;
        continue;
      }
      const std::size_t run = p;
      while (p < n && text[p] == '-') ++p;
      for (const MarkerIndex::Dashed& d : kIndex.dashed) {
        if (d.dashes <= p - run && matches_at(text, p - d.dashes, d.marker)) return line;
      }
    }
    if (p < n) {
      for (std::string_view m :
           kIndex.by_letter[static_cast<unsigned char>(ascii_lower(text[p]))]) {
        if (matches_at(text, p, m)) return line;
      }
    }
    const void* nl = std::memchr(text.data() + p, '\n', n - p);
    if (nl == nullptr) break;
    line = static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) + 1;
  }
  return n;
}

std::string_view error_part(std::string_view text) {
  return text.substr(0, find_original_start(text));
}

}  // namespace smtp_explain
