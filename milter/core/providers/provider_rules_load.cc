// Loading conf/providers.toml into ProviderRules::Data (see provider_rule.h).
#include <toml++/toml.h>

#include <set>
#include <sstream>

#include "provider_rule.h"

namespace smtp_explain {
namespace {

RE2::Options pattern_options() {
  RE2::Options o;
  o.set_case_sensitive(false);
  o.set_log_errors(false);
  o.set_max_mem(8 << 20);
  return o;
}

bool is_id(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
    if (!ok) return false;
  }
  return true;
}

bool is_code_condition(std::string_view s) {
  if (s.empty() || s.size() > 16) return false;
  for (char c : s) {
    bool ok = (c >= '0' && c <= '9') || c == '.' || c == 'X' || c == 'x' || c == '*';
    if (!ok) return false;
  }
  return true;
}

// Reads an optional array of strings; false (and *error) if it is not one.
bool string_list(const toml::table& t, std::string_view key, std::vector<std::string>* out,
                 std::string* error) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return true;
  const toml::array* a = n->as_array();
  if (a == nullptr) {
    *error = std::string(key) + " must be an array of strings";
    return false;
  }
  for (const toml::node& e : *a) {
    const auto* s = e.as_string();
    if (s == nullptr || s->get().empty()) {
      *error = std::string(key) + " must hold non-empty strings";
      return false;
    }
    out->push_back(s->get());
  }
  return true;
}

std::string join_alternation(const std::vector<std::string>& patterns) {
  std::string joined;
  for (const std::string& p : patterns) {
    if (!joined.empty()) joined += '|';
    joined += "(?:" + p + ")";
  }
  return joined;
}

// Compiles an alternation of patterns; null result with *error on a bad pattern.
bool compile(const std::vector<std::string>& patterns, std::unique_ptr<RE2>* out,
             std::string* error) {
  if (patterns.empty()) return true;
  auto re = std::make_unique<RE2>(join_alternation(patterns), pattern_options());
  if (!re->ok()) {
    *error = "bad pattern: " + re->error();
    return false;
  }
  *out = std::move(re);
  return true;
}

bool load_providers(const toml::table& root, ProviderRules::Data* data, std::string* error) {
  const toml::array* list = root["provider"].as_array();
  if (list == nullptr) {
    *error = "missing [[provider]] entries";
    return false;
  }
  std::set<std::string> seen;
  for (const toml::node& node : *list) {
    const toml::table* t = node.as_table();
    if (t == nullptr) {
      *error = "[[provider]] must be a table";
      return false;
    }
    ProviderInfo p;
    p.id = (*t)["id"].value_or(std::string());
    p.name = (*t)["name"].value_or(std::string());
    if (!is_id(p.id) || p.name.empty()) {
      *error = "provider '" + p.id + "': needs id ([a-z0-9.-_]) and name";
      return false;
    }
    if (!seen.insert(p.id).second) {
      *error = "provider '" + p.id + "' defined twice";
      return false;
    }
    std::vector<std::string> hosts, markers;
    std::string sub;
    if (!string_list(*t, "hosts", &hosts, &sub) || !string_list(*t, "markers", &markers, &sub) ||
        !compile(hosts, &p.host, &sub) || !compile(markers, &p.marker, &sub)) {
      *error = "provider '" + p.id + "': " + sub;
      return false;
    }
    data->providers.push_back(std::move(p));
  }
  return true;
}

bool load_rules(const toml::table& root, ProviderRules::Data* data, std::string* error) {
  const toml::array* list = root["rule"].as_array();
  if (list == nullptr) {
    *error = "missing [[rule]] entries";
    return false;
  }
  RE2::Options options = pattern_options();
  options.set_max_mem(64 << 20);
  data->text_set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  std::set<std::string> seen;
  for (const toml::node& node : *list) {
    const toml::table* t = node.as_table();
    if (t == nullptr) {
      *error = "[[rule]] must be a table";
      return false;
    }
    ProviderRule r;
    r.id = (*t)["id"].value_or(std::string());
    if (!is_id(r.id)) {
      *error = "rule '" + r.id + "': bad or missing id";
      return false;
    }
    if (!seen.insert(r.id).second) {
      *error = "rule '" + r.id + "' defined twice";
      return false;
    }
    std::string provider = (*t)["provider"].value_or(std::string());
    bool found = false;
    for (std::size_t i = 0; i < data->providers.size(); ++i) {
      if (data->providers[i].id == provider) {
        r.provider = i;
        found = true;
      }
    }
    if (!found) {
      *error = "rule '" + r.id + "': unknown provider '" + provider + "'";
      return false;
    }
    std::vector<std::string> texts;
    std::string sub;
    if (!string_list(*t, "text", &texts, &sub) || !string_list(*t, "status", &r.statuses, &sub) ||
        !string_list(*t, "reply", &r.replies, &sub)) {
      *error = "rule '" + r.id + "': " + sub;
      return false;
    }
    for (const auto* codes : {&r.statuses, &r.replies}) {
      for (const std::string& c : *codes) {
        if (!is_code_condition(c)) {
          *error = "rule '" + r.id + "': bad code condition '" + c + "'";
          return false;
        }
      }
    }
    if (texts.empty() && r.statuses.empty()) {
      *error = "rule '" + r.id + "': needs text patterns or status codes";
      return false;
    }
    r.needs_provider = (*t)["needs_provider"].value_or(true);
    if (const std::string reason = (*t)["reason"].value_or(std::string()); !reason.empty()) {
      r.reason = reason_from_name(reason);
      if (!r.reason) {
        *error = "rule '" + r.id + "': unknown reason '" + reason + "'";
        return false;
      }
    }
    if (!texts.empty()) {
      std::unique_ptr<RE2> check;
      if (!compile(texts, &check, &sub)) {
        *error = "rule '" + r.id + "': " + sub;
        return false;
      }
      r.set_index = data->text_set->Add(join_alternation(texts), &sub);
      if (r.set_index < 0) {
        *error = "rule '" + r.id + "': " + sub;
        return false;
      }
      data->set_to_rule.push_back(data->rules.size());
    } else {
      data->without_text.push_back(data->rules.size());
    }
    data->rules.push_back(std::move(r));
  }
  if (!data->text_set->Compile()) {
    *error = "rule patterns too large to compile";
    return false;
  }
  return true;
}

}  // namespace

std::shared_ptr<const ProviderRules::Data> load_provider_rules(std::string_view toml_text,
                                                               std::string_view origin,
                                                               std::string* error) {
  std::string message;
  auto data = std::make_shared<ProviderRules::Data>();
  try {
    toml::table root = toml::parse(toml_text, origin);
    for (const auto& [key, value] : root) {
      if (key.str() != "provider" && key.str() != "rule") {
        message = "unknown top-level key '" + std::string(key.str()) + "' (line " +
                  std::to_string(value.source().begin.line) + ")";
        if (error != nullptr) *error = std::string(origin) + ": " + message;
        return nullptr;
      }
    }
    if (load_providers(root, data.get(), &message) && load_rules(root, data.get(), &message)) {
      return data;
    }
  } catch (const toml::parse_error& e) {
    std::ostringstream out;
    out << e.description() << " (line " << e.source().begin.line << ")";
    message = out.str();
  }
  if (error != nullptr) *error = std::string(origin) + ": " + message;
  return nullptr;
}

}  // namespace smtp_explain
