// McAfee e-mail gateway bounces (X-NAI-Header: Modified by McAfee, Subject
// "Delivery Status"), ported from Sisimai's Lhost::McAfee (BSD 2-clause,
// third_party/sisimai/LICENSE):
//       --- The following addresses had delivery problems ---
//   <kijitora@example.co.jp>   (Unknown user kijitora@example.co.jp)
// followed by RFC 3464-like fields (Original-Recipient, Action,
// Diagnostic-Code, Remote-MTA) in a part that is often not a real DSN.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr formats::PhraseReason kReasons[] = {
    {"550 Unknown user ", Reason::kUserUnknown},
    {"User not exist", Reason::kUserUnknown},
    {"No such user", Reason::kUserUnknown},
};

// " User (a@b) unknown. "
bool says_user_unknown(std::string_view diag) {
  std::size_t p = diag.find(" User (");
  if (p == std::string_view::npos) return false;
  std::size_t close = diag.find(") unknown.", p);
  return close != std::string_view::npos &&
         diag.substr(p, close - p).find('@') != std::string_view::npos;
}

}  // namespace

bool scan_mcafee(const Message& msg, FoundList* out) {
  const std::string_view body = msg.flat_body();
  const std::size_t before = out->size();
  std::vector<std::string> alt_diag;  // the "(...)" after each address
  bool reading = false;
  bool in_diag = false;
  for (std::string_view line : split_lines(error_part(body))) {
    if (!reading) {
      reading = line.find("--- The following addresses had delivery problems ---") !=
                std::string_view::npos;
      continue;
    }
    if (line.empty()) {
      in_diag = false;
      continue;
    }
    // <kijitora@example.co.jp>   (Unknown user kijitora@example.co.jp)
    if (line.front() == '<' && line.back() == ')') {
      std::size_t gt = line.find('>');
      std::size_t open = line.find('(', gt == std::string_view::npos ? 0 : gt);
      if (gt != std::string_view::npos && open != std::string_view::npos &&
          line.substr(1, gt - 1).find('@') != std::string_view::npos) {
        out->push_back(formats::recipient_at(line.substr(1, gt - 1)));
        alt_diag.emplace_back(line.substr(open + 1, line.size() - open - 2));
        in_diag = false;
        continue;
      }
    }
    if (out->size() == before) continue;
    FoundRecipient& r = out->back();
    if (in_diag && is_space_or_tab(line.front())) {
      r.diagnostic += ' ';
      r.diagnostic += trim(line);
      continue;
    }
    in_diag = false;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view name = line.substr(0, colon);
    std::string_view value = trim(line.substr(colon + 1));
    if (iequals(name, "Diagnostic-Code")) {
      std::size_t semi = value.find(';');
      r.diagnostic =
          std::string(trim(semi == std::string_view::npos ? value : value.substr(semi + 1)));
      in_diag = true;
    } else if (iequals(name, "Status")) {
      r.status = std::string(value);
    } else if (iequals(name, "Action")) {
      r.action = to_lower(value);
    } else if (iequals(name, "Remote-MTA")) {
      std::size_t semi = value.find(';');
      r.remote_mta =
          std::string(trim(semi == std::string_view::npos ? value : value.substr(semi + 1)));
    } else if (iequals(name, "Final-Recipient")) {
      if (std::string_view a = first_address(value); !a.empty()) r.address = std::string(a);
    } else if (iequals(name, "Original-Recipient")) {
      r.original_recipient = std::string(value);
    }
  }
  for (std::size_t i = before; i < out->size(); ++i) {
    FoundRecipient& r = (*out)[i];
    if (r.diagnostic.empty()) r.diagnostic = alt_diag[i - before];
    r.diagnostic = formats::sweep(r.diagnostic);
    if (says_user_unknown(r.diagnostic)) r.reason_hint = Reason::kUserUnknown;
    if (!r.reason_hint)
      r.reason_hint = formats::reason_for_phrases(r.diagnostic, kReasons, formats::Case::kIgnore);
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  return icontains(h.get("X-NAI-Header"), "Modified by McAfee") &&
         h.get("Subject") == "Delivery Status";
}

}  // namespace

const Family mcafee_family{"McAfee", claims, scan_mcafee};

}  // namespace smtp_explain
