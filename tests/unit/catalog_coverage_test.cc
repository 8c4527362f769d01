// Catalog coverage: every reply code and enhanced status code of the shared
// reference lists, every reason name and every provider rule has all its text
// fields, non-empty, in every shipped language (en, es, hi). Reads the built-in
// (embedded) catalog files directly so that English fallback cannot hide a gap.
#include <toml++/toml.h>
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "embedded.h"
#include "test_support.h"

namespace {

const char* const kLanguages[] = {"en", "es", "hi"};
const char* const kCodeFields[] = {"title", "meaning", "when", "fix", "fix_admin"};
// All embedded catalog files of one language merged (sections reply, status,
// reason as tables of tables; text flattened to dotted keys).
struct Language {
  std::map<std::string, std::map<std::string, std::string>> reply, status, reason;
  std::map<std::string, std::string> text;
};

void flatten(const toml::table& t, const std::string& prefix,
             std::map<std::string, std::string>* out) {
  for (const auto& [k, v] : t) {
    std::string key = prefix + std::string(k.str());
    if (const toml::table* sub = v.as_table()) {
      flatten(*sub, key + ".", out);
    } else if (const auto* s = v.as_string()) {
      (*out)[key] = s->get();
    }
  }
}

void entries(const toml::node* section,
             std::map<std::string, std::map<std::string, std::string>>* out) {
  if (section == nullptr || !section->is_table()) return;
  for (const auto& [code, entry] : *section->as_table()) {
    if (const toml::table* t = entry.as_table()) flatten(*t, "", &(*out)[std::string(code.str())]);
  }
}

const std::map<std::string, Language>& languages() {
  static const std::map<std::string, Language> kAll = [] {
    std::map<std::string, Language> all;
    for (const auto& f : smtp_explain::embedded::files()) {
      if (f.name.rfind("catalog/", 0) != 0) continue;
      toml::table root = toml::parse(f.data, f.name);
      std::string lang = root["meta"]["lang"].value_or(std::string());
      Language& l = all[lang];
      entries(root.get("reply"), &l.reply);
      entries(root.get("status"), &l.status);
      entries(root.get("reason"), &l.reason);
      if (const toml::table* t = root["text"].as_table()) flatten(*t, "", &l.text);
    }
    return all;
  }();
  return kAll;
}

// First column of a reference TSV (lines starting with '#' and the header skipped).
std::vector<std::string> reference_codes(const std::string& file) {
  std::ifstream in(std::string(SMTP_EXPLAIN_SHARED_DIR "/reference/") + file);
  REQUIRE(in);
  std::vector<std::string> codes;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::string code = line.substr(0, line.find('\t'));
    if (code.empty() || !(code[0] >= '0' && code[0] <= '9') && code[0] != 'X') continue;
    codes.push_back(code);
  }
  return codes;
}

// "5.2.2" and "X.2.2" are both keyed "X.2.2" in the catalog.
std::string status_key(std::string code) {
  if (!code.empty() && code[0] != 'X') code[0] = 'X';
  return code;
}

void check_entry(const std::map<std::string, std::map<std::string, std::string>>& section,
                 const std::string& key, const std::string& lang, const char* what) {
  auto it = section.find(key);
  INFO(lang << ": " << what << " " << key);
  REQUIRE(it != section.end());
  for (const char* field : kCodeFields) {
    if (std::string(what) == "reason" &&
        (std::string(field) == "when" || std::string(field) == "fix_admin")) {
      continue;  // reasons have title, meaning, fix
    }
    auto f = it->second.find(field);
    INFO("field " << field);
    CHECK((f != it->second.end() && !f->second.empty()));
  }
}

}  // namespace

TEST_CASE("every reference reply code is explained in every language", "[coverage]") {
  auto codes = reference_codes("codes-reply.tsv");
  REQUIRE(codes.size() >= 40);
  for (const char* lang : kLanguages) {
    REQUIRE(languages().count(lang) == 1);
    for (const std::string& code : codes)
      check_entry(languages().at(lang).reply, code, lang, "reply");
  }
}

TEST_CASE("every reference enhanced status code is explained in every language", "[coverage]") {
  auto codes = reference_codes("codes-enhanced.tsv");
  REQUIRE(codes.size() >= 60);
  for (const char* lang : kLanguages) {
    REQUIRE(languages().count(lang) == 1);
    for (const std::string& code : codes) {
      check_entry(languages().at(lang).status, status_key(code), lang, "status");
    }
  }
}

TEST_CASE("every reason is explained in every language", "[coverage]") {
  for (const char* lang : kLanguages) {
    REQUIRE(languages().count(lang) == 1);
    for (const char* reason : smtp_explain::test::kCatalogReasons)
      check_entry(languages().at(lang).reason, reason, lang, "reason");
  }
}

TEST_CASE("every provider rule has its texts in every language", "[coverage]") {
  toml::table rules = toml::parse(smtp_explain::embedded::find("providers.toml"),
                                  std::string_view("providers.toml"));
  const toml::array* list = rules["rule"].as_array();
  REQUIRE(list != nullptr);
  REQUIRE(list->size() >= 60);
  for (const char* lang : kLanguages) {
    REQUIRE(languages().count(lang) == 1);
    const auto& text = languages().at(lang).text;
    for (const toml::node& n : *list) {
      std::string id = (*n.as_table())["id"].value_or(std::string());
      for (const char* field : {"meaning", "fix"}) {
        std::string key = "provider." + id + "." + field;
        INFO(lang << ": " << key);
        auto it = text.find(key);
        CHECK((it != text.end() && !it->second.empty()));
      }
    }
  }
}

// Every user-interface text: the CLI's labels, compare's sentences, the audit
// summary's headings, the provider rules' texts.
TEST_CASE("every text of English exists in every language", "[coverage]") {
  const auto& en = languages().at("en").text;
  for (const char* lang : kLanguages) {
    REQUIRE(languages().count(lang) == 1);
    const auto& text = languages().at(lang).text;
    for (const auto& [key, value] : en) {
      INFO(lang << ": " << key);
      auto it = text.find(key);
      CHECK((it != text.end() && !it->second.empty()));
    }
  }
}
