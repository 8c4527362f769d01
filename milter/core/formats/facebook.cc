// Facebook's bounces, ported from Sisimai::Lhost::Facebook (BSD 2-clause,
// third_party/sisimai/LICENSE): From "Facebook <mailer-daemon@mx.facebook.com>",
// Subject "Sorry, your message could not be delivered"; a multipart/report
// whose delivery-status part the RFC 3464 reader reads. The remote reply
// carries Facebook's own response code ("550 5.1.1 RCP-P2 http://postmaster.
// facebook.com/response_codes?ip=...#rcp Refused due to recipient
// preferences"), which the module's table maps to a reason.
#include "group_a_helpers.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

struct CodeReason {
  std::string_view code;
  std::string_view reason;
};

// Sisimai's $errorcodes (POL-P7 is listed twice there, under contenterror
// and securityerror; the first, contenterror, is kept).
constexpr CodeReason kCodes[] = {
    {"RCP-P1", "userunknown"},  {"INT-P1", "userunknown"},   {"INT-P3", "userunknown"},
    {"INT-P4", "userunknown"},  {"RCP-P2", "filtered"},      {"RCP-P3", "filtered"},
    {"POL-P1", "blocked"},      {"POL-P2", "blocked"},       {"MSG-P1", "mesgtoobig"},
    {"INT-P2", "mesgtoobig"},   {"MSG-P2", "contenterror"},  {"MSG-P3", "contenterror"},
    {"POL-P6", "contenterror"}, {"POL-P7", "contenterror"},  {"POL-P3", "notaccept"},
    {"POL-P4", "notaccept"},    {"POL-T1", "notaccept"},     {"POL-T2", "notaccept"},
    {"POL-T3", "notaccept"},    {"DNS-P1", "rejected"},      {"DNS-P2", "rejected"},
    {"DNS-T1", "rejected"},     {"DNS-P3", "rejected"},      {"DNS-T2", "rejected"},
    {"CON-T1", "systemerror"},  {"RCP-T1", "systemerror"},   {"CON-T2", "toomanyconn"},
    {"CON-T3", "toomanyconn"},  {"POL-P5", "virusdetected"}, {"RCP-T4", "suspend"},
    {"MSG-T1", "undefined"},    {"CON-T4", "undefined"},
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

void refine_facebook(const Message& msg, std::vector<FoundRecipient>* found) {
  if (msg.headers.get("From") != "Facebook <mailer-daemon@mx.facebook.com>") return;
  if (msg.headers.get("Subject") != "Sorry, your message could not be delivered") return;
  // Sisimai keeps the last code seen across recipients ($fbresponse).
  std::string fb;
  for (FoundRecipient& r : *found) {
    const std::string_view code = response_code(r.diagnostic);
    if (!code.empty()) fb = std::string(code);
    if (fb.empty()) continue;
    std::string_view reason;
    for (const CodeReason& c : kCodes) {
      if (c.code == fb) {
        reason = c.reason;
        break;
      }
    }
    if (reason.empty() && fb.starts_with("INT-T")) reason = "systemerror";
    if (!reason.empty()) r.reason_hint = std::string(reason);
  }
}

}  // namespace smtp_explain
