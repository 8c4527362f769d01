// Unit tests for classify_reason: one or more real replies per reason (from
// the Sisimai corpus), the precedence of hint / status / text / command, and
// remote-host rules.
#include <catch2/catch.hpp>

#include "reason.h"

using smtp_explain::classify_reason;
using smtp_explain::Reason;
using smtp_explain::reason_from_name;
using smtp_explain::ReasonInput;

namespace {
std::string_view classify(std::string_view status, std::string_view reply,
                          std::string_view diagnostic, std::string_view command = "",
                          std::string_view action = "failed", std::string_view rhost = "") {
  ReasonInput in;
  in.status = status;
  in.reply_code = reply;
  in.diagnostic = diagnostic;
  in.smtp_command = command;
  in.action = action;
  in.remote_mta = rhost;
  return to_string(classify_reason(in));
}
}  // namespace

TEST_CASE("status codes decide when the text does not contradict", "[reason]") {
  CHECK(classify("5.1.1", "550", "550 5.1.1 <a@b>... User Unknown", "RCPT") == "userunknown");
  CHECK(classify("5.2.2", "552", "552 5.2.2 Mailbox Full") == "mailboxfull");
  CHECK(classify("5.1.2", "550", "Host or domain name not found") == "hostunknown");
  CHECK(classify("5.3.4", "552", "552 5.3.4 Message size exceeds fixed limit") == "mesgtoobig");
  CHECK(classify("5.2.3", "552", "552 5.2.3 Message length exceeds administrative limit") ==
        "exceedlimit");
  CHECK(classify("5.1.6", "550", "550 5.1.6 mailbox has moved") == "hasmoved");
  CHECK(classify("5.7.26", "550", "550 5.7.26 Unauthenticated email is not accepted") ==
        "authfailure");
  CHECK(classify("5.7.25", "550",
                 "550 5.7.25 The IP address sending this message does not "
                 "have a PTR record setup") == "requireptr");
  CHECK(classify("5.7.13", "525", "525 5.7.13 User account disabled") == "suspend");
  CHECK(classify("5.1.10", "550", "550 5.1.10 RESOLVER.ADR.RecipientNotFound") == "userunknown");
  CHECK(classify("5.7.27", "550", "550 5.7.27 sender address has null MX") == "notaccept");
  CHECK(classify("2.1.5", "250", "250 2.1.5 Ok", "", "delivered") == "delivered");
}

TEST_CASE("phrases name the reason", "[reason]") {
  CHECK(classify("5.0.0", "550", "550 sorry, no mailbox here by that name", "RCPT") ==
        "userunknown");
  CHECK(classify("5.0.0", "550", "mailbox is full (quota exceeded)") == "mailboxfull");
  CHECK(classify("5.0.0", "554", "Relay access denied", "RCPT") == "norelaying");
  CHECK(classify("5.7.1", "550", "Message rejected due to DMARC policy") == "authfailure");
  CHECK(classify("4.7.0", "421",
                 "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily "
                 "deferred due to user complaints - 4.16.55.1") == "badreputation");
  CHECK(classify("5.7.1", "550", "Client host rejected: cannot find your reverse hostname") ==
        "requireptr");
  CHECK(classify("5.7.1", "550", "550 5.7.1 This message is not RFC 5322 compliant", "DATA") ==
        "notcompliantrfc");
  CHECK(classify("4.2.1", "450",
                 "The user you are trying to contact is receiving mail too quickly") == "speeding");
  CHECK(classify("5.0.0", "554", "554 5.7.1 This message has been identified as spam", "DATA") ==
        "spamdetected");
  CHECK(classify("5.7.0", "550", "550 5.7.0 Virus detected in the message") == "virusdetected");
  CHECK(classify("5.7.0", "550", "Message rejected due to local policy") == "policyviolation");
  CHECK(classify("4.0.0", "421", "421 Too many concurrent SMTP connections") == "toomanyconn");
  CHECK(classify("5.0.0", "554",
                 "554 Service unavailable; Client host [192.0.2.1] blocked "
                 "using zen.spamhaus.org") == "blocked");
  CHECK(classify("5.1.8", "553", "553 5.1.8 Sender address rejected: Domain not found", "MAIL") ==
        "rejected");
  CHECK(classify("4.4.7", "", "retry timeout exceeded", "", "failed") == "expired");
  CHECK(classify("5.4.6", "554", "mail forwarding loop for a@b") == "networkerror");
  CHECK(classify("5.3.0", "", "Local configuration error") == "systemerror");
  CHECK(classify("4.3.1", "452", "452 4.3.1 Insufficient system storage") == "systemfull");
  CHECK(classify("", "", "x-unix; Command died with status 1: \"/usr/bin/procmail\"") ==
        "mailererror");
  CHECK(classify("5.6.0", "554", "improper use of 8-bit data in message header") == "contenterror");
  CHECK(classify("5.0.0", "550",
                 "550 5.2.1 The email account that you tried to reach is "
                 "disabled",
                 "RCPT") == "suspend");
  CHECK(classify("5.2.0", "550", "you have been blocked by the recipient", "DATA") == "filtered");
  CHECK(classify("5.7.8", "535", "535 5.7.8 Authentication credentials invalid") ==
        "securityerror");
  CHECK(classify("5.5.0", "500", "500 Syntax error, command unrecognized") == "syntaxerror");
}

TEST_CASE("fallbacks use the command, the action and the text", "[reason]") {
  CHECK(classify("", "", "some unknown problem", "", "delayed") == "expired");
  CHECK(classify("5.0.0", "550", "550 go to hell", "HELO") == "blocked");
  CHECK(classify("5.0.0", "", "something odd happened") == "onhold");
  CHECK(classify("", "", "", "", "") == "undefined");
}

TEST_CASE("a scanner hint wins unless it is vague or the code says success", "[reason]") {
  ReasonInput in;
  in.status = "5.0.0";
  in.diagnostic = "whatever text";
  in.hint = Reason::kMailboxFull;
  CHECK(classify_reason(in) == Reason::kMailboxFull);
  in.hint = Reason::kOnHold;  // vague: the text decides
  in.diagnostic = "550 mailbox full";
  CHECK(classify_reason(in) == Reason::kMailboxFull);
  in.hint = std::nullopt;
  CHECK(classify_reason(in) == Reason::kMailboxFull);
  in.hint = Reason::kUserUnknown;
  in.status = "2.0.0";
  CHECK(classify_reason(in) == Reason::kDelivered);
}

TEST_CASE("remote-host rules", "[reason]") {
  CHECK(classify("5.2.1", "550",
                 "550 5.2.1 The email account that you tried to reach is "
                 "inactive.",
                 "RCPT", "failed", "gmail-smtp-in.l.google.com") == "suspend");
  CHECK(classify("5.7.26", "550",
                 "550 5.7.26 This message does not have authentication "
                 "information",
                 "DATA", "failed", "aspmx.l.google.com") == "authfailure");
  CHECK(classify("5.7.509", "550",
                 "550 5.7.509 Access denied, sending domain does not pass "
                 "DMARC verification",
                 "DATA", "failed", "example-com.mail.protection.outlook.com") == "authfailure");
  CHECK(classify("5.7.606", "550", "550 5.7.606 Access denied, banned sending IP", "RCPT", "failed",
                 "example-com.mail.protection.outlook.com") == "blocked");
}

TEST_CASE("reason names only at the edges: to_string and reason_from_name agree", "[reason]") {
  for (std::size_t i = 0; i < smtp_explain::kReasonCount; ++i) {
    const auto r = static_cast<Reason>(i);
    CHECK(reason_from_name(to_string(r)) == r);
  }
  CHECK(reason_from_name("userunknown") == Reason::kUserUnknown);
  CHECK(reason_from_name("notcompliantrfc") == Reason::kNotCompliantRfc);
  CHECK(reason_from_name("undefined") == Reason::kUndefined);
  CHECK_FALSE(reason_from_name("vacation"));
  CHECK_FALSE(reason_from_name(""));
  CHECK_FALSE(reason_from_name("UserUnknown"));
}

TEST_CASE("provider codes in the text", "[reason]") {
  // Orange / La Poste: the last three digits of LPNxxx_yyy
  CHECK(classify("5.5.0", "550",
                 "550 5.5.0 Le compte du destinataire est bloque. The recipient "
                 "account is blocked. LPN007_426",
                 "RCPT", "failed", "smtpz4.laposte.net") == "suspend");
  // Cox and Spectrum "AUP#" codes
  CHECK(classify("5.1.0", "550", "550 5.1.0 <a@b> sender rejected. AUP#CDRBL", "MAIL") ==
        "blocked");
  CHECK(classify("5.1.0", "550", "550 5.1.0 <a@b> sender rejected. AUP#In-1310", "MAIL") ==
        "toomanyconn");
  CHECK(classify("5.0.0", "550", "550 Mailbox is frozen. See http://mail.i.ua/err/3/", "RCPT",
                 "failed", "mx3.email.ua") == "suspend");
  CHECK(classify("5.0.0", "550", "550 Unknown user a@docomo.ne.jp", "DATA", "failed",
                 "mfsmax.docomo.ne.jp") == "rejected");
  CHECK(classify("5.2.0", "550", "550 : User unknown", "RCPT", "failed", "lsean.ezweb.ne.jp") ==
        "filtered");
  CHECK(classify("5.0.0", "550", "550 Ip frequency limited", "DATA", "failed", "mx3.qq.com") ==
        "toomanyconn");
  CHECK(classify("5.0.0", "554", "554 Host network not allowed", "RCPT", "failed",
                 "us-smtp-inbound-1.mimecast.com") == "policyviolation");
}
