// Comparing two SMTP codes side by side ("smtp-explain compare 221 452"): each
// code's class, title, meaning, when and fix from the catalog, a curated note
// for the pairs users often confuse, and key differences generated from the
// structured data (retry or not, same subject or not, who must act).
// Works for reply codes, enhanced status codes, both mixed, and valid codes the
// catalog lacks (explained generically). Text comes from the catalog's [text]
// keys "compare.*" in the requested language (English where missing).
// Thread safety: pure functions over an immutable Catalog.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "smtp_explain/catalog.h"

namespace smtp_explain {

struct CodeComparison {
  std::string lang;         // language asked for
  std::string first_input;  // the codes as the user typed them (trimmed)
  std::string second_input;
  Explanation first;  // generic = true for a code the catalog lacks
  Explanation second;
  std::string note;                      // curated note for this pair, or empty
  std::vector<std::string> differences;  // "key differences", generated
  std::vector<std::string> which;        // "when to expect which", generated
};

// Compares two codes in `lang`. Returns nullopt and sets *error (English, names
// the offending argument) when a code is not a valid SMTP code or the language
// is not in the catalog.
std::optional<CodeComparison> compare_codes(std::string_view first, std::string_view second,
                                            const Catalog& catalog, std::string_view lang,
                                            std::string* error);

// Human-readable rendering (UTF-8, LF line ends) with headings in c.lang.
std::string format_comparison_text(const CodeComparison& c, const Catalog& catalog);

// One JSON object: {"lang", "codes": [{...}, {...}], "note", "differences", "when_to_expect"}.
std::string format_comparison_json(const CodeComparison& c);

}  // namespace smtp_explain
