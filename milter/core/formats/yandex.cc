// Yandex.Mail DSNs (X-Yandex-Uniq, From mailer-daemon@yandex.ru; Postfix
// underneath), refined as Sisimai's Lhost::Yandex does (BSD 2-clause,
// third_party/sisimai/LICENSE): the text after "This is the mail system at
// host yandex.ru." says which command each reply answered,
//   5.1.1 <kijitora@example.jp>... User Unknown (in reply to RCPT TO
//   command)
// and the commands are handed to the DSN's recipients in order.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

bool is_upper4(std::string_view w) {
  if (w.size() < 4) return false;
  for (char c : w.substr(0, 4)) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

// The last run of four capitals in `text` (Perl's greedy ".*([A-Z]{4})").
std::string_view last_upper4(std::string_view text) {
  for (std::size_t i = text.size(); i >= 4; --i) {
    if (is_upper4(text.substr(i - 4))) return text.substr(i - 4, 4);
  }
  return {};
}

// "(in reply to RCPT TO" or "... DATA command)": the command, else empty.
std::string_view command_of(std::string_view line) {
  const std::size_t p = line.find("(in reply to ");
  if (p != std::string_view::npos && p > 0 && is_space_or_tab(line[p - 1])) {
    if (std::string_view c = last_upper4(line.substr(p + 13)); !c.empty()) return c;
  }
  if (line.ends_with("command)")) return last_upper4(line.substr(0, line.size() - 8));
  return {};
}

}  // namespace

void refine_yandex(const Message& msg, FoundList* found) {
  std::vector<std::string_view> commands;
  bool reading = false;
  for (std::string_view line : split_lines(msg.error_text)) {
    if (!reading) {
      reading = line.starts_with("This is the mail system at host yandex.ru.");
      continue;
    }
    if (std::string_view c = command_of(line); !c.empty()) commands.push_back(c);
  }
  for (std::size_t i = 0; i < found->size() && i < commands.size(); ++i) {
    FoundRecipient& r = (*found)[i];
    if (r.smtp_command.empty()) r.smtp_command = std::string(commands[i]);
  }
}

namespace {

bool claims(const HeaderList& h) {
  return h.has("X-Yandex-Uniq") && trim(h.get("From")) == "mailer-daemon@yandex.ru";
}

}  // namespace

const Family yandex_family{"Yandex", claims, nullptr, refine_yandex};

}  // namespace smtp_explain
