// Bounce reason classification in Sisimai's vocabulary (userunknown,
// mailboxfull, blocked, ...), from the codes, the SMTP command that failed, the
// remote host and the diagnostic text. Ported in spirit from Sisimai
// (BSD 2-clause, see third_party/sisimai/LICENSE): status-code table first where
// it is decisive, then phrase lists, then remote-host (Rhost) rules.
// Matching is plain case-insensitive substring search: no regex on this path.
// Thread safety: pure functions over static tables.
#pragma once

#include <optional>
#include <string_view>

#include "smtp_explain/report.h"

namespace smtp_explain {

struct ReasonInput {
  std::string_view status;        // "5.1.1", may be empty
  std::string_view reply_code;    // "550", may be empty
  std::string_view diagnostic;    // the remote reply / MTA error text, one line
  std::string_view action;        // "failed", "delayed", "delivered", ... may be empty
  std::string_view smtp_command;  // "CONN", "HELO", "EHLO", "MAIL", "RCPT", "DATA", "" if unknown
  std::string_view remote_mta;    // host name of the remote MTA, may be empty
  std::optional<Reason> hint;     // a reason the format scanner already decided, if any
  // The Diagnostic-Code type, lower case ("smtp", "x-unix", "x-postfix"), may be empty.
  std::string_view diagnostic_type;
};

// The reason (Reason::kUndefined when nothing fits).
Reason classify_reason(const ReasonInput& input);

}  // namespace smtp_explain
