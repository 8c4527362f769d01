// Verizon Wireless bounces, ported from Sisimai's Lhost::Verizon (BSD 2-clause,
// third_party/sisimai/LICENSE). Two shapes, told apart by the sender:
//   post_master@vtext.com (SMS gateway):
//     Error: ...
//        RCPT TO: 0000000000@vtext.com
//     550 - Requested action not taken: no such user here
//   sysadmin@...vzwpix.com (MMS gateway):
//     Message could not be delivered to mobile.
//     To: 0000000000@vzwpix.com
//     Error: No valid recipients for this MM
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr formats::PhraseReason kSmsReasons[] = {
    {"550 - Requested action not taken: no such user here", Reason::kUserUnknown},
};
constexpr formats::PhraseReason kMmsReasons[] = {
    {"No valid recipients for this MM", Reason::kUserUnknown},
};

}  // namespace

bool scan_verizon(const Message& msg, FoundList* out) {
  const std::string from = clean_address(first_address(msg.headers.get("From")));
  const bool sms = from == "post_master@vtext.com";
  const bool mms = from.starts_with("sysadmin@") && from.ends_with(".vzwpix.com");
  if (!sms && !mms) return false;

  const std::size_t before = out->size();
  bool reading = false;
  std::string pending;  // an MMS "Error:" line not yet given to a recipient
  for (std::string_view line : split_lines(msg.error_text)) {
    if (!reading) {
      reading =
          sms ? (formats::starts(line, "Error:") && line.size() > 6 && is_space_or_tab(line[6]))
              : formats::starts(line, "Message could not be delivered to mobile");
      continue;
    }
    if (line.empty()) continue;
    if (sms) {
      std::string_view t = line;
      if (is_space_or_tab(t.front()) && formats::starts(trim(t), "RCPT TO: ")) {
        out->push_back(formats::recipient_at(trim(trim(t).substr(9))));
        out->back().smtp_command = "RCPT";
        continue;
      }
      // "550 - Requested action not taken: no such user here"
      if (out->size() > before && line.size() > 6 && is_ascii_digit(line[0]) &&
          is_ascii_digit(line[1]) && is_ascii_digit(line[2]) && is_space_or_tab(line[3]) &&
          line[4] == '-') {
        out->back().diagnostic = std::string(line);
      }
    } else {
      if (formats::starts(line, "To:") && line.size() > 3 && is_space_or_tab(line[3])) {
        std::string_view a = first_address(line.substr(3));
        if (!a.empty()) {
          out->push_back(formats::recipient_at(a));
          out->back().diagnostic = std::move(pending);
          pending.clear();
        }
        continue;
      }
      // The error usually comes before the "To:" line it belongs to.
      if (formats::starts(line, "Error:") && line.size() > 6 && is_space_or_tab(line[6])) {
        if (out->size() > before && out->back().diagnostic.empty()) {
          out->back().diagnostic = std::string(line);
        } else {
          pending = std::string(line);
        }
      }
    }
  }
  for (std::size_t i = before; i < out->size(); ++i) {
    FoundRecipient& r = (*out)[i];
    r.diagnostic = formats::sweep(r.diagnostic);
    r.reason_hint = formats::reason_for_phrases(
        r.diagnostic, sms ? std::span(kSmsReasons) : std::span(kMmsReasons),
        formats::Case::kIgnore);
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  if (!formats::received_contains(h, ".vtext.com (")) return false;
  const std::string from = clean_address(first_address(h.get("From")));
  return from == "post_master@vtext.com" ||
         (from.starts_with("sysadmin@") && from.ends_with(".vzwpix.com"));
}

}  // namespace

const Family verizon_family{"Verizon", claims, scan_verizon};

}  // namespace smtp_explain
