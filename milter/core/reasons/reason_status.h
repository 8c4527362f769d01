// Enhanced status code -> reason table (Sisimai::SMTP::Status, updated for the
// Sisimai 5 vocabulary: authfailure, requireptr, ...). Only codes whose meaning
// names a reason are listed; "5.0.0" or "5.7.1" alone say little.
// Thread safety: pure function over a static table.
#pragma once

#include <optional>
#include <string_view>

#include "smtp_explain/report.h"

namespace smtp_explain::reason_detail {

// The reason `status` ("5.2.2") stands for, or nullopt if the code does not decide.
std::optional<Reason> reason_for_status(std::string_view status);

}  // namespace smtp_explain::reason_detail
