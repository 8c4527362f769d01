// Helpers shared by the format scanners (declared in formats.h).
// The returned-original markers are taken from Sisimai's Lhost modules
// (BSD 2-clause, see third_party/sisimai/LICENSE).
#include "formats.h"

#include <array>

#include "text_util.h"

namespace smtp_explain {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

namespace {

bool is_local_char(char c) {
  if (is_ascii_alpha(c) || is_ascii_digit(c)) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '/':
    case '=':
    case '?':
    case '^':
    case '_':
    case '`':
    case '{':
    case '|':
    case '}':
    case '~':
    case '.':
      return true;
    default:
      return false;
  }
}

bool is_domain_char(char c) {
  return is_ascii_alpha(c) || is_ascii_digit(c) || c == '-' || c == '.' || c == '_';
}

// Checks "local@domain" (already stripped). `need_dot`: the domain must have a
// dot or be an address literal.
bool valid_address(std::string_view a, bool need_dot) {
  std::size_t at = a.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= a.size()) return false;
  if (a.size() > 320) return false;
  std::string_view local = a.substr(0, at);
  std::string_view domain = a.substr(at + 1);
  if (local.size() > 64 + 2) return false;
  if (local.size() >= 2 && local.front() == '"' && local.back() == '"') {
    for (char c : local) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return false;
    }
  } else {
    if (local.front() == '.' || local.back() == '.') return false;
    for (char c : local) {
      if (!is_local_char(c)) return false;
    }
  }
  if (domain.front() == '[') {
    if (domain.back() != ']' || domain.size() < 3) return false;
    for (char c : domain.substr(1, domain.size() - 2)) {
      if (!(is_ascii_digit(c) || is_ascii_alpha(c) || c == '.' || c == ':')) return false;
    }
    return true;
  }
  if (domain.size() > 255) return false;
  if (domain.front() == '.' || domain.back() == '.' || domain.front() == '-') return false;
  if (domain.find("..") != std::string_view::npos) return false;
  bool dot = false;
  for (char c : domain) {
    if (!is_domain_char(c)) return false;
    if (c == '.') dot = true;
  }
  return dot || !need_dot;
}

}  // namespace

std::vector<std::string_view> find_addresses(std::string_view text) {
  std::vector<std::string_view> found;
  std::size_t pos = 0;
  while ((pos = text.find('@', pos)) != std::string_view::npos) {
    std::size_t begin = pos;
    while (begin > 0 && is_local_char(text[begin - 1])) --begin;
    std::size_t end = pos + 1;
    if (end < text.size() && text[end] == '[') {
      std::size_t close = text.find(']', end);
      end = close == std::string_view::npos ? end : close + 1;
    } else {
      while (end < text.size() && is_domain_char(text[end])) ++end;
    }
    // Trailing dots and hyphens belong to the sentence, not the domain.
    while (end > pos + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
    while (begin < pos && text[begin] == '.') ++begin;
    std::string_view cand = text.substr(begin, end - begin);
    if (valid_address(cand, true)) found.push_back(cand);
    pos = end > pos ? end : pos + 1;
  }
  return found;
}

std::string_view first_address(std::string_view text) {
  auto all = find_addresses(text);
  return all.empty() ? std::string_view{} : all.front();
}

std::string clean_address(std::string_view raw) {
  std::string_view a = trim(raw);
  // Type prefix "rfc822;" (or "RFC822; ").
  if (std::size_t semi = a.find(';'); semi != std::string_view::npos && semi < 12 &&
                                      a.substr(0, semi).find('@') == std::string_view::npos) {
    a = trim(a.substr(semi + 1));
  }
  if (istarts_with(a, "mailto:")) a.remove_prefix(7);
  // An address in angle brackets wins over any display name around it.
  if (std::size_t lt = a.rfind('<'); lt != std::string_view::npos) {
    std::size_t gt = a.find('>', lt);
    if (gt != std::string_view::npos) a = a.substr(lt + 1, gt - lt - 1);
  }
  a = trim(a);
  while (!a.empty() && (a.front() == '<' || a.front() == '\'' || a.front() == '('))
    a.remove_prefix(1);
  while (!a.empty() && (a.back() == '>' || a.back() == '\'' || a.back() == ')' || a.back() == '.' ||
                        a.back() == ',' || a.back() == ':' || a.back() == ';')) {
    a.remove_suffix(1);
  }
  // A whole-address quote "a@b" (not a quoted local part "a b"@c).
  if (a.size() >= 2 && a.front() == '"' && a.back() == '"') a = a.substr(1, a.size() - 2);
  if (!valid_address(a, false)) return {};
  std::size_t at = a.rfind('@');
  std::string out(a);
  for (std::size_t i = at + 1; i < out.size(); ++i) out[i] = ascii_lower(out[i]);
  return out;
}

namespace {

std::size_t scan_original_start(std::string_view text) {
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

}  // namespace

// Every scanner of a message asks about the same text, so the answer for the
// last text is kept per thread, keyed by the text's content (texts up to
// 256 KiB; a longer one is scanned each time rather than copied).
std::size_t find_original_start(std::string_view text) {
  constexpr std::size_t kMaxCached = 256 * 1024;
  if (text.size() > kMaxCached) return scan_original_start(text);
  struct Last {
    std::string text;
    std::size_t start = 0;
    bool valid = false;
  };
  thread_local Last last;
  if (!last.valid || last.text != text) {
    last.start = scan_original_start(text);
    last.text.assign(text);
    last.valid = true;
  }
  return last.start;
}

std::string_view error_part(std::string_view text) {
  return text.substr(0, find_original_start(text));
}

bool contains_nocase(std::string_view haystack, std::string_view needle) {
  return icontains(haystack, needle);
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  return istarts_with(text, prefix);
}

std::string from_local_part(std::string_view from) {
  std::string_view a = trim(from);
  if (std::size_t lt = a.rfind('<'); lt != std::string_view::npos) {
    std::size_t gt = a.find('>', lt);
    a = a.substr(lt + 1, gt == std::string_view::npos ? std::string_view::npos : gt - lt - 1);
  } else if (std::size_t sp = a.find_first_of(" \t(");
             sp != std::string_view::npos && a.substr(0, sp).find('@') != std::string_view::npos) {
    a = a.substr(0, sp);  // "MAILER-DAEMON@host (Mail Delivery System)"
  }
  a = trim(a);
  if (!a.empty() && a.front() == '"') {
    std::size_t close = a.find('"', 1);
    if (close != std::string_view::npos) a = a.substr(1, close - 1);
  }
  std::size_t at = a.rfind('@');
  if (at != std::string_view::npos) a = a.substr(0, at);
  return to_lower(trim(a));
}

}  // namespace smtp_explain
