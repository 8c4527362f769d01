#include "smtp_explain/codes.h"

#include "text_util.h"

namespace smtp_explain {

std::size_t match_reply_code(std::string_view text) {
  if (text.size() < 3) return 0;
  if (text[0] < '2' || text[0] > '5') return 0;
  if (!is_ascii_digit(text[1]) || !is_ascii_digit(text[2])) return 0;
  if (text.size() > 3 && is_ascii_digit(text[3])) return 0;
  return 3;
}

std::size_t match_status_code(std::string_view text) {
  if (text.size() < 5) return 0;
  if (text[0] != '2' && text[0] != '4' && text[0] != '5') return 0;
  if (text[1] != '.') return 0;
  std::size_t i = 2;
  std::size_t n = 0;
  while (i < text.size() && is_ascii_digit(text[i]) && n < 4) ++i, ++n;
  if (n == 0 || n > 3) return 0;
  if (i >= text.size() || text[i] != '.') return 0;
  ++i;
  n = 0;
  while (i < text.size() && is_ascii_digit(text[i]) && n < 4) ++i, ++n;
  if (n == 0 || n > 3) return 0;
  // Not followed by a digit, nor by '.' + digit (an IP address or version).
  if (i < text.size() && is_ascii_digit(text[i])) return 0;
  if (i + 1 < text.size() && text[i] == '.' && is_ascii_digit(text[i + 1])) return 0;
  return i;
}

DeliveryClass class_of_code(std::string_view code) {
  if (code.empty()) return DeliveryClass::kNone;
  switch (code[0]) {
    case '2':
      return DeliveryClass::kSuccess;
    case '4':
      return DeliveryClass::kTransient;
    case '5':
      return DeliveryClass::kPermanent;
    default:
      return DeliveryClass::kNone;
  }
}

namespace {

// "X.2.2" (class unknown), as users type it from tables.
std::size_t match_x_status(std::string_view text) {
  if (text.size() < 5 || (text[0] != 'X' && text[0] != 'x')) return 0;
  std::string probe(text);
  probe[0] = '5';
  return match_status_code(probe);
}

}  // namespace

bool parse_code_query(std::string_view text, CodeQuery* out) {
  std::string_view t = trim(text);
  if (t.empty() || out == nullptr) return false;
  CodeQuery q;
  if (std::size_t n = match_reply_code(t); n == 3) {
    q.reply = std::string(t.substr(0, 3));
    t.remove_prefix(3);
    if (t.empty()) {
      *out = std::move(q);
      return true;
    }
    if (t.front() != ' ' && t.front() != '-') return false;
    t = trim(t.substr(1));
    if (t.empty()) return false;
  }
  std::size_t n = match_status_code(t);
  if (n == 0) n = match_x_status(t);
  if (n == 0 || n != t.size()) return false;
  q.status = std::string(t);
  if (q.status[0] == 'x') q.status[0] = 'X';
  // A pair must agree on the class ("550 4.2.2" is not a code anyone means).
  if (!q.reply.empty() && q.status[0] != 'X' && q.status[0] != q.reply[0]) return false;
  if (!q.reply.empty() && q.reply[0] == '3') return false;
  *out = std::move(q);
  return true;
}

}  // namespace smtp_explain
