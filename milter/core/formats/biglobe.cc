// BIGLOBE (and inacatv/tmtv/ttv) bounces, ported from Sisimai::Lhost::Biglobe
// (BSD 2-clause, third_party/sisimai/LICENSE): From postmaster@biglobe.ne.jp
// (or the sister domains), Subject "Returned mail:", the recipients below
// "----- The following addresses had delivery problems -----" as bare
// addresses, the error lines below them.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr formats::PhraseReason kMessages[] = {
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

bool scan_biglobe(const Message& msg, FoundList* out) {
  const auto lines = split_lines(formats::text_before(msg, {"Content-Type: message/rfc822"}));
  std::size_t i =
      formats::find_line(lines, "   ----- The following addresses had delivery problems -----");
  const std::size_t before = out->size();
  for (++i; i < lines.size(); ++i) {
    std::string_view e = lines[i];
    if (e.empty()) continue;
    if (formats::is_bare_address(e) && e.find(' ') == std::string_view::npos) {
      std::string a = clean_address(e);
      if (a.empty()) continue;
      formats::add_recipient(out, a);
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
    r.diagnostic = formats::sweep(r.diagnostic);
    r.reason_hint = formats::reason_for_phrases(r.diagnostic, kMessages);
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  return from_biglobe(h.get("From")) && h.get("Subject").starts_with("Returned mail:");
}

}  // namespace

const Family biglobe_family{"Biglobe", claims, scan_biglobe};

}  // namespace smtp_explain
