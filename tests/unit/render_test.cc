// Unit tests for render_headers: the field contract, left-out parts, the
// "N more" line, and wire safety with hostile input (CR/LF/NUL, non-ASCII, very
// long text, addresses with CRLF or quotes).
#include <catch2/catch.hpp>

#include "smtp_explain/headers.h"

using namespace smtp_explain;

namespace {

Recipient rcpt(std::string addr, std::string reply, std::string status, DeliveryClass cls,
               Reason reason) {
  Recipient r;
  r.recipient = std::move(addr);
  r.reply_code = std::move(reply);
  r.status = std::move(status);
  r.cls = cls;
  r.reason = reason;
  r.action = "failed";
  return r;
}

Report bounce(std::vector<Recipient> rs) {
  Report r;
  r.bounce = true;
  r.kind = Kind::kDsn;
  r.recipients = std::move(rs);
  r.recipients_total = r.recipients.size();
  for (const auto& x : r.recipients) r.cls = std::max(r.cls, x.cls);
  return r;
}

std::string unfold(std::string v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\n') continue;
    out += v[i];
  }
  return out;
}

// Every wire rule of headers.h, for every field.
void check_wire_safe(const std::vector<HeaderField>& fields) {
  for (const HeaderField& f : fields) {
    INFO(f.name << ": " << f.value);
    std::size_t line = f.name.size() + 2;
    for (std::size_t i = 0; i < f.value.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(f.value[i]);
      CHECK(c < 0x80);
      CHECK(c != '\r');
      CHECK(c != 0);
      if (c == '\n') {
        REQUIRE(i + 1 < f.value.size());
        CHECK(f.value[i + 1] == ' ');
        CHECK(line <= 998);
        line = 0;
      } else {
        CHECK((c >= 0x20 || c == '\t'));
        ++line;
      }
    }
    CHECK(line <= 998);
    CHECK(f.value.back() != '\n');
  }
}

std::size_t longest_line(const HeaderField& f) {
  std::size_t longest = 0, line = f.name.size() + 2;
  for (char c : f.value) {
    if (c == '\n') {
      longest = std::max(longest, line);
      line = 0;
    } else {
      ++line;
    }
  }
  return std::max(longest, line);
}

}  // namespace

TEST_CASE("no fields for mail that is not a bounce or has no recipients", "[render]") {
  Report r;
  CHECK(render_headers(r, {}).empty());
  r.bounce = true;
  CHECK(render_headers(r, {}).empty());
}

TEST_CASE("the field contract for two recipients", "[render]") {
  Report r = bounce(
      {rcpt("a@example.org", "550", "5.1.1", DeliveryClass::kPermanent, Reason::kUserUnknown),
       rcpt("b@example.net", "452", "4.2.2", DeliveryClass::kTransient, Reason::kMailboxFull)});
  std::vector<RecipientText> t{{"No such mailbox.", "Check the address.", ""},
                               {"Mailbox full.", "Try later.", "Gmail"}};
  auto f = render_headers(r, t);
  REQUIRE(f.size() == 6);
  CHECK(f[0].name == "X-SMTP-Explain-Class");
  CHECK(f[0].value == "permanent");
  CHECK(f[1].name == "X-SMTP-Explain-Reason");
  CHECK(f[1].value == "userunknown, mailboxfull");
  CHECK(f[2].name == "X-SMTP-Explain");
  CHECK(f[2].value == "550 5.1.1 a@example.org: No such mailbox.");
  CHECK(f[3].name == "X-SMTP-Explain-Fix");
  CHECK(f[3].value == "550 5.1.1 a@example.org: Check the address.");
  CHECK(f[4].value == "452 4.2.2 b@example.net: Gmail: Mailbox full.");
  CHECK(f[5].value == "452 4.2.2 b@example.net: Gmail: Try later.");
  check_wire_safe(f);
}

TEST_CASE("missing and invalid codes are left out, unsafe addresses are not shown", "[render]") {
  Report r =
      bounce({rcpt("a@example.org", "", "5.1.1", DeliveryClass::kPermanent, Reason::kUserUnknown),
              rcpt("x\r\nBcc: victim@evil@example", "550", "", DeliveryClass::kPermanent,
                   Reason::kUserUnknown),
              rcpt("\"quoted\"@example.org", "55O", "5.1.1; rm", DeliveryClass::kPermanent,
                   Reason::kUserUnknown)});
  std::vector<RecipientText> t(3, RecipientText{"m", "f", ""});
  auto f = render_headers(r, t);
  REQUIRE(f.size() == 8);
  CHECK(f[1].value == "userunknown");
  CHECK(f[2].value == "5.1.1 a@example.org: m");
  CHECK(f[4].value == "550 (address not shown): m");
  CHECK(f[6].value == "(address not shown): m");
  check_wire_safe(f);
}

TEST_CASE("after max_recipients one 'N more' line per field", "[render]") {
  Report r =
      bounce({rcpt("a@x.org", "550", "5.1.1", DeliveryClass::kPermanent, Reason::kUserUnknown),
              rcpt("b@x.org", "550", "5.1.1", DeliveryClass::kPermanent, Reason::kUserUnknown),
              rcpt("c@x.org", "550", "5.1.1", DeliveryClass::kPermanent, Reason::kUserUnknown)});
  r.recipients_total = 10;  // 7 more were only counted by the parser
  RenderOptions o;
  o.max_recipients = 2;
  o.more_text = "destinatarios más";
  auto f = render_headers(r, std::vector<RecipientText>(3, {"m", "f", ""}), o);
  REQUIRE(f.size() == 2 + 4 + 2);
  CHECK(f[6].name == "X-SMTP-Explain");
  CHECK(f[6].value.rfind("8 =?UTF-8?", 0) == 0);
  std::string decoded;
  CHECK(decode_words(f[6].value, &decoded));
  CHECK(decoded == "8 destinatarios más");
  CHECK(f[7].name == "X-SMTP-Explain-Fix");
  check_wire_safe(f);
}

TEST_CASE("hostile text is cleaned, encoded and folded", "[render]") {
  std::string hostile = "line one\r\nX-Injected: yes\r\n\r\nbody\0with NUL\x7f and \x01 ctl ";
  hostile.append(std::string("\0", 1));
  hostile += "caf\xC3\xA9 \xFF\xFE invalid ";
  for (int i = 0; i < 200; ++i) hostile += "word" + std::to_string(i) + " ";
  hostile += std::string(3000, 'z');  // one huge atom
  Report r =
      bounce({rcpt("a@example.org", "550", "5.1.1", DeliveryClass::kPermanent, Reason::kFiltered)});
  auto f = render_headers(r, {{hostile, "=?UTF-8?B?AAAA?= looks encoded", "Evil\r\nX: y"}});
  check_wire_safe(f);
  REQUIRE(f.size() == 4);
  for (const auto& field : f) CHECK(field.value.find("\nX-Injected") == std::string::npos);
  // Folded at 78 wherever there is a place to fold (the 3000-char atom has none).
  const std::string& meaning = f[2].value;
  std::string decoded;
  CHECK(decode_words(meaning, &decoded));
  CHECK(decoded.find("550 5.1.1 a@example.org: Evil X: y: line one X-Injected: yes body") == 0);
  CHECK(decoded.find("café \xEF\xBF\xBD\xEF\xBF\xBD invalid word0 word1") != std::string::npos);
  CHECK(decoded.find("\r") == std::string::npos);
  // The fix text that looks like an encoded word is encoded so it reads back as written.
  CHECK(decode_words(f[3].value, &decoded));
  CHECK(decoded == "550 5.1.1 a@example.org: Evil X: y: =?UTF-8?B?AAAA?= looks encoded");
  CHECK(longest_line(f[3]) <= 78);
}

TEST_CASE("long ASCII and non-ASCII text fold within 78 columns", "[render]") {
  std::string spanish;
  for (int i = 0; i < 30; ++i) spanish += "El buzón está lleno, inténtelo más tarde. ";
  std::string english;
  for (int i = 0; i < 30; ++i) english += "The recipient's mailbox is full, try again later. ";
  Report r = bounce(
      {rcpt("a@example.org", "552", "5.2.2", DeliveryClass::kPermanent, Reason::kMailboxFull)});
  auto f = render_headers(r, {{spanish, english, ""}});
  check_wire_safe(f);
  for (const auto& field : f) CHECK(longest_line(field) <= 78);
  std::string decoded;
  CHECK(decode_words(f[2].value, &decoded));
  spanish.pop_back();
  CHECK(decoded == "552 5.2.2 a@example.org: " + spanish);
  english.pop_back();
  CHECK(unfold(f[3].value) == "552 5.2.2 a@example.org: " + english);
}

TEST_CASE("is_header_safe_address accepts plain addr-specs only", "[render]") {
  for (const char* ok : {"a@b.c", "first.last+tag@example.co.uk", "x_y-z@sub.example.org",
                         "a@[127.0.0.1]", "a@[IPv6:2001:db8::1]", "a=b?c@example.org"}) {
    INFO(ok);
    CHECK(is_header_safe_address(ok));
  }
  for (const char* bad : {"",
                          "a",
                          "@example.org",
                          "a@",
                          "a b@example.org",
                          "\"a\"@example.org",
                          "a@b@c",
                          "<a@example.org>",
                          "a@[127.0.0.1",
                          "a@[1.2.3.4x]",
                          "a@example.org\r\n",
                          "=?utf-8?b?VVJHRU5U?=@example.net",
                          "x=?q@example.net",
                          "x?=@example.net",
                          "a@[IPv6:zz::1]",
                          "a@[]",
                          "a..b@example.org",
                          ".a@example.org",
                          "a@example..org",
                          "a@-ex ample.org",
                          "a@exa(mple).org",
                          "caf\xC3\xA9@example.org"}) {
    INFO(bad);
    CHECK_FALSE(is_header_safe_address(bad));
  }
  CHECK_FALSE(is_header_safe_address(std::string(65, 'a') + "@example.org"));
  CHECK_FALSE(is_header_safe_address("a@" + std::string(260, 'b')));
}
