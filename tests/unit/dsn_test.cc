// The delivery-status reader (dsn_reader.h) and the code reconciliation rules
// (dsn_reconcile.h).
#include <catch2/catch.hpp>

#include "dsn_reader.h"
#include "dsn_reconcile.h"
#include "smtp_explain/parser.h"

using namespace smtp_explain;

TEST_CASE("DSN per-message and per-recipient fields", "[dsn]") {
  const std::string text =
      "Reporting-MTA: dns; mx.example.org\n"
      "X-Postfix-Sender: rfc822; sender@example.org\n"
      "Arrival-Date: Thu,  1 Jul 2014 23:45:01 +0900\n"
      "Received-From-MTA: dns; client.example.org\n"
      "\n"
      "Original-Recipient: rfc822;First@Example.NET\n"
      "Final-Recipient: rfc822; first@example.net\n"
      "Action: failed\n"
      "Status: 5.1.1\n"
      "Remote-MTA: dns; mx.example.net\n"
      "Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried\n"
      "    to reach does not exist.\n"
      "X-Unknown-Field: ignored\n"
      "Final-Recipient: rfc822; second@example.net\n"  // no blank line before it
      "Action: Delayed\n"
      "Status: 4.2.2 (mailbox full)\n";
  DsnFields dsn;
  REQUIRE(read_delivery_status(text, &dsn));
  CHECK(dsn.reporting_mta == "mx.example.org");
  CHECK(dsn.postfix_sender == "sender@example.org");
  CHECK(dsn.received_from_mta == "client.example.org");
  REQUIRE(dsn.recipients.size() == 2);
  CHECK(dsn.recipients[0].address == "first@example.net");
  CHECK(dsn.recipients[0].original_recipient == "First@Example.NET");
  CHECK(dsn.recipients[0].action == "failed");
  CHECK(dsn.recipients[0].remote_mta == "mx.example.net");
  CHECK(dsn.recipients[0].diagnostic ==
        "550-5.1.1 The email account that you tried to reach does not exist.");
  CHECK(dsn.recipients[1].address == "second@example.net");
  CHECK(dsn.recipients[1].action == "delayed");
  CHECK(dsn.recipients[1].status == "4.2.2 (mailbox full)");
}

TEST_CASE("DSN type prefixes, xtext and unitext", "[dsn]") {
  CHECK(strip_type_prefix("rfc822; a@b.example") == "a@b.example");
  CHECK(strip_type_prefix("smtp;550 no") == "550 no");
  CHECK(strip_type_prefix("550 no; really") == "550 no; really");
  CHECK(decode_xtext("a+2Bb@example.org") == "a+b@example.org");
  CHECK(decode_xtext("a+41b@example.org") == "a+41b@example.org");  // 'A' needs no escape
  CHECK(decode_xtext("\\x{E9}t\\x{E9}@example.org") == "\xc3\xa9t\xc3\xa9@example.org");
  DsnFields dsn;
  REQUIRE(
      read_delivery_status("Final-Recipient: utf-8; \\x{4E2D}@example.cn\nAction: failed\n", &dsn));
  CHECK(dsn.recipients[0].address == "\xe4\xb8\xad@example.cn");
}

TEST_CASE("DSN fields inside text are detected", "[dsn]") {
  CHECK(has_dsn_fields("blah\nFinal-Recipient: rfc822; a@b.example\nAction: failed\n"));
  CHECK_FALSE(has_dsn_fields("Action: failed\nno recipient here\n"));
  DsnFields dsn;
  CHECK_FALSE(read_delivery_status("just words\nand more\n", &dsn));
  CHECK(dsn.malformed);
}

TEST_CASE("reconcile_codes: X.0.0 or missing status yields to the diagnostic", "[dsn]") {
  ReconciledCodes c = reconcile_codes("", "5.0.0", "failed", "550 5.1.1 user unknown");
  CHECK(c.status == "5.1.1");
  CHECK(c.reply == "550");
  CHECK(c.cls == DeliveryClass::kPermanent);
  c = reconcile_codes("", "", "failed", "550 5.2.2 mailbox full");
  CHECK(c.status == "5.2.2");
  // A specific field is kept unless the remote stated a paired specific code.
  c = reconcile_codes("", "5.1.1", "failed", "550 5.7.1 IP address blacklisted");
  CHECK(c.status == "5.7.1");
  c = reconcile_codes("", "5.1.1", "failed", "see 5.7.1 somewhere");
  CHECK(c.status == "5.1.1");
  // Another class in the diagnostic never replaces the field.
  c = reconcile_codes("", "5.0.0", "failed", "421 4.4.2 connection timed out");
  CHECK(c.status == "5.0.0");
  CHECK(c.cls == DeliveryClass::kPermanent);
}

TEST_CASE("reconcile_codes: never invents, action decides delayed/delivered", "[dsn]") {
  ReconciledCodes c = reconcile_codes("", "", "failed", "mailbox unavailable");
  CHECK(c.reply.empty());
  CHECK(c.status.empty());
  CHECK(c.cls == DeliveryClass::kPermanent);
  c = reconcile_codes("", "5.0.0", "delayed", "");
  CHECK(c.cls == DeliveryClass::kTransient);
  c = reconcile_codes("", "2.0.0", "delivered", "250 ok");
  CHECK(c.cls == DeliveryClass::kSuccess);
  // Status wins over a disagreeing reply for the class.
  c = reconcile_codes("550", "4.2.2", "", "");
  CHECK(c.cls == DeliveryClass::kTransient);
  c = reconcile_codes("451", "", "", "");
  CHECK(c.cls == DeliveryClass::kTransient);
  c = reconcile_codes("", "not-a-code", "failed", "");
  CHECK(c.status.empty());
}

TEST_CASE("hostile DSN: CR, LF and NUL never reach Report strings", "[dsn]") {
  std::string msg =
      "From: MAILER-DAEMON@example.org\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n"
      "\n--b\nContent-Type: message/delivery-status\n\n"
      "Reporting-MTA: dns; evil\rInjected: yes\n\n"
      "Final-Recipient: rfc822; victim@example.net\r\n"
      "Action: failed\n"
      "Status: 5.1.1\n"
      "Diagnostic-Code: smtp; 550 bad\r\nX-Evil: 1\n";
  msg += std::string("Remote-MTA: dns; mx\0.example\n", 29);
  msg += "\n--b--\n";
  const Report r = parse_message(msg);
  REQUIRE(r.recipients.size() == 1);
  auto clean = [](const std::string& s) {
    return s.find_first_of(std::string("\r\n\0", 3)) == std::string::npos;
  };
  CHECK(clean(r.reporting_mta));
  for (const Recipient& rc : r.recipients) {
    CHECK(clean(rc.recipient));
    CHECK(clean(rc.diagnostic));
    CHECK(clean(rc.remote_mta));
    CHECK(clean(rc.status));
    CHECK(rc.recipient == "victim@example.net");
  }
}

TEST_CASE("hostile addresses are dropped, not passed on", "[dsn]") {
  CHECK(clean_address("<A.B@Example.ORG>") == "A.B@example.org");
  CHECK(clean_address("rfc822; \"x\"@example.org") == "\"x\"@example.org");
  CHECK(clean_address("a@b.example\r\nBcc: x@y").empty());
  CHECK(clean_address("a b@example.org").empty());
  CHECK(clean_address("@example.org").empty());
  CHECK(clean_address("user@").empty());
  CHECK(clean_address("user@exa mple.org").empty());
}

TEST_CASE("a DSN block named only by Original-Recipient still counts", "[dsn]") {
  DsnFields dsn;
  REQUIRE(
      read_delivery_status("Original-Recipient: <kijitora@example.co.jp>\nAction: failed\n"
                           "Diagnostic-Code: smtp; 550 Unknown user\nRemote-MTA: 192.0.2.192\n",
                           &dsn));
  REQUIRE(dsn.recipients.size() == 1);
  CHECK(clean_address(dsn.recipients[0].address) == "kijitora@example.co.jp");
}

TEST_CASE("reconcile_codes: a reply of another class than the status", "[dsn]") {
  ReconciledCodes c = reconcile_codes("", "5.1.6", "failed",
                                      "450 busy - please try later 551 not our user 503 need RCPT");
  CHECK(c.reply == "551");
  CHECK(c.status == "5.1.6");
  c = reconcile_codes("", "4.4.7", "failed",
                      "554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 "
                      "Connection timed out>");
  CHECK(c.reply == "421");
  CHECK(c.status == "4.4.2");
  CHECK(c.cls == DeliveryClass::kTransient);
  // No reply found by the scanner: a reply counts only with its status beside it.
  c = reconcile_codes("", "5.0.0", "failed",
                      "5.1.0 - Unknown address error 550-'5.7.1 <x@example.com>... Access denied'");
  CHECK(c.reply == "550");
  CHECK(c.status == "5.7.1");
  c = reconcile_codes("", "5.0.0", "failed", "could not deliver in 550 minutes");
  CHECK(c.reply.empty());
  CHECK(c.status == "5.0.0");
  c = reconcile_codes("", "5.1.6", "failed", "450 busy - please try later");
  CHECK(c.reply == "450");  // no reply of the status's class: kept as found
  CHECK(c.cls == DeliveryClass::kPermanent);
}

TEST_CASE("DSN recipient fields folded onto the next line", "[dsn]") {
  DsnFields dsn;
  REQUIRE(read_delivery_status(
      "Final-Recipient: rfc822;\n    folded@example.net\nAction: failed\nStatus: 5.1.1\n\n"
      "Final-Recipient:\n\trfc822; second@example.net\nOriginal-Recipient:\n rfc822;"
      " alias@example.net\nAction:\n failed\nStatus:\n 5.2.2\n",
      &dsn));
  REQUIRE(dsn.recipients.size() == 2);
  CHECK(dsn.recipients[0].address == "folded@example.net");
  CHECK(dsn.recipients[0].status == "5.1.1");
  CHECK(dsn.recipients[1].address == "second@example.net");
  CHECK(dsn.recipients[1].original_recipient == "alias@example.net");
  CHECK(dsn.recipients[1].action == "failed");
  CHECK(dsn.recipients[1].status == "5.2.2");
  CHECK(dsn.recipients[1].stated);
}

namespace {
std::string dsn_message(std::string_view final_recipient, std::string_view status,
                        std::string_view diagnostic) {
  return "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>\n"
         "To: sender@example.org\n"
         "Subject: Returned mail: see transcript for details\n"
         "MIME-Version: 1.0\n"
         "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n"
         "--b\nContent-Type: text/plain\n\nThe original message was received.\n\n"
         "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n"
         "Final-Recipient: " +
         std::string(final_recipient) + "\nAction: failed\nStatus: " + std::string(status) +
         "\nDiagnostic-Code: smtp; " + std::string(diagnostic) + "\n\n--b--\n";
}
}  // namespace

TEST_CASE("DSN recipient that is no valid address is reported as written", "[dsn]") {
  // Sendmail 8.12 wrote the domain of an unresolvable "#" literal as is.
  Report r =
      parse_message(dsn_message("RFC822; recipient@#example.net", "5.1.2", "550 Host unknown"));
  REQUIRE(r.bounce);
  REQUIRE(r.recipients.size() == 1);
  CHECK(r.recipients[0].recipient == "recipient@#example.net");
  CHECK(r.recipients[0].reply_code == "550");
  CHECK(r.recipients[0].status == "5.1.2");
  CHECK(r.recipients[0].reason == Reason::kHostUnknown);
  // A local part over 64 bytes.
  const std::string long_local(70, 'x');
  r = parse_message(
      dsn_message("rfc822; " + long_local + "@Example.NET", "5.1.1", "550 5.1.1 user unknown"));
  REQUIRE(r.recipients.size() == 1);
  CHECK(r.recipients[0].recipient == long_local + "@example.net");
  // What names no mailbox is still dropped: a pipe, a path, no '@'.
  for (std::string_view junk : {"rfc822; |/usr/bin/procmail", "rfc822; /var/mail/x@y",
                                "rfc822; postmaster", "rfc822; @example.net"}) {
    INFO(junk);
    r = parse_message(dsn_message(junk, "5.1.1", "550 unknown"));
    CHECK(r.recipients.empty());
  }
  // An ESMTP parameter copied with the address: the address stays.
  r = parse_message(dsn_message("ORCPT=rfc822;a@example.net", "5.1.1", "550 unknown"));
  REQUIRE(r.recipients.size() == 1);
  CHECK(r.recipients[0].recipient == "a@example.net");
}

TEST_CASE("DSN that repeats a recipient block reports the recipient once", "[dsn]") {
  std::string m = dsn_message("rfc822; once@example.net", "5.1.1", "550 5.1.1 unknown");
  const std::string block =
      "Final-Recipient: rfc822; Once@Example.net\nAction: failed\nStatus: 5.1.1\n\n";
  m.insert(m.find("--b--"), block + block);
  const Report r = parse_message(m);
  REQUIRE(r.recipients.size() == 1);
  CHECK(r.recipients_total == 1);
  CHECK(r.recipients[0].recipient == "once@example.net");
  CHECK(r.recipients[0].reply_code == "550");
}
