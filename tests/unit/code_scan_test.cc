// Unit tests for scan_codes / scan_smtp_command: real reply lines from the
// Sisimai corpus plus hostile shapes (IP addresses, dates, versions, sizes).
#include <catch2/catch.hpp>

#include "code_scan.h"

using smtp_explain::scan_codes;
using smtp_explain::scan_smtp_command;

namespace {
void expect_codes(std::string_view text, std::string_view reply, std::string_view status) {
  INFO(text);
  const auto got = scan_codes(text);
  CHECK(got.reply == reply);
  CHECK(got.status == status);
}
}  // namespace

TEST_CASE("scan_codes finds reply and status in real replies", "[code_scan]") {
  expect_codes(
      "550-5.1.1 The email account that you tried to reach does not exist. Please try "
      "550-5.1.1 double-checking the recipient's email address for typos or 550 5.1.1 "
      "https://support.google.com/mail/?p=NoSuchUser x3si1234 - gsmtp",
      "550", "5.1.1");
  expect_codes(
      "host mx.example.com[192.0.2.25] said: 550 5.7.1 <kijitora@example.jp>: Recipient "
      "address rejected: Access denied (in reply to RCPT TO command)",
      "550", "5.7.1");
  expect_codes(
      "SMTP error from remote mail server after RCPT TO:<kijitora@example.jp>: "
      "550 Unknown user",
      "550", "");
  expect_codes(
      "Remote host said: 554 delivery error: dd This user doesn't have a "
      "yahoo.com account (kijitora@yahoo.com) [0] - mta1.mail.example.yahoo.com",
      "554", "");
  expect_codes("smtp; 550 5.2.2 <mikeneko@example.co.jp>... Mailbox Full", "550", "5.2.2");
  expect_codes("<<< 550 <kijitora@example.org>... User unknown", "550", "");
  expect_codes("#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##", "550", "5.1.1");
  expect_codes("Sorry, no mailbox here by that name. (#5.1.1)", "", "5.1.1");
  expect_codes("550 5.7.606 Access denied, banned sending IP [192.0.2.1]", "550", "5.7.606");
  expect_codes("452 4.2.2 The email account that you tried to reach is over quota", "452", "4.2.2");
  expect_codes("This user doesn't have a account #5.1.1", "", "5.1.1");
}

TEST_CASE("scan_codes finds codes inside non-ASCII text", "[code_scan]") {
  // "宛先のメールアドレスが見つかりません 550 5.1.1"
  expect_codes(
      "\xE5\xAE\x9B\xE5\x85\x88\xE3\x81\x8C\xE8\xA6\x8B\xE3\x81\xA4\xE3\x81\x8B"
      "550 5.1.1 unknown",
      "550", "5.1.1");
}

TEST_CASE("scan_codes ignores numbers that are not codes", "[code_scan]") {
  expect_codes("connect to 550.1.1.1 failed", "", "");
  expect_codes("host 192.0.2.5 refused the connection", "", "");
  expect_codes("Date: Mon, 05 Jan 2024 10:11:12 +0900", "", "");
  expect_codes("Postfix 2.10.1 on mx5.1.1example.com", "", "");
  expect_codes("user5.1.1 is here", "", "");
  expect_codes("message of 552 bytes exceeds the limit", "", "");
  expect_codes("mail to 550@example.com bounced", "", "");
  expect_codes("see http://example.com/550/5.1.1.html", "", "");
  expect_codes("detail 5.1.1234 is not a status", "", "");
  expect_codes("call 555-1234 now", "", "");
  expect_codes("", "", "");
  expect_codes("5", "", "");
  expect_codes("5.1.", "", "");
}

TEST_CASE("scan_codes prefers the reply paired with a status", "[code_scan]") {
  expect_codes("Delivery failed after 3 tries; last reply 421 then 550 5.1.1 User unknown", "550",
               "5.1.1");
  expect_codes("250 2.1.5 Ok", "250", "2.1.5");
}

TEST_CASE("scan_smtp_command names the failed command", "[code_scan]") {
  CHECK(scan_smtp_command("550 5.1.1 <a@b>: Recipient address rejected: User unknown "
                          "(in reply to RCPT TO command)") == "RCPT");
  CHECK(scan_smtp_command("(in reply to end of DATA command)") == "DATA");
  CHECK(scan_smtp_command("(in reply to MAIL FROM command)") == "MAIL");
  CHECK(scan_smtp_command("SMTP error from remote mail server after RCPT TO:<a@b>: 550") == "RCPT");
  CHECK(scan_smtp_command("SMTP error from remote mail server after end of data: 554") == "DATA");
  CHECK(scan_smtp_command("SMTP error from remote mail server after initial connection: 554") ==
        "CONN");
  CHECK(scan_smtp_command(">>> DATA\n<<< 550 5.6.9 improper use of 8-bit data") == "DATA");
  CHECK(scan_smtp_command("Connected to 192.0.2.1 but sender was rejected.") == "MAIL");
  CHECK(scan_smtp_command("Connected to 192.0.2.1 but my name was rejected.") == "HELO");
  CHECK(scan_smtp_command("550 5.2.2 Mailbox full") == "");
}

TEST_CASE("scan_codes reads codes that remote-reply wrappers quote", "[code_scan]") {
  // Exchange / Microsoft 365 text notices quote the remote reply.
  expect_codes(
      "Remote Server returned '550 5.7.129 RESOLVER.RST.RestrictedToRecipientsPermission; not "
      "authorized to send to this recipient'",
      "550", "5.7.129");
  expect_codes("Remote server returned '554 5.4.14 Hop count exceeded - possible mail loop'", "554",
               "5.4.14");
  expect_codes("Remote Server returned '<mx.example.net #5.0.0 smtp; 550 Unknown user>'", "550",
               "5.0.0");
  // Old qmail-style and Exchange 2000 wording: "<command> said <code>".
  expect_codes("RCPT TO said 550 No such user here", "550", "");
  expect_codes("Remote host said: RCPT TO said 550 mailbox unavailable", "550", "");
  expect_codes("The server responded with: 550 Requested action not taken", "550", "");
  expect_codes("MAIL FROM returned 553 sender rejected", "553", "");
  // The first line of a multi-line reply directly followed by an address.
  expect_codes("550-recipient@example.net is not an active address at this host", "550", "");
  expect_codes("smtp; 550-recipient@example.net is not an active address", "550", "");
  expect_codes("553-<user@example.org>: relaying denied", "553", "");
}

TEST_CASE("scan_codes still ignores numbers in addresses and words after 'said'", "[code_scan]") {
  expect_codes("the server said 5500 messages were queued", "", "");
  expect_codes("he said 550@example.com was wrong", "", "");
  expect_codes("550-55@example.net", "550", "");
  expect_codes("phone 555-recipient@example.net", "", "");
}
