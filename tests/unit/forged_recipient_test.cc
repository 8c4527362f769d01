// No bounce text reaches what a mail client shows: every header field the
// milter would add is decoded as a client decodes it (tests/support/
// header_contract.h) and must hold only class and reason tokens, codes, a plain
// recipient (or "(address not shown)") and catalog or provider text.
//
// Recipients carrying RFC 2047 encoded words are planted in every path that
// yields a recipient: DSN Final-Recipient and Original-Recipient,
// X-Failed-Recipients, and every text scanner the corpora exercise (each
// corpus bounce is re-parsed with each of its failed recipients replaced by a
// hostile address).
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "header_contract.h"
#include "smtp_explain/catalog.h"
#include "smtp_explain/headers.h"
#include "smtp_explain/parser.h"
#include "smtp_explain/providers.h"
#include "test_support.h"

using namespace smtp_explain;

namespace {

// The marker a forged address tries to show; "WlFY" is its base64 start.
constexpr std::string_view kMarker = "zqx";

// Hostile recipients the parser accepts as addresses (64-byte local part at
// most), each of which a client would decode into text containing the marker.
const std::vector<std::string>& hostile_addresses() {
  static const std::vector<std::string> kHostile = {
      "=?utf-8?b?WlFYIGZvcmdlZCBsaW5l?=@example.net",     // "ZQX forged line"
      "=?iso-8859-1?q?ZQX_forged=3A_call?=@example.net",  // Q encoding
      "zqx=?x?=@example.net",                             // half-open delimiters
      "\"=?utf-8?b?WlFYIHF1b3RlZA==?=\"@example.net",     // quoted local part
      "=?utf-8?b?WlFY?=@[192.0.2.1]",                     // address literal
      "a.=?UTF-8?B?WlFYIGRvdHM=?=.b@example.net",         // inside a dot-atom
  };
  return kHostile;
}

std::vector<std::string_view> reason_vocabulary() {
  std::vector<std::string_view> v;
  for (const char* r : test::kCatalogReasons) v.emplace_back(r);
  return v;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// `text` with every case-insensitive occurrence of `from` replaced by `to`.
std::string replace_all_nocase(const std::string& text, const std::string& from,
                               const std::string& to) {
  const std::string hay = lower(text), needle = lower(from);
  std::string out;
  std::size_t pos = 0;
  for (std::size_t hit; (hit = hay.find(needle, pos)) != std::string::npos;
       pos = hit + needle.size()) {
    out.append(text, pos, hit - pos);
    out += to;
  }
  out.append(text, pos);
  return out;
}

// Parses like the milter, renders in every language, and checks what a client
// shows. Returns the report (for the caller's coverage counts).
Report check_as_client(const std::string& raw, const std::string& label) {
  static const auto catalog = Catalog::builtin();
  static const auto rules = ProviderRules::builtin();
  static const auto reasons = reason_vocabulary();
  Report report = parse_message(raw);
  rules->apply(&report);
  for (const char* lang : {"en", "es", "hi"}) {
    std::vector<RecipientText> texts;
    for (const Recipient& r : report.recipients) texts.push_back(rules->explain(r, *catalog, lang));
    for (std::size_t max : {std::size_t{20}, std::size_t{1}}) {
      RenderOptions options;
      options.max_recipients = max;
      options.more_text = catalog->text("more_recipients", lang);
      const std::vector<HeaderField> fields = render_headers(report, texts, options);
      INFO(label << " [" << lang << ", max " << max << "]");
      CHECK(test::check_rendered(report, texts, fields, options, reasons) == "");
      for (const HeaderField& f : fields) {
        // A plain address is shown as it is, whatever its local part says
        // (check_rendered checks it is the report's recipient); only text
        // around it must be free of the marker.
        std::string shown = lower(test::client_decode(f.value));
        for (const Recipient& r : report.recipients) {
          if (!test::client_shows_plainly(r.recipient)) continue;
          shown = replace_all_nocase(shown, r.recipient, "<plain address>");
        }
        INFO(f.name << ": " << shown);
        CHECK(shown.find(kMarker) == std::string::npos);
      }
    }
  }
  return report;
}

bool reports_raw(const Report& report, std::string_view address) {
  for (const Recipient& r : report.recipients) {
    if (r.recipient == address || r.original_recipient == address) return true;
  }
  return false;
}

std::string dsn(const std::string& recipient_fields) {
  return "From: MAILER-DAEMON@mx.example.org\n"
         "To: sender@example.com\n"
         "Subject: Undelivered Mail Returned to Sender\n"
         "MIME-Version: 1.0\n"
         "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n"
         "\n--b\nContent-Type: text/plain\n\nThis is the mail system at host mx.example.org.\n"
         "\n--b\nContent-Type: message/delivery-status\n\n"
         "Reporting-MTA: dns; mx.example.org\n\n" +
         recipient_fields +
         "Action: failed\nStatus: 5.1.1\n"
         "Diagnostic-Code: smtp; 550 5.1.1 =?utf-8?b?WlFYIGRpYWdub3N0aWM=?= unknown\n"
         "\n--b--\n";
}

}  // namespace

TEST_CASE("the client decoder decodes what RFC 2047 forbids but clients accept", "[forgery]") {
  CHECK(test::client_decode("=?utf-8?b?WlFY?=@example.net") == "ZQX@example.net");
  CHECK(test::client_decode("a =?utf-8?q?b_c?= =?utf-8?q?d?= e") == "a b cd e");
  CHECK(test::client_decode("x\n =?ISO-8859-1?Q?caf=E9?=") == "x caf\xE9");
  CHECK(test::client_decode("no =? word ?= here") == "no =? word ?= here");
}

TEST_CASE("a forged DSN Final-Recipient is not shown", "[forgery]") {
  for (const std::string& hostile : hostile_addresses()) {
    const Report r = check_as_client(dsn("Final-Recipient: rfc822; " + hostile + "\n"), hostile);
    INFO(hostile);
    REQUIRE(r.bounce);
    REQUIRE(r.recipients.size() == 1);
    CHECK(r.recipients[0].recipient == hostile);  // the JSON report keeps the raw value
    CHECK(r.recipients[0].reply_code == "550");
    CHECK(r.recipients[0].status == "5.1.1");
  }
}

TEST_CASE("a forged DSN Original-Recipient is not shown", "[forgery]") {
  for (const std::string& hostile : hostile_addresses()) {
    INFO(hostile);
    // Beside a plain Final-Recipient (shown), and standing in for an unusable one.
    Report r = check_as_client(dsn("Final-Recipient: rfc822; user@example.net\n"
                                   "Original-Recipient: rfc822; " +
                                   hostile + "\n"),
                               hostile);
    REQUIRE(r.recipients.size() == 1);
    CHECK(r.recipients[0].recipient == "user@example.net");
    CHECK(r.recipients[0].original_recipient == hostile);
    r = check_as_client(
        dsn("Final-Recipient: rfc822; not an address\nOriginal-Recipient: rfc822; " + hostile +
            "\n"),
        hostile);
    REQUIRE(r.recipients.size() == 1);
    CHECK(r.recipients[0].recipient == hostile);
  }
}

TEST_CASE("a forged X-Failed-Recipients address is not shown", "[forgery]") {
  for (const std::string& hostile : hostile_addresses()) {
    const std::string raw =
        "From: Mail Delivery System <Mailer-Daemon@mx.example.org>\n"
        "To: sender@example.com\n"
        "Subject: Mail delivery failed: returning message to sender\n"
        "X-Failed-Recipients: " +
        hostile +
        "\nAuto-Submitted: auto-replied\n\n"
        "This message was created automatically by mail delivery software.\n\n"
        "A message that you sent could not be delivered to one or more of its\n"
        "recipients. This is a permanent error. The following address(es) failed:\n\n  " +
        hostile + "\n    SMTP error from remote mail server after RCPT TO:<" + hostile +
        ">:\n    550 5.1.1 =?utf-8?b?WlFY?= no such user\n";
    const Report r = check_as_client(raw, hostile);
    INFO(hostile);
    REQUIRE(r.bounce);
    CHECK(reports_raw(r, hostile));
  }
}

TEST_CASE("forged recipients planted in every corpus bounce are never shown", "[forgery][corpus]") {
  namespace fs = std::filesystem;
  const fs::path shared = SMTP_EXPLAIN_SHARED_DIR;
  std::map<std::string, int> planted;  // kind -> messages whose report kept a hostile address
  std::set<std::string> families;      // text scanners that yielded a forged address
  int messages = 0;
  for (const fs::path& dir :
       {shared / "corpus/sisimai/lf", shared / "corpus/bounceparser", shared / "corpus/bounced"}) {
    REQUIRE(fs::is_directory(dir));
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (!entry.is_regular_file() || entry.path().filename() == "truth.tsv" ||
          entry.path().filename() == "LICENSE") {
        continue;
      }
      const std::string raw = test::read_file(entry.path());
      const Report clean = check_as_client(raw, entry.path().string());
      if (!clean.bounce) continue;
      for (const Recipient& rcpt : clean.recipients) {
        for (const std::string& hostile : hostile_addresses()) {
          const std::string forged = replace_all_nocase(raw, rcpt.recipient, hostile);
          if (forged == raw) continue;
          ++messages;
          const Report r =
              check_as_client(forged, entry.path().filename().string() + " <- " + hostile);
          if (!reports_raw(r, hostile)) continue;
          ++planted[std::string(to_string(r.kind))];
          if (r.kind == Kind::kText) families.insert(test::claiming_family(forged));
        }
      }
    }
  }
  INFO("forged messages: " << messages << ", reports keeping a forged address: dsn "
                           << planted["dsn"] << ", text " << planted["text"]);
  // Enough of both kinds that every scanner family in the corpora took part.
  CHECK(planted["dsn"] > 500);
  CHECK(planted["text"] > 300);
  std::string names;
  for (const std::string& f : families) names += " " + f;
  WARN("forged messages " << messages << "; kept a forged address: dsn " << planted["dsn"]
                          << ", text " << planted["text"] << " from " << families.size()
                          << " text scanners:" << names);
  CHECK(families.size() >= 37);  // today's figure: the families whose corpus bounces are text
}
