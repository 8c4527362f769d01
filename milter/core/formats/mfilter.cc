// m-FILTER bounces (X-Mailer: m-FILTER, Subject "failure notice"), ported from
// Sisimai's Lhost::mFILTER (BSD 2-clause, third_party/sisimai/LICENSE):
//   kijitora@example.jp
//   -------server message
//   550 5.1.1 unknown user <kijitora@example.jp>
//   -------SMTP command
//   DATA
//   -------original message
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

// A line that is only an address with an alphabetic top-level domain.
bool is_address_line(std::string_view line) {
  if (line.empty() || line.find_first_of(" \t") != std::string_view::npos) return false;
  std::size_t at = line.find('@');
  if (at == std::string_view::npos || at == 0) return false;
  std::size_t dot = line.rfind('.');
  if (dot == std::string_view::npos || dot < at || dot + 1 >= line.size()) return false;
  for (char c : line.substr(dot + 1)) {
    if (!is_ascii_alpha(c)) return false;
  }
  return true;
}

}  // namespace

bool scan_mfilter(const Message& msg, FoundList* out) {
  std::string_view error = formats::cut_before_line(msg.text, "-------original message", false);
  error = formats::cut_before_line(error, "-------original mail info", false);
  const std::size_t before = out->size();
  bool reading = false;
  bool command_block = false;
  for (std::string_view line : split_lines(error)) {
    if (!reading) reading = is_address_line(line);
    if (!reading || line.empty()) continue;
    if (is_address_line(line)) {
      out->push_back(formats::recipient_at(line));
      continue;
    }
    if (out->size() == before) continue;
    FoundRecipient& r = out->back();
    bool upper4 = line.size() >= 4;
    for (char c : line.substr(0, 4)) upper4 &= c >= 'A' && c <= 'Z';
    if (upper4) {
      if (r.smtp_command.empty() && command_block) r.smtp_command = std::string(line.substr(0, 4));
      continue;
    }
    if (line == "-------server message") continue;
    if (line == "-------SMTP command") {
      command_block = true;
      continue;
    }
    if (line.front() == '-' || !r.diagnostic.empty()) continue;
    r.diagnostic = formats::sweep(line);
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  return h.get("X-Mailer") == "m-FILTER" && h.get("Subject") == "failure notice";
}

}  // namespace

const Family mfilter_family{"mFILTER", claims, scan_mfilter};

}  // namespace smtp_explain
