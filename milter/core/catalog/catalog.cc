// Catalog (catalog.h): the built-in catalog, run-time overlays, and lookups
// with English fallback. Loading is in catalog_load.cc.
#include "smtp_explain/catalog.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <new>
#include <sstream>

#include "catalog_data.h"
#include "smtp_explain/codes.h"

namespace smtp_explain {
namespace {

constexpr std::string_view kFallbackLang = "en";

std::string& builtin_errors_storage() {
  static std::string errors;
  return errors;
}

// "5.02.001" -> subject "2", detail "1" (numbers without leading zeros).
struct StatusParts {
  char cls = 'X';
  std::string subject;
  std::string detail;
};

std::string strip_zeros(std::string_view digits) {
  std::size_t i = 0;
  while (i + 1 < digits.size() && digits[i] == '0') ++i;
  return std::string(digits.substr(i));
}

bool split_status(std::string_view status, StatusParts* out) {
  if (status.size() < 5 || status[1] != '.') return false;
  std::string_view rest = status.substr(2);
  std::size_t dot = rest.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= rest.size()) return false;
  out->cls = status[0];
  out->subject = strip_zeros(rest.substr(0, dot));
  out->detail = strip_zeros(rest.substr(dot + 1));
  return true;
}

}  // namespace

// Lookups over Data with English fallback and fallback reporting.
class CatalogLookup {
 public:
  CatalogLookup(const Catalog::Data& data, std::string_view lang) : data_(data) {
    auto it = data.languages.find(lang);
    wanted_ = it != data.languages.end() ? &it->second : nullptr;
    wanted_code_ = it != data.languages.end() ? it->first : std::string(kFallbackLang);
    auto en = data.languages.find(kFallbackLang);
    english_ = en != data.languages.end() ? &en->second : nullptr;
  }

  // Returns the entry and sets *lang_used; null if neither language has it.
  template <typename Map>
  const typename Map::mapped_type* find(Map CatalogLanguage::*table, const std::string& key,
                                        std::string_view kind, std::string* lang_used) const {
    if (wanted_ != nullptr) {
      const Map& m = wanted_->*table;
      auto it = m.find(key);
      if (it != m.end()) {
        *lang_used = wanted_code_;
        return &it->second;
      }
    }
    if (english_ != nullptr && english_ != wanted_) {
      const Map& m = english_->*table;
      auto it = m.find(key);
      if (it != m.end()) {
        if (wanted_ != nullptr) report(kind);
        *lang_used = std::string(kFallbackLang);
        return &it->second;
      }
    }
    return nullptr;
  }

  std::string text(const std::string& key) const {
    std::string used;
    const std::string* t = find(&CatalogLanguage::text, key, "text", &used);
    return t != nullptr ? *t : key;
  }

  // The language asked for if the catalog has it, else English.
  const std::string& lang() const { return wanted_code_; }

  std::string class_label(char digit) const {
    std::string used;
    const std::string* t =
        find(&CatalogLanguage::class_labels, std::string(1, digit), "class_labels", &used);
    return t != nullptr ? *t : std::string();
  }

 private:
  void report(std::string_view kind) const {
    std::function<void(std::string_view, std::string_view)> observer;
    {
      std::lock_guard<std::mutex> lock(data_.observer_mutex);
      if (!data_.reported.emplace(wanted_code_, std::string(kind)).second) return;
      observer = data_.observer;
    }
    if (!observer) return;
    try {
      observer(wanted_code_, kind);
    } catch (const std::bad_alloc&) {
      throw;
    } catch (...) {
      // An observer's failure must not break an explanation.
    }
  }

  const Catalog::Data& data_;
  const CatalogLanguage* wanted_ = nullptr;
  const CatalogLanguage* english_ = nullptr;
  std::string wanted_code_;
};

namespace {

Explanation from_entry(const CatalogEntry& e, std::string code, const std::string& lang) {
  Explanation x;
  x.code = std::move(code);
  x.title = e.title;
  x.meaning = e.meaning;
  x.when = e.when;
  x.fix = e.fix;
  x.fix_admin = e.fix_admin;
  x.lang = lang;
  return x;
}

void set_class(const CatalogLookup& look, char digit, Explanation* x) {
  x->cls = class_of_code(std::string_view(&digit, 1));
  x->class_label = (digit >= '2' && digit <= '5') ? look.class_label(digit) : std::string();
}

// Generic text for a well-formed code the catalog lacks, by its class digit.
void fill_generic(const CatalogLookup& look, char digit, Explanation* x) {
  const std::string d = (digit >= '2' && digit <= '5') ? std::string(1, digit) : std::string("any");
  x->when = look.text("generic_when");
  x->fix = look.text("generic_fix_" + d);
  x->fix_admin = look.text("generic_fix_admin");
  x->lang = look.lang();
  x->generic = true;
}

Explanation explain_reply_code(const CatalogLookup& look, const std::string& reply) {
  std::string lang;
  Explanation x;
  if (const CatalogEntry* e = look.find(&CatalogLanguage::reply, reply, "reply", &lang)) {
    x = from_entry(*e, reply, lang);
  } else {
    x.code = reply;
    x.title = look.text("generic_reply_title");
    x.meaning = look.text(std::string("generic_meaning_") + reply[0]);
    fill_generic(look, reply[0], &x);
  }
  set_class(look, reply[0], &x);
  return x;
}

// `class_digit` is the status's own digit, or the reply's when the status is X.s.d.
Explanation explain_status_code(const CatalogLookup& look, const StatusParts& parts,
                                char class_digit) {
  const std::string key = "X." + parts.subject + "." + parts.detail;
  const std::string code = std::string(1, parts.cls) + "." + parts.subject + "." + parts.detail;
  std::string lang;
  Explanation x;
  if (const CatalogEntry* e = look.find(&CatalogLanguage::status, key, "status", &lang)) {
    x = from_entry(*e, code, lang);
  } else {
    x.code = code;
    const CatalogSubject* s =
        look.find(&CatalogLanguage::subjects, parts.subject, "subjects", &lang);
    const std::string d =
        (class_digit >= '2' && class_digit <= '5') ? std::string(1, class_digit) : std::string();
    const std::string class_meaning = d.empty() ? std::string() : look.text("generic_meaning_" + d);
    if (s != nullptr) {
      x.title = s->title;
      x.meaning = s->meaning + (class_meaning.empty() ? "" : " " + class_meaning);
    } else {
      x.title = look.text("generic_status_title");
      x.meaning = class_meaning.empty() ? look.text("generic_status_title") : class_meaning;
    }
    fill_generic(look, class_digit, &x);
  }
  set_class(look, class_digit, &x);
  return x;
}

}  // namespace

Catalog::Catalog(std::shared_ptr<Data> data) : data_(std::move(data)) {}
Catalog::~Catalog() = default;

std::shared_ptr<const Catalog> Catalog::builtin() {
  static const std::shared_ptr<const Catalog> instance = [] {
    auto data = load_builtin_catalog_data(&builtin_errors_storage());
    return std::make_shared<const Catalog>(std::move(data));
  }();
  return instance;
}

const std::string& builtin_catalog_errors() {
  (void)Catalog::builtin();
  return builtin_errors_storage();
}

std::shared_ptr<const Catalog> Catalog::load_string(std::string_view toml, std::string_view origin,
                                                    std::string* error) {
  auto data = std::make_shared<Data>();
  data->languages = builtin()->data_->languages;
  std::string scratch;
  std::string* err = error != nullptr ? error : &scratch;
  if (!merge_catalog_file(toml, origin, CatalogMerge::kOverride, data.get(), err)) return nullptr;
  if (!check_catalog_complete(*data, err)) {
    *err = std::string(origin) + ": " + *err;
    return nullptr;
  }
  return std::make_shared<const Catalog>(std::move(data));
}

std::shared_ptr<const Catalog> Catalog::load_file(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error != nullptr) *error = path + ": cannot open: " + std::strerror(errno);
    return nullptr;
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) {
    if (error != nullptr) *error = path + ": read error";
    return nullptr;
  }
  return load_string(contents.str(), path, error);
}

std::optional<Explanation> Catalog::explain(std::string_view code, std::string_view lang) const {
  CodeQuery q;
  if (!parse_code_query(code, &q)) return std::nullopt;
  const CatalogLookup look(*data_, lang);
  StatusParts parts;
  const bool has_status = !q.status.empty() && split_status(q.status, &parts);
  const bool has_reply = q.reply.size() == 3;
  const char class_digit = has_status && parts.cls != 'X' ? parts.cls
                           : has_reply                    ? q.reply[0]
                                                          : 'X';
  const bool unspecific = has_status && parts.subject == "0" && parts.detail == "0";

  // Most specific known text first: the status (unless X.0.0), then the reply
  // code, then whatever is left (generic).
  std::optional<Explanation> status, reply;
  if (has_status && !unspecific) {
    status = explain_status_code(look, parts, class_digit);
    if (!status->generic) return status;
  }
  if (has_reply) {
    reply = explain_reply_code(look, q.reply);
    if (!reply->generic || !has_status) return reply;
  }
  if (status) return status;
  if (has_status) return explain_status_code(look, parts, class_digit);
  return std::nullopt;
}

std::optional<Explanation> Catalog::explain_reply(std::string_view reply,
                                                  std::string_view lang) const {
  CodeQuery q;
  if (!parse_code_query(reply, &q) || q.reply.size() != 3 || !q.status.empty()) return std::nullopt;
  return explain_reply_code(CatalogLookup(*data_, lang), q.reply);
}

std::optional<Explanation> Catalog::explain_status(std::string_view status,
                                                   std::string_view lang) const {
  CodeQuery q;
  StatusParts parts;
  if (!parse_code_query(status, &q) || !q.reply.empty() || !split_status(q.status, &parts)) {
    return std::nullopt;
  }
  return explain_status_code(CatalogLookup(*data_, lang), parts, parts.cls);
}

std::optional<Explanation> Catalog::explain_reason(std::string_view reason,
                                                   std::string_view lang) const {
  const CatalogLookup look(*data_, lang);
  std::string used;
  const CatalogEntry* e = look.find(&CatalogLanguage::reason, std::string(reason), "reason", &used);
  if (e == nullptr) return std::nullopt;
  return from_entry(*e, std::string(reason), used);
}

std::string Catalog::text(std::string_view key, std::string_view lang) const {
  return CatalogLookup(*data_, lang).text(std::string(key));
}

std::vector<std::string> Catalog::languages() const {
  std::vector<std::string> out;
  for (const auto& [code, language] : data_->languages) out.push_back(code);
  return out;
}

bool Catalog::has_language(std::string_view lang) const {
  return data_->languages.find(lang) != data_->languages.end();
}

void Catalog::set_fallback_observer(
    std::function<void(std::string_view lang, std::string_view what)> f) const {
  std::lock_guard<std::mutex> lock(data_->observer_mutex);
  data_->observer = std::move(f);
}

}  // namespace smtp_explain
