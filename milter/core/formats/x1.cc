// Sisimai's "X1" (an unknown MTA whose bounces come from "Mail Deliver
// System", Subject "Returned Mail: ..."), ported from Sisimai's Lhost::X1
// (BSD 2-clause, third_party/sisimai/LICENSE):
//   The original message was received at Thu, 29 Apr 2010 23:34:45 +0900
//   kijitora@example.jp [User unknown]
//   Received: from 192.0.2.1 ... (the returned original starts here)
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

// "Received: from 1.2.3.4": where the returned original starts.
std::string_view before_original(std::string_view text) {
  std::size_t from = 0;
  while (true) {
    std::size_t p = text.find("Received: from ", from);
    if (p == std::string_view::npos) return text;
    if ((p == 0 || text[p - 1] == '\n') && p + 15 < text.size() && is_ascii_digit(text[p + 15])) {
      return text.substr(0, p);
    }
    from = p + 1;
  }
}

}  // namespace

bool scan_x1(const Message& msg, FoundList* out) {
  const std::size_t before = out->size();
  bool reading = false;
  for (std::string_view line : split_lines(before_original(msg.text))) {
    if (!reading) {
      reading = formats::starts(line, "The original message was received at ");
      continue;
    }
    // kijitora@example.jp [User unknown]
    if (line.empty() || line.back() != ']') continue;
    std::size_t sp = line.find_first_of(" \t");
    if (sp == std::string_view::npos || line.substr(0, sp).find('@') == std::string_view::npos) {
      continue;
    }
    std::size_t open = line.find('[', sp);
    if (open == std::string_view::npos || !trim(line.substr(sp, open - sp)).empty()) continue;
    FoundRecipient r = formats::recipient_at(line.substr(0, sp));
    r.diagnostic = formats::sweep(line.substr(open + 1, line.size() - open - 2));
    out->push_back(std::move(r));
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  return h.get("Subject").starts_with("Returned Mail: ") &&
         h.get("From").find("Mail Deliver System") != std::string_view::npos;
}

}  // namespace

const Family x1_family{"X1", claims, scan_x1};

}  // namespace smtp_explain
