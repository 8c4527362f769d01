// A small JSON reader for Amazon SES/SNS notifications (amazonses.cc): enough
// of RFC 8259 to walk objects, arrays and strings (with \uXXXX escapes made
// UTF-8); numbers, true, false and null are kept as their text. Depth is
// bounded, the work is linear in the input, errors are a false return.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smtp_explain::ses_json {

struct Value {
  enum class Kind { kNull, kScalar, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  std::string text;                                    // string value or scalar text
  std::vector<Value> items;                            // array elements
  std::vector<std::pair<std::string, Value>> members;  // object members, in order

  bool is_string() const { return kind == Kind::kString; }
  // The member called `key` of an object, or nullptr.
  const Value* get(std::string_view key) const;
  // The string member `key`, or empty.
  std::string_view str(std::string_view key) const;
};

// Parses `json` (a whole document) into `out`. False on any syntax error,
// on nesting deeper than 32 levels, or on trailing garbage.
bool parse(std::string_view json, Value* out);

}  // namespace smtp_explain::ses_json
