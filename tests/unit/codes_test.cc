// Exact code validators (codes.h): what they accept, what they refuse.
#include <catch2/catch.hpp>

#include "smtp_explain/codes.h"

using namespace smtp_explain;

TEST_CASE("match_reply_code accepts [2-5]xx not followed by a digit", "[codes]") {
  CHECK(match_reply_code("550") == 3);
  CHECK(match_reply_code("550 5.1.1 user unknown") == 3);
  CHECK(match_reply_code("421-mx busy") == 3);
  CHECK(match_reply_code("250") == 3);
  CHECK(match_reply_code("5500") == 0);
  CHECK(match_reply_code("150") == 0);
  CHECK(match_reply_code("650") == 0);
  CHECK(match_reply_code("55") == 0);
  CHECK(match_reply_code("5a0") == 0);
  CHECK(match_reply_code("") == 0);
}

TEST_CASE("match_status_code accepts [245].d{1,3}.d{1,3} only", "[codes]") {
  CHECK(match_status_code("5.1.1") == 5);
  CHECK(match_status_code("4.7.650 rate") == 7);
  CHECK(match_status_code("5.7.26") == 6);
  CHECK(match_status_code("2.0.0") == 5);
  CHECK(match_status_code("5.1.1.") == 6 - 1);  // a sentence's full stop is not part of it
  CHECK(match_status_code("3.1.1") == 0);
  CHECK(match_status_code("5.1234.1") == 0);
  CHECK(match_status_code("5.1.1234") == 0);
  CHECK(match_status_code("5.1.12.3") == 0);  // an IP address or a version
  CHECK(match_status_code("5..1") == 0);
  CHECK(match_status_code("5.1.") == 0);
  CHECK(match_status_code("5.1") == 0);
}

TEST_CASE("class_of_code reads the first digit", "[codes]") {
  CHECK(class_of_code("552") == DeliveryClass::kPermanent);
  CHECK(class_of_code("4.2.2") == DeliveryClass::kTransient);
  CHECK(class_of_code("250") == DeliveryClass::kSuccess);
  CHECK(class_of_code("") == DeliveryClass::kNone);
  CHECK(class_of_code("X.2.2") == DeliveryClass::kNone);
}

TEST_CASE("parse_code_query accepts the forms users type", "[codes]") {
  CodeQuery q;
  REQUIRE(parse_code_query("552", &q));
  CHECK(q.reply == "552");
  CHECK(q.status.empty());
  REQUIRE(parse_code_query(" 5.2.2 ", &q));
  CHECK(q.reply.empty());
  CHECK(q.status == "5.2.2");
  REQUIRE(parse_code_query("550 5.1.1", &q));
  CHECK(q.reply == "550");
  CHECK(q.status == "5.1.1");
  REQUIRE(parse_code_query("550-5.1.1", &q));
  CHECK(q.status == "5.1.1");
  REQUIRE(parse_code_query("x.2.2", &q));
  CHECK(q.status == "X.2.2");
  CHECK_FALSE(parse_code_query("", &q));
  CHECK_FALSE(parse_code_query("hello", &q));
  CHECK_FALSE(parse_code_query("5522", &q));
  CHECK_FALSE(parse_code_query("550 hello", &q));
  CHECK_FALSE(parse_code_query("550 4.2.2", &q));  // classes disagree
  CHECK_FALSE(parse_code_query("5.2.2 extra", &q));
  CHECK_FALSE(parse_code_query("552", nullptr));
}
