// The registry of families and generic readers (see family.h): families.inc
// expanded into one ordered table.
#include "family.h"
#include "generic_scope.h"

#include "bounce_gate.h"

namespace smtp_explain {

const std::vector<const Family*>& families() {
  static const std::vector<const Family*> kFamilies = {
#define SMTP_EXPLAIN_FAMILY(id) &id##_family,
#define SMTP_EXPLAIN_GENERIC(id) &id##_family,
#include "families.inc"
#undef SMTP_EXPLAIN_FAMILY
#undef SMTP_EXPLAIN_GENERIC
  };
  return kFamilies;
}

FamilySet claimed_families(const HeaderList& headers) {
  FamilySet set;
  const std::vector<const Family*>& all = families();
  int notice = -1;  // headers_say_delivery_report(), asked once when needed
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i]->claims == nullptr || all[i]->claims(headers)) {
      set.set(i);
    } else if (all[i]->notices) {
      if (notice < 0) notice = headers_say_delivery_report(headers) ? 1 : 0;
      if (notice == 1) set.set(i);
    }
  }
  return set;
}

std::string_view run_scanners(const Message& msg, const FamilySet& candidates, FoundList* out) {
  const std::vector<const Family*>& all = families();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!candidates.test(i) || all[i]->scan == nullptr) continue;
    const std::size_t before = out->size();
    if (all[i]->scan(msg, out) && out->size() > before) {
      // The sender, the list and the bounce's own addressees are never a
      // failed recipient, whoever read them (generic_scope.h); a reader left
      // with none did not read this message.
      screen_text_recipients(msg, out, before, all[i]->generic);
      if (out->size() > before) return all[i]->name;
    }
    out->resize(before);  // a reader that declined leaves nothing behind
  }
  return {};
}

void run_refiners(const Message& msg, const FamilySet& candidates, FoundList* found) {
  const std::vector<const Family*>& all = families();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (candidates.test(i) && all[i]->refine != nullptr) all[i]->refine(msg, found);
  }
}

}  // namespace smtp_explain
