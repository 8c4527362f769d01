// Address helpers (see address.h).
#include "address.h"

#include "text_util.h"

namespace smtp_explain {

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

namespace {

// True for local parts that name no mailbox: a pipe command ("|/usr/bin/
// procmail") or a file path ("/var/mail/user"; X.400 forms such as
// "/G=Jo/S=Smith/O=Org/" have '=' and are kept).
bool is_junk_local(std::string_view local) {
  if (local.empty()) return true;
  if (local.front() == '|') return true;
  return local.front() == '/' && local.find('=') == std::string_view::npos;
}

// "ORCPT=rfc822;a@b" (an ESMTP parameter copied with the address): the prefix
// goes, the address stays.
std::string_view without_orcpt(std::string_view a) {
  if (istarts_with(a, "orcpt=")) a.remove_prefix(6);
  return a;
}

}  // namespace

std::string clean_address(std::string_view raw) {
  std::string_view a = without_orcpt(trim(raw));
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
  if (is_junk_local(a.substr(0, at))) return {};
  std::string out(a);
  for (std::size_t i = at + 1; i < out.size(); ++i) out[i] = ascii_lower(out[i]);
  return out;
}

std::string stated_address(std::string_view raw) {
  std::string_view a = without_orcpt(trim(raw));
  if (std::size_t semi = a.find(';'); semi != std::string_view::npos && semi < 12 &&
                                      a.substr(0, semi).find('@') == std::string_view::npos) {
    a = trim(a.substr(semi + 1));
  }
  if (a.size() >= 2 && a.front() == '<' && a.back() == '>') a = trim(a.substr(1, a.size() - 2));
  if (a.size() >= 2 && a.front() == '"' && a.back() == '"' && a.find('"', 1) == a.size() - 1) {
    a = a.substr(1, a.size() - 2);
  }
  if (a.empty() || a.size() > 320) return {};
  for (char c : a) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' ||
        c == ';' || c == '\\') {
      return {};
    }
  }
  const std::size_t at = a.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= a.size()) return {};
  const std::string_view local = a.substr(0, at);
  if (is_junk_local(local) || local.front() == '@' || istarts_with(local, "mailto:")) return {};
  std::string out(a);
  for (std::size_t i = at + 1; i < out.size(); ++i) out[i] = ascii_lower(out[i]);
  return out;
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
