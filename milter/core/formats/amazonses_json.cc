#include "amazonses_json.h"

#include "utf8_encode.h"

namespace smtp_explain::ses_json {
namespace {

constexpr int kMaxDepth = 32;

struct Reader {
  std::string_view s;
  std::size_t i = 0;

  void ws() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  }

  bool read_hex4(unsigned* cp) {
    if (i + 4 > s.size()) return false;
    unsigned v = 0;
    for (int k = 0; k < 4; ++k) {
      const int h = hex_digit_value(s[i + k]);
      if (h < 0) return false;
      v = v * 16 + static_cast<unsigned>(h);
    }
    i += 4;
    *cp = v;
    return true;
  }

  bool string(std::string* out) {
    if (i >= s.size() || s[i] != '"') return false;
    ++i;
    while (i < s.size()) {
      const char c = s[i++];
      if (c == '"') return true;
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      if (i >= s.size()) return false;
      const char e = s[i++];
      switch (e) {
        case '"':
          out->push_back('"');
          break;
        case '\\':
          out->push_back('\\');
          break;
        case '/':
          out->push_back('/');
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case 'n':
          out->push_back('\n');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'u': {
          unsigned cp = 0;
          if (!read_hex4(&cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < s.size() && s[i] == '\\' && s[i + 1] == 'u') {
            i += 2;
            unsigned lo = 0;
            if (!read_hex4(&lo)) return false;
            if (lo >= 0xDC00 && lo < 0xE000) cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          append_utf8(cp, out);
          break;
        }
        default:
          return false;
      }
    }
    return false;
  }

  bool value(Value* v, int depth) {
    if (depth > kMaxDepth) return false;
    ws();
    if (i >= s.size()) return false;
    const char c = s[i];
    if (c == '"') {
      v->kind = Value::Kind::kString;
      return string(&v->text);
    }
    if (c == '{') {
      v->kind = Value::Kind::kObject;
      ++i;
      ws();
      if (i < s.size() && s[i] == '}') return ++i, true;
      while (true) {
        ws();
        std::string key;
        if (!string(&key)) return false;
        ws();
        if (i >= s.size() || s[i] != ':') return false;
        ++i;
        Value member;
        if (!value(&member, depth + 1)) return false;
        v->members.emplace_back(std::move(key), std::move(member));
        ws();
        if (i >= s.size()) return false;
        if (s[i] == ',') {
          ++i;
          continue;
        }
        if (s[i] == '}') return ++i, true;
        return false;
      }
    }
    if (c == '[') {
      v->kind = Value::Kind::kArray;
      ++i;
      ws();
      if (i < s.size() && s[i] == ']') return ++i, true;
      while (true) {
        Value item;
        if (!value(&item, depth + 1)) return false;
        v->items.push_back(std::move(item));
        ws();
        if (i >= s.size()) return false;
        if (s[i] == ',') {
          ++i;
          continue;
        }
        if (s[i] == ']') return ++i, true;
        return false;
      }
    }
    // Scalars: numbers, true, false, null.
    const std::size_t start = i;
    while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' &&
           s[i] != '\n' && s[i] != '\t' && s[i] != '\r') {
      ++i;
    }
    if (i == start) return false;
    v->text = std::string(s.substr(start, i - start));
    v->kind = v->text == "null" ? Value::Kind::kNull : Value::Kind::kScalar;
    return true;
  }
};

}  // namespace

const Value* Value::get(std::string_view key) const {
  for (const auto& [k, v] : members) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::string_view Value::str(std::string_view key) const {
  const Value* v = get(key);
  return v != nullptr && v->is_string() ? std::string_view(v->text) : std::string_view{};
}

bool parse(std::string_view json, Value* out) {
  Reader r{json};
  *out = Value{};
  if (!r.value(out, 0)) return false;
  r.ws();
  return r.i == json.size();
}

}  // namespace smtp_explain::ses_json
