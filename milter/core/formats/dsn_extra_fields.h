// Per-recipient fields the RFC 3464 reader (dsn_reader.h) does not keep:
// vendor extensions such as "X-PowerMTA-BounceCategory: bad-mailbox" or
// "X-Actual-Recipient", read from the message's delivery-status parts (or,
// when it has none, from DSN fields written into its text) and paired with
// the Final-Recipient of the block they sit in. Used by DSN refiners.
// Thread safety: pure function over the caller's Message.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "family.h"

namespace smtp_explain {

struct DsnExtraField {
  std::string address;  // cleaned Final-Recipient of the block, or empty
  std::string value;    // the field's value, trimmed
};

// Every field called `name` (ASCII case ignored) in recipient blocks, in
// order, at most kMaxDsnExtraFields of them (as many as the recipients the
// readers keep, FoundList::kDefaultCap): later ones are not kept.
inline constexpr std::size_t kMaxDsnExtraFields = 2000;
std::vector<DsnExtraField> dsn_extra_fields(const Message& msg, std::string_view name);

// The value of the first entry for `address` (cleaned), or empty.
std::string_view dsn_extra_value(const std::vector<DsnExtraField>& fields,
                                 std::string_view address);

}  // namespace smtp_explain
