// Charset conversion to UTF-8 (mime/charset.h, through mime_header.h's
// to_utf8 and the MIME walk): the Japanese, Chinese, Korean and Cyrillic
// charsets bounces are written in, mislabelled text, undecodable bytes.
#include <string>

#include <catch2/catch.hpp>

#include "charset.h"
#include "message_builder.h"
#include "mime_header.h"

using namespace smtp_explain;

TEST_CASE("multi-byte charsets are converted to UTF-8", "[mime][charset]") {
  struct Case {
    const char* charset;
    std::string bytes;
    const char* utf8;
  };
  const Case cases[] = {
      {"ISO-2022-JP", "\x1b$BG[?.%(%i!<\x1b(B", "配信エラー"},
      {"iso-2022-jp", "ab\x1b$BG[?.\x1b(Bcd", "ab配信cd"},
      {"Shift_JIS", "\x88\xb6\x90\xe6\x95s\x96\xbe", "宛先不明"},
      {"x-sjis", "\x88\xb6\x90\xe6\x95s\x96\xbe", "宛先不明"},
      {"EUC-JP", "\xa5\xe6\xa1\xbc\xa5\xb6\xc9\xd4\xcc\xc0", "ユーザ不明"},
      {"gb2312", "\xcd\xcb\xd0\xc5", "退信"},
      {"GBK", "\xcd\xcb\xd0\xc5", "退信"},
      {"GB18030", "\xcd\xcb\xd0\xc5", "退信"},
      {"big5", "\xb0h\xabH", "退信"},
      {"euc-kr", "\xb9\xdd\xbc\xdb", "반송"},
      {"ks_c_5601-1987", "\xb9\xdd\xbc\xdb", "반송"},
      {"koi8-r", "\xf7\xc1\xdb\xc5", "Ваше"},
      {"windows-1251", "\xed\xe5 \xec\xee\xe6\xe5\xf2", "не может"},
      {"iso8859-2", "\xb3\xf3", "łó"},
  };
  for (const Case& c : cases) {
    INFO(c.charset);
    CHECK(to_utf8(c.bytes, c.charset) == c.utf8);
  }
}

TEST_CASE("text that needs no conversion is kept as it is", "[mime][charset]") {
  // Plain ASCII in any of the charsets.
  CHECK(convert_charset("User unknown", "ISO-2022-JP") == std::string("User unknown"));
  CHECK(convert_charset("User unknown", "gb2312") == std::string("User unknown"));
  // UTF-8 labelled with a 7-bit ISO-2022 charset (a relay converted the text
  // and kept the label): shown as UTF-8, as mail clients do.
  CHECK(convert_charset("配信エラー", "iso-2022-jp") == std::string("配信エラー"));
  // Charsets outside the table are not touched (to_utf8 keeps the bytes).
  CHECK_FALSE(convert_charset("\xff\xfe", "x-unknown-charset"));
  CHECK_FALSE(convert_charset("abc", "utf-7"));
  CHECK(to_utf8("\xff\xfe", "x-unknown-charset") == "\xff\xfe");
}

TEST_CASE("undecodable bytes become U+FFFD and the rest is still read", "[mime][charset]") {
  // 0x80 alone is no Shift_JIS character; a lead byte at the very end is cut.
  CHECK(to_utf8("\x80\x88\xb6\x90\xe6", "shift_jis") == "\xef\xbf\xbd宛先");
  CHECK(to_utf8("\x88\xb6\x90", "shift_jis") == "宛\xef\xbf\xbd");
  // A long hostile run stays linear and bounded (at most 3 bytes out per byte in).
  const std::string junk(100000, '\x80');
  const std::string out = to_utf8(junk, "shift_jis");
  CHECK(out.size() == junk.size() * 3);
}

TEST_CASE("a Japanese text part and subject are read as UTF-8", "[mime][charset]") {
  const std::string raw =
      "From: MAILER-DAEMON@example.jp\n"
      "Subject: =?ISO-2022-JP?B?GyRCR1s/LiUoJWkhPBsoQg==?=\n"
      "Content-Type: text/plain; charset=ISO-2022-JP\n"
      "\n"
      "\x1b$BG[?.%(%i!<\x1b(B <user@example.jp>\n";
  const Message msg = build_message(raw, Limits{});
  CHECK(msg.headers.get("Subject") == "配信エラー");
  CHECK(msg.text.find("配信エラー <user@example.jp>") != std::string_view::npos);
}
