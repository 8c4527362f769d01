// Remote-host rules (Sisimai::Rhost::*): some providers' replies only make
// sense with knowledge of that provider (Google's 5.2.1 means a disabled
// account, Cox's "CXBL" codes, Orange's numbered errors, ...). Matched on the
// remote MTA's host name. Thread safety: pure function over static tables.
#pragma once

#include <optional>
#include <string_view>

#include "smtp_explain/report.h"

namespace smtp_explain::reason_detail {

struct RhostInput {
  std::string_view remote_mta;    // lower case host name, may be empty
  std::string_view status;        // "5.2.1" or empty
  std::string_view reply_code;    // "550" or empty
  std::string_view lower_text;    // lower-cased diagnostic
  std::string_view smtp_command;  // "RCPT", "DATA", ... or empty
};

// The reason the provider's own rules give, or nullopt if no rule applies.
std::optional<Reason> rhost_reason(const RhostInput& in);

}  // namespace smtp_explain::reason_detail
