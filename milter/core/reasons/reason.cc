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
#include "reason_phrase_index.h"
#include "reason_phrases.h"
#include "reason_rhost.h"
#include "reason_status.h"

namespace smtp_explain {
namespace {

using reason_detail::PhraseHits;
using reason_detail::reason_for_status;

// Longest part of the diagnostic we look at; replies are short, and the
// parser bounds the field anyway.
constexpr std::size_t kMaxDiagnostic = 8192;

// Reasons too vague to stop at: Sisimai tries to find a better one.
bool is_vague(Reason reason) {
  switch (reason) {
    case Reason::kUndefined:
    case Reason::kOnHold:
    case Reason::kSystemError:
    case Reason::kSecurityError:
    case Reason::kNetworkError:
    case Reason::kHostUnknown:
    case Reason::kUserUnknown:
      return true;
    default:
      return false;
  }
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
  std::string_view text;             // lower-cased diagnostic
  const PhraseHits& hits;            // the phrase tables' hits in `text`
  std::string_view status;           // effective status code
  std::optional<Reason> tempreason;  // reason the status code names, if any
  bool smtp_diagnostic;              // Diagnostic-Code type SMTP (or unknown)

  bool says(Reason r) const { return hits.matches(r); }
};

// Sisimai's Reason::*::true() for the reasons of the first pass.
bool first_pass_true(const Context& c, Reason reason) {
  const std::string_view cmd = c.in.smtp_command;
  const std::optional<Reason> temp = c.tempreason;
  // Every Sisimai Reason::*::true() starts with "return 1 if the reason is
  // already this one": a (vague) hint still decides when its turn comes.
  if (c.in.hint == reason) return true;
  switch (reason) {
    case Reason::kMailboxFull:
    case Reason::kExceedLimit:
    case Reason::kTooManyConn:
    case Reason::kBlocked:
    case Reason::kAuthFailure:
    case Reason::kRequirePtr:
    case Reason::kSuspend:
    case Reason::kHasMoved:
    case Reason::kNotCompliantRfc:
    case Reason::kBadReputation:
    case Reason::kSpeeding:
    case Reason::kContentError:
      return temp == reason || c.says(reason);
    case Reason::kMesgTooBig:
      if (temp == Reason::kMesgTooBig) return true;
      if (temp == Reason::kExceedLimit) return false;
      return c.says(reason);
    case Reason::kNoRelaying:
      if (command_is_one_of(cmd, {"CONN", "EHLO", "HELO"})) return false;
      return c.says(reason);
    case Reason::kUserUnknown:
      if (temp == Reason::kSuspend) return false;
      if (temp == Reason::kUserUnknown) {
        // The code says "no such user", unless the text says something else.
        for (Reason other :
             {Reason::kNoRelaying, Reason::kBlocked, Reason::kMailboxFull, Reason::kHasMoved,
              Reason::kRejected, Reason::kNotAccept, Reason::kRequirePtr, Reason::kAuthFailure,
              Reason::kSuspend, Reason::kSpeeding, Reason::kBadReputation}) {
          if (c.says(other)) return false;
        }
        return true;
      }
      // Without a status that says so, only a refusal of RCPT is an unknown
      // user (Sisimai): the same words after DATA, or from an unknown command,
      // are a filter's verdict (Filtered, next in the order).
      return cmd == "RCPT" && c.says(reason);
    case Reason::kFiltered:
      if (temp == Reason::kSuspend) return false;
      if (temp == Reason::kFiltered) {
        return c.says(Reason::kUserUnknown) || c.says(Reason::kFiltered);
      }
      if (command_is_one_of(cmd, {"CONN", "EHLO", "HELO", "MAIL", "RCPT"})) return false;
      return c.says(Reason::kFiltered) || c.says(Reason::kUserUnknown);
    case Reason::kRejected:
      if (temp == Reason::kRejected) return true;
      if (cmd == "MAIL") return c.says(reason);
      if (cmd == "DATA") return temp != Reason::kUserUnknown && c.says(reason);
      if (!temp || temp == Reason::kOnHold || temp == Reason::kUndefined ||
          temp == Reason::kSecurityError || temp == Reason::kSystemError) {
        return c.says(reason);
      }
      return false;
    case Reason::kHostUnknown:
      if (temp == Reason::kHostUnknown) return !c.says(Reason::kNetworkError);
      return c.says(reason);
    case Reason::kSpamDetected:
      if (temp == Reason::kSpamDetected) return true;
      if (command_is_one_of(cmd, {"CONN", "EHLO", "HELO", "MAIL", "RCPT"})) return false;
      return c.says(reason);
    default:
      return false;
  }
}

// Sisimai 5.1's ClassOrder[0]: the order decides between overlapping phrases.
// ContentError is not in it (5.1 reaches it in the second pass or by the X.6
// status class), so a spam verdict sent with 5.6.0 after DATA is spamdetected.
constexpr std::array<Reason, 18> kFirstPass = {
    Reason::kMailboxFull, Reason::kMesgTooBig,  Reason::kExceedLimit,     Reason::kSuspend,
    Reason::kHasMoved,    Reason::kNoRelaying,  Reason::kAuthFailure,     Reason::kUserUnknown,
    Reason::kFiltered,    Reason::kRequirePtr,  Reason::kNotCompliantRfc, Reason::kBadReputation,
    Reason::kRejected,    Reason::kHostUnknown, Reason::kSpamDetected,    Reason::kTooManyConn,
    Reason::kSpeeding,    Reason::kBlocked,
};

// Sisimai 5's ClassOrder[1]: phrases tried when the status code is vague.
constexpr std::array<Reason, 18> kSecondPass = {
    Reason::kMailboxFull,  Reason::kAuthFailure,   Reason::kBadReputation,   Reason::kSpeeding,
    Reason::kSpamDetected, Reason::kVirusDetected, Reason::kPolicyViolation, Reason::kNoRelaying,
    Reason::kSystemError,  Reason::kNetworkError,  Reason::kSuspend,         Reason::kContentError,
    Reason::kSystemFull,   Reason::kNotAccept,     Reason::kExpired,         Reason::kSecurityError,
    Reason::kMailerError,  Reason::kRequirePtr,
};

bool is_syntax_error_reply(std::string_view reply) {
  return reply.size() == 3 && (reply[0] == '4' || reply[0] == '5') && reply[1] == '0' &&
         reply[2] >= '0' && reply[2] <= '7';
}

// Sisimai's anotherone(): the fallback when the first pass found nothing.
std::optional<Reason> another_one(const Context& c) {
  const std::optional<Reason> reason = c.tempreason;
  const bool try_to_match =
      !reason || reason == Reason::kExpired || is_vague(*reason) || !c.smtp_diagnostic;
  if (try_to_match) {
    for (Reason r : kSecondPass) {
      if (c.says(r)) return r;
    }
  }
  if (reason) return reason;

  const std::string_view st = c.status;
  if (starts_with(st, "5.6") || starts_with(st, "4.6")) return Reason::kContentError;
  if (starts_with(st, "5.7") || starts_with(st, "4.7")) return Reason::kSecurityError;
  if (c.in.diagnostic_type == "x-unix" || starts_with(c.text, "x-unix;") ||
      starts_with(c.text, "x-postfix;")) {
    return Reason::kMailerError;
  }
  if (is_syntax_error_reply(c.in.reply_code)) return Reason::kSyntaxError;
  if (c.in.action == "delayed" || c.in.action == "expired") return Reason::kExpired;
  if (command_is_one_of(c.in.smtp_command, {"EHLO", "HELO"})) return Reason::kBlocked;
  return std::nullopt;
}

bool is_success(const ReasonInput& in) {
  if (starts_with(in.status, "2.")) return true;
  if (!in.status.empty() || (!in.reply_code.empty() && in.reply_code[0] != '2')) return false;
  return in.action == "delivered" || in.action == "relayed" || in.action == "expanded";
}

}  // namespace

Reason classify_reason(const ReasonInput& in) {
  if (is_success(in)) return Reason::kDelivered;
  if (in.hint && !is_vague(*in.hint)) return *in.hint;

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
  const PhraseHits hits(text);
  const Context c{in,
                  text,
                  hits,
                  status,
                  reason_for_status(status),
                  smtp_type && !(starts_with(text, "x-") && text.find(';') < 16)};

  if (std::optional<Reason> r =
          reason_detail::rhost_reason({host, status, in.reply_code, text, in.smtp_command})) {
    return *r;
  }
  if (c.smtp_diagnostic) {
    for (Reason r : kFirstPass) {
      if (first_pass_true(c, r)) return r;
    }
  }
  // Sisimai's anotherone() returns the reason already set (a vague hint) before
  // its own fallbacks (gmail-07: Gmail's "state 6" systemerror, not the 500's
  // syntaxerror).
  if (in.hint && *in.hint != Reason::kUndefined) return *in.hint;
  if (std::optional<Reason> r = another_one(c); r && *r != Reason::kUndefined) return *r;
  if (in.action == "delayed") return Reason::kExpired;
  if (!text.empty() || !in.status.empty()) return Reason::kOnHold;
  return Reason::kUndefined;
}

}  // namespace smtp_explain
