// Per-message logic with a fake MTA: what is added to a bounce, what is
// removed from any message, and that ordinary mail skips the body.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "message_state.h"
#include "snapshot.h"

using namespace smtp_explain::daemon;
using smtp_explain::DeliveryClass;

namespace {

class FakeEditor : public MessageEditor {
 public:
  std::vector<std::pair<std::string, std::string>> added;
  std::vector<std::pair<std::string, int>> removed;
  bool refuse = false;
  bool add_header(const std::string& name, const std::string& value) override {
    if (refuse) return false;
    added.emplace_back(name, value);
    return true;
  }
  bool remove_header(const std::string& name, int index) override {
    if (refuse) return false;
    removed.emplace_back(name, index);
    return true;
  }
  std::string value_of(const std::string& name) const {
    for (const auto& [n, v] : added) {
      if (n == name) return v;
    }
    return {};
  }
  std::size_t count(const std::string& name) const {
    std::size_t n = 0;
    for (const auto& f : added) n += f.first == name ? 1 : 0;
    return n;
  }
};

std::shared_ptr<const Snapshot> snapshot_with(DaemonConfig config = DaemonConfig{}) {
  std::string error;
  auto snap = build_snapshot(config, 1, &error);
  INFO(error);
  REQUIRE(snap);
  return snap;
}

std::string dsn_body(const std::vector<std::string>& recipients, const std::string& status,
                     const std::string& diagnostic) {
  std::string b =
      "This is a MIME-encapsulated message.\r\n\r\n--B1\r\n"
      "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
      "I'm sorry to have to inform you that your message could not\r\n"
      "be delivered to one or more recipients.\r\n\r\n--B1\r\n"
      "Content-Type: message/delivery-status\r\n\r\n"
      "Reporting-MTA: dns; mta.test\r\nArrival-Date: Mon, 3 Mar 2025 10:00:00 +0000\r\n";
  for (const std::string& r : recipients) {
    b += "\r\nFinal-Recipient: rfc822; " + r + "\r\nAction: failed\r\nStatus: " + status +
         "\r\nRemote-MTA: dns; mx.remote.test\r\nDiagnostic-Code: smtp; " + diagnostic + "\r\n";
  }
  b += "\r\n--B1\r\nContent-Type: text/rfc822-headers\r\n\r\n"
       "From: sender@test.local\r\nTo: user@remote.test\r\nSubject: hello\r\n\r\n--B1--\r\n";
  return b;
}

void feed_bounce_headers(MessageState& m) {
  m.envelope_sender("<>");
  m.header("From", "MAILER-DAEMON@mta.test (Mail Delivery System)");
  m.header("To", "sender@test.local");
  m.header("Subject", "Undelivered Mail Returned to Sender");
  m.header("Auto-Submitted", "auto-replied");
  m.header("MIME-Version", "1.0");
  m.header("Content-Type", "multipart/report; report-type=delivery-status;\n\tboundary=\"B1\"");
}

}  // namespace

TEST_CASE("envelope senders are normalised", "[message]") {
  CHECK(normalize_envelope_sender("<>") == "");
  CHECK(normalize_envelope_sender("") == "");
  CHECK(normalize_envelope_sender("<a@b.c>") == "a@b.c");
  CHECK(normalize_envelope_sender("a@b.c") == "a@b.c");
  CHECK(normalize_envelope_sender(" <a@b.c> ") == "a@b.c");
}

TEST_CASE("our header prefix is recognised in any case", "[message]") {
  CHECK(is_explain_header("X-SMTP-Explain"));
  CHECK(is_explain_header("x-smtp-explain-class"));
  CHECK(is_explain_header("X-Smtp-Explain-Fix"));
  CHECK_FALSE(is_explain_header("X-SMTP-Explai"));
  CHECK_FALSE(is_explain_header("X-Spam-Status"));
}

TEST_CASE("a DSN bounce gets the explanation headers", "[message]") {
  MessageState m(snapshot_with());
  feed_bounce_headers(m);
  REQUIRE(m.end_of_headers());
  m.body(dsn_body({"user@remote.test"}, "5.2.2", "552 5.2.2 Mailbox full"));
  FakeEditor editor;
  MessageOutcome out = m.end_of_message(editor);
  CHECK(out.bounce);
  CHECK(out.annotated);
  CHECK(out.cls == DeliveryClass::kPermanent);
  CHECK(editor.value_of("X-SMTP-Explain-Class") == "permanent");
  CHECK_THAT(editor.value_of("X-SMTP-Explain"), Catch::Contains("552 5.2.2"));
  CHECK_THAT(editor.value_of("X-SMTP-Explain"), Catch::Contains("user@remote.test"));
  CHECK(editor.count("X-SMTP-Explain-Fix") == 1);
  CHECK(out.codes == "552 5.2.2");
  CHECK(editor.removed.empty());
  CHECK(out.added == editor.added.size());
}

TEST_CASE("forged inbound fields are removed, highest index first, with per-name indices",
          "[message]") {
  MessageState m(snapshot_with());
  m.envelope_sender("<friend@example.org>");
  m.header("From", "friend@example.org");
  m.header("X-SMTP-Explain-Class", "success");
  m.header("Subject", "lunch");
  m.header("x-smtp-explain", "forged 1");
  m.header("X-SMTP-Explain", "forged 2");
  CHECK(m.inbound_explain_fields() == 3);
  CHECK_FALSE(m.end_of_headers());  // ordinary mail: body not wanted
  m.body("Hello,\r\nsee you at noon.\r\n");
  FakeEditor editor;
  MessageOutcome out = m.end_of_message(editor);
  CHECK_FALSE(out.bounce);
  CHECK_FALSE(out.annotated);
  CHECK(editor.added.empty());
  REQUIRE(editor.removed.size() == 3);
  CHECK(editor.removed[0] == std::pair<std::string, int>{"X-SMTP-Explain", 2});
  CHECK(editor.removed[1] == std::pair<std::string, int>{"x-smtp-explain", 1});
  CHECK(editor.removed[2] == std::pair<std::string, int>{"X-SMTP-Explain-Class", 1});
  CHECK(out.removed == 3);
}

TEST_CASE("a bounce carrying forged fields has them replaced", "[message]") {
  MessageState m(snapshot_with());
  feed_bounce_headers(m);
  m.header("X-SMTP-Explain-Class", "success");
  REQUIRE(m.end_of_headers());
  m.body(dsn_body({"user@remote.test"}, "5.1.1", "550 5.1.1 User unknown"));
  FakeEditor editor;
  MessageOutcome out = m.end_of_message(editor);
  REQUIRE(editor.removed.size() == 1);
  CHECK(editor.value_of("X-SMTP-Explain-Class") == "permanent");
  CHECK(out.removed == 1);
}

TEST_CASE("remove_inbound_headers = false keeps inbound fields", "[message]") {
  DaemonConfig config;
  config.remove_inbound_headers = false;
  MessageState m(snapshot_with(config));
  m.header("From", "friend@example.org");
  m.header("X-SMTP-Explain-Class", "success");
  m.end_of_headers();
  FakeEditor editor;
  m.end_of_message(editor);
  CHECK(editor.removed.empty());
}

TEST_CASE("max_recipients bounds the per-recipient lines", "[message]") {
  DaemonConfig config;
  config.max_recipients = 1;
  MessageState m(snapshot_with(config));
  feed_bounce_headers(m);
  REQUIRE(m.end_of_headers());
  m.body(dsn_body({"a@remote.test", "b@remote.test", "c@remote.test"}, "5.1.1",
                  "550 5.1.1 User unknown"));
  FakeEditor editor;
  MessageOutcome out = m.end_of_message(editor);
  CHECK(out.recipients == 3);
  // One recipient line plus one "N more" line.
  CHECK(editor.count("X-SMTP-Explain") == 2);
}

TEST_CASE("an MTA refusing edits is reported, not thrown", "[message]") {
  MessageState m(snapshot_with());
  feed_bounce_headers(m);
  m.header("X-SMTP-Explain", "forged");
  REQUIRE(m.end_of_headers());
  m.body(dsn_body({"user@remote.test"}, "5.2.2", "552 5.2.2 Mailbox full"));
  FakeEditor editor;
  editor.refuse = true;
  MessageOutcome out = m.end_of_message(editor);
  CHECK_FALSE(out.annotated);
  CHECK_FALSE(out.error.empty());
}

TEST_CASE("a message keeps the snapshot it started with across a reload", "[message]") {
  DaemonConfig es;
  es.language = "es";
  SnapshotStore store(snapshot_with());
  MessageState m(store.current());
  store.replace(snapshot_with(es));
  CHECK(m.snapshot().config.language == "en");
  CHECK(store.current()->config.language == "es");
}

TEST_CASE("a snapshot with an unknown language or a bad catalog is refused", "[snapshot]") {
  std::string error;
  DaemonConfig c;
  c.language = "xx";
  CHECK(build_snapshot(c, 1, &error) == nullptr);
  CHECK_THAT(error, Catch::Contains("\"xx\""));
  DaemonConfig d;
  d.catalog_file = "/nonexistent/catalog.toml";
  error.clear();
  CHECK(build_snapshot(d, 1, &error) == nullptr);
  CHECK_THAT(error, Catch::Contains("catalog_file"));
}
