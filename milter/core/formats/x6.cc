// Sisimai's "X6" (an unknown MTA, Subject "There was an error sending your
// mail"), ported from Sisimai's Lhost::X6 (BSD 2-clause,
// third_party/sisimai/LICENSE):
//   1 error(s):
//   SMTP Server <mx.example.jp> rejected recipient <kijitora@example.jp>
//     (Error following RCPT command). It responded as follows: [550 5.1.1 ...]
//   The attachment contains the original mail headers.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

// "<a@b>" with no space or second '@' inside, or "errors: a@b".
std::string_view line_address(std::string_view line) {
  for (std::size_t lt = line.find('<'); lt != std::string_view::npos; lt = line.find('<', lt + 1)) {
    std::size_t gt = line.find('>', lt + 1);
    if (gt == std::string_view::npos) break;
    std::string_view inner = line.substr(lt + 1, gt - lt - 1);
    std::size_t at = inner.find('@');
    if (at != std::string_view::npos && at > 0 && at + 1 < inner.size() &&
        inner.find('@', at + 1) == std::string_view::npos &&
        inner.find(' ') == std::string_view::npos) {
      return inner;
    }
  }
  if (std::size_t p = line.find("errors:"); p != std::string_view::npos) {
    std::string_view rest = trim(line.substr(p + 7));
    std::string_view word = rest.substr(0, rest.find(' '));
    if (word.find('@') != std::string_view::npos) return word;
  }
  return {};
}

// The first whole word HELO, EHLO, MAIL, RCPT or DATA.
std::string_view command_word(std::string_view text) {
  for (std::string_view cmd : {"HELO", "EHLO", "MAIL", "RCPT", "DATA"}) {
    for (std::size_t p = text.find(cmd); p != std::string_view::npos; p = text.find(cmd, p + 1)) {
      const bool left = p == 0 || !(is_ascii_alpha(text[p - 1]) || is_ascii_digit(text[p - 1]));
      const std::size_t e = p + cmd.size();
      const bool right = e >= text.size() || !(is_ascii_alpha(text[e]) || is_ascii_digit(text[e]));
      if (left && right) return cmd;
    }
  }
  return {};
}

}  // namespace

bool scan_x6(const Message& msg, FoundList* out) {
  const std::string_view error =
      formats::cut_before_line(msg.text, "The attachment contains the original mail headers");
  const std::size_t before = out->size();
  bool reading = false;
  for (std::string_view line : split_lines(error)) {
    if (!reading) {
      // "1 error(s):"
      std::size_t i = 0;
      while (i < line.size() && is_ascii_digit(line[i])) ++i;
      reading = i > 0 && formats::starts(trim(line.substr(i)), "error(s):");
      continue;
    }
    if (line.empty()) continue;
    std::string_view addr = line_address(line);
    if (addr.empty()) continue;
    FoundRecipient r = formats::recipient_at(addr);
    r.smtp_command = std::string(command_word(line));
    r.diagnostic = formats::sweep(line);
    out->push_back(std::move(r));
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  return h.get("Subject").starts_with("There was an error sending your mail");
}

}  // namespace

const Family x6_family{"X6", claims, scan_x6};

}  // namespace smtp_explain
