// Sisimai's "X2" (an unknown MTA, From MAILER-DAEMON@..., Subject "Delivery
// failure" / "failed delivery"), ported from Sisimai's Lhost::X2 (BSD 2-clause,
// third_party/sisimai/LICENSE):
//   Unable to deliver message to the following address(es).
//   <kijitora@example.com>:
//   Sorry, no mailbox here by that name. (#5.1.1)
//   --- Original message follows.
// Extended for this project: "addr:" lines without angle brackets (the same
// qmail-based notice as Yahoo's of the 2000s writes them), so a recipient
// written so is not read as the previous one's error.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {

bool scan_x2(const Message& msg, FoundList* out) {
  const std::string_view error =
      formats::cut_before_line(msg.text, "--- Original message follows.", false);
  const std::size_t before = out->size();
  bool reading = false;
  for (std::string_view line : split_lines(error)) {
    if (!reading) {
      reading = formats::starts(line, "Unable to deliver message to the following address");
      continue;
    }
    if (line.empty()) continue;
    if (line.size() > 3 && line.front() == '<' && line.ends_with(">:") &&
        line.find(' ') == std::string_view::npos && line.find('@') != std::string_view::npos) {
      out->push_back(formats::recipient_at(line.substr(1, line.size() - 3)));
      continue;
    }
    if (line.size() > 4 && line.back() == ':' &&
        formats::is_bare_address(line.substr(0, line.size() - 1))) {
      out->push_back(formats::recipient_at(line.substr(0, line.size() - 1)));
      continue;
    }
    if (out->size() == before) continue;
    out->back().diagnostic += ' ';
    out->back().diagnostic += line;
  }
  for (std::size_t i = before; i < out->size(); ++i) {
    (*out)[i].diagnostic = formats::sweep((*out)[i].diagnostic);
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  if (h.get("From").find("MAILER-DAEMON@") == std::string_view::npos) return false;
  const std::string_view subject = h.get("Subject");
  return subject.starts_with("Delivery failure") || subject.starts_with("failure delivery") ||
         subject.starts_with("failed delivery");
}

}  // namespace

const Family x2_family{"X2", claims, scan_x2};

}  // namespace smtp_explain
