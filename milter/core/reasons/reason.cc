// Bounce reason classification, ported from Sisimai's Reason.pm and
// Reason/*.pm (BSD 2-clause, third_party/sisimai/LICENSE) and brought up to the
// Sisimai 5 vocabulary. See reason.h.
//
// Precedence, first match wins:
//   1. A 2.x.x status (or a success action without a failure code): delivered.
//   2. A `hint` from a format scanner, if it is a known reason and not one of
//      the vague ones Sisimai re-examines (undefined, onhold, systemerror,
//      securityerror, networkerror, hostunknown, userunknown); a vague one
//      decides after step 4, before the fallback of step 5 (as Sisimai's
//      anotherone() returns the reason already set).
//   3. Remote-host rules (reason_rhost.cc) for providers with their own codes.
//   4. The ordered first pass (Sisimai 5's ClassOrder[0]): for each reason in
//      a fixed order, "does the status code name it, or does the text say it",
//      with the per-reason conditions on the SMTP command.
//   5. The fallback (Sisimai's anotherone()): the status code's reason, or the
//      phrases of the second-pass reasons when the code is vague, then the
//      status class (X.6 contenterror, X.7 securityerror), the diagnostic type
//      (X-Unix: mailererror), 50x replies (syntaxerror), a delayed action
//      (expired), a HELO/EHLO failure (blocked), then onhold if there is any
//      text, else undefined.
#include "reason.h"

#include <algorithm>
#include <array>
#include <string>

#include "code_scan.h"
#include "reason_match.h"
#include "reason_names.h"
#include "reason_phrases.h"
#include "reason_rhost.h"
#include "reason_status.h"

namespace smtp_explain {
namespace {

using reason_detail::reason_for_status;
using reason_detail::reason_matches;

// Longest part of the diagnostic we look at; replies are short, and the
// parser bounds the field anyway.
constexpr std::size_t kMaxDiagnostic = 8192;

// Reasons too vague to stop at: Sisimai tries to find a better one.
bool is_vague(std::string_view reason) {
  return reason == "undefined" || reason == "onhold" || reason == "systemerror" ||
         reason == "securityerror" || reason == "networkerror" || reason == "hostunknown" ||
         reason == "userunknown";
}

// Returns the static copy of a reason name (the tables hold static views too,
// but this keeps the contract obvious).
std::string_view intern(std::string_view reason) {
  for (std::string_view r : reason_detail::kReasonNames) {
    if (r == reason) return r;
  }
  return "undefined";
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

bool digit(char ch) {
  return ch >= '0' && ch <= '9';
}

// Length of a reply continuation prefix at `i` ("550-5.7.1 ", "550 5.7.1 ",
// "550-"), 0 if none: multi-line replies repeat it inside sentences.
std::size_t continuation_at(std::string_view s, std::size_t i) {
  if (i + 4 > s.size() || !digit(s[i]) || !digit(s[i + 1]) || !digit(s[i + 2])) return 0;
  if (i > 0 && s[i - 1] != ' ') return 0;
  std::size_t j = i + 3;
  if (s[j] != '-' && s[j] != ' ') return 0;
  ++j;
  const std::size_t k = j;
  while (j < s.size() && (digit(s[j]) || s[j] == '.')) ++j;
  const std::size_t dots = static_cast<std::size_t>(std::count(s.begin() + k, s.begin() + j, '.'));
  if (dots == 2 && j < s.size() && s[j] == ' ') return j + 1 - i;
  return s[i + 3] == '-' ? 4 : 0;
}

// Lower-cased diagnostic with the repeated reply prefixes of a multi-line
// reply removed (the first one stays), so phrases split over lines match.
std::string normalized_text(std::string_view diagnostic) {
  std::string out;
  out.reserve(diagnostic.size());
  for (std::size_t i = 0; i < diagnostic.size();) {
    if (!out.empty()) {
      if (const std::size_t n = continuation_at(diagnostic, i); n != 0) {
        i += n;
        continue;
      }
    }
    const char ch = diagnostic[i++];
    out.push_back((ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch);
  }
  return out;
}

bool command_is_one_of(std::string_view cmd, std::initializer_list<std::string_view> list) {
  for (std::string_view c : list) {
    if (cmd == c) return true;
  }
  return false;
}

struct Context {
  const ReasonInput& in;
  std::string_view text;        // lower-cased diagnostic
  std::string_view status;      // effective status code
  std::string_view tempreason;  // reason the status code names, or ""
  bool smtp_diagnostic;         // Diagnostic-Code type SMTP (or unknown)
};

// Sisimai's Reason::*::true() for the reasons of the first pass.
bool first_pass_true(const Context& c, std::string_view reason) {
  const std::string_view cmd = c.in.smtp_command;
  const std::string_view temp = c.tempreason;
  // Every Sisimai Reason::*::true() starts with "return 1 if the reason is
  // already this one": a (vague) hint still decides when its turn comes.
  if (c.in.hint == reason) return true;
  if (reason == "mailboxfull" || reason == "exceedlimit" || reason == "toomanyconn" ||
      reason == "blocked" || reason == "authfailure" || reason == "requireptr" ||
      reason == "suspend") {
    return temp == reason || reason_matches(reason, c.text);
  }
  if (reason == "mesgtoobig") {
    if (temp == "mesgtoobig") return true;
    if (temp == "exceedlimit") return false;
    return reason_matches(reason, c.text);
  }
  if (reason == "hasmoved" || reason == "notcompliantrfc" || reason == "badreputation" ||
      reason == "speeding" || reason == "contenterror") {
    return temp == reason || reason_matches(reason, c.text);
  }
  if (reason == "norelaying") {
    if (command_is_one_of(cmd, {"CONN", "EHLO", "HELO"})) return false;
    return reason_matches(reason, c.text);
  }
  if (reason == "userunknown") {
    if (temp == "suspend") return false;
    if (temp == "userunknown") {
      // The code says "no such user", unless the text says something else.
      for (std::string_view other :
           {"norelaying", "blocked", "mailboxfull", "hasmoved", "rejected", "notaccept",
            "requireptr", "authfailure", "suspend", "speeding", "badreputation"}) {
        if (reason_matches(other, c.text)) return false;
      }
      return true;
    }
    // Without a status that says so, only a refusal of RCPT is an unknown
    // user (Sisimai): the same words after DATA, or from an unknown command,
    // are a filter's verdict (Filtered, next in the order).
    return cmd == "RCPT" && reason_matches(reason, c.text);
  }
  if (reason == "filtered") {
    if (temp == "suspend") return false;
    if (temp == "filtered") {
      return reason_matches("userunknown", c.text) || reason_matches("filtered", c.text);
    }
    if (command_is_one_of(cmd, {"CONN", "EHLO", "HELO", "MAIL", "RCPT"})) return false;
    return reason_matches("filtered", c.text) || reason_matches("userunknown", c.text);
  }
  if (reason == "rejected") {
    if (temp == "rejected") return true;
    if (cmd == "MAIL") return reason_matches(reason, c.text);
    if (cmd == "DATA") return temp != "userunknown" && reason_matches(reason, c.text);
    if (temp.empty() || temp == "onhold" || temp == "undefined" || temp == "securityerror" ||
        temp == "systemerror") {
      return reason_matches(reason, c.text);
    }
    return false;
  }
  if (reason == "hostunknown") {
    if (temp == "hostunknown") return !reason_matches("networkerror", c.text);
    return reason_matches(reason, c.text);
  }
  if (reason == "spamdetected") {
    if (temp == "spamdetected") return true;
    if (command_is_one_of(cmd, {"CONN", "EHLO", "HELO", "MAIL", "RCPT"})) return false;
    return reason_matches(reason, c.text);
  }
  return false;
}

// Sisimai 5's ClassOrder[0]: the order decides between overlapping phrases.
constexpr std::array<std::string_view, 19> kFirstPass = {
    "mailboxfull",     "mesgtoobig",    "exceedlimit",  "suspend",  "hasmoved",
    "norelaying",      "authfailure",   "userunknown",  "filtered", "requireptr",
    "notcompliantrfc", "badreputation", "contenterror", "rejected", "hostunknown",
    "spamdetected",    "toomanyconn",   "speeding",     "blocked",
};

// Sisimai 5's ClassOrder[1]: phrases tried when the status code is vague.
constexpr std::array<std::string_view, 18> kSecondPass = {
    "mailboxfull",   "authfailure",     "badreputation", "speeding",    "spamdetected",
    "virusdetected", "policyviolation", "norelaying",    "systemerror", "networkerror",
    "suspend",       "contenterror",    "systemfull",    "notaccept",   "expired",
    "securityerror", "mailererror",     "requireptr",
};

bool is_syntax_error_reply(std::string_view reply) {
  return reply.size() == 3 && (reply[0] == '4' || reply[0] == '5') && reply[1] == '0' &&
         reply[2] >= '0' && reply[2] <= '7';
}

// Sisimai's anotherone(): the fallback when the first pass found nothing.
std::string_view another_one(const Context& c) {
  std::string_view reason = c.tempreason;
  const bool try_to_match =
      reason.empty() || reason == "expired" || is_vague(reason) || !c.smtp_diagnostic;
  if (try_to_match) {
    for (std::string_view r : kSecondPass) {
      if (reason_matches(r, c.text)) return r;
    }
  }
  if (!reason.empty()) return reason;

  const std::string_view st = c.status;
  if (starts_with(st, "5.6") || starts_with(st, "4.6")) return "contenterror";
  if (starts_with(st, "5.7") || starts_with(st, "4.7")) return "securityerror";
  if (c.in.diagnostic_type == "x-unix" || starts_with(c.text, "x-unix;") ||
      starts_with(c.text, "x-postfix;")) {
    return "mailererror";
  }
  if (is_syntax_error_reply(c.in.reply_code)) return "syntaxerror";
  if (c.in.action == "delayed" || c.in.action == "expired") return "expired";
  if (command_is_one_of(c.in.smtp_command, {"EHLO", "HELO"})) return "blocked";
  return {};
}

bool is_success(const ReasonInput& in) {
  if (starts_with(in.status, "2.")) return true;
  if (!in.status.empty() || (!in.reply_code.empty() && in.reply_code[0] != '2')) return false;
  return in.action == "delivered" || in.action == "relayed" || in.action == "expanded";
}

}  // namespace

bool is_known_reason(std::string_view name) {
  for (std::string_view r : reason_detail::kReasonNames) {
    if (r == name) return true;
  }
  return false;
}

std::string_view classify_reason(const ReasonInput& in) {
  if (is_success(in)) return "delivered";
  if (!in.hint.empty() && is_known_reason(in.hint) && !is_vague(in.hint)) return intern(in.hint);

  const std::string text = normalized_text(in.diagnostic.substr(0, kMaxDiagnostic));
  const std::string host = reason_detail::to_lower_ascii(in.remote_mta);
  // A vague status (empty, X.0.0) gives way to a specific one in the reply text,
  // as Sisimai does: "Status: 5.0.0" with "550 5.7.1 ..." is a 5.7.1.
  std::string status(in.status);
  if (status.empty() || status.ends_with(".0.0")) {
    ScannedCodes found = scan_codes(in.diagnostic.substr(0, kMaxDiagnostic));
    if (!found.status.empty() && (status.empty() || found.status[0] == status[0])) {
      status = std::move(found.status);
    }
  }
  // A local delivery program's status (Diagnostic-Code type X-Unix, as the
  // DSN reader kept it, or still in the text) is not an SMTP reply. X-Postfix
  // diagnostics quote remote replies and are read as SMTP.
  const bool smtp_type = in.diagnostic_type != "x-unix";
  const Context c{in, text, status, reason_for_status(status),
                  smtp_type && !(starts_with(text, "x-") && text.find(';') < 16)};

  if (std::string_view r =
          reason_detail::rhost_reason({host, status, in.reply_code, text, in.smtp_command});
      !r.empty()) {
    return intern(r);
  }
  if (c.smtp_diagnostic) {
    for (std::string_view r : kFirstPass) {
      if (first_pass_true(c, r)) return r;
    }
  }
  // Sisimai's anotherone() returns the reason already set (a vague hint) before
  // its own fallbacks (gmail-07: Gmail's "state 6" systemerror, not the 500's
  // syntaxerror).
  if (!in.hint.empty() && in.hint != "undefined" && is_known_reason(in.hint)) {
    return intern(in.hint);
  }
  if (std::string_view r = another_one(c); !r.empty() && r != "undefined") return intern(r);
  if (in.action == "delayed") return "expired";
  if (!text.empty() || !in.status.empty()) return "onhold";
  return "undefined";
}

}  // namespace smtp_explain
