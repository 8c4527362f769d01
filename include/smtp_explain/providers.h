// Provider-specific explanations: the same code means different things at
// different receivers (Gmail's 550 5.7.26, Microsoft 365's 5.7.606, Yahoo's
// TSS04, block lists named in a reply...). Rules are data (conf/providers.toml,
// embedded at build time), matched on the Remote-MTA and the diagnostic text
// with RE2 (bounded, linear time), and refine meaning, fix and reason.
// Thread safety: immutable after load; const methods are thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "smtp_explain/catalog.h"
#include "smtp_explain/headers.h"
#include "smtp_explain/report.h"

namespace smtp_explain {

struct ProviderRule;  // defined in the implementation

class ProviderRules {
 public:
  // The rules built into the binary. Never null.
  static std::shared_ptr<const ProviderRules> builtin();
  // Rules from a TOML file instead of the built-in ones; null and *error on failure.
  static std::shared_ptr<const ProviderRules> load_file(const std::string& path, std::string* error);
  static std::shared_ptr<const ProviderRules> load_string(std::string_view toml,
                                                          std::string_view origin,
                                                          std::string* error);

  // Sets Recipient::provider (rule id) and refines Recipient::reason for every
  // recipient a rule matches.
  void apply(Report* report) const;

  // Text for one recipient in `lang`: the matched rule's meaning and fix (with
  // source = provider name) or, without a rule, the catalog's explanation of the
  // recipient's codes (status preferred unless X.0.0, else reply code, else reason).
  RecipientText explain(const Recipient& recipient, const Catalog& catalog,
                        std::string_view lang) const;

  std::size_t size() const;

  struct Data;  // implementation detail
  explicit ProviderRules(std::shared_ptr<const Data> data);
  ~ProviderRules();

 private:
  std::shared_ptr<const Data> data_;
};

}  // namespace smtp_explain
