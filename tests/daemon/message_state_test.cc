// Per-message logic with a fake MTA: what is added to a bounce, what is
// removed from any message, and that ordinary mail skips the body.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "daemon_test_support.h"
#include "message_state.h"
#include "snapshot.h"

using namespace smtp_explain::daemon;
using namespace smtp_explain::daemon::test;
using smtp_explain::DeliveryClass;

namespace {

void feed_bounce_headers(MessageState& m) {
  m.envelope_sender("<>");
  for (const auto& [name, value] : bounce_headers()) m.header(name, value);
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
