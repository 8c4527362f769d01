// compare_codes() and its renderings (compare.h), in every catalog language.
#include <catch2/catch.hpp>

#include "compare_facts.h"
#include "smtp_explain/compare.h"

using namespace smtp_explain;

namespace {
CodeComparison must_compare(std::string_view a, std::string_view b, std::string_view lang) {
  std::string error;
  auto c = compare_codes(a, b, *Catalog::builtin(), lang, &error);
  INFO(a << " vs " << b << " in " << lang << ": " << error);
  REQUIRE(c.has_value());
  return *c;
}
}  // namespace

TEST_CASE("compare: both sides explained, classes and curated note", "[compare]") {
  auto catalog = Catalog::builtin();
  CodeComparison c = must_compare("221", "452", "en");
  CHECK(c.first.code == "221");
  CHECK(c.second.code == "452");
  CHECK(c.first.cls == DeliveryClass::kSuccess);
  CHECK(c.second.cls == DeliveryClass::kTransient);
  CHECK(c.first.title == catalog->explain("221", "en")->title);
  CHECK_FALSE(c.note.empty());
  CHECK(c.note == catalog->text("compare.pair.221_452", "en"));
  // Order of the arguments does not matter for the note.
  CHECK(must_compare("452", "221", "en").note == c.note);
  REQUIRE(c.differences.size() >= 2);
  CHECK(c.differences[0].find("221") != std::string::npos);
  CHECK(c.differences[1].find("452") != std::string::npos);
  std::string text = format_comparison_text(c, *catalog);
  CHECK(text.find(catalog->text("compare.heading.differences", "en")) != std::string::npos);
  CHECK(text.find(c.first.meaning) != std::string::npos);
  CHECK(text.find(c.second.fix) != std::string::npos);
}

TEST_CASE("compare: curated pairs exist in every language", "[compare]") {
  auto catalog = Catalog::builtin();
  const char* pairs[][2] = {{"221", "452"},     {"421", "452"}, {"452", "552"}, {"450", "550"},
                            {"4.2.2", "5.2.2"}, {"421", "450"}, {"550", "554"}, {"452", "455"}};
  for (const std::string& lang : {std::string("en"), std::string("es"), std::string("hi")}) {
    for (auto& p : pairs) {
      CodeComparison c = must_compare(p[0], p[1], lang);
      INFO(p[0] << "/" << p[1] << " " << lang);
      CHECK_FALSE(c.note.empty());
      CHECK(c.note == catalog->text("compare.pair." + pair_key(c.first.code, c.second.code), lang));
      if (lang != "en") {
        CHECK(c.note !=
              catalog->text("compare.pair." + pair_key(c.first.code, c.second.code), "en"));
      }
    }
  }
}

TEST_CASE("compare: generated differences for any pair", "[compare]") {
  // Same class: says so; transient vs permanent: escalation line in "which".
  CodeComparison same = must_compare("550", "553", "en");
  CHECK(same.note.empty());
  CHECK(same.differences[0].find("same class") != std::string::npos);
  CodeComparison t_p = must_compare("4.7.1", "5.1.1", "en");
  bool escalation = false;
  for (const auto& w : t_p.which) escalation |= w.find("4.7.1 can turn") != std::string::npos;
  CHECK(escalation);
  // Subjects: 5.1.1 (addressing) against 5.2.2 (mailbox).
  CodeComparison subj = must_compare("5.1.1", "5.2.2", "en");
  bool subject_line = false;
  for (const auto& d : subj.differences) {
    subject_line |=
        d.find("address") != std::string::npos && d.find("mailbox") != std::string::npos;
  }
  CHECK(subject_line);
  // Mixed and combined forms.
  CodeComparison mixed = must_compare("550 5.1.1", "452", "en");
  CHECK(mixed.first.code == "5.1.1");
  // Unknown but valid code: generic explanation.
  CodeComparison generic = must_compare("5.9.99", "299", "es");
  CHECK(generic.first.generic);
  CHECK(generic.first.cls == DeliveryClass::kPermanent);
  // Same code twice.
  CodeComparison twice = must_compare("550", "550", "hi");
  REQUIRE(twice.differences.size() == 1);
}

TEST_CASE("compare: generated text is translated", "[compare]") {
  CodeComparison en = must_compare("451", "552", "en");
  CodeComparison es = must_compare("451", "552", "es");
  CodeComparison hi = must_compare("451", "552", "hi");
  REQUIRE(en.differences.size() == es.differences.size());
  REQUIRE(en.differences.size() == hi.differences.size());
  for (std::size_t i = 0; i < en.differences.size(); ++i) {
    CHECK(en.differences[i] != es.differences[i]);
    CHECK(en.differences[i] != hi.differences[i]);
    CHECK(es.differences[i].find('{') == std::string::npos);  // placeholders all filled
  }
  CHECK(es.first.lang == "es");
  CHECK(hi.second.lang == "hi");
}

TEST_CASE("compare: errors", "[compare]") {
  auto catalog = Catalog::builtin();
  std::string error;
  CHECK_FALSE(compare_codes("abc", "452", *catalog, "en", &error));
  CHECK(error.find("first code 'abc'") != std::string::npos);
  CHECK_FALSE(compare_codes("452", "6.1.1", *catalog, "en", &error));
  CHECK(error.find("second code") != std::string::npos);
  CHECK_FALSE(compare_codes("452", "", *catalog, "en", &error));
  CHECK_FALSE(compare_codes("452", "550", *catalog, "xx", &error));
  CHECK(error.find("language") != std::string::npos);
}

TEST_CASE("compare: JSON holds both explanations and the differences", "[compare]") {
  CodeComparison c = must_compare("421", "452", "en");
  c.first.meaning = "quote \" backslash \\ tab \t ctl \x01 end";
  std::string json = format_comparison_json(c);
  CHECK(json.rfind("{\"lang\":\"en\",\"codes\":[{\"input\":\"421\",\"code\":\"421\"", 0) == 0);
  CHECK(json.find("quote \\\" backslash \\\\ tab \\t ctl \\u0001 end") != std::string::npos);
  CHECK(json.find("\"class\":\"transient\"") != std::string::npos);
  CHECK(json.find("\"differences\":[\"") != std::string::npos);
  CHECK(json.find("\"when_to_expect\":[") != std::string::npos);
  CHECK(json.find("\"note\":\"Both are temporary.") != std::string::npos);
  CHECK(json.back() == '\n');
}

TEST_CASE("compare: placeholder filling", "[compare]") {
  CHECK(fill("{a} and {b}", {{"a", "1"}, {"b", "2"}}) == "1 and 2");
  CHECK(fill("{unknown} {a", {{"a", "1"}}) == "{unknown} {a");
  CHECK(pair_key("552", "452") == "452_552");
}
