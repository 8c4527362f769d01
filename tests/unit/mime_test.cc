// The MIME walker (mime_walker.h) and header decoding (mime_header.h):
// structure, encodings, broken input, limits.
#include <string>

#include <catch2/catch.hpp>

#include "message_builder.h"
#include "mime_decode.h"
#include "mime_header.h"
#include "mime_walker.h"
#include "smtp_explain/report.h"

using namespace smtp_explain;

namespace {

Message walk(const std::string& raw, const Limits& limits = Limits{}) {
  return build_message(raw, limits);
}

const char* const kBounce =
    "From: Mail Delivery System <MAILER-DAEMON@example.org>\n"
    "Subject: =?UTF-8?B?44Gr44KD44KT44GT?=\n"
    "Content-Type: multipart/report; report-type=delivery-status;\n"
    "\tboundary=\"outer\"\n"
    "\n"
    "preamble\n"
    "--outer\n"
    "Content-Type: multipart/alternative; boundary=inner\n"
    "\n"
    "--inner\n"
    "Content-Type: text/plain; charset=iso-8859-1\n"
    "Content-Transfer-Encoding: quoted-printable\n"
    "\n"
    "Caf=E9: delivery to <a@example.net> failed=\n"
    " permanently.\n"
    "--inner\n"
    "Content-Type: text/html\n"
    "\n"
    "<p>ignored when plain text exists</p>\n"
    "--inner--\n"
    "--outer\n"
    "Content-Type: message/delivery-status\n"
    "\n"
    "Reporting-MTA: dns; example.org\n"
    "\n"
    "Final-Recipient: rfc822; a@example.net\n"
    "Action: failed\n"
    "Status: 5.1.1\n"
    "--outer\n"
    "Content-Type: message/rfc822\n"
    "\n"
    "From: sender@example.com\n"
    "To: a@example.net\n"
    "Subject: =?ISO-8859-1?Q?Andr=E9?= =?ISO-8859-1?Q?_Br=E1s?=\n"
    "Message-ID: <id@example.com>\n"
    "Content-Type: text/plain\n"
    "\n"
    "original body with Final-Recipient: rfc822; not-this@example.net\n"
    "--outer--\n";

}  // namespace

TEST_CASE("MIME: nested multiparts, delivery-status and the returned original", "[mime]") {
  const Message m = walk(kBounce);
  CHECK(m.flags == 0);
  CHECK(m.content_type == "multipart/report");
  CHECK(m.report_type == "delivery-status");
  CHECK(m.headers.get("subject") == "\xe3\x81\xab\xe3\x82\x83\xe3\x82\x93\xe3\x81\x93");
  REQUIRE(m.delivery_status.size() == 1);
  CHECK(m.delivery_status[0].find("Final-Recipient: rfc822; a@example.net") != std::string::npos);
  CHECK(m.text == "Caf\xc3\xa9: delivery to <a@example.net> failed permanently.");
  CHECK(m.original_headers.get("Message-ID") == "<id@example.com>");
  CHECK(m.original_headers.get("Subject") == "Andr\xc3\xa9 Br\xc3\xa1s");
  bool original_body_seen = false;
  for (const MimePart& p : m.parts) {
    if (p.role == PartRole::kOriginal) original_body_seen = true;
    CHECK(p.depth >= 0);
  }
  CHECK(original_body_seen);
}

TEST_CASE("MIME: base64 text part, HTML-only text", "[mime]") {
  const Message m = walk(
      "Content-Type: multipart/mixed; boundary=b\n\n"
      "--b\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
      "PHA+NTUwIDUuMS4xICZsdDt4QGV4YW1wbGUubmV0Jmd0OyB1bmtub3duPC9wPg==\n"
      "--b--\n");
  CHECK(m.flags == 0);
  CHECK(m.text == "\n550 5.1.1 <x@example.net> unknown\n");
}

TEST_CASE("MIME: missing or never-closed boundaries", "[mime]") {
  SECTION("boundary never found: the body is read as text") {
    const Message m = walk("Content-Type: multipart/mixed; boundary=zzz\n\nplain text 550\n");
    CHECK((m.flags & kFlagBadBoundary) != 0);
    CHECK(m.text == "plain text 550\n");
  }
  SECTION("no boundary parameter") {
    const Message m = walk("Content-Type: multipart/mixed\n\nhello\n");
    CHECK((m.flags & kFlagBadBoundary) != 0);
    CHECK(m.text == "hello\n");
  }
  SECTION("unterminated multipart keeps its last part") {
    const Message m = walk(
        "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
        "first\n--b\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; "
        "a@b.example\n");
    CHECK((m.flags & kFlagBadBoundary) != 0);
    CHECK(m.text == "first");
    REQUIRE(m.delivery_status.size() == 1);
  }
  SECTION("an indented delimiter still delimits") {
    const Message m = walk(
        "Content-Type: multipart/report; boundary=b\n\n--b\n\nfirst\n --b\n"
        "Content-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@b.example\n"
        "--b--\n");
    CHECK(m.text == "first");
    CHECK(m.delivery_status.size() == 1);
  }
  SECTION("part without a header block") {
    const Message m =
        walk("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nbody only\n--b--\n");
    CHECK(m.text == "body only");
  }
}

TEST_CASE("MIME: depth and part limits flag instead of crashing", "[mime]") {
  std::string raw = "Content-Type: multipart/mixed; boundary=b0\n\n";
  const int levels = 40;
  for (int i = 1; i <= levels; ++i) {
    raw += "--b" + std::to_string(i - 1) + "\nContent-Type: multipart/mixed; boundary=b" +
           std::to_string(i) + "\n\n";
  }
  raw += "--b40\nContent-Type: text/plain\n\ndeep\n--b40--\n";
  Limits limits;
  limits.max_mime_depth = 12;
  Message m = walk(raw, limits);
  CHECK((m.flags & kFlagMimeTooDeep) != 0);
  CHECK(m.text.empty());

  std::string many = "Content-Type: multipart/mixed; boundary=b\n\n";
  for (int i = 0; i < 50; ++i) many += "--b\nContent-Type: text/plain\n\npart\n";
  many += "--b--\n";
  limits.max_mime_parts = 10;
  m = walk(many, limits);
  CHECK((m.flags & kFlagTooManyParts) != 0);
  CHECK(m.parts.size() <= 10);
}

TEST_CASE("MIME headers: folding, case-insensitive names, encoded words", "[mime]") {
  HeaderList h;
  TextArena arena;
  std::uint32_t flags = 0;
  const std::string block =
      "SUBJECT: Undelivered\n Mail Returned\r\n\tto Sender\n"
      "from: =?utf-8?q?Mail_Delivery?= =?utf-8?q?_System?= <MAILER-DAEMON@x.example>\n"
      "X-Bad: =?utf-8?B?###?= tail\n"
      "\nbody";
  std::size_t at = parse_header_block(block, Limits{}, &arena, &h, &flags);
  CHECK(block.substr(at) == "body");
  CHECK(h.get("Subject") == "Undelivered Mail Returned to Sender");
  CHECK(h.get("FROM") == "Mail Delivery System <MAILER-DAEMON@x.example>");
  CHECK(h.has("x-bad"));
  CHECK_FALSE(h.has("x-missing"));
  CHECK(decode_encoded_words("=?iso-8859-15?Q?=A4?=", &arena, nullptr) == "\xe2\x82\xac");
  CHECK(decode_encoded_words("=?windows-1252?Q?=80?=", &arena, nullptr) == "\xe2\x82\xac");
  CHECK(decode_encoded_words("a =?utf-8?Q?b?= c", &arena, nullptr) == "a b c");
  CHECK(header_param("multipart/report; report-type=\"Delivery-Status\"; boundary=x",
                     "report-type") == "Delivery-Status");
  CHECK(media_type(" Text/PLAIN ; charset=x", &arena) == "text/plain");
}

TEST_CASE("CTE decoders report bad input", "[mime]") {
  std::string out;
  CHECK(base64_decode("aGVs\nbG8=", &out));
  CHECK(out == "hello");
  out.clear();
  CHECK_FALSE(base64_decode("aGVs!!bG8=", &out));
  out.clear();
  // Four characters at a time where it can, one at a time around whitespace,
  // padding and junk: the same bytes at every alignment.
  const std::string encoded = "VGhlIHF1aWNrIGJyb3duIGZveCBqdW1wcyBvdmVyIHRoZSBsYXp5IGRvZy4=";
  const std::string plain = "The quick brown fox jumps over the lazy dog.";
  for (std::size_t cut = 0; cut <= encoded.size(); ++cut) {
    for (const char* gap : {" ", "\n", " \t\r\n"}) {
      out.clear();
      CHECK(base64_decode(encoded.substr(0, cut) + gap + encoded.substr(cut), &out));
      CHECK(out == plain);
    }
    out.clear();
    CHECK_FALSE(base64_decode(encoded.substr(0, cut) + "!" + encoded.substr(cut), &out));
    CHECK(out == plain);
  }
  out.clear();
  CHECK(base64_decode("aGk=aGVsbG8=", &out));  // concatenated blocks
  CHECK(out == "hihello");
  out.clear();
  CHECK(qp_decode("a=3Db=\nc", false, &out));
  CHECK(out == "a=bc");
  out.clear();
  CHECK_FALSE(qp_decode("bad=ZZ", false, &out));
  CHECK(out == "bad=ZZ");
}

TEST_CASE("HTML reduced to text: tags, entities, style, line breaks", "[mime]") {
  CHECK(html_to_text("<p>Delivery&nbsp;failed:</p><div>a&lt;b&gt; &amp; \"c\"</div>") ==
        "\nDelivery failed:\n\na<b> & \"c\"\n");
  CHECK(html_to_text("one\ntwo<br>three") == "one two\nthree");
  CHECK(html_to_text("<style>p { color: red }</style>x<SCRIPT>var a = 1;</script>y") == "xy");
  CHECK(html_to_text("R&D &unknown; &#39;q&#39;") == "R&D &unknown; 'q'");
  CHECK(html_to_text("cut <b") == "cut ");
}

TEST_CASE("MIME: inline returned original's headers are read", "[mime]") {
  const Message m = walk(
      "From: MAILER-DAEMON@example.org\n\n"
      "<a@example.net>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n"
      "--- Below this line is a copy of the message.\n\n"
      "Return-Path: <s@example.com>\nSubject: Hello\nMessage-ID: <m1@example.com>\n\nbody\n");
  CHECK(m.original_headers.get("Subject") == "Hello");
  CHECK(m.original_headers.get("Message-ID") == "<m1@example.com>");
  CHECK(m.text.find("Sorry, no mailbox") != std::string_view::npos);
}
