// Yahoo! Mail bounces (X-YMailISG header), ported from Sisimai's Lhost::Yahoo
// (BSD 2-clause, third_party/sisimai/LICENSE):
//   Sorry, we were unable to deliver your message to the following address.
//   <kijitora@example.org>:
//   Remote host said: 550 5.1.1 <kijitora@example.org>... User Unknown [RCPT_TO]
//   --- Below this line is a copy of the message.
//
// Extended for this project to Yahoo's older notices (qmail-based, 2000s),
// written from their published form, and to Yahoo bounces without the
// X-YMailISG field (From a yahoo.* / ymail.com / rocketmail.com daemon, or a
// Received field through yahoo.com):
//   Message from yahoo.com.
//   Unable to deliver message to the following address(es).
//   <kijitora@example.org>:
//   Remote host said: 550 5.1.1 unknown user [RCPT_TO]
//   --- Original message follows.
// with "addr:" as well as "<addr>:" lines, and Yahoo's own refusals below them
// ("This user doesn't have a yahoo.com account", "... disabled or
// discontinued [#102]").
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

// "... [RCPT_TO]" at the end of a line: the command (first four letters).
std::string bracket_command(std::string_view line) {
  if (line.empty() || line.back() != ']') return {};
  std::size_t open = line.rfind('[');
  if (open == std::string_view::npos || line.size() - open < 6) return {};
  std::string_view cmd = line.substr(open + 1, 4);
  for (char c : cmd) {
    if (c < 'A' || c > 'Z') return {};
  }
  return std::string(cmd);
}

}  // namespace

bool scan_yahoo(const Message& msg, FoundList* out) {
  const std::string_view error = formats::cut_before_line(
      formats::cut_before_line(msg.text, "--- Below this line is a copy of the message.", false),
      "--- Original message follows.", false);
  const std::size_t before = out->size();
  bool reading = false;
  for (std::string_view line : split_lines(error)) {
    if (!reading) {
      reading = formats::starts(line, "Sorry, we were unable to deliver your message") ||
                formats::starts(line, "Unable to deliver message to the following address");
      continue;
    }
    if (line.empty()) continue;
    std::string_view t = line;
    while (!t.empty() && is_space_or_tab(t.back())) t.remove_suffix(1);
    if (t.size() > 4 && t.front() == '<' && t.ends_with(">:") &&
        t.find('@') != std::string_view::npos) {
      out->push_back(formats::recipient_at(t.substr(1, t.size() - 3)));
      continue;
    }
    // "addr:" alone on its line (the older, qmail-style notice).
    if (t.size() > 4 && t.back() == ':' && formats::is_bare_address(t.substr(0, t.size() - 1)) &&
        t.find(' ') == std::string_view::npos) {
      out->push_back(formats::recipient_at(t.substr(0, t.size() - 1)));
      continue;
    }
    if (out->size() == before) continue;
    FoundRecipient& r = out->back();
    if (formats::starts(line, "Remote host said:")) {
      r.diagnostic = std::string(line);
      if (std::string c = bracket_command(line); !c.empty()) r.smtp_command = c;
    } else if (r.diagnostic == "Remote host said:") {
      if (std::string c = bracket_command(line); !c.empty()) {
        r.smtp_command = c;
      } else {
        r.diagnostic = std::string(line);
      }
    } else {
      r.diagnostic += ' ';
      r.diagnostic += line;
    }
  }
  for (std::size_t i = before; i < out->size(); ++i) {
    FoundRecipient& r = (*out)[i];
    r.diagnostic = formats::sweep(r.diagnostic);
    if (r.smtp_command.empty() && !formats::first_angle_address(r.diagnostic).empty()) {
      r.smtp_command = "RCPT";
    }
  }
  return out->size() > before;
}

namespace {

// A From address at a Yahoo domain ("@yahoo.com", "@yahoo.co.jp",
// "@mail.yahoo.co.uk", "@ymail.com", "@rocketmail.com").
bool from_yahoo(std::string_view from) {
  const std::size_t at = from.rfind('@');
  if (at == std::string_view::npos) return false;
  const std::string_view domain = from.substr(at + 1);
  return istarts_with(domain, "yahoo.") || icontains(domain, ".yahoo.") ||
         istarts_with(domain, "ymail.com") || istarts_with(domain, "rocketmail.com");
}

bool claims(const HeaderList& h) {
  return !h.get("X-YMailISG").empty() || from_yahoo(h.get("From")) ||
         formats::received_contains(h, ".yahoo.com");
}

}  // namespace

const Family yahoo_family{"Yahoo", claims, scan_yahoo};

}  // namespace smtp_explain
