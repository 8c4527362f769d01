// Unit tests for the catalog: coverage of the reference code lists, the query
// forms explain() accepts, generic explanations, English fallback with its
// observer, overlays, and schema errors that name the file and line.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "catalog_data.h"
#include "smtp_explain/catalog.h"
#include "test_support.h"

using smtp_explain::Catalog;
using smtp_explain::DeliveryClass;

namespace {

std::vector<std::string> first_column(const std::string& file) {
  std::ifstream in(std::string(SMTP_EXPLAIN_SHARED_DIR) + "/reference/" + file);
  REQUIRE(in);
  std::vector<std::string> codes;
  std::string line;
  std::getline(in, line);  // header row
  while (std::getline(in, line)) {
    if (!line.empty()) codes.push_back(line.substr(0, line.find('\t')));
  }
  return codes;
}

void require_complete(const smtp_explain::Explanation& e, bool reason = false) {
  INFO(e.code);
  CHECK_FALSE(e.generic);
  CHECK_FALSE(e.title.empty());
  CHECK_FALSE(e.meaning.empty());
  CHECK_FALSE(e.fix.empty());
  if (!reason) {
    CHECK_FALSE(e.when.empty());
    CHECK_FALSE(e.fix_admin.empty());
  }
}

const char* const kMinimalFr = R"(
[meta]
lang = "fr"
name = "Français"
[reply."552"]
title = "Stockage dépassé"
meaning = "m"
when = "w"
fix = "f"
fix_admin = "fa"
)";

}  // namespace

TEST_CASE("the built-in catalog loads without errors", "[catalog]") {
  INFO(smtp_explain::builtin_catalog_errors());
  CHECK(smtp_explain::builtin_catalog_errors().empty());
  auto c = Catalog::builtin();
  REQUIRE(c != nullptr);
  CHECK(c->has_language("en"));
  CHECK_FALSE(c->has_language("xx"));
}

TEST_CASE("English explains every reference reply code, status code and reason", "[catalog]") {
  auto c = Catalog::builtin();
  for (const std::string& code : first_column("codes-reply.tsv")) {
    auto e = c->explain_reply(code, "en");
    REQUIRE(e);
    CHECK(e->lang == "en");
    require_complete(*e);
  }
  for (const std::string& code : first_column("codes-enhanced.tsv")) {
    auto e = c->explain(code, "en");
    REQUIRE(e);
    require_complete(*e);
  }
  for (const char* reason : smtp_explain::test::kCatalogReasons) {
    auto e = c->explain_reason(reason, "en");
    REQUIRE(e);
    require_complete(*e, true);
  }
  for (char d = '2'; d <= '5'; ++d) {
    auto e = c->explain(std::string(1, d) + "00", "en");
    REQUIRE(e);
    CHECK_FALSE(e->class_label.empty());
  }
}

TEST_CASE("every shipped language has every English entry (no fallback needed)", "[catalog]") {
  auto c = Catalog::builtin();
  std::set<std::string> missing;
  c->set_fallback_observer([&](std::string_view lang, std::string_view what) {
    missing.insert(std::string(lang) + ":" + std::string(what));
  });
  for (const std::string& lang : c->languages()) {
    for (const std::string& code : first_column("codes-reply.tsv")) (void)c->explain(code, lang);
    for (const std::string& code : first_column("codes-enhanced.tsv")) (void)c->explain(code, lang);
    for (const char* reason : smtp_explain::test::kCatalogReasons)
      (void)c->explain_reason(reason, lang);
    (void)c->text("more_recipients", lang);
  }
  c->set_fallback_observer(nullptr);
  std::string all;
  for (const auto& m : missing) all += m + " ";
  INFO("languages falling back to English for: " << all);
  CHECK(missing.empty());
}

TEST_CASE("explain accepts reply, status, both, dash form and X form", "[catalog]") {
  auto c = Catalog::builtin();
  auto reply = c->explain("552", "en");
  REQUIRE(reply);
  CHECK(reply->code == "552");
  CHECK(reply->cls == DeliveryClass::kPermanent);
  CHECK(reply->meaning.find("452") != std::string::npos);  // RFC 5321's advice

  auto status = c->explain("4.2.2", "en");
  REQUIRE(status);
  CHECK(status->code == "4.2.2");
  CHECK(status->title == "Mailbox full");
  CHECK(status->cls == DeliveryClass::kTransient);
  CHECK_FALSE(status->class_label.empty());

  for (const char* q : {"550 5.1.1", "550-5.1.1"}) {
    auto both = c->explain(q, "en");
    REQUIRE(both);
    CHECK(both->code == "5.1.1");  // status preferred
    CHECK(both->title == "Bad destination mailbox address");
    CHECK(both->cls == DeliveryClass::kPermanent);
  }

  auto x = c->explain("X.2.2", "en");
  REQUIRE(x);
  CHECK(x->title == "Mailbox full");
  CHECK(x->cls == DeliveryClass::kNone);
  CHECK_FALSE(x->generic);

  // X.0.0 says nothing: the reply code explains instead.
  auto unspecific = c->explain("550 5.0.0", "en");
  REQUIRE(unspecific);
  CHECK(unspecific->code == "550");

  auto goodbye = c->explain("221", "en");
  REQUIRE(goodbye);
  CHECK(goodbye->cls == DeliveryClass::kSuccess);
  CHECK(goodbye->meaning.find("not an error") != std::string::npos);
}

TEST_CASE("text that is not a code is refused", "[catalog]") {
  auto c = Catalog::builtin();
  for (const char* bad : {"", "55", "5522", "hello", "6.1.1", "5.1", "552 x", "1.2.3"}) {
    INFO(bad);
    CHECK_FALSE(c->explain(bad, "en"));
  }
  CHECK_FALSE(c->explain_reply("5.2.2", "en"));
  CHECK_FALSE(c->explain_status("552", "en"));
  CHECK_FALSE(c->explain_reason("nosuchreason", "en"));
}

TEST_CASE("unknown codes of valid form are explained from class and subject", "[catalog]") {
  auto c = Catalog::builtin();
  auto r = c->explain("599", "en");
  REQUIRE(r);
  CHECK(r->generic);
  CHECK(r->cls == DeliveryClass::kPermanent);
  CHECK_FALSE(r->meaning.empty());
  CHECK_FALSE(r->fix.empty());

  auto s = c->explain("4.2.99", "en");
  REQUIRE(s);
  CHECK(s->generic);
  CHECK(s->code == "4.2.99");
  CHECK(s->title == "Mailbox status");
  CHECK(s->cls == DeliveryClass::kTransient);

  auto unknown_subject = c->explain("5.9.1", "en");
  REQUIRE(unknown_subject);
  CHECK(unknown_subject->generic);
  CHECK_FALSE(unknown_subject->title.empty());

  // A known reply beats an unknown status.
  auto mixed = c->explain("550 5.7.99", "en");
  REQUIRE(mixed);
  CHECK_FALSE(mixed->generic);
  CHECK(mixed->code == "550");
}

TEST_CASE("overlay adds a language; missing text falls back to English once", "[catalog]") {
  std::string error;
  auto c = Catalog::load_string(kMinimalFr, "fr.toml", &error);
  INFO(error);
  REQUIRE(c != nullptr);
  CHECK(c->has_language("fr"));
  int calls = 0;
  std::string seen;
  c->set_fallback_observer([&](std::string_view lang, std::string_view what) {
    ++calls;
    seen = std::string(lang) + "/" + std::string(what);
  });
  auto own = c->explain("552", "fr");
  REQUIRE(own);
  CHECK(own->lang == "fr");
  CHECK(own->title == "Stockage dépassé");
  CHECK(calls == 1);  // the class label came from English
  auto fallback = c->explain("550", "fr");
  REQUIRE(fallback);
  CHECK(fallback->lang == "en");
  CHECK(fallback->title == Catalog::builtin()->explain("550", "en")->title);
  (void)c->explain("421", "fr");
  CHECK(calls == 2);  // "reply" reported once, however often it happens
  CHECK(seen == "fr/reply");
  CHECK(c->text("more_recipients", "fr") == "more recipients not listed");
  // The built-in catalog is not changed by an overlay.
  CHECK_FALSE(Catalog::builtin()->has_language("fr"));
}

TEST_CASE("overlay replaces single built-in entries", "[catalog]") {
  std::string error;
  auto c = Catalog::load_string("[meta]\nlang = \"en\"\n[text]\nmore_recipients = \"others\"\n",
                                "site.toml", &error);
  INFO(error);
  REQUIRE(c != nullptr);
  CHECK(c->text("more_recipients", "en") == "others");
  CHECK(c->explain("552", "en")->title == Catalog::builtin()->explain("552", "en")->title);
}

TEST_CASE("schema errors name the file and line", "[catalog]") {
  struct Case {
    const char* toml;
    const char* expect;  // part of the error
  };
  const Case cases[] = {
      {"[meta]\nlang = \"en\"\n[reply.\"552\"]\ntitle = \"t\"\n", "site.toml:3:"},
      {"[meta]\nlang = \"en\"\n[reply.\"552\"]\ntitle = \"t\"\n", "missing field 'meaning'"},
      {"[meta]\nlang = \"en\"\n[reply.\"999\"]\n", "invalid key '999'"},
      {"[meta]\nlang = \"en\"\n[status.\"5.2.2\"]\n", "invalid key '5.2.2'"},
      {"[meta]\nlang = \"en\"\n[colours]\nx = 1\n", "unknown table [colours]"},
      {"[meta]\nlang = \"en\"\n[text]\nx = \"a\\nb\"\n", "site.toml:4:"},
      {"[meta]\nlang = \"en\"\n[text]\nx = 3\n", "must be a string"},
      {"[meta]\nlang = \"english\"\n", "two-letter"},
      {"[text]\nx = \"y\"\n", "missing [meta]"},
      {"[meta]\nlang = \"de\"\n", "has no [meta] name"},
      {"[meta]\nlang = \"en\"\n[text\n", "site.toml:3:"},
      {"[meta]\nlang = \"en\"\n[reason.mailboxfull]\ntitle = \"t\"\nmeaning = \"m\"\nfix = "
       "\"f\"\nwhen = \"w\"\n",
       "unknown field 'when'"},
  };
  for (const Case& k : cases) {
    std::string error;
    INFO(k.toml);
    CHECK(Catalog::load_string(k.toml, "site.toml", &error) == nullptr);
    CHECK_THAT(error, Catch::Contains(k.expect));
  }
  std::string error;
  CHECK(Catalog::load_file("/nonexistent/catalog.toml", &error) == nullptr);
  CHECK_THAT(error, Catch::Contains("/nonexistent/catalog.toml"));
}

TEST_CASE("a key defined twice across files of one language is an error", "[catalog]") {
  Catalog::Data data;
  std::string error;
  const char* file = "[meta]\nlang = \"en\"\nname = \"English\"\n[text]\nx = \"1\"\n";
  REQUIRE(smtp_explain::merge_catalog_file(
      file, "a.toml", smtp_explain::CatalogMerge::kRejectDuplicates, &data, &error));
  CHECK_FALSE(smtp_explain::merge_catalog_file(
      file, "b.toml", smtp_explain::CatalogMerge::kRejectDuplicates, &data, &error));
  CHECK_THAT(error, Catch::Contains("b.toml") && Catch::Contains("text.x"));
}

TEST_CASE("catalog text for the CLI and headers exists", "[catalog]") {
  auto c = Catalog::builtin();
  CHECK(c->text("more_recipients", "en") == "more recipients not listed");
  CHECK(c->text("no.such.key", "en") == "no.such.key");
  const auto langs = c->languages();
  CHECK(std::find(langs.begin(), langs.end(), "en") != langs.end());
}
