// Rendering a CodeComparison as text or JSON (compare.h).
#include <nlohmann/json.hpp>

#include "compare_facts.h"
#include "smtp_explain/compare.h"

namespace smtp_explain {
namespace {

std::string label(const Catalog& catalog, std::string_view key, std::string_view lang) {
  std::string v = catalog.text(key, lang);
  return v == key ? std::string() : v;
}

// "5xx" for a reply code, "5.x.x" for an enhanced status code.
std::string class_pattern(const Explanation& e) {
  if (e.code.empty()) return {};
  bool status = e.code.find('.') != std::string::npos;
  return std::string(1, e.code[0]) + (status ? ".x.x" : "xx");
}

void append_side(std::string* out, const Explanation& e, const Catalog& catalog,
                 std::string_view lang) {
  *out += "== " + e.code;
  if (!e.title.empty()) *out += ": " + e.title;
  *out += "\n";
  if (e.generic) *out += "   " + label(catalog, "generic_note", lang) + "\n";
  auto field = [&](std::string_view key, const std::string& value) {
    if (value.empty()) return;
    *out += "   " + label(catalog, key, lang) + ": " + value + "\n";
  };
  field("label_class", class_pattern(e) + " " + e.class_label);
  field("label_meaning", e.meaning);
  field("label_when", e.when);
  field("label_fix", e.fix);
  field("label_fix_admin", e.fix_admin);
}

using Json = nlohmann::ordered_json;

Json json_side(const std::string& input, const Explanation& e) {
  return Json{{"input", input},       {"code", e.code},
              {"title", e.title},     {"class_label", e.class_label},
              {"meaning", e.meaning}, {"when", e.when},
              {"fix", e.fix},         {"fix_admin", e.fix_admin},
              {"lang", e.lang},       {"class", std::string(to_string(e.cls))},
              {"generic", e.generic}};
}

// Appended piece by piece: "\n" + std::string(...) chains trip GCC 12's
// -Wrestrict false positive (GCC bug 105651) when inlined.
void append_heading(std::string* out, const std::string& heading) {
  *out += '\n';
  *out += heading;
  *out += '\n';
}

void append_items(std::string* out, const std::vector<std::string>& items) {
  for (const std::string& item : items) {
    *out += " - ";
    *out += item;
    *out += '\n';
  }
}

}  // namespace

std::string format_comparison_text(const CodeComparison& c, const Catalog& catalog) {
  std::string out;
  append_side(&out, c.first, catalog, c.lang);
  out += "\n";
  append_side(&out, c.second, catalog, c.lang);
  if (!c.note.empty()) {
    append_heading(&out, label(catalog, "compare.heading.note", c.lang));
    out += "   ";
    out += c.note;
    out += '\n';
  }
  if (!c.differences.empty()) {
    append_heading(&out, label(catalog, "compare.heading.differences", c.lang));
    append_items(&out, c.differences);
  }
  if (!c.which.empty()) {
    append_heading(&out, label(catalog, "compare.heading.which", c.lang));
    append_items(&out, c.which);
  }
  return out;
}

std::string format_comparison_json(const CodeComparison& c) {
  const Json out = {
      {"lang", c.lang},
      {"codes", {json_side(c.first_input, c.first), json_side(c.second_input, c.second)}},
      {"note", c.note},
      {"differences", c.differences},
      {"when_to_expect", c.which}};
  // Catalog text is UTF-8; anything else is replaced rather than thrown on.
  return out.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace smtp_explain
