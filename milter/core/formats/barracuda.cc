// Barracuda Spam Firewall bounces, ported from Sisimai::Lhost::Barracuda
// (BSD 2-clause, third_party/sisimai/LICENSE): Subject "**Message you sent
// blocked by our bulk email filter**"; a multipart/report whose
// delivery-status part (after the "Your message to:" text) the RFC 3464
// reader reads. Sisimai takes the DSN fields as they are; the reason comes
// from the remote reply ("Message content rejected, UBE" -> spamdetected).
// Beyond the module: a recipient whose DSN has no Diagnostic-Code gets the
// text's sentence ("Your message to: a@b was blocked by our Spam Firewall.")
// as its diagnostic, so the explanation says what happened.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

bool is_barracuda(const HeaderList& headers) {
  const std::size_t p = headers.get("Subject").find("our bulk email filter");
  return p != std::string_view::npos && p > 0;
}

// The text from "Your message to:" up to the first blank line after it.
std::string blocked_sentence(std::string_view text) {
  const auto lines = split_lines(error_part(text));
  std::size_t i = formats::find_line(lines, "Your message to:");
  std::string out;
  for (; i < lines.size(); ++i) {
    if (trim(lines[i]).empty()) break;
    out += lines[i];
    out += ' ';
  }
  return formats::sweep(out);
}

}  // namespace

void refine_barracuda(const Message& msg, FoundList* found) {
  std::string sentence;
  bool read = false;
  for (FoundRecipient& r : *found) {
    if (!trim(r.diagnostic).empty()) continue;
    if (!read) sentence = blocked_sentence(msg.text), read = true;
    r.diagnostic = sentence;
  }
}

const Family barracuda_family{"Barracuda", is_barracuda, nullptr, refine_barracuda};

}  // namespace smtp_explain
