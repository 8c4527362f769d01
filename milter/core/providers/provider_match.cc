// Matching one recipient against the compiled provider rules (provider_rule.h).
#include <algorithm>

#include "provider_rule.h"

namespace smtp_explain {
namespace {

std::string_view bounded(std::string_view s, std::size_t max) {
  return s.size() > max ? s.substr(0, max) : s;
}

bool any_code_matches(const std::vector<std::string>& conditions, std::string_view code) {
  if (conditions.empty()) return true;
  for (const std::string& c : conditions) {
    if (provider_code_matches(c, code)) return true;
  }
  return false;
}

}  // namespace

bool provider_code_matches(std::string_view condition, std::string_view code) {
  if (code.empty()) return false;
  std::size_t i = 0;
  for (; i < condition.size(); ++i) {
    char c = condition[i];
    if (c == '*') return true;  // the rest of the code is free
    if (i >= code.size()) return false;
    if ((c == 'X' || c == 'x') && i == 0) continue;  // any class
    if (c != code[i]) return false;
  }
  return i == code.size();
}

const ProviderRule* match_provider_rule(const ProviderRules::Data& data, const Recipient& recipient,
                                        std::string_view fallback_host) {
  std::string_view host =
      bounded(recipient.remote_mta.empty() ? fallback_host : std::string_view(recipient.remote_mta),
              kProviderMaxHostBytes);
  std::string_view text = bounded(recipient.diagnostic, kProviderMaxTextBytes);

  std::vector<int> hits;
  if (!text.empty() && data.text_set) data.text_set->Match(text, &hits);
  std::vector<bool> text_hit(data.rules.size(), false);
  for (int h : hits) {
    if (h >= 0 && static_cast<std::size_t>(h) < data.set_to_rule.size()) {
      text_hit[data.set_to_rule[h]] = true;
    }
  }

  // Which providers does this recipient's host or text identify? Computed lazily.
  std::vector<signed char> identified(data.providers.size(), -1);
  auto provider_identified = [&](std::size_t p) {
    if (identified[p] < 0) {
      const ProviderInfo& info = data.providers[p];
      bool yes = (info.host && !host.empty() && RE2::PartialMatch(host, *info.host)) ||
                 (info.marker && !text.empty() && RE2::PartialMatch(text, *info.marker));
      identified[p] = yes ? 1 : 0;
    }
    return identified[p] == 1;
  };

  for (std::size_t i = 0; i < data.rules.size(); ++i) {
    const ProviderRule& rule = data.rules[i];
    if (rule.set_index >= 0 && !text_hit[i]) continue;
    if (!rule.statuses.empty()) {
      // Checked against the recipient's Status (from the DSN or the reply text).
      if (!any_code_matches(rule.statuses, recipient.status)) continue;
    }
    if (!any_code_matches(rule.replies, recipient.reply_code)) continue;
    if (rule.needs_provider && !provider_identified(rule.provider)) continue;
    return &rule;
  }
  return nullptr;
}

}  // namespace smtp_explain
