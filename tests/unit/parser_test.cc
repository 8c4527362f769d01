// BounceParser: the header-stage gate, body buffering (line endings, chunking,
// limits) and the kinds it reports.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "smtp_explain/parser.h"

using namespace smtp_explain;

namespace {

bool gate(std::initializer_list<std::pair<const char*, const char*>> headers,
          const char* envelope = nullptr) {
  BounceParser p;
  if (envelope != nullptr) p.envelope_sender(envelope);
  for (const auto& [name, value] : headers) p.header(name, value);
  return p.end_of_headers();
}

const std::string kDsn =
    "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\n"
    "Subject: Undelivered Mail Returned to Sender\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n"
    "\n"
    "--B\n"
    "Content-Type: text/plain\n"
    "\n"
    "<user@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1 No such\n"
    "    user (in reply to RCPT TO command)\n"
    "\n"
    "--B\n"
    "Content-Type: message/delivery-status\n"
    "\n"
    "Reporting-MTA: dns; mx.example.org\n"
    "\n"
    "Final-Recipient: rfc822; user@example.net\n"
    "Action: failed\n"
    "Status: 5.1.1\n"
    "Remote-MTA: dns; mx.example.net\n"
    "Diagnostic-Code: smtp; 550 5.1.1 No such user\n"
    "\n"
    "--B\n"
    "Content-Type: text/rfc822-headers\n"
    "\n"
    "Subject: hello\n"
    "--B--\n";

std::string with_endings(const std::string& lf, const char* eol) {
  std::string out;
  for (char c : lf) {
    if (c == '\n') {
      out += eol;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

void check_dsn_report(const Report& r) {
  CHECK(r.bounce);
  CHECK(r.kind == Kind::kDsn);
  CHECK(r.cls == DeliveryClass::kPermanent);
  CHECK(r.reporting_mta == "mx.example.org");
  REQUIRE(r.recipients.size() == 1);
  CHECK(r.recipients[0].recipient == "user@example.net");
  CHECK(r.recipients[0].status == "5.1.1");
  CHECK(r.recipients[0].reply_code == "550");
  CHECK(r.recipients[0].remote_mta == "mx.example.net");
  CHECK(r.recipients[0].diagnostic == "550 5.1.1 No such user");
  CHECK(r.recipients[0].action == "failed");
}

}  // namespace

TEST_CASE("gate: ordinary mail is refused from its headers alone", "[parser]") {
  CHECK_FALSE(gate({{"From", "Alice <alice@example.com>"},
                    {"To", "bob@example.net"},
                    {"Subject", "Lunch on Friday?"},
                    {"Content-Type", "text/plain; charset=utf-8"}}));
  CHECK_FALSE(gate({{"From", "alice@example.com"}, {"Subject", "Re: the delivery of chairs"}},
                   "alice@example.com"));
  CHECK_FALSE(gate({{"From", "news@postmaster-tools.example"}, {"Subject", "Weekly news"}}));
}

TEST_CASE("gate: a person's reply or forward of a bounce is not read as one", "[parser]") {
  for (const char* subject :
       {"Fwd: Delivery Status Notification (Failure)", "AW: WG: Unzustellbar: Angebot",
        "RE: Undeliverable: hello", "[team] Re: Returned mail: see transcript for details",
        "Fw : failure notice",
        "\xe8\xbd\xac\xe5\x8f\x91\xef\xbc\x9a"
        "Undelivered Mail"}) {
    INFO(subject);
    CHECK_FALSE(gate({{"From", "Tina Brown <tina@example.com>"}, {"Subject", subject}},
                     "tina@example.com"));
    CHECK_FALSE(gate({{"From", "tina@example.com"},
                      {"Return-Path", "<tina@example.com>"},
                      {"Subject", subject},
                      {"X-Gm-Message-State", "AOJu0Y"}}));
    // From a delivery agent, with a null return path, a delivery-report
    // structure or field, it is still a bounce whatever its Subject.
    CHECK(gate({{"From", "post_master@example.org"}, {"Subject", subject}}, "x@example.org"));
    CHECK(gate({{"From", "tina@example.com"}, {"Subject", subject}}, ""));
    CHECK(gate({{"From", "tina@example.com"},
                {"Subject", subject},
                {"Content-Type", "multipart/report; report-type=delivery-status; b=x"}},
               "tina@example.com"));
    CHECK(gate({{"From", "tina@example.com"},
                {"Subject", subject},
                {"X-Failed-Recipients", "a@example.net"}},
               "tina@example.com"));
  }
  // "Re" must be the whole prefix word.
  CHECK(gate({{"From", "tina@example.com"}, {"Subject", "Returned mail: see transcript"}}));
}

TEST_CASE("gate: a bounce-like Subject alone from a known non-null sender is not read",
          "[parser]") {
  // People and businesses write "Undeliverable parcels", "Returned mail from
  // the post office": with the envelope (or Return-Path) naming a real sender
  // and no daemon in From, the Subject is no sign by itself.
  CHECK_FALSE(gate({{"From", "Warehouse <warehouse@example.com>"},
                    {"Subject", "Undeliverable parcels - 3 orders"}},
                   "warehouse@example.com"));
  CHECK_FALSE(gate({{"Return-Path", "<gary@example.com>"},
                    {"From", "Gary <gary@example.com>"},
                    {"Subject", "Returned mail from the post office"}}));
  // The same Subject with the null sender, a daemon's From, a list server's
  // -bounces address, or no known sender at all is still read.
  CHECK(gate({{"From", "Warehouse <warehouse@example.com>"}, {"Subject", "Undeliverable: x"}}, ""));
  CHECK(gate({{"From", "MAILER-DAEMON@example.com"}, {"Subject", "Undeliverable: x"}},
             "bounce@example.com"));
  CHECK(gate(
      {{"From", "gardening-bounces@lists.example.org"}, {"Subject", "Bounce action notification"}},
      "gardening-bounces@lists.example.org"));
  CHECK(gate({{"From", "Warehouse <warehouse@example.com>"}, {"Subject", "Undeliverable: x"}}));
}

TEST_CASE("gate: auto-replies are decided at end of headers, their body not read", "[parser]") {
  for (const auto& headers :
       {std::vector<std::pair<const char*, const char*>>{{"Auto-Submitted", "auto-replied"}},
        {{"Subject", "Out of Office: hello"}},
        {{"From", "kim@example.com"}, {"X-Autoreply", "yes"}}}) {
    BounceParser p;
    for (const auto& [name, value] : headers) p.header(name, value);
    CHECK_FALSE(p.end_of_headers());
    p.body("Final-Recipient: rfc822; a@example.net\nStatus: 5.1.1\n");
    const Report r = p.finish();
    CHECK(r.kind == Kind::kAutoReply);
    CHECK_FALSE(r.bounce);
  }
  // A bounce sign wins over an auto-reply sign (Postfix marks its bounces
  // "Auto-Submitted: auto-replied").
  CHECK(gate({{"From", "MAILER-DAEMON@example.org"}, {"Auto-Submitted", "auto-replied"}}));
}

TEST_CASE("gate: bounce signs open the body", "[parser]") {
  CHECK(gate({{"From", "someone@example.com"}}, ""));  // null envelope sender
  CHECK(gate({{"From", "someone@example.com"}}, "<>"));
  CHECK(gate({{"Return-Path", "<>"}}));
  CHECK(gate({{"From", "MAILER-DAEMON@example.org"}}));
  CHECK(gate({{"From", "Mail Delivery Subsystem <mailer-daemon@googlemail.com>"}}));
  CHECK(gate({{"From", "\"Mail Delivery System\" <noreply@example.org>"}}));
  CHECK(gate({{"From", "postmaster@example.org"}}));
  CHECK(gate({{"Subject", "Undeliverable: hello"}}));
  CHECK(gate({{"Subject", "Returned mail: see transcript for details"}}));
  CHECK(gate({{"Subject", "failure notice"}}));
  CHECK(gate({{"Subject", "Mail delivery failed: returning message to sender"}}));
  CHECK(gate({{"Subject", "Unzustellbar: Termin"}}));
  CHECK(gate({{"Subject", "Non remis : test"}}));
  CHECK(gate({{"Content-Type", "multipart/report; report-type=delivery-status; boundary=x"}}));
  CHECK(gate(
      {{"Content-Type", "multipart/report;\r\n\treport-type=global-delivery-status; boundary=x"}}));
  CHECK(gate({{"X-Failed-Recipients", "a@example.net"}}));
  CHECK(gate({{"Content-Type", "multipart/report; report-type=feedback-report; boundary=x"}}));
}

TEST_CASE("a DSN with LF, CRLF and CR line endings gives the same report", "[parser]") {
  check_dsn_report(parse_message(kDsn));
  check_dsn_report(parse_message(with_endings(kDsn, "\r\n")));
  check_dsn_report(parse_message(with_endings(kDsn, "\r")));
  check_dsn_report(parse_message("From MAILER-DAEMON Thu Jul  1 23:45:01 2014\n" + kDsn));
}

TEST_CASE("body chunks split at every byte position give the same report", "[parser]") {
  const std::string crlf = with_endings(kDsn, "\r\n");
  const std::size_t body_at = crlf.find("\r\n\r\n") + 4;
  const std::string body = crlf.substr(body_at);
  for (std::size_t split = 0; split <= body.size(); ++split) {
    BounceParser p;
    p.header("From", "MAILER-DAEMON@mx.example.org (Mail Delivery System)");
    p.header("Content-Type", "multipart/report; report-type=delivery-status;\r\n boundary=\"B\"");
    REQUIRE(p.end_of_headers());
    p.body(body.substr(0, split));
    p.body(body.substr(split));
    const Report r = p.finish();
    INFO("split at " << split);
    REQUIRE(r.recipients.size() == 1);
    CHECK(r.recipients[0].status == "5.1.1");
    CHECK(r.recipients[0].reply_code == "550");
    CHECK(r.flags == 0);
  }
  // One byte at a time.
  BounceParser p;
  p.header("Content-Type", "multipart/report; report-type=delivery-status; boundary=\"B\"");
  REQUIRE(p.end_of_headers());
  for (char c : body) p.body(std::string_view(&c, 1));
  CHECK(p.finish().recipients.size() == 1);
}

TEST_CASE("limits: scan bytes, long lines, NUL bytes are flagged", "[parser]") {
  SECTION("max_scan_bytes cuts the kept body") {
    Limits limits;
    limits.max_scan_bytes = 300;
    std::string msg = kDsn;
    msg.insert(msg.find("--B\n"), std::string(2000, 'x') + "\n");
    const Report r = parse_message(msg, limits);
    CHECK(r.has_flag(kFlagScanTruncated));
  }
  SECTION("a huge line is cut, the DSN still read") {
    std::string msg = kDsn;
    const std::size_t at = msg.find("<user@example.net>:");
    msg.insert(at, std::string(100000, 'y') + "\n");
    const Report r = parse_message(msg);
    CHECK(r.has_flag(kFlagLongLine));
    REQUIRE(r.recipients.size() == 1);
    CHECK(r.recipients[0].status == "5.1.1");
  }
  SECTION("NUL bytes are dropped and flagged") {
    std::string msg = kDsn;
    msg.insert(msg.find("Action: failed"), std::string("\0\0", 2));
    const Report r = parse_message(msg);
    CHECK(r.has_flag(kFlagNulByte));
    REQUIRE(r.recipients.size() == 1);
    CHECK(r.recipients[0].action == "failed");
  }
  SECTION("max_recipients records the first ones and counts the rest") {
    std::string msg =
        "From: MAILER-DAEMON@example.org\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=B\n\n"
        "--B\nContent-Type: message/delivery-status\n\n";
    for (int i = 0; i < 30; ++i) {
      msg += "Final-Recipient: rfc822; u" + std::to_string(i) +
             "@example.net\nAction: failed\nStatus: 5.1.1\n\n";
    }
    msg += "--B--\n";
    Limits limits;
    limits.max_recipients = 10;
    const Report r = parse_message(msg, limits);
    CHECK(r.recipients.size() == 10);
    CHECK(r.recipients_total == 30);
    CHECK(r.has_flag(kFlagTooManyRecipients));
  }
}

TEST_CASE("the body of refused mail is never read", "[parser]") {
  BounceParser p;
  p.header("From", "alice@example.com");
  p.header("Subject", "hello");
  REQUIRE_FALSE(p.end_of_headers());
  p.body(kDsn);  // ignored
  const Report r = p.finish();
  CHECK_FALSE(r.bounce);
  CHECK(r.kind == Kind::kNotBounce);
  CHECK(r.recipients.empty());
}

TEST_CASE("auto-replies and feedback reports are recognised but are no bounces", "[parser]") {
  Report r = parse_message(
      "From: bob@example.net\nSubject: Out of Office: meeting\nAuto-Submitted: auto-replied\n\n"
      "I am away until Monday. Error 550 5.1.1 <x@example.org> does not matter here.\n");
  CHECK(r.kind == Kind::kAutoReply);
  CHECK_FALSE(r.bounce);
  r = parse_message(
      "From: abuse@example.net\n"
      "Content-Type: multipart/report; report-type=feedback-report; boundary=B\n\n"
      "--B\nContent-Type: text/plain\n\nThis is an abuse report\n"
      "--B\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\n"
      "--B--\n");
  CHECK(r.kind == Kind::kFeedbackReport);
  CHECK_FALSE(r.bounce);
}

TEST_CASE("text bounces without a DSN part", "[parser]") {
  const Report r = parse_message(
      "From: Mail Delivery System <Mailer-Daemon@mx.example.org>\n"
      "Subject: Mail delivery failed: returning message to sender\n"
      "X-Failed-Recipients: gone@example.net\n\n"
      "This message was created automatically by mail delivery software.\n\n"
      "A message that you sent could not be delivered to one or more of its\n"
      "recipients. This is a permanent error. The following address(es) failed:\n\n"
      "  gone@example.net\n"
      "    SMTP error from remote mail server after RCPT TO:<gone@example.net>:\n"
      "    host mx.example.net [192.0.2.2]: 550 5.1.1 <gone@example.net>: User unknown\n\n"
      "------ This is a copy of the message, including all the headers. ------\n\n"
      "To: other@example.com\n"
      "Subject: 550 5.2.2 <other@example.com> not a recipient\n");
  CHECK(r.bounce);
  CHECK(r.kind == Kind::kText);
  REQUIRE(r.recipients.size() == 1);
  CHECK(r.recipients[0].recipient == "gone@example.net");
  CHECK(r.recipients[0].reply_code == "550");
  CHECK(r.recipients[0].status == "5.1.1");
  CHECK(r.recipients[0].remote_mta == "mx.example.net");
}

TEST_CASE("a notice without codes is not turned into a bounce", "[parser]") {
  const Report r = parse_message(
      "From: postmaster@example.de\nSubject: email bounce notification\n"
      "Auto-Submitted: auto-replied\n\n"
      "reject reason: Mailbox full\ntarget mail address: someone@example.net\n");
  CHECK_FALSE(r.bounce);
}

TEST_CASE("text bounce codes written as '550:' or 'ERROR_CODE :550,'", "[parser]") {
  Report r = parse_message(
      "From: MAILER-DAEMON@yahoo.example\nSubject: Failure Notice\n\n"
      "Sorry, we were unable to deliver your message to the following address.\n\n"
      "<gone@example.net>:\n550: <gone@example.net>: User unknown\n\n"
      "--- Below this line is a copy of the message.\n\nTo: x@example.org\n");
  REQUIRE(r.recipients.size() == 1);
  CHECK(r.recipients[0].reply_code == "550");
  r = parse_message(
      "From: mailer-daemon@zoho.example\nSubject: Undelivered Mail Returned to Sender\n\n"
      "a@example.org Invalid Address, ERROR_CODE :550, ERROR_CODE :Requested action not taken\n");
  REQUIRE(r.recipients.size() == 1);
  CHECK(r.recipients[0].recipient == "a@example.org");
}

TEST_CASE("mutated corpus messages never crash and never leak CR/LF/NUL", "[parser][hostile]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(SMTP_EXPLAIN_SHARED_DIR) / "corpus" / "sisimai" / "lf";
  if (!fs::exists(dir)) return;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::uint32_t seed = 12345;
  auto rnd = [&seed]() {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) & 0xFFFFFF;
  };
  auto clean = [](const std::string& s) {
    return s.find_first_of(std::string("\r\n\0", 3)) == std::string::npos;
  };
  Limits tight;
  tight.max_scan_bytes = 4096;
  tight.max_line_bytes = 200;
  tight.max_mime_depth = 3;
  tight.max_mime_parts = 8;
  std::size_t parsed = 0;
  for (std::size_t i = 0; i < files.size(); i += 7) {
    std::ifstream in(files[i], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string original = ss.str();
    for (int m = 0; m < 12; ++m) {
      std::string data = original;
      switch (m % 4) {
        case 0:
          data.resize(rnd() % (data.size() + 1));
          break;  // cut anywhere
        case 1:
          for (int k = 0; k < 20 && !data.empty(); ++k) {
            data[rnd() % data.size()] = static_cast<char>(rnd() & 0xFF);
          }
          break;
        case 2:
          data.insert(rnd() % (data.size() + 1), "\n--\n\r\r\0=?x?B?=\n", 16);
          break;
        default:
          data += std::string(rnd() % 3000, '\n');
          break;
      }
      for (const Limits& limits : {Limits{}, tight}) {
        const Report r = parse_message(data, limits);
        ++parsed;
        CHECK(clean(r.reporting_mta));
        CHECK(r.recipients.size() <= limits.max_recipients);
        for (const Recipient& rc : r.recipients) {
          CHECK(clean(rc.recipient));
          CHECK(clean(rc.diagnostic));
          CHECK(clean(rc.remote_mta));
          CHECK(rc.diagnostic.size() <= limits.max_diagnostic_bytes);
          CHECK_FALSE(rc.recipient.empty());
        }
      }
    }
  }
  CHECK(parsed > 0);
}

TEST_CASE("recipients listed under an introducer count without a code", "[parser]") {
  const Report r = parse_message(
      "From: <MAILER-DAEMON@example.net>\nSubject: mail failed, returning to sender\n\n"
      "|------------------------- Failed addresses follow: ---------------------|\n"
      " gone@nowhere.example.com ... unknown host\n"
      "|------------------------- Message text follows: ------------------------|\n"
      "Received: from r2.example.org by mx1.example.net\n"
      "\tfor other@example.com; Thu, 29 Apr 2006 23:34:45 +0000\n"
      "From: sender@example.org\n");
  REQUIRE(r.recipients.size() == 1);
  CHECK(r.recipients[0].recipient == "gone@nowhere.example.com");
  CHECK(r.recipients[0].reply_code.empty());
  CHECK(r.recipients[0].status.empty());
  // Smail's notice (formats/smail.cc): the error after " ... ".
  CHECK(r.recipients[0].diagnostic == "unknown host");
}

TEST_CASE("a DSN and text part naming thousands of recipients stays linear", "[parser][hostile]") {
  std::string text, dsn;
  const int n = 4000;
  for (int i = 0; i < n; ++i) {
    const std::string a = "user" + std::to_string(i) + "@example.net";
    text += "<" + a +
            ">: host mx.example.net[192.0.2.1] said: 550 5.1.1 unknown (in reply to RCPT TO "
            "command)\n\n";
    dsn += "Final-Recipient: rfc822; " + a + "\nAction: failed\nStatus: 5.1.1\n\n";
  }
  const std::string msg =
      "From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail Returned to Sender\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=B\n\n"
      "--B\nContent-Type: text/plain\n\n" +
      text + "--B\nContent-Type: message/delivery-status\n\n" + dsn + "--B--\n";
  Limits limits;
  limits.max_scan_bytes = 4 * 1024 * 1024;
  const Report r = parse_message(msg, limits);
  CHECK(r.recipients_total == static_cast<std::size_t>(n));
  CHECK(r.recipients.size() == limits.max_recipients);
  CHECK(r.has_flag(kFlagTooManyRecipients));
  CHECK(r.recipients[0].reply_code == "550");
}
