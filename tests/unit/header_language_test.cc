// Headers in every shipped language decode back to the catalog's text: the
// explanation survives RFC 2047 encoding and folding, while the codes, the
// recipient and the class stay plain ASCII so filters work in every language.
#include <catch2/catch.hpp>

#include <string>

#include "smtp_explain/catalog.h"
#include "smtp_explain/headers.h"
#include "smtp_explain/providers.h"

using namespace smtp_explain;

namespace {

Report mailbox_full_bounce() {
  Recipient r;
  r.recipient = "user@example.org";
  r.action = "failed";
  r.reply_code = "552";
  r.status = "5.2.2";
  r.cls = DeliveryClass::kPermanent;
  r.reason = smtp_explain::Reason::kMailboxFull;
  Report report;
  report.bounce = true;
  report.kind = Kind::kDsn;
  report.cls = DeliveryClass::kPermanent;
  report.recipients.push_back(r);
  report.recipients_total = 1;
  return report;
}

// RFC 5322 unfolding: remove the line breaks, keep the white space after them.
std::string unfold(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c != '\n') out += c;
  }
  return out;
}

const HeaderField* find_field(const std::vector<HeaderField>& fields, std::string_view name) {
  for (const HeaderField& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("Spanish and Hindi headers decode back to the catalog text", "[render][lang]") {
  const auto catalog = Catalog::builtin();
  const auto rules = ProviderRules::builtin();
  const Report report = mailbox_full_bounce();

  for (const char* lang : {"en", "es", "hi"}) {
    INFO("lang " << lang);
    REQUIRE(catalog->has_language(lang));
    const auto expected = catalog->explain("5.2.2", lang);
    REQUIRE(expected.has_value());
    REQUIRE(expected->lang == lang);  // no fallback to English

    std::vector<RecipientText> texts;
    texts.push_back(rules->explain(report.recipients[0], *catalog, lang));
    REQUIRE(texts[0].source.empty());  // no provider rule for this bounce
    REQUIRE(texts[0].meaning == expected->meaning);
    const auto fields = render_headers(report, texts);

    const HeaderField* cls = find_field(fields, "X-SMTP-Explain-Class");
    REQUIRE(cls != nullptr);
    CHECK(cls->value == "permanent");
    const HeaderField* reason = find_field(fields, "X-SMTP-Explain-Reason");
    REQUIRE(reason != nullptr);
    CHECK(reason->value == "mailboxfull");

    for (const auto& [name, text] :
         {std::pair<std::string, std::string>{"X-SMTP-Explain", expected->meaning},
          {"X-SMTP-Explain-Fix", expected->fix}}) {
      INFO(name);
      const HeaderField* f = find_field(fields, name);
      REQUIRE(f != nullptr);
      for (char c : f->value) CHECK(static_cast<unsigned char>(c) < 0x80);
      const std::string value = unfold(f->value);
      // The tokens filters match on come first, unencoded, in every language.
      const std::string prefix = "552 5.2.2 user@example.org: ";
      REQUIRE(value.substr(0, prefix.size()) == prefix);
      if (std::string_view(lang) != "en") {
        CHECK(value.find("=?UTF-8?") != std::string::npos);
      }
      std::string decoded;
      REQUIRE(decode_words(value, &decoded));
      CHECK(decoded == prefix + text);
    }
  }
}
