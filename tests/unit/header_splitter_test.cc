// The one header splitter (header_splitter.h): Postfix's rules for fields,
// continuations and the end of the header, any line ending, and the same
// fields and body whatever pieces the input arrives in.
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "header_splitter.h"
#include "mime_header.h"
#include "test_support.h"

using namespace smtp_explain;

namespace {

struct Split {
  std::vector<std::pair<std::string, std::string>> fields;
  std::string body;
};

// Feeds `m` cut at `cuts` (offsets, ascending).
Split split(std::string_view m, const std::vector<std::size_t>& cuts = {},
            const Limits& limits = Limits{}) {
  Split out;
  HeaderSplitter splitter(limits);
  const auto on_field = [&](std::string_view n, std::string_view v) {
    out.fields.emplace_back(std::string(n), std::string(v));
  };
  std::size_t at = 0;
  auto piece = [&](std::string_view p) {
    if (splitter.done()) {
      out.body.append(splitter.body_piece(p));
      return;
    }
    const std::size_t used = splitter.feed(p, on_field);
    if (splitter.done()) {
      out.body.append(splitter.body_prefix());
      out.body.append(p.substr(used));
    }
  };
  for (std::size_t cut : cuts) {
    piece(m.substr(at, cut - at));
    at = cut;
  }
  piece(m.substr(at));
  if (!splitter.done()) {
    splitter.finish(on_field);
    out.body.append(splitter.body_prefix());
  }
  return out;
}

std::string unfolded(std::string_view v) {
  TextArena arena;
  return std::string(unfold(v, &arena));
}

// The same fields (unfolded) and body for every cut into two and three pieces.
void check_any_pieces(const std::string& m) {
  const Split whole = split(m);
  for (std::size_t i = 0; i <= m.size(); ++i) {
    for (std::size_t j = i; j <= m.size(); j += 7) {
      const Split cut = split(m, {i, j});
      INFO("cuts " << i << " " << j);
      REQUIRE(cut.body == whole.body);
      REQUIRE(cut.fields.size() == whole.fields.size());
      for (std::size_t k = 0; k < cut.fields.size(); ++k) {
        CHECK(cut.fields[k].first == whole.fields[k].first);
        CHECK(unfolded(cut.fields[k].second) == unfolded(whole.fields[k].second));
      }
    }
  }
}

}  // namespace

TEST_CASE("splitter: fields, folded values, the blank line", "[splitter]") {
  const Split s = split("From: a@example.org\nSubject: one\n two\n\nbody\n");
  REQUIRE(s.fields.size() == 2);
  CHECK(s.fields[0].first == "From");
  CHECK(s.fields[0].second == " a@example.org");
  CHECK(s.fields[1].first == "Subject");
  CHECK(s.fields[1].second == " one\n two");
  CHECK(s.body == "body\n");
}

TEST_CASE("splitter: CRLF and CR line ends", "[splitter]") {
  const Split crlf = split("A: 1\r\nB: 2\r\n\r\nbody\r\n");
  REQUIRE(crlf.fields.size() == 2);
  CHECK(crlf.fields[1].second == " 2");
  CHECK(crlf.body == "body\r\n");
  const Split cr = split("A: 1\rB: 2\r\rbody\r");
  REQUIRE(cr.fields.size() == 2);
  CHECK(cr.body == "body\r");
}

TEST_CASE("splitter: an mbox From line, a line that is no field, a stray continuation",
          "[splitter]") {
  const Split mbox = split("From sender@example.org Mon Jan  1 00:00:00 2024\nA: 1\n\nb");
  REQUIRE(mbox.fields.size() == 1);
  CHECK(mbox.fields[0].first == "A");
  // No blank line: the first line that is not a field starts the body (Postfix).
  const Split nofield = split("A: 1\nthis is text\nmore\n");
  REQUIRE(nofield.fields.size() == 1);
  CHECK(nofield.body == "this is text\nmore\n");
  const Split spaced = split("A: 1\nBad Name: x\n\nb");
  REQUIRE(spaced.fields.size() == 1);
  CHECK(spaced.body == "Bad Name: x\n\nb");
  // White space before the colon is tolerated (obsolete syntax Postfix accepts).
  const Split obs = split("Subject : hi\n\nb");
  REQUIRE(obs.fields.size() == 1);
  CHECK(obs.fields[0].first == "Subject ");
  const Split stray = split(" lead\nA: 1\n\nb");
  REQUIRE(stray.fields.size() == 1);
  CHECK(stray.body == "b");
}

TEST_CASE("splitter: blank and white-space-only lines before the first field", "[splitter]") {
  const Split blank = split("\nFrom: a@example.org\nSubject: x\n\nbody\n");
  REQUIRE(blank.fields.size() == 2);
  CHECK(blank.fields[0].first == "From");
  CHECK(blank.body == "body\n");
  const Split several = split("\r\n   \r\n\t\r\nA: 1\r\n\r\nb");
  REQUIRE(several.fields.size() == 1);
  CHECK(several.body == "b");
  // Once a field was seen, a blank line ends the header as always.
  const Split after = split("A: 1\n\nB: 2\n");
  REQUIRE(after.fields.size() == 1);
  CHECK(after.body == "B: 2\n");
  // No field at all: the first line that is not blank starts the body.
  const Split none = split("\n\nplain text\n");
  CHECK(none.fields.empty());
  CHECK(none.body == "plain text\n");
  check_any_pieces("\n \nA: 1\nB: 2\n\nbody\n");
}

TEST_CASE("splitter: a message with no body, no line end at the end", "[splitter]") {
  const Split s = split("A: 1\nB: 2");
  REQUIRE(s.fields.size() == 2);
  CHECK(s.fields[1].second == " 2");
  CHECK(s.body.empty());
}

TEST_CASE("splitter: the same fields and body whatever the pieces", "[splitter]") {
  check_any_pieces("From: a@example.org\nSubject: one\n two\n\tthree\n\nbody\nline\n");
  check_any_pieces("A: 1\r\nB: 2\r\n folded\r\n\r\nbody\r\n");
  check_any_pieces("A: 1\rB: 2\r folded\r\rbody\r");
  check_any_pieces("From x\nA: 1\nnot a field\nbody\n");
  check_any_pieces("A: 1\n");
}

TEST_CASE("splitter: a field kept across pieces is bounded", "[splitter]") {
  Limits limits;
  limits.max_header_field_bytes = 64;
  const std::string big = "X: " + std::string(10000, 'a') + "\n\nbody";
  std::vector<std::size_t> cuts;
  for (std::size_t i = 100; i < big.size(); i += 100) cuts.push_back(i);
  const Split s = split(big, cuts, limits);
  REQUIRE(s.fields.size() == 1);
  CHECK(s.fields[0].second.size() <= 10000);
  CHECK(s.fields[0].second.size() <= limits.max_line_bytes + 1);  // the larger bound
  CHECK(s.body == "body");
}
