// Fuzz target: the catalog's code lookups on arbitrary text, as typed on the
// command line or taken from a bounce: explain, explain_reply, explain_status,
// explain_reason and parse_code_query, in every shipped language and in an
// unknown one. Checks that a found explanation is complete and that a code the
// query parser accepts is always explained.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "fuzz_check.h"
#include "smtp_explain/catalog.h"
#include "smtp_explain/codes.h"

namespace {

using namespace smtp_explain;

void check_explanation(const std::optional<Explanation>& e) {
  if (!e) return;
  FUZZ_CHECK(!e->code.empty());
  FUZZ_CHECK(!e->lang.empty());
  FUZZ_CHECK(!e->meaning.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::shared_ptr<const Catalog> catalog = Catalog::builtin();
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  CodeQuery query;
  const bool is_query = parse_code_query(text, &query);
  if (is_query) FUZZ_CHECK(!query.reply.empty() || !query.status.empty());
  match_reply_code(text);
  FUZZ_CHECK(match_status_code(text) <= text.size());
  class_of_code(text);

  for (std::string_view lang : {"en", "es", "hi", "xx", ""}) {
    const std::optional<Explanation> e = catalog->explain(text, lang);
    check_explanation(e);
    if (is_query && (lang == "en" || lang == "es" || lang == "hi")) FUZZ_CHECK(e.has_value());
    check_explanation(catalog->explain_reply(text, lang));
    check_explanation(catalog->explain_status(text, lang));
    const std::optional<Explanation> reason = catalog->explain_reason(text, lang);
    if (reason) FUZZ_CHECK(!reason->title.empty());
    catalog->text(text, lang);
  }
  return 0;
}
