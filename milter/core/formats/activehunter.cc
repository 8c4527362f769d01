// TransWARE Active!hunter bounces, ported from Sisimai::Lhost::Activehunter
// (BSD 2-clause, third_party/sisimai/LICENSE):
//   X-AHMailID header, then after
//     "  ----- The following addresses had permanent fatal errors -----"
//   ">>> kijitora@example.org <kijitora@example.org>" per recipient and the
//   first line starting with a letter or digit as its error.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {

bool scan_activehunter(const Message& msg, FoundList* out) {
  const auto lines = split_lines(formats::text_before(msg, {"Content-Type: message/rfc822"}));
  std::size_t i =
      formats::find_line(lines, "  ----- The following addresses had permanent fatal errors -----");
  const std::size_t before = out->size();
  for (++i; i < lines.size(); ++i) {
    std::string_view e = lines[i];
    if (e.empty()) continue;
    if (e.starts_with(">>>") && e.size() > 3 && is_space_or_tab(e[3])) {
      std::string_view a = formats::last_angle_address(e);
      if (a.empty() || e.back() != '>') continue;
      formats::add_recipient(out, a);
      continue;
    }
    if (out->size() == before) continue;
    if (!(is_ascii_alpha(e[0]) || is_ascii_digit(e[0]))) continue;
    FoundRecipient& r = out->back();
    if (r.diagnostic.empty()) r.diagnostic = formats::sweep(e);
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  return h.has("X-AHMailID");
}

}  // namespace

const Family activehunter_family{"Activehunter", claims, scan_activehunter};

}  // namespace smtp_explain
