// BIGLOBE (and inacatv/tmtv/ttv) bounces, ported from Sisimai::Lhost::Biglobe
// (BSD 2-clause, third_party/sisimai/LICENSE): From postmaster@biglobe.ne.jp
// (or the sister domains), Subject "Returned mail:", the recipients below
// "----- The following addresses had delivery problems -----" as bare
// addresses, the error lines below them.
#include "group_a_helpers.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr group_a::PhraseReason kMessages[] = {
    {"Mail Delivery Failed... User unknown", Reason::kFiltered},
    {"The number of messages in recipient's mailbox exceeded the local limit.",
     Reason::kMailboxFull},
};

bool from_biglobe(std::string_view from) {
  for (std::string_view d : {"@biglobe.ne.jp", "@inacatv.ne.jp", "@tmtv.ne.jp", "@ttv.ne.jp"}) {
    const std::size_t p = ifind(from, d);
    if (p != std::string_view::npos && p >= 10 && iequals(from.substr(p - 10, 10), "postmaster")) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool scan_biglobe(const Message& msg, std::vector<FoundRecipient>* out) {
  if (!from_biglobe(msg.headers.get("From"))) return false;
  if (!msg.headers.get("Subject").starts_with("Returned mail:")) return false;
  const auto lines = split_lines(group_a::text_before(msg.text, {"Content-Type: message/rfc822"}));
  std::size_t i =
      group_a::find_line(lines, "   ----- The following addresses had delivery problems -----");
  const std::size_t before = out->size();
  for (++i; i < lines.size(); ++i) {
    std::string_view e = lines[i];
    if (e.empty()) continue;
    if (group_a::is_bare_address(e) && e.find(' ') == std::string_view::npos) {
      std::string a = clean_address(e);
      if (a.empty()) continue;
      group_a::add_recipient(out, a);
      continue;
    }
    if (out->size() == before) continue;
    const char c = e[0];
    if (!(is_ascii_alpha(c) || is_ascii_digit(c) || c == '_' ||
          static_cast<unsigned char>(c) >= 0x80)) {
      continue;  // banners, "   ----- Non-delivered information -----"
    }
    FoundRecipient& r = out->back();
    r.diagnostic += e;
    r.diagnostic += ' ';
  }
  for (std::size_t k = before; k < out->size(); ++k) {
    FoundRecipient& r = (*out)[k];
    r.diagnostic = group_a::sweep(r.diagnostic);
    r.reason_hint = group_a::reason_for_phrases(r.diagnostic, kMessages);
  }
  return out->size() > before;
}

}  // namespace smtp_explain
