// Text family scanners (ActiveHunter .. KDDI, milter/core/formats/): one realistic
// bounce per family, from the Sisimai corpus, parsed end to end; plus inline
// samples for the rules the corpus files do not reach.
#include <string>

#include <catch2/catch.hpp>

#include "smtp_explain/parser.h"
#include "test_support.h"

using smtp_explain::Kind;
using smtp_explain::Report;
using smtp_explain::test::check_corpus_file;
using smtp_explain::test::EmptyStatus;
using smtp_explain::test::read_corpus;

namespace {

struct Expect {
  const char* dir;
  const char* file;
  const char* recipient;
  const char* reply;
  const char* status;  // "" = not asserted (Sisimai-internal code in the truth)
  const char* reason;
};

void check(const Expect& x) {
  check_corpus_file(x.dir, x.file, {{x.recipient, x.reply, x.status, x.reason}},
                    EmptyStatus::kNotChecked);
}

}  // namespace

TEST_CASE("ActiveHunter .. KDDI text families read the corpus bounces", "[formats][formats_a]") {
  const Expect cases[] = {
      {"lf", "lhost-activehunter-01.eml", "kijitora@example.org", "550", "5.1.1", "userunknown"},
      {"lf", "lhost-apachejames-01.eml", "000000000000@vtext.example.com", "550", "", "filtered"},
      {"lf", "lhost-biglobe-01.eml", "postmaster@mxr.biglobe.ne.jp", "", "", "mailboxfull"},
      {"lf", "lhost-domino-01.eml", "kijitora@example.jp", "", "", "userunknown"},
      {"lf", "lhost-dragonfly-29.eml", "", "", "", "expired"},
      {"lf", "lhost-ezweb-01.eml", "this-message-rejected-by-the-domain-filter@ezweb.ne.jp", "", "",
       "filtered"},
      {"lf", "lhost-ezweb-03.eml", "this-local-part-does-not-exist-on-the-site@ezweb.ne.jp", "", "",
       "suspend"},
      {"lf", "lhost-exchange2003-01.eml", "kijitora@example.jp", "", "", "userunknown"},
      {"lf", "lhost-exim-07.eml", "shiba@example.com", "", "", "mailboxfull"},
      {"lf", "lhost-exim-47.eml", "kijitora@example.net", "550", "", "blocked"},
      {"lf", "lhost-fml-03.eml", "", "", "", "systemerror"},
      {"lf", "lhost-gmail-09.eml", "kijitora@9jo.example.jp", "", "", "expired"},
      {"lf", "lhost-googlegroups-01.eml", "libsisimai@googlegroups.com", "", "", "rejected"},
      {"lf", "lhost-imailserver-01.eml", "kijitora@example.com", "", "", "userunknown"},
      {"lf", "lhost-amazonses-09.eml", "bounce@simulator.amazonses.com", "550", "5.1.1",
       "userunknown"},
      {"lf", "lhost-amazonses-17.eml", "kijitora@example.com", "421", "4.4.2", "expired"},
      {"lf", "lhost-amazonworkmail-05.eml", "", "", "", "expired"},
      {"lf", "lhost-exchange2007-03.eml", "kijitora@neko.example.com", "550", "5.2.3",
       "mesgtoobig"},
      {"lf", "lhost-kddi-01.eml", "kijitora@x0000000000000.dion.ne.jp", "", "", "mailboxfull"},
  };
  for (const Expect& x : cases) {
    if (*x.recipient == '\0') {
      // Only the reason is asserted where the address is long or generated.
      INFO(x.file);
      const Report r = smtp_explain::parse_message(read_corpus(x.dir, x.file));
      REQUIRE(r.recipients.size() == 1);
      CHECK(smtp_explain::to_string(r.recipients[0].reason) == x.reason);
      continue;
    }
    check(x);
  }
}

TEST_CASE("line endings do not change an ActiveHunter .. KDDI family's result",
          "[formats][formats_a]") {
  for (const char* file : {"lhost-exim-07.eml", "lhost-kddi-01.eml", "lhost-domino-01.eml"}) {
    const Report lf = smtp_explain::parse_message(read_corpus("lf", file));
    for (const char* dir : {"crlf", "cr"}) {
      const std::string data = read_corpus(dir, file);
      if (data.empty()) continue;
      const Report other = smtp_explain::parse_message(data);
      INFO(dir << "/" << file);
      REQUIRE(other.recipients.size() == lf.recipients.size());
      for (std::size_t i = 0; i < lf.recipients.size(); ++i) {
        CHECK(other.recipients[i].recipient == lf.recipients[i].recipient);
        CHECK(other.recipients[i].reason == lf.recipients[i].reason);
        CHECK(other.recipients[i].status == lf.recipients[i].status);
      }
    }
  }
}

TEST_CASE("Exim: command from the SMTP error sentence, several recipients",
          "[formats][formats_a]") {
  const std::string msg =
      "From: Mail Delivery System <Mailer-Daemon@mx.example.org>\n"
      "To: sender@example.org\n"
      "Subject: Mail delivery failed: returning message to sender\n"
      "Message-Id: <E1abcdE-000123-Ab@mx.example.org>\n"
      "\n"
      "This message was created automatically by mail delivery software.\n"
      "\n"
      "A message that you sent could not be delivered to one or more of its\n"
      "recipients. This is a permanent error. The following address(es) failed:\n"
      "\n"
      "  alice@example.net\n"
      "    host mx.example.net [192.0.2.1]\n"
      "    SMTP error from remote mail server after RCPT TO:<alice@example.net>:\n"
      "    550 5.1.1 <alice@example.net>: Recipient address rejected: User unknown\n"
      "  bob@example.com\n"
      "    Unrouteable address\n"
      "\n"
      "------ This is a copy of the message, including all the headers. ------\n"
      "\n"
      "From: sender@example.org\n"
      "To: alice@example.net\n"
      "Subject: hi\n";
  const Report r = smtp_explain::parse_message(msg);
  REQUIRE(r.recipients.size() == 2);
  CHECK(r.recipients[0].recipient == "alice@example.net");
  CHECK(r.recipients[0].reply_code == "550");
  CHECK(r.recipients[0].status == "5.1.1");
  CHECK(r.recipients[0].reason == smtp_explain::Reason::kUserUnknown);
  CHECK(r.recipients[0].remote_mta == "mx.example.net");
  CHECK(r.recipients[1].recipient == "bob@example.com");
  CHECK(r.recipients[1].reason == smtp_explain::Reason::kHostUnknown);
}

TEST_CASE("scanners decline mail that is not theirs", "[formats][formats_a]") {
  // A Domino-looking body without the Domino subject is left to other readers.
  const std::string msg =
      "From: someone@example.org\n"
      "To: me@example.org\n"
      "Subject: lunch\n"
      "\n"
      "Your message\n\n  Subject: x\n\nwas not delivered to:\n\n  a@example.jp\n\n"
      "because:\n\n  User a not listed in Domino Directory\n";
  const Report r = smtp_explain::parse_message(msg);
  CHECK_FALSE(r.bounce);
}
