// TransWARE Active!hunter bounces, ported from Sisimai::Lhost::Activehunter
// (BSD 2-clause, third_party/sisimai/LICENSE):
//   X-AHMailID header, then after
//     "  ----- The following addresses had permanent fatal errors -----"
//   ">>> kijitora@example.org <kijitora@example.org>" per recipient and the
//   first line starting with a letter or digit as its error.
#include "group_a_helpers.h"
#include "text_util.h"

namespace smtp_explain {

bool scan_activehunter(const Message& msg, std::vector<FoundRecipient>* out) {
  if (!msg.headers.has("X-AHMailID")) return false;
  const auto lines = split_lines(group_a::text_before(msg.text, {"Content-Type: message/rfc822"}));
  std::size_t i =
      group_a::find_line(lines, "  ----- The following addresses had permanent fatal errors -----");
  const std::size_t before = out->size();
  for (++i; i < lines.size(); ++i) {
    std::string_view e = lines[i];
    if (e.empty()) continue;
    if (e.starts_with(">>>") && e.size() > 3 && is_space_or_tab(e[3])) {
      std::string_view a = group_a::angle_address(e);
      if (a.empty() || e.back() != '>') continue;
      group_a::add_recipient(out, a);
      continue;
    }
    if (out->size() == before) continue;
    if (!(is_ascii_alpha(e[0]) || is_ascii_digit(e[0]))) continue;
    FoundRecipient& r = out->back();
    if (r.diagnostic.empty()) r.diagnostic = group_a::sweep(e);
  }
  return out->size() > before;
}

}  // namespace smtp_explain
