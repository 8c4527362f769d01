// Facebook's bounces, ported from Sisimai::Lhost::Facebook (BSD 2-clause,
// third_party/sisimai/LICENSE): From "Facebook <mailer-daemon@mx.facebook.com>",
// Subject "Sorry, your message could not be delivered"; a multipart/report
// whose delivery-status part the RFC 3464 reader reads. The remote reply
// carries Facebook's own response code ("550 5.1.1 RCP-P2 http://postmaster.
// facebook.com/response_codes?ip=...#rcp Refused due to recipient
// preferences"), which the module's table maps to a reason.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

struct CodeReason {
  std::string_view code;
  Reason reason;
};

// Sisimai's $errorcodes (POL-P7 is listed twice there, under contenterror
// and securityerror; the first, contenterror, is kept).
constexpr CodeReason kCodes[] = {
    {"RCP-P1", Reason::kUserUnknown},   {"INT-P1", Reason::kUserUnknown},
    {"INT-P3", Reason::kUserUnknown},   {"INT-P4", Reason::kUserUnknown},
    {"RCP-P2", Reason::kFiltered},      {"RCP-P3", Reason::kFiltered},
    {"POL-P1", Reason::kBlocked},       {"POL-P2", Reason::kBlocked},
    {"MSG-P1", Reason::kMesgTooBig},    {"INT-P2", Reason::kMesgTooBig},
    {"MSG-P2", Reason::kContentError},  {"MSG-P3", Reason::kContentError},
    {"POL-P6", Reason::kContentError},  {"POL-P7", Reason::kContentError},
    {"POL-P3", Reason::kNotAccept},     {"POL-P4", Reason::kNotAccept},
    {"POL-T1", Reason::kNotAccept},     {"POL-T2", Reason::kNotAccept},
    {"POL-T3", Reason::kNotAccept},     {"DNS-P1", Reason::kRejected},
    {"DNS-P2", Reason::kRejected},      {"DNS-T1", Reason::kRejected},
    {"DNS-P3", Reason::kRejected},      {"DNS-T2", Reason::kRejected},
    {"CON-T1", Reason::kSystemError},   {"RCP-T1", Reason::kSystemError},
    {"CON-T2", Reason::kTooManyConn},   {"CON-T3", Reason::kTooManyConn},
    {"POL-P5", Reason::kVirusDetected}, {"RCP-T4", Reason::kSuspend},
    {"MSG-T1", Reason::kUndefined},     {"CON-T4", Reason::kUndefined},
};

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}

bool is_word(char c) {
  return is_ascii_alpha(c) || is_ascii_digit(c) || c == '_';
}

// The first "\b[A-Z]{3}-[A-Z]\d\b" in the diagnostic ("RCP-P2"), or empty.
std::string_view response_code(std::string_view diag) {
  for (std::size_t i = 0; i + 6 <= diag.size(); ++i) {
    if (i > 0 && is_word(diag[i - 1])) continue;
    if (!is_upper(diag[i]) || !is_upper(diag[i + 1]) || !is_upper(diag[i + 2])) continue;
    if (diag[i + 3] != '-' || !is_upper(diag[i + 4]) || !is_ascii_digit(diag[i + 5])) continue;
    if (i + 6 < diag.size() && is_word(diag[i + 6])) continue;
    return diag.substr(i, 6);
  }
  return {};
}

}  // namespace

void refine_facebook(const Message& /*msg*/, FoundList* found) {
  // Sisimai keeps the last code seen across recipients ($fbresponse).
  std::string fb;
  for (FoundRecipient& r : *found) {
    const std::string_view code = response_code(r.diagnostic);
    if (!code.empty()) fb = std::string(code);
    if (fb.empty()) continue;
    std::optional<Reason> reason;
    for (const CodeReason& c : kCodes) {
      if (c.code == fb) {
        reason = c.reason;
        break;
      }
    }
    if (!reason && fb.starts_with("INT-T")) reason = Reason::kSystemError;
    if (reason) r.reason_hint = reason;
  }
}

namespace {

bool claims(const HeaderList& h) {
  return h.get("From") == "Facebook <mailer-daemon@mx.facebook.com>" &&
         h.get("Subject") == "Sorry, your message could not be delivered";
}

}  // namespace

const Family facebook_family{"Facebook", claims, nullptr, refine_facebook};

}  // namespace smtp_explain
