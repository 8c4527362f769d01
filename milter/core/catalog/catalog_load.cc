// Loading catalog TOML files (schema in conf/catalog/en.toml) into
// Catalog::Data, with errors that name the file, line and column.
#include <toml++/toml.h>

#include <cctype>
#include <sstream>

#include "catalog_data.h"
#include "embedded.h"

namespace smtp_explain {
namespace {

constexpr std::string_view kEntryFields[] = {"title", "meaning", "when", "fix", "fix_admin"};
constexpr std::string_view kReasonFields[] = {"title", "meaning", "fix"};
constexpr std::string_view kSubjectFields[] = {"title", "meaning"};

struct Where {
  std::string_view origin;
  std::string* error;

  bool fail(const toml::source_region& at, std::string_view message) const {
    std::ostringstream out;
    out << origin << ':' << at.begin.line << ':' << at.begin.column << ": " << message;
    *error = out.str();
    return false;
  }
};

bool all_of(std::string_view s, int (*pred)(int)) {
  for (unsigned char c : s) {
    if (!pred(c)) return false;
  }
  return !s.empty();
}
int is_digit(int c) {
  return c >= '0' && c <= '9';
}
int is_reason_char(int c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
int is_text_key_char(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

bool valid_reply_key(std::string_view k) {
  return k.size() == 3 && k[0] >= '2' && k[0] <= '5' && all_of(k, is_digit);
}

// "X.s.d" with 1-3 digits each for s and d.
bool valid_status_key(std::string_view k) {
  if (k.size() < 5 || k[0] != 'X' || k[1] != '.') return false;
  std::string_view rest = k.substr(2);
  std::size_t dot = rest.find('.');
  if (dot == std::string_view::npos) return false;
  std::string_view s = rest.substr(0, dot), d = rest.substr(dot + 1);
  return s.size() <= 3 && d.size() <= 3 && all_of(s, is_digit) && all_of(d, is_digit);
}

bool valid_lang(std::string_view k) {
  return k.size() == 2 && k[0] >= 'a' && k[0] <= 'z' && k[1] >= 'a' && k[1] <= 'z';
}

// A catalog value: a non-empty single-line string.
bool read_text(const toml::node& node, std::string_view what, const Where& w, std::string* out) {
  const auto* s = node.as_string();
  if (s == nullptr) return w.fail(node.source(), std::string(what) + " must be a string");
  const std::string& v = s->get();
  if (v.empty()) return w.fail(node.source(), std::string(what) + " must not be empty");
  for (char c : v) {
    if (c == '\n' || c == '\r' || c == '\0') {
      return w.fail(node.source(), std::string(what) + " must be one line (no line breaks)");
    }
  }
  *out = v;
  return true;
}

// Reads a table with exactly the `fields` (all required, no others) into `values`.
template <std::size_t N>
bool read_fields(const toml::node& node, const std::string& what,
                 const std::string_view (&fields)[N], const Where& w, std::string* values[N]) {
  const toml::table* t = node.as_table();
  if (t == nullptr) return w.fail(node.source(), what + " must be a table");
  for (auto&& [key, value] : *t) {
    bool known = false;
    for (std::string_view f : fields) known = known || key.str() == f;
    if (!known) {
      return w.fail(value.source(), what + ": unknown field '" + std::string(key.str()) + "'");
    }
  }
  for (std::size_t i = 0; i < N; ++i) {
    const toml::node* v = t->get(fields[i]);
    if (v == nullptr) {
      return w.fail(node.source(), what + ": missing field '" + std::string(fields[i]) + "'");
    }
    if (!read_text(*v, what + "." + std::string(fields[i]), w, values[i])) return false;
  }
  return true;
}

bool read_entries(const toml::node& node, std::string_view section, bool reason, const Where& w,
                  std::unordered_map<std::string, CatalogEntry>* out) {
  const toml::table* t = node.as_table();
  if (t == nullptr) return w.fail(node.source(), "[" + std::string(section) + "] must be a table");
  for (auto&& [key, value] : *t) {
    const std::string k(key.str());
    const bool key_ok = section == "reply"    ? valid_reply_key(k)
                        : section == "status" ? valid_status_key(k)
                                              : all_of(k, is_reason_char);
    std::string what = std::string(section) + "." + k;
    if (!key_ok) {
      return w.fail(key.source(), "invalid key '" + k + "' in [" + std::string(section) + "]" +
                                      (section == "reply"    ? " (expected a code like \"552\")"
                                       : section == "status" ? " (expected a code like \"X.2.2\")"
                                                             : " (expected a lower-case name)"));
    }
    CatalogEntry e;
    if (reason) {
      std::string* values[] = {&e.title, &e.meaning, &e.fix};
      if (!read_fields(value, what, kReasonFields, w, values)) return false;
    } else {
      std::string* values[] = {&e.title, &e.meaning, &e.when, &e.fix, &e.fix_admin};
      if (!read_fields(value, what, kEntryFields, w, values)) return false;
    }
    (*out)[k] = std::move(e);
  }
  return true;
}

// [text] may nest (provider.gmail.fix = "..."): flattened to dotted keys.
bool read_text_table(const toml::table& t, const std::string& prefix, const Where& w,
                     std::unordered_map<std::string, std::string>* out) {
  for (auto&& [key, value] : t) {
    const std::string k = prefix + std::string(key.str());
    if (!all_of(key.str(), is_text_key_char)) {
      return w.fail(key.source(), "invalid key '" + k + "' in [text]");
    }
    if (const toml::table* sub = value.as_table()) {
      if (!read_text_table(*sub, k + ".", w, out)) return false;
      continue;
    }
    std::string v;
    if (!read_text(value, "text." + k, w, &v)) return false;
    (*out)[k] = std::move(v);
  }
  return true;
}

bool read_string_map(const toml::node& node, std::string_view section, const Where& w,
                     std::unordered_map<std::string, std::string>* out) {
  const toml::table* t = node.as_table();
  if (t == nullptr) return w.fail(node.source(), "[" + std::string(section) + "] must be a table");
  for (auto&& [key, value] : *t) {
    const std::string k(key.str());
    if (k.size() != 1 || k[0] < '2' || k[0] > '5') {
      return w.fail(key.source(),
                    "invalid key '" + k + "' in [class_labels] (expected \"2\".." + "\"5\")");
    }
    std::string v;
    if (!read_text(value, "class_labels." + k, w, &v)) return false;
    (*out)[k] = std::move(v);
  }
  return true;
}

bool read_subjects(const toml::node& node, const Where& w,
                   std::unordered_map<std::string, CatalogSubject>* out) {
  const toml::table* t = node.as_table();
  if (t == nullptr) return w.fail(node.source(), "[subjects] must be a table");
  for (auto&& [key, value] : *t) {
    const std::string k(key.str());
    if (k.size() > 3 || !all_of(k, is_digit)) {
      return w.fail(key.source(), "invalid key '" + k + "' in [subjects] (expected a number)");
    }
    CatalogSubject s;
    std::string* values[] = {&s.title, &s.meaning};
    if (!read_fields(value, "subjects." + k, kSubjectFields, w, values)) return false;
    (*out)[k] = std::move(s);
  }
  return true;
}

// Merges `from` into `into`; with kRejectDuplicates a key present in both is an error.
template <typename Map>
bool merge_map(Map& from, Map* into, CatalogMerge mode, std::string_view section,
               std::string_view origin, std::string* error) {
  if (mode == CatalogMerge::kRejectDuplicates) {
    for (auto& [k, v] : from) {
      if (into->count(k) != 0) {
        *error = std::string(origin) + ": " + std::string(section) + "." + k +
                 " is already defined by another file of this language";
        return false;
      }
    }
  }
  for (auto& [k, v] : from) (*into)[k] = std::move(v);
  return true;
}

}  // namespace

bool merge_catalog_file(std::string_view toml_text, std::string_view origin, CatalogMerge mode,
                        Catalog::Data* data, std::string* error) {
  toml::table root;
  try {
    root = toml::parse(toml_text, origin);
  } catch (const toml::parse_error& e) {
    std::ostringstream out;
    out << origin << ':' << e.source().begin.line << ':' << e.source().begin.column << ": "
        << e.description();
    *error = out.str();
    return false;
  }
  const Where w{origin, error};
  const toml::source_region top{};

  const toml::table* meta = root["meta"].as_table();
  if (meta == nullptr) return w.fail(top, "missing [meta] table with lang and name");
  std::string lang, name;
  for (auto&& [key, value] : *meta) {
    if (key.str() != "lang" && key.str() != "name") {
      return w.fail(value.source(), "meta: unknown field '" + std::string(key.str()) + "'");
    }
  }
  const toml::node* lang_node = meta->get("lang");
  if (lang_node == nullptr) return w.fail(meta->source(), "meta: missing field 'lang'");
  if (!read_text(*lang_node, "meta.lang", w, &lang)) return false;
  if (!valid_lang(lang)) {
    return w.fail(lang_node->source(),
                  "meta.lang must be a two-letter ISO 639-1 code, got '" + lang + "'");
  }
  if (const toml::node* name_node = meta->get("name")) {
    if (!read_text(*name_node, "meta.name", w, &name)) return false;
  }

  CatalogLanguage file;
  for (auto&& [key, value] : root) {
    const std::string_view section = key.str();
    bool ok = true;
    if (section == "meta") {
      continue;
    } else if (section == "reply" || section == "status" || section == "reason") {
      auto* map = section == "reply"    ? &file.reply
                  : section == "status" ? &file.status
                                        : &file.reason;
      ok = read_entries(value, section, section == "reason", w, map);
    } else if (section == "class_labels") {
      ok = read_string_map(value, section, w, &file.class_labels);
    } else if (section == "subjects") {
      ok = read_subjects(value, w, &file.subjects);
    } else if (section == "text") {
      const toml::table* t = value.as_table();
      ok = t != nullptr ? read_text_table(*t, "", w, &file.text)
                        : w.fail(value.source(), "[text] must be a table");
    } else {
      ok = w.fail(value.source(), "unknown table [" + std::string(section) + "]");
    }
    if (!ok) return false;
  }

  // Merge into a copy so that `data` stays unchanged on error.
  CatalogLanguage merged;
  auto existing = data->languages.find(lang);
  if (existing != data->languages.end()) merged = existing->second;
  if (!name.empty()) {
    if (mode == CatalogMerge::kRejectDuplicates && !merged.name.empty() && merged.name != name) {
      *error = std::string(origin) + ": meta.name '" + name + "' differs from '" + merged.name +
               "' given by another file of language " + lang;
      return false;
    }
    merged.name = name;
  }
  if (!merge_map(file.reply, &merged.reply, mode, "reply", origin, error) ||
      !merge_map(file.status, &merged.status, mode, "status", origin, error) ||
      !merge_map(file.reason, &merged.reason, mode, "reason", origin, error) ||
      !merge_map(file.class_labels, &merged.class_labels, mode, "class_labels", origin, error) ||
      !merge_map(file.subjects, &merged.subjects, mode, "subjects", origin, error) ||
      !merge_map(file.text, &merged.text, mode, "text", origin, error)) {
    return false;
  }
  data->languages[lang] = std::move(merged);
  return true;
}

bool check_catalog_complete(const Catalog::Data& data, std::string* error) {
  if (data.languages.find("en") == data.languages.end()) {
    *error = "the catalog has no English (lang = \"en\"), the fallback language";
    return false;
  }
  for (const auto& [lang, language] : data.languages) {
    if (language.name.empty()) {
      *error = "language '" + lang + "' has no [meta] name in any of its files";
      return false;
    }
  }
  return true;
}

std::shared_ptr<Catalog::Data> load_builtin_catalog_data(std::string* errors) {
  auto data = std::make_shared<Catalog::Data>();
  errors->clear();
  constexpr std::string_view kPrefix = "catalog/";
  for (const embedded::File& f : embedded::files()) {
    if (f.name.substr(0, kPrefix.size()) != kPrefix) continue;
    if (f.name.size() < 5 || f.name.substr(f.name.size() - 5) != ".toml") continue;
    std::string error;
    if (!merge_catalog_file(f.data, f.name, CatalogMerge::kRejectDuplicates, data.get(), &error)) {
      *errors += error + "\n";
    }
  }
  std::string error;
  if (!check_catalog_complete(*data, &error)) *errors += error + "\n";
  return data;
}

}  // namespace smtp_explain
