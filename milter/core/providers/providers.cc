// ProviderRules (providers.h): loading, applying rules to a Report, and the
// text shown for one recipient. Rule texts live in the catalog's [text] table
// under "provider.<rule id>.meaning" / ".fix" (conf/catalog/<lang>-providers.toml).
#include <fstream>
#include <sstream>

#include "embedded.h"
#include "provider_rule.h"
#include "smtp_explain/providers.h"

namespace smtp_explain {
namespace {

// A [text] value, or empty when the catalog has none (the loader may return the
// key itself or an empty string for a missing key).
std::string catalog_text(const Catalog& catalog, const std::string& key, std::string_view lang) {
  std::string value = catalog.text(key, lang);
  if (value == key) return {};
  return value;
}

bool is_unspecific_status(std::string_view status) {
  return status.size() == 5 && status.substr(1) == ".0.0";
}

RecipientText from_explanation(const Explanation& e) {
  RecipientText t;
  t.meaning = e.meaning;
  t.fix = e.fix;
  return t;
}

const ProviderRule* find_rule(const ProviderRules::Data& data, std::string_view id) {
  for (const ProviderRule& r : data.rules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

}  // namespace

ProviderRules::ProviderRules(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
ProviderRules::~ProviderRules() = default;

std::shared_ptr<const ProviderRules> ProviderRules::builtin() {
  static const std::shared_ptr<const ProviderRules> kBuiltin = [] {
    std::string error;
    auto data = load_provider_rules(embedded::find("providers.toml"), "providers.toml", &error);
    if (!data) data = std::make_shared<const Data>();  // a broken build; tests catch it
    return std::make_shared<const ProviderRules>(data);
  }();
  return kBuiltin;
}

std::shared_ptr<const ProviderRules> ProviderRules::load_string(std::string_view toml,
                                                                std::string_view origin,
                                                                std::string* error) {
  auto data = load_provider_rules(toml, origin, error);
  if (!data) return nullptr;
  return std::make_shared<const ProviderRules>(data);
}

std::shared_ptr<const ProviderRules> ProviderRules::load_file(const std::string& path,
                                                              std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error != nullptr) *error = path + ": cannot open";
    return nullptr;
  }
  std::ostringstream content;
  content << in.rdbuf();
  return load_string(content.str(), path, error);
}

void ProviderRules::apply(Report* report) const {
  if (report == nullptr) return;
  for (Recipient& r : report->recipients) {
    const ProviderRule* rule = match_provider_rule(*data_, r, report->reporting_mta);
    if (rule == nullptr) {
      r.provider.clear();
      continue;
    }
    r.provider = rule->id;
    if (rule->reason) r.reason = *rule->reason;
  }
}

RecipientText ProviderRules::explain(const Recipient& recipient, const Catalog& catalog,
                                     std::string_view lang) const {
  const ProviderRule* rule = recipient.provider.empty() ? match_provider_rule(*data_, recipient)
                                                        : find_rule(*data_, recipient.provider);
  if (rule != nullptr) {
    const std::string prefix = "provider." + rule->id;
    RecipientText t;
    t.meaning = catalog_text(catalog, prefix + ".meaning", lang);
    t.fix = catalog_text(catalog, prefix + ".fix", lang);
    if (!t.meaning.empty() && !t.fix.empty()) {
      t.source = data_->providers[rule->provider].name;
      return t;
    }
  }

  // No rule (or no text for it): the catalog, most specific code first.
  std::optional<Explanation> status, reply;
  if (!recipient.status.empty() && !is_unspecific_status(recipient.status)) {
    status = catalog.explain_status(recipient.status, lang);
    if (status && !status->generic) return from_explanation(*status);
  }
  if (!recipient.reply_code.empty()) {
    reply = catalog.explain_reply(recipient.reply_code, lang);
    if (reply && !reply->generic) return from_explanation(*reply);
  }
  if (recipient.reason != Reason::kUndefined) {
    if (auto reason = catalog.explain_reason(to_string(recipient.reason), lang)) {
      return from_explanation(*reason);
    }
  }
  if (status) return from_explanation(*status);
  if (reply) return from_explanation(*reply);
  if (!recipient.status.empty()) {
    if (auto any = catalog.explain_status(recipient.status, lang)) return from_explanation(*any);
  }
  if (auto undefined = catalog.explain_reason("undefined", lang)) {
    return from_explanation(*undefined);
  }
  return {};
}

std::size_t ProviderRules::size() const {
  return data_->rules.size();
}

}  // namespace smtp_explain
