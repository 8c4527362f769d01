// PowerMTA DSNs (Subject "Delivery report", text "Hello, this is the mail
// server on <host>."), refined as Sisimai's Lhost::PowerMTA does (BSD 2-clause,
// third_party/sisimai/LICENSE): each recipient block of the delivery-status
// part carries PowerMTA's own classification,
//   X-PowerMTA-BounceCategory: bad-mailbox
// which names the reason.
#include "dsn_extra_fields.h"
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

struct Category {
  std::string_view category;
  Reason reason;
};

constexpr Category kCategories[] = {
    {"bad-domain", Reason::kHostUnknown},
    {"bad-mailbox", Reason::kUserUnknown},
    // Sisimai 4 says "disabled", a name outside its own reason list; a
    // disabled mailbox is what Sisimai calls suspend.
    {"inactive-mailbox", Reason::kSuspend},
    {"message-expired", Reason::kExpired},
    {"no-answer-from-host", Reason::kNetworkError},
    {"policy-related", Reason::kPolicyViolation},
    {"quota-issues", Reason::kMailboxFull},
    {"routing-errors", Reason::kSystemError},
    {"spam-related", Reason::kSpamDetected},
};

std::optional<Reason> reason_for_category(std::string_view category) {
  for (const Category& c : kCategories) {
    if (iequals(trim(category), c.category)) return c.reason;
  }
  return std::nullopt;
}

}  // namespace

void refine_powermta(const Message& msg, FoundList* found) {
  const std::vector<DsnExtraField> categories = dsn_extra_fields(msg, "X-PowerMTA-BounceCategory");
  if (categories.empty()) return;
  for (FoundRecipient& r : *found) {
    std::string_view category = dsn_extra_value(categories, r.address);
    // A block without Final-Recipient still belongs to the only recipient.
    if (category.empty() && found->size() == 1 && categories.size() == 1) {
      category = categories.front().value;
    }
    const std::optional<Reason> reason = reason_for_category(category);
    if (reason) r.reason_hint = reason;
  }
}

namespace {

bool claims(const HeaderList& h) {
  return h.get("Subject").find("Delivery report") != std::string_view::npos;
}

}  // namespace

const Family powermta_family{"PowerMTA", claims, nullptr, refine_powermta};

}  // namespace smtp_explain
