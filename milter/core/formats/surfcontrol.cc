// SurfControl E-mail Filter bounces (X-SEF-Processed, X-Mailer "SurfControl
// E-mail Filter"), ported from Sisimai's Lhost::SurfControl (BSD 2-clause,
// third_party/sisimai/LICENSE):
//   Your message could not be sent.
//   A transcript of the attempts to send the message follows.
//   The number of attempts made: 1
//   Addressed To: kijitora@example.com
//   Thu 29 Apr 2010 23:34:45 +0900
//   Failed to send to identified host,
//   kijitora@example.com: [192.0.2.5], 550 kijitora@example.com... No such user
// and RFC 3464-like fields after it.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {

bool scan_surfcontrol(const Message& msg, FoundList* out) {
  const std::string_view body = msg.flat_body();
  const std::size_t before = out->size();
  bool reading = false;
  bool in_diag = false;
  for (std::string_view line : split_lines(error_part(body))) {
    if (!reading) {
      reading = formats::starts(line, "Your message could not be sent.");
      continue;
    }
    if (line.empty()) continue;
    if (formats::starts(line, "Addressed To:")) {
      std::string_view a = trim(line.substr(13));
      if (a.find('@') != std::string_view::npos && a.find(' ') == std::string_view::npos) {
        out->push_back(formats::recipient_at(a));
      }
      in_diag = false;
      continue;
    }
    if (out->size() == before) continue;
    FoundRecipient& r = out->back();
    // "kijitora@example.com: [192.0.2.5], 550 ..."
    if (std::size_t p = line.find(": ["); p != std::string_view::npos &&
                                          line.substr(0, p).find('@') != std::string_view::npos &&
                                          line.substr(0, p).find(' ') == std::string_view::npos) {
      std::size_t close = line.find("],", p);
      if (close != std::string_view::npos) {
        r.remote_mta = std::string(line.substr(p + 3, close - p - 3));
        r.diagnostic = std::string(trim(line.substr(close + 2)));
        in_diag = false;
        continue;
      }
    }
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
    std::size_t semi = value.find(';');
    std::string_view typed = semi == std::string_view::npos ? value : trim(value.substr(semi + 1));
    if (iequals(name, "Diagnostic-Code")) {
      r.diagnostic = std::string(typed);
      in_diag = true;
    } else if (iequals(name, "Status")) {
      r.status = std::string(value);
    } else if (iequals(name, "Action")) {
      r.action = to_lower(value);
    } else if (iequals(name, "Remote-MTA")) {
      r.remote_mta = std::string(typed);
    }
  }
  for (std::size_t i = before; i < out->size(); ++i) {
    (*out)[i].diagnostic = formats::sweep((*out)[i].diagnostic);
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  return h.has("X-SEF-Processed") && h.get("X-Mailer") == "SurfControl E-mail Filter";
}

}  // namespace

const Family surfcontrol_family{"SurfControl", claims, scan_surfcontrol};

}  // namespace smtp_explain
