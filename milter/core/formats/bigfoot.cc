// Bigfoot bounces, ported from Sisimai::Lhost::Bigfoot (BSD 2-clause,
// third_party/sisimai/LICENSE): From "...@bigfoot.com>" or a Received header
// naming a ".bigfoot.com " host; a multipart/report (the returned original
// as message/partial) whose delivery-status part the RFC 3464 reader reads.
// The module adds the failed command from the session transcript below
//   "   ----- Transcript of session follows -----"
//   >>> RCPT TO:<a@b>
//   <<< 553 Invalid recipient a@b (Mode: normal)
// (the last ">>> XXXX" line; "EHLO" when the transcript holds only a reply).
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

bool is_bigfoot(const HeaderList& headers) {
  if (headers.get("From").find("@bigfoot.com>") != std::string_view::npos) return true;
  return formats::received_contains(headers, ".bigfoot.com ");
}

// "   ----- Transcript of session follows -----" (indented, dashes).
bool is_transcript_marker(std::string_view e) {
  std::size_t i = 0;
  while (i < e.size() && is_space_or_tab(e[i])) ++i;
  if (i == 0 || i >= e.size() || e[i] != '-') return false;
  while (i < e.size() && e[i] == '-') ++i;
  while (i < e.size() && is_space_or_tab(e[i])) ++i;
  return e.substr(i).starts_with("Transcript of session follows");
}

bool is_upper_command(std::string_view w) {
  if (w.size() < 4) return false;
  for (std::size_t k = 0; k < 4; ++k) {
    if (w[k] < 'A' || w[k] > 'Z') return false;
  }
  return true;
}

}  // namespace

void refine_bigfoot(const Message& msg, FoundList* found) {
  const auto lines = split_lines(msg.text);
  std::size_t i = 0;
  while (i < lines.size() && !is_transcript_marker(lines[i])) ++i;
  std::string command;
  bool reply = false;
  for (++i; i < lines.size(); ++i) {
    std::string_view e = lines[i];
    if (e.empty() || e[0] == ' ') continue;
    if (e.starts_with(">>>")) {
      std::string_view w = e.substr(3);
      if (w.empty() || w[0] != ' ') continue;
      w = trim(w);
      if (is_upper_command(w)) command = std::string(w.substr(0, 4));
    } else if (e.starts_with("<<< ") && !trim(e.substr(4)).empty()) {
      reply = true;
    }
  }
  if (command.empty() && reply) command = "EHLO";
  if (command.empty()) return;
  for (FoundRecipient& r : *found) {
    if (r.smtp_command.empty()) r.smtp_command = command;
  }
}

const Family bigfoot_family{"Bigfoot", is_bigfoot, nullptr, refine_bigfoot};

}  // namespace smtp_explain
