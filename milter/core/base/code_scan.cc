// Hand-written scanners for SMTP codes and the failed command: see code_scan.h.
//
// A candidate reply code is three digits [2-5][0-9][0-9] standing alone; an
// enhanced status code is [245].[0-7].[0-9]{1,3} standing alone. "Alone" means
// the neighbours are not digits, letters or dots that would make it part of a
// word, an IP address, a version number, a date or a host name, and the token it
// sits in is not an address, URL or message id. Among candidates we prefer a
// reply code immediately followed by a status code ("550-5.1.1", "550 5.1.1",
// "#550 #5.1.1"), then codes that stand where a reply puts them.
#include "code_scan.h"

#include <array>
#include <cstddef>
#include <vector>

namespace smtp_explain {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool ieq_at(std::string_view text, std::size_t pos, std::string_view lower_word) {
  if (pos + lower_word.size() > text.size()) return false;
  for (std::size_t i = 0; i < lower_word.size(); ++i) {
    if (lower(text[pos + i]) != lower_word[i]) return false;
  }
  return true;
}

struct CommandMarker {
  std::string_view phrase;  // lower case
  std::string_view command;
};

// Markers grouped by their first byte, in list order, built once (a
// function-local static, so thread-safe) for a fixed marker list.
template <std::size_t N>
struct MarkerBuckets {
  explicit MarkerBuckets(const std::array<CommandMarker, N>& markers) {
    for (const CommandMarker& m : markers) {
      by_first[static_cast<unsigned char>(m.phrase[0])].push_back(&m);
    }
  }
  std::array<std::vector<const CommandMarker*>, 256> by_first;
};

// The command of the leftmost marker in `text` (the first in `markers` order
// at the same position), or "" if none occurs. One pass: only positions whose
// byte starts some marker are compared, and only with the markers that start
// with that byte.
template <std::size_t N>
std::string_view leftmost_marker(std::string_view text, const MarkerBuckets<N>& buckets) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto& bucket = buckets.by_first[static_cast<unsigned char>(lower(text[i]))];
    for (const CommandMarker* m : bucket) {
      if (ieq_at(text, i, m->phrase)) return m->command;
    }
  }
  return {};
}

// The whitespace-delimited token around `pos` is an address, URL or message id.
bool in_address_like_token(std::string_view text, std::size_t pos) {
  std::size_t b = pos;
  while (b > 0 && !is_space(text[b - 1])) --b;
  std::size_t e = pos;
  while (e < text.size() && !is_space(text[e])) ++e;
  const std::string_view tok = text.substr(b, e - b);
  return tok.find('@') != std::string_view::npos || tok.find("://") != std::string_view::npos ||
         tok.find("www.") != std::string_view::npos;
}

// Characters that may stand right before a code. Bytes >= 0x80 are allowed so
// that codes embedded in UTF-8 (Japanese, ...) text are found.
bool good_left(std::string_view text, std::size_t pos, bool status) {
  if (pos == 0) return true;
  const char c = text[pos - 1];
  if (static_cast<unsigned char>(c) >= 0x80) return true;
  if (is_space(c)) return true;
  switch (c) {
    case '#':
    case '(':
    case '[':
    case ';':
    case ':':
    case '"':
    case '\'':
    case ',':
    case '{':
    case '>':
    case '*':
      return true;
    case '-':  // "550-5.1.1"; a reply after '-' only at "--" style separators
      return status;
    default:
      return false;
  }
}

// Length of a status code at `pos` ("5.1.1", "5.7.606"), 0 if none. The
// detail has 1-3 digits and no further ".digit" or digit follows.
std::size_t status_at(std::string_view text, std::size_t pos) {
  const std::size_t n = text.size();
  if (pos + 5 > n) return 0;
  const char k = text[pos];
  if (k != '2' && k != '4' && k != '5') return 0;
  if (text[pos + 1] != '.' || !is_digit(text[pos + 2]) || text[pos + 2] > '7') return 0;
  if (text[pos + 3] != '.') return 0;
  std::size_t i = pos + 4;
  std::size_t digits = 0;
  while (i < n && is_digit(text[i]) && digits < 4) {
    ++i;
    ++digits;
  }
  if (digits == 0 || digits > 3) return 0;
  if (i < n && (is_alpha(text[i]) || text[i] == '@' || text[i] == '_')) return 0;
  if (i + 1 < n && text[i] == '.' && is_digit(text[i + 1])) return 0;  // IP / version
  if (i + 1 < n && text[i] == '.' && is_alpha(text[i + 1])) return 0;  // host name
  if (i + 1 < n && text[i] == '-' && is_digit(text[i + 1])) return 0;  // range, date
  return i - pos;
}

bool followed_by_unit(std::string_view text, std::size_t end) {
  static constexpr std::array<std::string_view, 14> kUnits = {
      "bytes", "byte",    "kb",    "mb",   "octets", "seconds", "secs",
      "sec",   "minutes", "hours", "days", "ms",     "%",       "recipients"};
  std::size_t i = end;
  while (i < text.size() && text[i] == ' ') ++i;
  if (i == end && (i >= text.size() || text[i] != '%')) return false;
  for (std::string_view u : kUnits) {
    if (ieq_at(text, i, u) && (i + u.size() == text.size() || !is_alpha(text[i + u.size()]))) {
      return true;
    }
  }
  return false;
}

// True if a reply code (3 digits) stands at `pos`.
bool reply_at(std::string_view text, std::size_t pos) {
  const std::size_t n = text.size();
  if (pos + 3 > n) return false;
  if (text[pos] < '2' || text[pos] > '5' || !is_digit(text[pos + 1]) || !is_digit(text[pos + 2]))
    return false;
  const std::size_t e = pos + 3;
  if (e < n) {
    const char c = text[e];
    if (is_digit(c) || is_alpha(c) || c == '@' || c == '_' || c == '/') return false;
    if (c == '.' && e + 1 < n && !is_space(text[e + 1])) return false;  // IP, host, decimal
    if (c == ':' && e + 1 < n && is_digit(text[e + 1])) return false;   // time
    if (c == '-' && e + 1 < n && is_digit(text[e + 1]) && status_at(text, e + 1) == 0)
      return false;  // date, range, phone number
  }
  return !followed_by_unit(text, e);
}

// Where a reply code is expected: start of text or line, or after a marker
// such as "said:", "<<<", "smtp;".
bool in_reply_position(std::string_view text, std::size_t pos) {
  std::size_t i = pos;
  while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '#' ||
                   text[i - 1] == '(' || text[i - 1] == '"' || text[i - 1] == '\''))
    --i;
  if (i == 0 || text[i - 1] == '\n' || text[i - 1] == '\r') return true;
  const std::string_view before = text.substr(0, i);
  static constexpr std::array<std::string_view, 8> kMarkers = {
      "said:", "<<<", "smtp;", "reply:", "error:", "response:", ":", ";"};
  for (std::string_view m : kMarkers) {
    if (before.size() >= m.size() && ieq_at(before, before.size() - m.size(), m)) return true;
  }
  // Verbs that introduce a quoted reply without a colon: "RCPT TO said 550
  // ...", "Remote Server returned '550 ...'", "MAIL FROM returned 553 ...".
  // Only when white space separates the verb and the code.
  if (i == pos) return false;
  static constexpr std::array<std::string_view, 5> kVerbs = {"said", "returned", "replied",
                                                             "responded with", "answered"};
  for (std::string_view v : kVerbs) {
    if (before.size() < v.size() || !ieq_at(before, before.size() - v.size(), v)) continue;
    const std::size_t start = before.size() - v.size();
    if (start == 0 || !is_alpha(before[start - 1])) return true;
  }
  return false;
}

// "550-recipient@example.net is not an active address": the first line of a
// multi-line reply whose text starts with an address. The code starts the
// whitespace-delimited token (after an optional "smtp;"-like prefix without
// '@'), a '-' follows it, then the address.
bool reply_before_address(std::string_view text, std::size_t pos) {
  const std::size_t n = text.size();
  if (pos + 5 > n || text[pos + 3] != '-') return false;
  if (text[pos] < '2' || text[pos] > '5' || !is_digit(text[pos + 1]) || !is_digit(text[pos + 2]))
    return false;
  const char c = text[pos + 4];
  if (!(is_alpha(c) || is_digit(c) || c == '<' || c == '"' || c == '.' || c == '_')) return false;
  std::size_t b = pos;
  while (b > 0 && !is_space(text[b - 1])) --b;
  const std::string_view head = text.substr(b, pos - b);
  return head.find('@') == std::string_view::npos && head.find('/') == std::string_view::npos;
}

struct Candidate {
  std::size_t pos = std::string_view::npos;
  std::size_t len = 0;
};

}  // namespace

ScannedCodes scan_codes(std::string_view text) {
  ScannedCodes out;
  Candidate first_status, first_reply_pos, first_status_pos;
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_digit(text[i])) continue;
    if (i > 0 && (is_digit(text[i - 1]) || text[i - 1] == '.')) continue;
    if (!good_left(text, i, true)) continue;
    if (in_address_like_token(text, i)) {
      if (first_reply_pos.pos == std::string_view::npos && reply_before_address(text, i) &&
          good_left(text, i, false) && in_reply_position(text, i)) {
        first_reply_pos = {i, 3};
      }
      continue;
    }

    if (const std::size_t sl = status_at(text, i); sl != 0) {
      const bool hash = i > 0 && (text[i - 1] == '#' || text[i - 1] == '(');
      if (first_status.pos == std::string_view::npos) first_status = {i, sl};
      if (hash && first_status_pos.pos == std::string_view::npos) first_status_pos = {i, sl};
      i += sl - 1;
      continue;
    }
    if (!good_left(text, i, false) || !reply_at(text, i)) continue;
    // Reply immediately followed by a status code: the best evidence there is.
    std::size_t j = i + 3;
    if (j < n && (text[j] == ' ' || text[j] == '-')) {
      ++j;
      if (j < n && text[j] == '#') ++j;
      if (const std::size_t sl = status_at(text, j); sl != 0 && !in_address_like_token(text, j)) {
        out.reply.assign(text.substr(i, 3));
        out.status.assign(text.substr(j, sl));
        return out;
      }
    }
    if (first_reply_pos.pos == std::string_view::npos && in_reply_position(text, i)) {
      first_reply_pos = {i, 3};
    }
    i += 2;
  }
  if (first_reply_pos.pos != std::string_view::npos) {
    out.reply.assign(text.substr(first_reply_pos.pos, 3));
  }
  const Candidate& st =
      first_status_pos.pos != std::string_view::npos ? first_status_pos : first_status;
  if (st.pos != std::string_view::npos) {
    const std::string_view s = text.substr(st.pos, st.len);
    // A lone 2.x.x is too often a version number; keep it only beside a 2xx reply.
    if (s[0] != '2' || (!out.reply.empty() && out.reply[0] == '2')) out.status.assign(s);
  }
  return out;
}

std::string_view scan_smtp_command(std::string_view text) {
  // Explicit statements of the command the reply answered.
  static constexpr std::array<CommandMarker, 34> kExplicit = {{
      {"in reply to rcpt to", "RCPT"},
      {"in reply to mail from", "MAIL"},
      {"in reply to end of data", "DATA"},
      {"in reply to data", "DATA"},
      {"in reply to ehlo", "EHLO"},
      {"in reply to helo", "HELO"},
      {"in reply to bdat", "DATA"},
      {"in reply to quit", "DATA"},
      {"after rcpt to", "RCPT"},
      {"after mail from", "MAIL"},
      {"after end of data", "DATA"},
      {"after data", "DATA"},
      {"after pipelined data", "DATA"},
      {"after pipelined rcpt to", "RCPT"},
      {"after pipelined mail from", "MAIL"},
      {"after initial connection", "CONN"},
      {"after ehlo", "EHLO"},
      {"after helo", "HELO"},
      {"after sending message", "DATA"},
      {"while sending message", "DATA"},
      {">>> rcpt to", "RCPT"},
      {">>> mail from", "MAIL"},
      {">>> data", "DATA"},
      {">>> ehlo", "EHLO"},
      {">>> helo", "HELO"},
      {"but sender was rejected", "MAIL"},
      {"but my name was rejected", "HELO"},
      {"but greeting failed", "CONN"},
      {"but connection died", "CONN"},
      {"during the smtp conversation at the rcpt", "RCPT"},
      {"smtp rcpt", "RCPT"},
      {"smtp data", "DATA"},
      {"greeting", "CONN"},
      {"connection refused", "CONN"},
  }};
  static const MarkerBuckets<kExplicit.size()> kExplicitBuckets(kExplicit);
  if (std::string_view found = leftmost_marker(text, kExplicitBuckets); !found.empty()) {
    return found;
  }
  // Weaker: the command itself appears in the text.
  // (Not "helo": Received: fields carry it in every message.)
  static constexpr std::array<CommandMarker, 4> kMentions = {{
      {"rcpt to:", "RCPT"},
      {"rcpt to", "RCPT"},
      {"mail from:", "MAIL"},
      {"end of data", "DATA"},
  }};
  static const MarkerBuckets<kMentions.size()> kMentionBuckets(kMentions);
  return leftmost_marker(text, kMentionBuckets);
}

}  // namespace smtp_explain
