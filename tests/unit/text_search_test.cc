// The hot-path text primitives (text_search.h, phrase_set.h) against the
// plain library calls they replace, on random texts.
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "phrase_set.h"
#include "text_search.h"
#include "text_util.h"

using namespace smtp_explain;

TEST_CASE("find_bytes finds what string_view::find finds", "[text]") {
  std::mt19937 rng(7);
  const std::string alphabet = "ab.-( \n";
  for (int round = 0; round < 20000; ++round) {
    std::string hay(rng() % 80, ' ');
    for (char& c : hay) c = alphabet[rng() % alphabet.size()];
    std::string needle(1 + rng() % 5, ' ');
    for (char& c : needle) c = alphabet[rng() % alphabet.size()];
    const std::size_t from = rng() % (hay.size() + 2);
    INFO("hay [" << hay << "] needle [" << needle << "] from " << from);
    REQUIRE(find_bytes(hay, needle, from) == std::string_view(hay).find(needle, from));
  }
  CHECK(find_bytes("abc", "", 1) == 1);
  CHECK(find_bytes("", "a") == std::string_view::npos);
}

TEST_CASE("ascii_lower_in_place lowers letters only", "[text]") {
  std::string all;
  for (int c = 0; c < 256; ++c) all.push_back(static_cast<char>(c));
  all += all;
  std::string lowered = all;
  ascii_lower_in_place(lowered.data(), lowered.size());
  for (std::size_t i = 0; i < all.size(); ++i) CHECK(lowered[i] == ascii_lower(all[i]));
}

TEST_CASE("PhraseSet answers as one search per phrase", "[text]") {
  const std::string_view phrases[] = {"undeliver", "mail delivery", "MAIL", "failure notice", "x"};
  const PhraseSet set(phrases);
  std::mt19937 rng(11);
  const std::string_view pieces[] = {"Undeliverable", "mail ", "DELIVERY", "failure", " notice",
                                     "Mai",           "X",     "abc",      " "};
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    for (int k = 0; k < 1 + static_cast<int>(rng() % 5); ++k) text += pieces[rng() % 9];
    bool any = false;
    bool prefix = false;
    std::size_t first = PhraseSet::npos;
    for (std::size_t i = 0; i < std::size(phrases); ++i) {
      if (icontains(text, phrases[i])) {
        any = true;
        if (first == PhraseSet::npos) first = i;
      }
      prefix |= istarts_with(text, phrases[i]);
    }
    INFO("text [" << text << "]");
    CHECK(set.any_in(text) == any);
    CHECK(set.any_prefix_of(text) == prefix);
    CHECK(set.first_listed_in(text) == first);
  }
}

TEST_CASE("LineRange yields the lines split_lines returns", "[text]") {
  std::mt19937 rng(11);
  const std::string alphabet = "ab\r\n";
  for (int round = 0; round < 20000; ++round) {
    std::string text(rng() % 24, ' ');
    for (char& c : text) c = alphabet[rng() % alphabet.size()];
    std::vector<std::string_view> got;
    for (std::string_view line : LineRange(text)) got.push_back(line);
    REQUIRE(got == split_lines(text));
  }
}
