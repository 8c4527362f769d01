// G Suite (Google Workspace) bounces, ported from Sisimai::Lhost::GSuite
// (BSD 2-clause, third_party/sisimai/LICENSE): From
// "<mailer-daemon@googlemail.com>", Subject "Delivery Status Notification",
// an X-Gm-Message-State header; a multipart/report whose delivery-status part
// the RFC 3464 reader reads. The text part holds the better explanation:
//   ** Address not found **
//   Your message wasn't delivered to a@b because the address couldn't be found. ...
//   The response from the remote server was:
//   550 5.1.1 The email account that you tried to reach does not exist. ...
// The module takes a specific status / reply code from that text when the DSN
// has none (or only X.0.0 / X00), the text as the diagnostic when it gave one
// of them, and the reason from its phrase table.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr formats::PhraseReason kMessages[] = {
    {"because the address couldn't be found. Check for typos or unnecessary spaces and try again.",
     Reason::kUserUnknown},
    {"Null MX", Reason::kNotAccept},
    {" had no relevant answers.", Reason::kNetworkError},
    {" responded with code NXDOMAIN", Reason::kNetworkError},
};

bool is_gsuite(const HeaderList& headers) {
  return formats::has(headers.get("From"), "<mailer-daemon@googlemail.com>") &&
         formats::has(headers.get("Subject"), "Delivery Status Notification") &&
         !headers.get("X-Gm-Message-State").empty();
}

// "** Address not found **"
bool is_title(std::string_view e) {
  return e.size() > 6 && e.starts_with("** ") && e.ends_with(" **");
}

bool is_response_intro(std::string_view e) {
  return e == "The response was:" || e == "The response from the remote server was:";
}

// Sisimai's $anotherset: from the "** ... **" title on, joined with spaces,
// ending after more than five blank lines (or at an HTML alternative).
std::string another_diagnosis(std::string_view text) {
  std::string out;
  int empty_lines = 0;
  for (std::string_view e : split_lines(error_part(text))) {
    if (is_response_intro(e)) {
      out += e;
      continue;
    }
    if (e.starts_with("Content-Type:")) continue;
    if (out.empty()) {
      if (is_title(e)) out = std::string(e);
      continue;
    }
    if (e.starts_with("<") && e.size() > 1 && (is_ascii_alpha(e[1]) || e[1] == '!')) break;
    if (empty_lines > 5) break;
    if (e.empty()) {
      ++empty_lines;
      continue;
    }
    out += ' ';
    out += e;
  }
  return out;
}

}  // namespace

void refine_gsuite(const Message& msg, FoundList* found) {
  const std::string another = another_diagnosis(msg.text);
  for (FoundRecipient& r : *found) {
    if (!another.empty()) {
      if (trim(r.diagnostic).empty()) r.diagnostic = another;
      if (formats::is_only_digits(r.diagnostic)) {
        r.diagnostic = another;
      } else {
        std::string as, ar;
        const std::string_view st = trim(r.status);
        if (st.empty() || st == "5.0.0" || st == "4.0.0") {
          as = formats::find_status(another);
          if (!as.empty() && !as.ends_with(".0.0")) r.status = as;
        }
        const std::string_view rc = trim(r.reply_code);
        if (rc.empty() || rc == "500" || rc == "400") {
          ar = formats::find_reply(another);
          if (!ar.empty() && !ar.ends_with("00")) r.reply_code = ar;
        }
        if (!as.empty() || (!ar.empty() && another.size() > r.diagnostic.size())) {
          r.diagnostic = another;
        }
      }
    }
    const std::optional<Reason> reason =
        formats::reason_for_phrases(formats::sweep(r.diagnostic), kMessages);
    if (reason) r.reason_hint = reason;
  }
}

const Family gsuite_family{"GSuite", is_gsuite, nullptr, refine_gsuite};

}  // namespace smtp_explain
