// The generic layer (formats/generic_text.cc, formats/generic_scope.cc): the
// written samples of tests/data/bounces/generic/ (see its README) parsed end
// to end, recipients, codes, action and reason checked exactly; and the
// precision rules on inline messages: never the sender side, the bounce's own
// addressees, a postmaster, the returned original's addresses; no invented
// code.
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "smtp_explain/parser.h"
#include "test_support.h"

using smtp_explain::Kind;
using smtp_explain::parse_message;
using smtp_explain::Report;
using smtp_explain::test::check_recipients;
using smtp_explain::test::crlf;
using smtp_explain::test::EmptyStatus;
using smtp_explain::test::lf_only;
using smtp_explain::test::read_file;
using smtp_explain::test::Want;

namespace {

std::string sample(const char* name) {
  const std::string raw = read_file(std::filesystem::path(SMTP_EXPLAIN_SOURCE_DIR) / "tests" /
                                    "data" / "bounces" / "generic" / name);
  REQUIRE_FALSE(raw.empty());
  return raw;
}

// Checks the sample as written, then with the other line ending.
void check_sample(const char* name, const std::vector<Want>& want, const char* action = "failed") {
  const std::string raw = sample(name);
  for (const std::string& text :
       {raw, raw.find('\r') == std::string::npos ? crlf(raw) : lf_only(raw)}) {
    const Report r = parse_message(text);
    INFO(name);
    CHECK(r.kind == Kind::kText);
    check_recipients(r, want, EmptyStatus::kAsserted);
    for (const auto& rec : r.recipients) CHECK(rec.action == action);
  }
}

}  // namespace

TEST_CASE("generic: 'This is the mail system' with and without a code", "[formats][generic]") {
  check_sample("mail-system-mixed.eml", {{"bob@example.net", "550", "5.1.1", "userunknown"},
                                         {"carol@example.org", "", "", "expired"}});
}

TEST_CASE("generic: permanent fatal errors and a transcript, original not read",
          "[formats][generic]") {
  check_sample("fatal-errors-transcript.eml",
               {{"erin@example.net", "550", "5.1.1", "userunknown"}});
}

TEST_CASE("generic: an indented list without codes", "[formats][generic]") {
  check_sample("indented-nocode.eml", {{"heidi@example.net", "", "", "hostunknown"},
                                       {"ivan@example.org", "", "", "mailboxfull"}});
}

TEST_CASE("generic: a Sendmail transcript in an unknown wrapper", "[formats][generic]") {
  check_sample("transcript-deferred.eml", {{"mallory@example.net", "550", "5.2.1", "suspend"},
                                           {"niaj@example.org", "", "", "expired"}});
}

TEST_CASE("generic: a list server's <address>: text line, not the list or its owner",
          "[formats][generic]") {
  check_sample("list-member.eml", {{"olivia@example.net", "", "", "suspend"}});
}

TEST_CASE("generic: a success notice written like a failure is no bounce", "[formats][generic]") {
  const Report r = parse_message(sample("success-notice.eml"));
  CHECK_FALSE(r.bounce);
  CHECK(r.recipients.empty());
}

TEST_CASE("generic: never the sender side or a postmaster", "[formats][generic]") {
  const std::string head =
      "Return-Path: <>\n"
      "From: Mail Delivery Service <daemon@relay.example.org>\n"
      "To: Sender Name <sender@example.com>\n"
      "Delivered-To: sender@example.com\n"
      "Subject: Delivery failure notice\n"
      "Date: Mon, 6 Jan 2025 10:00:04 +0000\n"
      "\n";
  const std::string body =
      "Your message could not be delivered to one or more recipients.\n"
      "\n"
      "sender@example.com\n"
      "<postmaster@relay.example.org>: see the log\n"
      "<victor@example.net>: user unknown\n";
  const Report r = parse_message(head + body);
  check_recipients(r, {{"victor@example.net", "", "", "filtered"}}, EmptyStatus::kAsserted);
}

TEST_CASE("generic: X-Failed-Recipients names the failed one", "[formats][generic]") {
  const std::string msg =
      "Return-Path: <>\n"
      "From: Mail Delivery Service <daemon@relay.example.org>\n"
      "To: bounces+abc@lists.example.com\n"
      "X-Failed-Recipients: wendy@example.net\n"
      "Subject: Delivery failure notice\n"
      "\n"
      "A message sent by <bounces+abc@lists.example.com> could not be delivered\n"
      "to one or more of its recipients.\n"
      "\n"
      "  wendy@example.net\n"
      "    550 5.1.1 mailbox unavailable\n";
  const Report r = parse_message(msg);
  check_recipients(r, {{"wendy@example.net", "550", "5.1.1", "userunknown"}},
                   EmptyStatus::kAsserted);
}

TEST_CASE("generic: no announcement, no code: nothing is read", "[formats][generic]") {
  const std::string msg =
      "Return-Path: <>\n"
      "From: Mail Delivery Service <daemon@relay.example.org>\n"
      "To: sender@example.com\n"
      "Subject: Delivery failure notice\n"
      "\n"
      "Please write to\n"
      "<helpdesk@example.net>: we answer within a day.\n";
  CHECK(parse_message(msg).recipients.empty());
}

TEST_CASE("generic: '550-addr' continues a reply, it names no recipient", "[formats][generic]") {
  const std::string head =
      "Return-Path: <>\n"
      "From: MAILER-DAEMON@relay.example.org\n"
      "To: sender@example.com\n"
      "Subject: Delivery failure notice\n"
      "\n"
      "I was unable to deliver your message to the following addresses.\n"
      "\n";
  // After the address line, and standing alone.
  const Report r = parse_message(head +
                                 "<frank@example.net>:\n"
                                 "550-frank@example.net is not an active address\n");
  check_recipients(r, {{"frank@example.net", "550", "", "onhold"}}, EmptyStatus::kAsserted);
  const Report alone = parse_message(head + "550-grace@example.net is not an active address\n");
  check_recipients(alone, {{"grace@example.net", "550", "", "onhold"}}, EmptyStatus::kAsserted);
}

TEST_CASE("generic: recipients named in failure sentences, without codes", "[formats][generic]") {
  check_sample("sentence-nocode.eml",
               {{"kim@example.net", "", "", "filtered"}, {"oscar@example.net", "", "", "onhold"}});
}

TEST_CASE("generic: a delay notice gives a delayed recipient", "[formats][generic]") {
  check_sample("delayed-notice.eml", {{"lee@example.net", "", "", "expired"}}, "delayed");
}

TEST_CASE("generic: one reason paragraph after a list of bare addresses", "[formats][generic]") {
  check_sample("indented-shared-reason.eml", {{"heidi@example.net", "", "", "hostunknown"},
                                              {"ivan@example.org", "", "", "hostunknown"}});
}

TEST_CASE("generic: never a pipe command's or a file's argument; prefixes removed",
          "[formats][generic]") {
  const std::string msg =
      "Return-Path: <>\n"
      "From: Mail Server <daemon@mail.example.org>\n"
      "To: grace@example.com\n"
      "Subject: Returned mail\n"
      "\n"
      "Your message could not be delivered to one or more recipients.\n"
      "\n"
      "\"|/usr/local/bin/procmail -a list@example.org\": command failed with 75\n"
      "/var/mail/zed: cannot append\n"
      "<mailto:yan@example.net>: 550 5.1.1 user unknown\n"
      "ORCPT=rfc822;xena@example.net: 550 5.1.1 no such user\n";
  check_recipients(parse_message(msg),
                   {{"yan@example.net", "550", "5.1.1", "userunknown"},
                    {"xena@example.net", "550", "5.1.1", "userunknown"}},
                   EmptyStatus::kAsserted);
}
