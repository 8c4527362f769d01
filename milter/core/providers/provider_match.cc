// Matching one recipient against the compiled provider rules (provider_rule.h).
#include <algorithm>
#include <cstdint>

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

  // The text patterns of all rules in one RE2::Set pass. Only the rules it
  // names, and those without a text pattern, can match: they are tried in
  // file order (priority), the rest never looked at.
  std::vector<int> hits;
  if (!text.empty() && data.text_set) data.text_set->Match(text, &hits);
  std::vector<std::size_t> candidates;
  candidates.reserve(hits.size() + data.without_text.size());
  for (int h : hits) {
    if (h >= 0 && static_cast<std::size_t>(h) < data.set_to_rule.size()) {
      candidates.push_back(data.set_to_rule[h]);
    }
  }
  std::sort(candidates.begin(), candidates.end());
  if (!data.without_text.empty()) {
    const std::size_t texted = candidates.size();
    candidates.insert(candidates.end(), data.without_text.begin(), data.without_text.end());
    std::inplace_merge(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(texted),
                       candidates.end());
  }

  // Which providers does this recipient's host or text identify? Computed
  // lazily; on the stack for up to 64 providers (the built-in file has 25).
  constexpr std::size_t kInline = 64;
  std::uint64_t known = 0;
  std::uint64_t yes_bits = 0;
  std::vector<signed char> identified;
  if (data.providers.size() > kInline) identified.assign(data.providers.size(), -1);
  auto provider_identified = [&](std::size_t p) {
    const bool inline_bits = p < kInline && identified.empty();
    if (inline_bits && (known >> p & 1) != 0) return (yes_bits >> p & 1) != 0;
    if (!inline_bits && identified[p] >= 0) return identified[p] == 1;
    const ProviderInfo& info = data.providers[p];
    const bool yes = (info.host && !host.empty() && RE2::PartialMatch(host, *info.host)) ||
                     (info.marker && !text.empty() && RE2::PartialMatch(text, *info.marker));
    if (inline_bits) {
      known |= std::uint64_t{1} << p;
      if (yes) yes_bits |= std::uint64_t{1} << p;
    } else {
      identified[p] = yes ? 1 : 0;
    }
    return yes;
  };

  for (std::size_t i : candidates) {
    const ProviderRule& rule = data.rules[i];
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
