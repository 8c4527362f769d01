// The one-pass phrase index (reason_phrase_index.h) must answer exactly as the
// per-phrase search it replaces: every reason, on texts built from the phrases
// themselves (so each phrase and its '*' gaps are exercised at and around their
// bounds) and on random mixes of phrase pieces and noise.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "reason_match.h"
#include "reason_phrase_index.h"
#include "reason_phrases.h"

namespace rd = smtp_explain::reason_detail;
using smtp_explain::Reason;

namespace {

std::vector<Reason> all_reasons() {
  std::vector<Reason> out;
  for (std::size_t i = 0; i < smtp_explain::kReasonCount; ++i)
    out.push_back(static_cast<Reason>(i));
  return out;
}

// Each failing text is reported with the reason it disagrees on.
void check_same(const std::string& text) {
  const rd::PhraseHits hits(text);
  for (Reason r : all_reasons()) {
    INFO("reason " << smtp_explain::to_string(r) << " text [" << text << "]");
    REQUIRE(hits.matches(r) == rd::reason_matches_by_search(r, text));
  }
}

std::vector<std::string_view> all_phrases() {
  std::vector<std::string_view> out;
  for (Reason r : all_reasons()) {
    for (std::string_view p : rd::phrases_for(r)) out.push_back(p);
    for (std::string_view p : rd::excluded_phrases(r)) out.push_back(p);
  }
  return out;
}

// A phrase written out with each '*' replaced by `gap`.
std::string fill_gaps(std::string_view phrase, const std::string& gap) {
  std::string out;
  for (char c : phrase) {
    if (c == '*') {
      out += gap;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("Phrase index: every phrase, gaps at and past the bound", "[reason]") {
  const std::vector<std::string_view> phrases = all_phrases();
  REQUIRE(phrases.size() > 500);
  const std::string at_bound(rd::kMaxGap, 'x');
  const std::string past_bound(rd::kMaxGap + 1, 'x');
  for (std::string_view p : phrases) {
    check_same("550 5.1.1 " + fill_gaps(p, "abc") + " (x)");
    check_same(fill_gaps(p, ""));
    if (p.find('*') != std::string_view::npos) {
      check_same(fill_gaps(p, at_bound));
      check_same(fill_gaps(p, past_bound));
    }
    check_same(std::string(p.substr(0, p.size() / 2)));  // a prefix alone
  }
}

TEST_CASE("Phrase index: a phrase that vetoes another (rejected)", "[reason]") {
  for (std::string_view veto : rd::excluded_phrases(Reason::kRejected)) {
    for (std::string_view p : rd::phrases_for(Reason::kRejected)) {
      check_same(fill_gaps(p, "a") + " ; " + fill_gaps(veto, "b"));
    }
  }
}

TEST_CASE("Phrase index: random mixes of phrase pieces and noise", "[reason]") {
  const std::vector<std::string_view> phrases = all_phrases();
  std::mt19937 rng(20240611);
  const char* kNoise[] = {" ", "x", "550 ", "user ", "<a@b>", "*", "ip ", ".", "5.7.1 "};
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int pieces = 1 + static_cast<int>(rng() % 6);
    for (int k = 0; k < pieces; ++k) {
      if (rng() % 2) {
        const std::string_view p = phrases[rng() % phrases.size()];
        const std::size_t a = rng() % (p.size() + 1);
        const std::size_t b = a + rng() % (p.size() - a + 1);
        text += rng() % 3 ? std::string(p) : std::string(p.substr(a, b - a));
      } else {
        text += kNoise[rng() % (sizeof kNoise / sizeof kNoise[0])];
      }
    }
    check_same(text);
  }
}

TEST_CASE("Phrase index: hits in a text, none in an empty one", "[reason]") {
  REQUIRE(rd::PhraseHits("mailbox full").matches(Reason::kMailboxFull));
  REQUIRE_FALSE(rd::PhraseHits("mailbox full").matches(Reason::kHostUnknown));
  REQUIRE_FALSE(rd::PhraseHits("").matches(Reason::kMailboxFull));
}
