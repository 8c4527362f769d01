// Families (Amavis, Aol, Barracuda, Bigfoot, Courier,
// EinsUndEins, Facebook, GMX, GSuite; milter/core/formats/<family>.cc):
// one realistic bounce per family (a corpus file or an inline sample) parsed
// end to end, inline samples for the module rules the corpus does not reach,
// and foreign messages the scanners decline.
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "family.h"
#include "smtp_explain/parser.h"
#include "test_support.h"

namespace fs = std::filesystem;
using smtp_explain::Report;
using smtp_explain::test::claiming_family;
using smtp_explain::test::EmptyStatus;
using smtp_explain::test::read_file;
using smtp_explain::test::Want;

namespace {

const fs::path kCorpus = smtp_explain::test::corpus_root();

void check(const Report& r, const std::vector<Want>& want) {
  smtp_explain::test::check_recipients(r, want, EmptyStatus::kAsserted);
}

void check_file(const char* dir, const char* file, const std::vector<Want>& want) {
  smtp_explain::test::check_corpus_file(dir, file, want, EmptyStatus::kAsserted);
}

}  // namespace

TEST_CASE("Amavis .. GSuite families read their corpus bounces", "[formats_c4]") {
  // Expectations from truth.tsv where it lists the file, else from Sisimai.
  check_file("lf", "lhost-amavis-03.eml",
             {{"kijitora@example.com", "554", "5.7.0", "spamdetected"}});
  check_file("lf", "rhost-aol-01.eml", {{"kijitora@example.jp", "", "5.4.4", "hostunknown"}});
  check_file("lf", "lhost-barracuda-01.eml",
             {{"kijitora@example.org", "550", "5.7.1", "spamdetected"}});
  check_file("crlf", "lhost-bigfoot-01.eml",
             {{"destinaion@example.net", "553", "5.7.1", "userunknown"}});
  check_file("lf", "lhost-courier-01.eml",
             {{"kijitora@example.co.jp", "550", "5.1.1", "userunknown"}});
  check_file("lf", "lhost-einsundeins-03.eml", {{"xxxx@xxxx.fr", "550", "5.2.0", "spamdetected"}});
  check_file("cr", "lhost-einsundeins-01.eml", {{"general@example.eu", "", "", "mesgtoobig"}});
  check_file("lf", "rhost-facebook-03.eml",
             {{"kijitora@facebook.com", "550", "5.1.1", "filtered"}});
  check_file("lf", "lhost-gmx-03.eml",
             {{"mikeneko@example.co.jp", "", "5.2.1", "userunknown"},
              {"sabineko@example.co.jp", "", "5.2.2", "mailboxfull"}});
  check_file("lf", "rhost-gsuite-11.eml", {{"kijitora@example.jp", "501", "5.1.8", "rejected"}});
  // (rhost-gsuite-05/-15, "NXDOMAIN Domain name not found", give hostunknown
  // here, networkerror in Sisimai 4: the first pass's hostunknown phrase wins.)
  check_file("lf", "rhost-gsuite-13.eml", {{"nekonyaan@gmal.com", "", "4.0.0", "networkerror"}});
}

TEST_CASE("Amavis .. GSuite text families are claimed by their own scanner", "[formats_c4]") {
  for (const char* file : {"lhost-einsundeins-03.eml", "lhost-gmx-01.eml"}) {
    INFO(file);
    const std::string family = claiming_family(read_file(kCorpus / "lf" / file));
    CHECK(family == (std::string(file).find("gmx") != std::string::npos ? "GMX" : "EinsUndEins"));
  }
}

namespace {

// A multipart/report with a text part and a delivery-status part.
std::string report(const std::string& headers, const std::string& text, const std::string& dsn) {
  return headers +
         "MIME-Version: 1.0\n"
         "Content-Type: multipart/report; report-type=delivery-status; boundary=\"BB\"\n"
         "\n"
         "--BB\n"
         "Content-Type: text/plain; charset=us-ascii\n"
         "\n" +
         text +
         "\n"
         "--BB\n"
         "Content-Type: message/delivery-status\n"
         "\n"
         "Reporting-MTA: dns; mx.example.net\n"
         "\n" +
         dsn +
         "\n"
         "--BB\n"
         "Content-Type: text/rfc822-headers\n"
         "\n"
         "From: sender@example.org\n"
         "To: rcpt@example.com\n"
         "Subject: hello\n"
         "\n"
         "--BB--\n";
}

const std::string kTo = "To: sender@example.org\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n";

}  // namespace

TEST_CASE("Amavis .. GSuite refiners: module reason tables and commands", "[formats_c4]") {
  SECTION("Amavis: ' - INFECTED' is a virus") {
    const std::string m = report(
        "From: \"Content-filter at mx.example.net\" <postmaster@mx.example.net>\n" + kTo +
            "Subject: VIRUS in message apparently from you\n",
        "The message WAS NOT relayed to:\n<rcpt@example.com>:\n",
        "Final-Recipient: rfc822; rcpt@example.com\nAction: failed\nStatus: 5.7.0\n"
        "Diagnostic-Code: smtp; 554 5.7.0 Reject, id=12345-01 - INFECTED: Eicar-Test-Signature\n");
    check(smtp_explain::parse_message(m), {{"rcpt@example.com", "554", "5.7.0", "virusdetected"}});
  }
  SECTION("Aol: an MX lookup failure is notaccept") {
    const std::string m = report(
        "From: MAILER-DAEMON@aol.com\n" + kTo + "Subject: Undeliverable\nX-AOL-IP: 192.0.2.1\n",
        "Delivery failed.\n",
        "Final-Recipient: rfc822; rcpt@example.com\nAction: failed\nStatus: 5.4.4\n"
        "Diagnostic-Code: smtp; Name service error for name=example.com "
        "type=MX: Malformed or unexpected name server reply\n");
    check(smtp_explain::parse_message(m), {{"rcpt@example.com", "", "5.4.4", "notaccept"}});
  }
  SECTION("Barracuda: no Diagnostic-Code, the text's sentence explains") {
    const std::string m =
        report("From: MAILER-DAEMON <>\n" + kTo +
                   "Subject: **Message you sent blocked by our bulk email filter**\n",
               "Your message to: rcpt@example.com\nwas blocked by our Spam Firewall. The email you "
               "sent with the following subject has NOT BEEN DELIVERED:\n\nSubject: hello\n",
               "Final-Recipient: rfc822; rcpt@example.com\nAction: failed\nStatus: 5.7.1\n");
    const Report r = smtp_explain::parse_message(m);
    REQUIRE(r.recipients.size() == 1);
    CHECK(r.recipients[0].diagnostic ==
          "Your message to: rcpt@example.com was blocked by our Spam Firewall. The email you sent "
          "with the following subject has NOT BEEN DELIVERED:");
  }
  SECTION("Bigfoot: a transcript with only a reply means the greeting failed") {
    const std::string m =
        report("From: Mail Delivery Subsystem <MAILER-DAEMON@bigfoot.com>\n" + kTo +
                   "Subject: Returned mail\n",
               "   ----- Transcript of session follows -----\n<<< 554 mx.example.com ESMTP not "
               "accepting messages\n",
               "Final-Recipient: rfc822; rcpt@example.com\nAction: failed\nStatus: 5.0.0\n"
               "Diagnostic-Code: smtp; 554 mx.example.com ESMTP not accepting messages\n");
    // EHLO: Sisimai's anotherone() falls back to blocked for a greeting failure.
    check(smtp_explain::parse_message(m), {{"rcpt@example.com", "554", "5.0.0", "blocked"}});
  }
  SECTION("Courier: 'No such domain.' is hostunknown") {
    const std::string m =
        report("From: Courier mail server at mx.example.net <@>\n" + kTo +
                   "Subject: NOTICE: mail delivery status.\n",
               "                           UNDELIVERABLE MAIL\n\n<rcpt@example.com>:\n"
               "    No such domain.\n",
               "Final-Recipient: rfc822; rcpt@example.com\nAction: failed\nStatus: 5.0.0\n"
               "Diagnostic-Code: unknown; No such domain.\n");
    check(smtp_explain::parse_message(m), {{"rcpt@example.com", "", "5.0.0", "hostunknown"}});
  }
  SECTION("Facebook: POL-P1 is blocked, INT-T1 a system error") {
    for (const auto& [code, reason] : std::vector<std::pair<std::string, std::string>>{
             {"550 5.7.1 POL-P1 http://postmaster.facebook.com/response_codes#pol", "blocked"},
             {"450 4.3.0 INT-T1 http://postmaster.facebook.com/response_codes#int",
              "systemerror"}}) {
      const std::string m =
          report("From: Facebook <mailer-daemon@mx.facebook.com>\n" + kTo +
                     "Subject: Sorry, your message could not be delivered\n",
                 "This message was created automatically by Facebook.\n",
                 "Final-Recipient: rfc822; rcpt@facebook.com\nAction: failed\nStatus: " +
                     code.substr(4, 5) + "\nDiagnostic-Code: smtp; " + code + "\n");
      const Report r = smtp_explain::parse_message(m);
      INFO(code);
      REQUIRE(r.recipients.size() == 1);
      CHECK(smtp_explain::to_string(r.recipients[0].reason) == reason);
    }
  }
  SECTION("GSuite: the text's specific code replaces the DSN's 5.0.0") {
    const std::string m = report(
        "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n" + kTo +
            "Subject: Delivery Status Notification (Failure)\nX-Gm-Message-State: AAAA\n",
        "** Address not found **\n\nYour message wasn't delivered to rcpt@example.com because "
        "the address couldn't be found, or is unable to receive mail.\n\n"
        "The response from the remote server was:\n550 5.1.1 <rcpt@example.com>: Recipient "
        "address rejected: User unknown in local recipient table\n",
        "Final-Recipient: rfc822; rcpt@example.com\nAction: failed\nStatus: 5.0.0\n"
        "Diagnostic-Code: smtp; 550\n");
    const Report r = smtp_explain::parse_message(m);
    check(r, {{"rcpt@example.com", "550", "5.1.1", "userunknown"}});
    CHECK(r.recipients[0].diagnostic.find("User unknown in local recipient table") !=
          std::string::npos);
  }
}

TEST_CASE("Amavis .. GSuite text scanners: inline samples", "[formats_c4]") {
  SECTION("GMX: the sentence below 'Reason:' and a retry timeout") {
    const std::string m =
        "From: Mail Delivery System <mailer-daemon@gmx.net>\n" + kTo +
        "Subject: Mail delivery failed: returning message to sender\nX-GMX-Antispam: 0\n\n"
        "This message was created automatically by mail delivery software.\n\n"
        "A message that you sent could not be delivered to one or more of\nits recipients. "
        "This is a permanent error. The following address\nfailed:\n\n"
        "\"rcpt@example.com\":\nReason:\ndelivery retry timeout exceeded\n\n"
        "--- The header of the original message is following. ---\n\n"
        "From: sender@example.org\nTo: rcpt@example.com\nSubject: hello\n";
    CHECK(claiming_family(m) == "GMX");
    const Report r = smtp_explain::parse_message(m);
    REQUIRE(r.recipients.size() == 1);
    CHECK(r.recipients[0].recipient == "rcpt@example.com");
    CHECK(r.recipients[0].diagnostic == "delivery retry timeout exceeded");
    CHECK(r.recipients[0].reason == smtp_explain::Reason::kExpired);
  }
  SECTION("EinsUndEins: two recipients, each with its reason") {
    const std::string m =
        "From: \"Mail Delivery System\" <mailer-daemon@kundenserver.de>\n" + kTo +
        "Subject: Mail delivery failed: returning message to sender\n\n"
        "This message was created automatically by mail delivery software.\n\n"
        "A message that you sent could not be delivered to one or more of\nits recipients. "
        "This is a permanent error.\n\n"
        "one@example.com\n\nFor the following reason:\n\nMail size limit exceeded. For "
        "explanation visit\nhttp://postmaster.1and1.com/en/error-messages?ip=%1s\n\n"
        "two@example.net:\nSMTP error from remote server for RCPT command, host: "
        "mx.example.net (192.0.2.2) reason: 550 5.1.1 <two@example.net> User unknown\n\n"
        "--- The header of the original message is following. ---\n\n"
        "From: sender@example.org\nTo: one@example.com\nSubject: hello\n";
    CHECK(claiming_family(m) == "EinsUndEins");
    const Report r = smtp_explain::parse_message(m);
    REQUIRE(r.recipients.size() == 2);
    CHECK(r.recipients[0].recipient == "one@example.com");
    CHECK(r.recipients[0].reason == smtp_explain::Reason::kMesgTooBig);
    CHECK(r.recipients[0].diagnostic.starts_with("Mail size limit exceeded."));
    CHECK(r.recipients[1].recipient == "two@example.net");
    CHECK(r.recipients[1].reply_code == "550");
    CHECK(r.recipients[1].status == "5.1.1");
    CHECK(r.recipients[1].remote_mta == "mx.example.net");
    CHECK(r.recipients[1].reason == smtp_explain::Reason::kUserUnknown);
  }
}

TEST_CASE("Amavis .. GSuite scanners and refiners leave foreign mail alone", "[formats_c4]") {
  // An Exim bounce is Exim's, not GMX's or EinsUndEins's (same body text).
  CHECK(claiming_family(read_file(kCorpus / "lf" / "lhost-exim-07.eml")) == "Exim");
  // GMX text without the X-GMX-Antispam header, 1&1 text under another subject.
  const std::string gmx_like =
      "From: someone@example.org\nTo: me@example.com\nSubject: fwd\n\n"
      "This message was created automatically by mail delivery software.\n\n"
      "\"rcpt@example.com\":\nSMTP error from remote server after RCPT command:\n"
      "host: mx.example.com\n5.1.1 <rcpt@example.com>... User Unknown\n";
  CHECK(claiming_family(gmx_like) != "GMX");
  const std::string eins_like =
      "From: \"Mail Delivery System\" <mailer-daemon@kundenserver.de>\n"
      "To: me@example.com\nSubject: Re: lunch\n\n"
      "This message was created automatically by mail delivery software\n\n"
      "rcpt@example.com\n\nFor the following reason:\n\nMail size limit exceeded.\n";
  CHECK(claiming_family(eins_like) != "EinsUndEins");
  // A Facebook-looking response code under another sender keeps the generic reason.
  const std::string not_facebook =
      report("From: MAILER-DAEMON@mx.example.net\n" + kTo + "Subject: Undelivered Mail\n",
             "Delivery failed.\n",
             "Final-Recipient: rfc822; rcpt@example.com\nAction: failed\nStatus: 5.1.1\n"
             "Diagnostic-Code: smtp; 550 5.1.1 RCP-P2 no such user here\n");
  const Report r = smtp_explain::parse_message(not_facebook);
  REQUIRE(r.recipients.size() == 1);
  CHECK(r.recipients[0].reason == smtp_explain::Reason::kUserUnknown);
}
