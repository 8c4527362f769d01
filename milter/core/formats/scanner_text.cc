// Shared scanner text helpers; see scanner_text.h.
#include "scanner_text.h"

#include "text_util.h"

namespace smtp_explain::scanner_text {

std::string sweep(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

namespace {

bool is_plain_address(std::string_view inner) {
  return inner.find('@') != std::string_view::npos && inner.find(' ') == std::string_view::npos;
}

}  // namespace

std::string_view last_angle_address(std::string_view text) {
  const std::size_t lt = text.rfind('<');
  if (lt == std::string_view::npos) return {};
  const std::size_t gt = text.find('>', lt);
  if (gt == std::string_view::npos) return {};
  const std::string_view inner = text.substr(lt + 1, gt - lt - 1);
  return is_plain_address(inner) ? inner : std::string_view{};
}

std::string_view first_angle_address(std::string_view text) {
  std::size_t lt = text.find('<');
  while (lt != std::string_view::npos) {
    const std::size_t gt = text.find('>', lt + 1);
    if (gt == std::string_view::npos) return {};
    const std::string_view inner = text.substr(lt + 1, gt - lt - 1);
    if (is_plain_address(inner)) return inner;
    lt = text.find('<', gt + 1);
  }
  return {};
}

bool is_only_digits(std::string_view text) {
  text = trim(text);
  if (text.empty()) return false;
  for (char c : text) {
    if (!is_ascii_digit(c)) return false;
  }
  return true;
}

}  // namespace smtp_explain::scanner_text
