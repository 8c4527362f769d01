// One failed (or delayed) recipient as a reader found it, before cleaning:
// the common currency of the RFC 3464 reader (dsn_reader.h) and the format
// scanners (formats.h). The pipeline cleans, validates and classifies it into
// a Report recipient. Thread safety: a plain value type.
#pragma once

#include <optional>
#include <string>

#include "smtp_explain/report.h"

namespace smtp_explain {

struct FoundRecipient {
  std::string address;             // as found: "<a@b>", "rfc822; a@b", "a@B.EXAMPLE" all fine
  std::string original_recipient;  // Original-Recipient, if known
  std::string action;              // "failed" (default when empty), "delayed", "delivered", ...
  std::string reply_code;          // "550" if stated separately, else empty
  std::string status;              // "5.1.1" if stated separately, else empty
  std::string diagnostic;          // remote reply or MTA error text (may be multi-line)
  std::string diagnostic_type;     // Diagnostic-Code type, lower case ("smtp", "x-unix"), if stated
  std::string remote_mta;          // remote host name, if known
  std::string smtp_command;        // "RCPT", "DATA", ... if known
  std::optional<Reason> reason_hint;  // the reason the format states unambiguously, if any
};

}  // namespace smtp_explain
