// Rendering a CodeComparison as text or JSON (compare.h).
#include <cstdio>

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

void append_json_string(std::string* out, std::string_view s) {
  *out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          *out += buf;
        } else {
          *out += static_cast<char>(c);
        }
    }
  }
  *out += '"';
}

void append_json_side(std::string* out, const std::string& input, const Explanation& e) {
  *out += "{\"input\":";
  append_json_string(out, input);
  const std::pair<const char*, const std::string*> fields[] = {
      {"code", &e.code},           {"title", &e.title}, {"class_label", &e.class_label},
      {"meaning", &e.meaning},     {"when", &e.when},   {"fix", &e.fix},
      {"fix_admin", &e.fix_admin}, {"lang", &e.lang},
  };
  for (const auto& [name, value] : fields) {
    *out += ",\"";
    *out += name;
    *out += "\":";
    append_json_string(out, *value);
  }
  *out += ",\"class\":";
  append_json_string(out, to_string(e.cls));
  *out += ",\"generic\":";
  *out += e.generic ? "true" : "false";
  *out += "}";
}

void append_json_list(std::string* out, const std::vector<std::string>& list) {
  *out += "[";
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i != 0) *out += ",";
    append_json_string(out, list[i]);
  }
  *out += "]";
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
  std::string out = "{\"lang\":";
  append_json_string(&out, c.lang);
  out += ",\"codes\":[";
  append_json_side(&out, c.first_input, c.first);
  out += ",";
  append_json_side(&out, c.second_input, c.second);
  out += "],\"note\":";
  append_json_string(&out, c.note);
  out += ",\"differences\":";
  append_json_list(&out, c.differences);
  out += ",\"when_to_expect\":";
  append_json_list(&out, c.which);
  out += "}\n";
  return out;
}

}  // namespace smtp_explain
