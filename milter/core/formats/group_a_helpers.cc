#include "group_a_helpers.h"

#include "smtp_explain/codes.h"
#include "text_util.h"

namespace smtp_explain::group_a {

std::optional<Reason> reason_for_phrases(std::string_view text, std::span<const PhraseReason> table,
                                         bool ignore_case) {
  for (const PhraseReason& p : table) {
    if (p.phrase.empty()) continue;
    const bool found = ignore_case ? icontains(text, p.phrase) : has(text, p.phrase);
    if (found) return p.reason;
  }
  return std::nullopt;
}

bool received_contains(const HeaderList& headers, std::string_view needle) {
  for (const MimeField& f : headers.fields) {
    if (iequals(f.name, "Received") && has(f.value, needle)) return true;
  }
  return false;
}

std::string_view text_before(std::string_view text,
                             std::initializer_list<std::string_view> prefixes) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    for (std::string_view p : prefixes) {
      if (istarts_with(line, p)) return text.substr(0, pos);
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return error_part(text);
}

std::size_t find_line(const std::vector<std::string_view>& lines, std::string_view prefix,
                      std::size_t from, bool anywhere) {
  for (std::size_t i = from; i < lines.size(); ++i) {
    if (anywhere ? has(lines[i], prefix) : lines[i].starts_with(prefix)) return i;
  }
  return lines.size();
}

bool is_bare_address(std::string_view token) {
  token = trim(token);
  if (token.empty() || token.find_first_of(" \t") != std::string_view::npos) return false;
  std::size_t at = token.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < token.size();
}

FoundRecipient& add_recipient(std::vector<FoundRecipient>* out, std::string_view address) {
  out->emplace_back();
  out->back().address = std::string(address);
  return out->back();
}

namespace {

bool word_start(std::string_view text, std::size_t i) {
  if (i == 0) return true;
  const char p = text[i - 1];
  return !(is_ascii_digit(p) || is_ascii_alpha(p) || p == '.' || p == '-' || p == '_');
}

}  // namespace

std::string find_status(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '2' && c != '4' && c != '5') continue;
    if (!word_start(text, i)) continue;
    const std::size_t n = match_status_code(text.substr(i));
    if (n > 0) return std::string(text.substr(i, n));
  }
  return {};
}

std::string find_reply(std::string_view text) {
  for (std::size_t i = 0; i + 3 <= text.size(); ++i) {
    const char c = text[i];
    if (c != '4' && c != '5') continue;
    if (!word_start(text, i)) continue;
    if (match_reply_code(text.substr(i)) != 3) continue;
    if (i + 3 < text.size() && !(text[i + 3] == ' ' || text[i + 3] == '-')) continue;
    return std::string(text.substr(i, 3));
  }
  return {};
}

bool is_vague_status(std::string_view status) {
  status = trim(status);
  if (status.size() < 5) return false;
  return (status[0] == '4' || status[0] == '5') && status[1] == '.' &&
         (status[2] == '0' || status[2] == '1') && status.substr(3, 2) == ".0" &&
         (status.size() == 5 || status[5] == ' ');
}

}  // namespace smtp_explain::group_a
