// The compiled form of conf/providers.toml: which receivers exist (host and
// text markers that identify them) and the rules that refine a recipient's
// explanation when its remote MTA and diagnostic text match.
//
// All regular expressions are RE2 (linear time), case-insensitive, compiled
// once at load; the diagnostic texts of all rules are matched in one RE2::Set
// pass. Thread safety: immutable after load_provider_rules() returns.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "smtp_explain/providers.h"

namespace smtp_explain {

// Bytes of the remote host and of the diagnostic text looked at per recipient.
inline constexpr std::size_t kProviderMaxHostBytes = 512;
inline constexpr std::size_t kProviderMaxTextBytes = 4096;

// A receiver (Gmail, Microsoft 365, a block list...).
struct ProviderInfo {
  std::string id;               // "google"
  std::string name;             // "Gmail / Google Workspace", shown as RecipientText::source
  std::unique_ptr<RE2> host;    // matches the Remote-MTA host; null if none given
  std::unique_ptr<RE2> marker;  // matches the diagnostic text; null if none given
};

struct ProviderRule {
  std::string id;                     // "google-5.7.26-spf"; catalog text key part
  std::size_t provider = 0;           // index into Data::providers
  std::vector<std::string> statuses;  // any of: "5.7.26", "X.7.26", "5.7.6*"; empty = any
  std::vector<std::string> replies;   // any of: "550", "5*"; empty = any
  bool needs_provider = true;         // host or marker of the provider must match too
  std::optional<Reason> reason;       // refined reason, or nullopt to keep the parser's
  int set_index = -1;                 // index of its text pattern in Data::text_set
};

struct ProviderRules::Data {
  std::vector<ProviderInfo> providers;
  std::vector<ProviderRule> rules;     // file order = priority order
  std::unique_ptr<RE2::Set> text_set;  // one alternation per rule
  std::vector<std::size_t> set_to_rule;
  std::vector<std::size_t> without_text;  // rules with no text pattern, in file order
};

// Parses and compiles a providers TOML document. Returns null and sets *error
// (with origin and, for TOML syntax errors, the line) on failure.
std::shared_ptr<const ProviderRules::Data> load_provider_rules(std::string_view toml,
                                                               std::string_view origin,
                                                               std::string* error);

// The first rule matching this recipient, or nullptr. `fallback_host` (the
// report's Reporting-MTA) stands in for a recipient without a Remote-MTA: the
// receiver then wrote the bounce itself.
const ProviderRule* match_provider_rule(const ProviderRules::Data& data, const Recipient& recipient,
                                        std::string_view fallback_host = {});

// True if `code` satisfies a status or reply condition ("5.7.26", "X.7.26", "5.7.6*").
bool provider_code_matches(std::string_view condition, std::string_view code);

}  // namespace smtp_explain
