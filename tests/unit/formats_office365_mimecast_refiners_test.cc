// Format families (milter/core/formats/): Office365, MailRu, Mimecast
// scanners; PowerMTA, ReceivingSES, Yandex, SendGrid, MessageLabs, Outlook
// refiners; the Diagnostic-Code type reaching the reason classifier. One
// corpus or inline bounce per family, checked end to end with parse_message
// (recipients, codes, reason) and, for scanners, which family claims it.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "family.h"
#include "smtp_explain/parser.h"
#include "test_support.h"

using smtp_explain::Kind;
using smtp_explain::Report;
using smtp_explain::test::claiming_family;
using smtp_explain::test::crlf;
using smtp_explain::test::read_corpus;
using smtp_explain::test::to_message;

TEST_CASE("Office365: text-only NDR gets the administrators' reply", "[formats_c3]") {
  const std::string raw = read_corpus("lf", "lhost-office365-01.eml");
  CHECK(claiming_family(raw) == "Office365");
  const Report r = smtp_explain::parse_message(raw);
  REQUIRE(r.kind == Kind::kText);
  REQUIRE(r.recipients.size() == 1);
  CHECK(r.recipients[0].recipient == "kijitora@example.com");
  CHECK(r.recipients[0].reply_code == "550");
  CHECK(r.recipients[0].status == "5.1.10");
  CHECK(r.recipients[0].reason == smtp_explain::Reason::kUserUnknown);
  // Same answer with CRLF line endings.
  const Report r2 = smtp_explain::parse_message(crlf(raw));
  REQUIRE(r2.recipients.size() == 1);
  CHECK(r2.recipients[0].reply_code == "550");
}

TEST_CASE("Office365: refiner marks the RCPT failure (userunknown, not filtered)", "[formats_c3]") {
  const Report r = smtp_explain::parse_message(read_corpus("lf", "lhost-office365-09.eml"));
  REQUIRE(r.kind == Kind::kDsn);
  REQUIRE(r.recipients.size() == 1);
  CHECK(r.recipients[0].status == "5.1.351");
  CHECK(r.recipients[0].reason == smtp_explain::Reason::kUserUnknown);
}

TEST_CASE("Office365: two recipients, each with its own administrators' reply", "[formats_c3]") {
  const std::string raw =
      "From: postmaster@example.onmicrosoft.com\n"
      "To: neko@example.org\n"
      "Subject: Undeliverable: Nyaan\n"
      "Message-ID: <abc@AB1PR01MB0001.eurprd01.prod.outlook.com>\n"
      "X-MS-Exchange-Message-Is-Ndr:\n"
      "X-MS-Exchange-CrossTenant-FromEntityHeader: Hosted\n"
      "Content-Type: text/plain\n"
      "\n"
      "Delivery has failed to these recipients or groups:\n"
      "\n"
      "kijitora@example.com<mailto:kijitora@example.com>\n"
      "The email address wasn't found at the destination domain.\n"
      "\n"
      "mikeneko@example.net<mailto:mikeneko@example.net>\n"
      "The recipient's mailbox is full and can't accept messages now.\n"
      "\n"
      "Diagnostic information for administrators:\n"
      "\n"
      "Generating server: AB1PR01MB0001.eurprd01.prod.outlook.com\n"
      "\n"
      "kijitora@example.com\n"
      "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; not found'\n"
      "\n"
      "mikeneko@example.net\n"
      "Remote Server returned '552 5.2.2 Mailbox full'\n"
      "\n"
      "Original message headers:\n"
      "\n"
      "From: neko@example.org\n";
  CHECK(claiming_family(raw) == "Office365");
  const Report r = smtp_explain::parse_message(raw);
  REQUIRE(r.recipients.size() == 2);
  CHECK(r.recipients[0].recipient == "kijitora@example.com");
  CHECK(r.recipients[0].reply_code == "550");
  CHECK(r.recipients[0].reason == smtp_explain::Reason::kUserUnknown);
  CHECK(r.recipients[1].recipient == "mikeneko@example.net");
  CHECK(r.recipients[1].reply_code == "552");
  CHECK(r.recipients[1].status == "5.2.2");
  CHECK(r.recipients[1].reason == smtp_explain::Reason::kMailboxFull);
}

TEST_CASE("MailRu: Exim text after the Russian preamble", "[formats_c3]") {
  const std::string raw = read_corpus("lf", "lhost-mailru-05.eml");
  CHECK(claiming_family(raw) == "MailRu");
  const Report r = smtp_explain::parse_message(raw);
  REQUIRE(r.recipients.size() == 1);
  CHECK(r.recipients[0].recipient == "neko@libsisimai.org");
  CHECK(r.recipients[0].reason == smtp_explain::Reason::kNotAccept);

  const Report r3 = smtp_explain::parse_message(read_corpus("lf", "lhost-mailru-03.eml"));
  REQUIRE(r3.recipients.size() == 2);
  CHECK(r3.recipients[0].reason == smtp_explain::Reason::kMailboxFull);
  CHECK(r3.recipients[1].reason == smtp_explain::Reason::kUserUnknown);
  CHECK(r3.recipients[1].remote_mta == "mx.example.jp");

  const Report r9 = smtp_explain::parse_message(read_corpus("lf", "lhost-mailru-09.eml"));
  REQUIRE(r9.recipients.size() == 1);
  CHECK(r9.recipients[0].reply_code == "501");
  CHECK(r9.recipients[0].reason == smtp_explain::Reason::kRejected);  // failed after MAIL FROM
}

TEST_CASE("Mimecast: the additional information is the diagnostic", "[formats_c3]") {
  const std::string raw = read_corpus("lf", "lhost-mimecast-01.eml");
  CHECK(claiming_family(raw) == "Mimecast");
  const Report r = smtp_explain::parse_message(raw);
  REQUIRE(r.recipients.size() == 1);
  CHECK(r.recipients[0].recipient == "sabineko@neko.ef.example.org");
  CHECK(r.recipients[0].status == "5.4.1");
  CHECK(r.recipients[0].diagnostic.rfind("5.4.1 Recipient address rejected", 0) == 0);
}

TEST_CASE("PowerMTA: the bounce category names the reason", "[formats_c3]") {
  const std::string raw =
      "From: postmaster@mta.example.net\n"
      "To: neko@example.org\n"
      "Subject: Delivery report\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n"
      "\n"
      "--B\n"
      "Content-Type: text/plain\n"
      "\n"
      "Hello, this is the mail server on mta.example.net.\n"
      "\n"
      "--B\n"
      "Content-Type: message/delivery-status\n"
      "\n"
      "Reporting-MTA: dns; mta.example.net\n"
      "\n"
      "Final-Recipient: rfc822; kijitora@example.jp\n"
      "Action: failed\n"
      "Status: 5.0.0\n"
      "Diagnostic-Code: smtp; 550 sorry, no can do\n"
      "X-PowerMTA-BounceCategory: inactive-mailbox\n"
      "\n"
      "Final-Recipient: rfc822; mikeneko@example.jp\n"
      "Action: failed\n"
      "Status: 5.0.0\n"
      "Diagnostic-Code: smtp; 550 sorry, no can do\n"
      "X-PowerMTA-BounceCategory: spam-related\n"
      "\n"
      "--B--\n";
  const Report r = smtp_explain::parse_message(raw);
  REQUIRE(r.recipients.size() == 2);
  CHECK(r.recipients[0].reason == smtp_explain::Reason::kSuspend);
  CHECK(r.recipients[1].reason == smtp_explain::Reason::kSpamDetected);
  // Without PowerMTA's subject the category is not trusted.
  std::string other = raw;
  other.replace(other.find("Delivery report"), 15, "Returned mail!!");
  const Report r2 = smtp_explain::parse_message(other);
  REQUIRE(r2.recipients.size() == 2);
  CHECK(r2.recipients[0].reason != smtp_explain::Reason::kSuspend);
}

TEST_CASE("ReceivingSES: a receipt-rule template is the reason", "[formats_c3]") {
  const Report r = smtp_explain::parse_message(read_corpus("lf", "lhost-receivingses-01.eml"));
  REQUIRE(r.recipients.size() == 1);
  CHECK(r.recipients[0].reply_code == "550");
  CHECK(r.recipients[0].status == "5.1.1");
  CHECK(r.recipients[0].reason == smtp_explain::Reason::kFiltered);
  const Report r5 = smtp_explain::parse_message(read_corpus("lf", "lhost-receivingses-05.eml"));
  REQUIRE(r5.recipients.size() == 1);
  CHECK(r5.recipients[0].reason == smtp_explain::Reason::kMesgTooBig);
}

TEST_CASE("Yandex, SendGrid: the failed command from the text", "[formats_c3]") {
  const std::string yandex = read_corpus("lf", "lhost-yandex-01.eml");
  smtp_explain::Message msg = to_message(yandex);
  smtp_explain::FoundList found;
  found.emplace_back().address = "kijitora@example.jp";
  smtp_explain::run_refiners(msg, smtp_explain::claimed_families(msg.headers), &found);
  CHECK(found[0].smtp_command == "RCPT");
  const Report r = smtp_explain::parse_message(yandex);
  REQUIRE(r.recipients.size() == 1);
  CHECK(r.recipients[0].reason == smtp_explain::Reason::kUserUnknown);

  const std::string sendgrid = read_corpus("lf", "lhost-sendgrid-01.eml");
  smtp_explain::Message sg = to_message(sendgrid);
  smtp_explain::FoundList sgf;
  sgf.emplace_back().address = "kijitora@example.jp";
  sgf[0].status = "5.0.0";
  sgf[0].diagnostic = "550 5.1.1 <kijitora@example.jp>... User Unknown";
  smtp_explain::run_refiners(sg, smtp_explain::claimed_families(sg.headers), &sgf);
  CHECK(sgf[0].smtp_command == "RCPT");
  CHECK(sgf[0].status == "5.1.1");
  const Report r3 = smtp_explain::parse_message(read_corpus("lf", "lhost-sendgrid-03.eml"));
  REQUIRE(r3.recipients.size() == 1);
  CHECK(r3.recipients[0].reason == smtp_explain::Reason::kExpired);
}

TEST_CASE("MessageLabs and Outlook refiners", "[formats_c3]") {
  const Report ml = smtp_explain::parse_message(read_corpus("lf", "rhost-messagelabs-03.eml"));
  REQUIRE(ml.recipients.size() == 1);
  CHECK(ml.recipients[0].reply_code == "542");
  CHECK(ml.recipients[0].reason == smtp_explain::Reason::kUserUnknown);
  const Report ml1 = smtp_explain::parse_message(read_corpus("lf", "rhost-messagelabs-01.eml"));
  REQUIRE(ml1.recipients.size() == 1);
  CHECK(ml1.recipients[0].reason == smtp_explain::Reason::kSecurityError);

  const Report o3 = smtp_explain::parse_message(read_corpus("lf", "lhost-outlook-03.eml"));
  REQUIRE(o3.recipients.size() == 1);
  CHECK(o3.recipients[0].reason == smtp_explain::Reason::kHostUnknown);
  const Report o7 = smtp_explain::parse_message(read_corpus("lf", "lhost-outlook-07.eml"));
  REQUIRE(o7.recipients.size() == 1);
  CHECK_FALSE(o7.recipients[0].diagnostic.empty());  // the module's stated error
  CHECK(o7.recipients[0].reason == smtp_explain::Reason::kExpired);
}

TEST_CASE("An X-Unix Diagnostic-Code reaches the classifier as its type", "[formats_c3][dsn]") {
  const std::string raw =
      "From: MAILER-DAEMON@mx.example.jp\n"
      "To: neko@example.org\n"
      "Subject: Returned mail: see transcript for details\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n"
      "\n"
      "--B\n"
      "Content-Type: text/plain\n"
      "\n"
      "The original message could not be delivered.\n"
      "\n"
      "--B\n"
      "Content-Type: message/delivery-status\n"
      "\n"
      "Reporting-MTA: dns; mx.example.jp\n"
      "\n"
      "Final-Recipient: RFC822; nyaan@example.jp\n"
      "Action: failed\n"
      "Status: 5.0.0\n"
      "Diagnostic-Code: X-Unix; 67\n"
      "\n"
      "--B--\n";
  const Report r = smtp_explain::parse_message(raw);
  REQUIRE(r.recipients.size() == 1);
  CHECK(r.recipients[0].diagnostic == "67");
  CHECK(r.recipients[0].reason == smtp_explain::Reason::kMailerError);
  // The same recipient with an SMTP diagnostic is not a mailer error.
  std::string smtp = raw;
  smtp.replace(smtp.find("X-Unix; 67"), 10, "smtp; 550 5.0.0 rejected");
  const Report r2 = smtp_explain::parse_message(smtp);
  REQUIRE(r2.recipients.size() == 1);
  CHECK(r2.recipients[0].reason != smtp_explain::Reason::kMailerError);
}
