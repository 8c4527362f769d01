// compare_codes() (compare.h): both explanations, the curated pair note and the
// generated differences. Texts are catalog [text] keys under "compare.".
#include "smtp_explain/compare.h"

#include <algorithm>

#include "compare_facts.h"

namespace smtp_explain {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A [text] value or empty when missing (loaders may echo the key for a missing one).
std::string text_or_empty(const Catalog& catalog, const std::string& key, std::string_view lang) {
  std::string v = catalog.text(key, lang);
  return v == key ? std::string() : v;
}

void add_line(std::vector<std::string>* out, std::string line) {
  if (!line.empty()) out->push_back(std::move(line));
}

}  // namespace

std::optional<CodeComparison> compare_codes(std::string_view first, std::string_view second,
                                            const Catalog& catalog, std::string_view lang,
                                            std::string* error) {
  auto fail = [&](std::string message) -> std::optional<CodeComparison> {
    if (error != nullptr) *error = std::move(message);
    return std::nullopt;
  };
  if (!catalog.has_language(lang)) {
    return fail("unknown language '" + std::string(lang) + "'");
  }
  CodeComparison c;
  c.lang = std::string(lang);
  c.first_input = std::string(trim(first));
  c.second_input = std::string(trim(second));
  const std::string* inputs[2] = {&c.first_input, &c.second_input};
  Explanation* sides[2] = {&c.first, &c.second};
  for (int i = 0; i < 2; ++i) {
    std::optional<Explanation> e;
    if (!inputs[i]->empty() && inputs[i]->size() <= 32) e = catalog.explain(*inputs[i], lang);
    if (!e) {
      return fail(std::string(i == 0 ? "first" : "second") + " code '" + *inputs[i] +
                  "' is not an SMTP code (expected e.g. 552, 5.2.2 or \"550 5.1.1\")");
    }
    *sides[i] = std::move(*e);
  }

  CodeFacts a = code_facts(c.first);
  CodeFacts b = code_facts(c.second);
  c.note = text_or_empty(catalog, "compare.pair." + pair_key(c.first.code, c.second.code), lang);
  for (std::string& line : generated_differences(a, b, catalog, lang)) {
    add_line(&c.differences, std::move(line));
  }
  for (std::string& line : generated_which(a, b, catalog, lang)) {
    add_line(&c.which, std::move(line));
  }
  return c;
}

}  // namespace smtp_explain
