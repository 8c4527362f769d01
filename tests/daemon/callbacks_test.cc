// The libmilter callbacks driven with a fake MTA connection (FakeContext):
// what the milter negotiates, where it ends its part of a message, that no
// exception ever leaves a callback (a hook throws at every stage, connection
// set-up included), that a failed message logs once and then stays quiet, and
// what the metrics count.
#include <catch2/catch.hpp>

#include <libmilter/mfapi.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "connection_state.h"
#include "daemon_test_support.h"
#include "metrics.h"
#include "milter_callbacks.h"
#include "stage_hook.h"

using namespace smtp_explain::daemon;
using namespace smtp_explain::daemon::test;

namespace {

// What Postfix 3.7 offers (milter_protocol = 6).
constexpr unsigned long kPostfixSteps = SMFI_CURR_PROT;
constexpr unsigned long kPostfixActions = SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_SETSYMLIST |
                                          SMFIF_CHGBODY | SMFIF_ADDRCPT | SMFIF_DELRCPT |
                                          SMFIF_QUARANTINE | SMFIF_CHGFROM | SMFIF_ADDRCPT_PAR;

// A runtime of its own per test, installed while alive.
struct Runtime {
  SnapshotStore store;
  Metrics metrics;
  MilterRuntime rt;
  explicit Runtime(bool tcp = false, DaemonConfig config = DaemonConfig{})
      : store(snapshot_with(config)), rt{&store, &metrics, tcp, true} {
    set_runtime(&rt);
  }
  ~Runtime() {
    set_stage_hook(nullptr);
    set_runtime(nullptr);
  }
};

// The hook: throws at one stage, the first `times` times it is reached there.
Stage g_throw_at = Stage::kHeader;
int g_throws_left = 0;
void throwing_hook(Stage stage) {
  if (stage == g_throw_at && g_throws_left > 0) {
    --g_throws_left;
    throw std::runtime_error("injected failure at " + std::string(to_string(stage)));
  }
}
void throw_at(Stage stage, int times = 1000000) {
  g_throw_at = stage;
  g_throws_left = times;
  set_stage_hook(&throwing_hook);
}

unsigned long negotiate(FakeContext& ctx, unsigned long steps = kPostfixSteps) {
  unsigned long want_actions = 0, want_steps = 0;
  REQUIRE(callbacks::negotiate(ctx, kPostfixActions, steps, &want_actions, &want_steps) ==
          SMFIS_CONTINUE);
  return want_steps;
}

// Verdicts of one message's callbacks, in order.
struct Verdicts {
  sfsistat envfrom = -1, eoh = -1, body = -1, eom = -1;
  std::vector<sfsistat> headers;
};

// Feeds one message the way libmilter would: stops after an SMFIS_ACCEPT.
Verdicts send_message(FakeContext& ctx, const char* sender,
                      const std::vector<std::pair<std::string, std::string>>& headers,
                      const std::string& body) {
  Verdicts v;
  const char* argv[] = {sender, nullptr};
  v.envfrom = callbacks::envfrom(ctx, argv);
  if (v.envfrom == SMFIS_ACCEPT) return v;
  for (const auto& [name, value] : headers) {
    v.headers.push_back(callbacks::header(ctx, name.c_str(), value.c_str()));
    if (v.headers.back() == SMFIS_ACCEPT) return v;
  }
  v.eoh = callbacks::eoh(ctx);
  if (v.eoh == SMFIS_ACCEPT) return v;
  v.body = callbacks::body(ctx, reinterpret_cast<const unsigned char*>(body.data()), body.size());
  if (v.body == SMFIS_ACCEPT) return v;
  v.eom = callbacks::eom(ctx);
  return v;
}

std::vector<std::pair<std::string, std::string>> ordinary_headers(int extra = 0) {
  std::vector<std::pair<std::string, std::string>> h = {
      {"From", "Friend <friend@example.org>"},
      {"To", "user@test.local"},
      {"Subject", "lunch on Friday"},
      {"Message-ID", "<1@example.org>"},
      {"Content-Type", "text/plain; charset=us-ascii"}};
  for (int i = 0; i < extra; ++i) h.emplace_back("X-Extra-" + std::to_string(i), "value");
  return h;
}

Verdicts send_bounce(FakeContext& ctx) {
  return send_message(ctx, "<>", bounce_headers(),
                      dsn_body({"user@remote.test"}, "5.2.2", "552 5.2.2 Mailbox full"));
}

void close_connection(FakeContext& ctx) {
  CHECK(callbacks::close(ctx) == SMFIS_CONTINUE);
  CHECK(ctx.priv == nullptr);
}

}  // namespace

TEST_CASE("negotiation asks only for what the milter uses", "[callbacks]") {
  SECTION("unix socket: no DATA stage, no replies to MAIL, headers and body") {
    Runtime rt(/*tcp=*/false);
    FakeContext ctx;
    unsigned long steps = negotiate(ctx);
    CHECK((steps & SMFIP_NOCONNECT) != 0);
    CHECK((steps & SMFIP_NOHELO) != 0);
    CHECK((steps & SMFIP_NORCPT) != 0);
    CHECK((steps & SMFIP_NODATA) != 0);
    CHECK((steps & SMFIP_NOUNKNOWN) != 0);
    CHECK((steps & (SMFIP_NOMAIL | SMFIP_NOHDRS | SMFIP_NOEOH | SMFIP_NOBODY)) == 0);
    CHECK((steps & (SMFIP_NR_MAIL | SMFIP_NR_HDR | SMFIP_NR_BODY)) ==
          (SMFIP_NR_MAIL | SMFIP_NR_HDR | SMFIP_NR_BODY));
    CHECK((steps & SMFIP_NR_EOH) == 0);  // answered: SMFIS_ACCEPT ends ordinary mail there
    CHECK((steps & SMFIP_SKIP) == 0);    // a reply; body chunks get none
    // The queue id only, and only where it is used.
    CHECK(ctx.requested == std::vector<std::pair<int, std::string>>{
                               {SMFIM_ENVFROM, "i"}, {SMFIM_EOH, "i"}, {SMFIM_EOM, "i"}});
    close_connection(ctx);
  }
  SECTION("TCP: the DATA stage stays on and is answered") {
    Runtime rt(/*tcp=*/true);
    FakeContext ctx;
    unsigned long steps = negotiate(ctx);
    CHECK((steps & SMFIP_NODATA) == 0);
    CHECK((steps & SMFIP_NR_DATA) == 0);
    CHECK(callbacks::data(ctx) == SMFIS_CONTINUE);
    close_connection(ctx);
  }
  SECTION("an MTA without no-reply steps gets an answer everywhere, SKIP for the body") {
    Runtime rt;
    FakeContext ctx;
    unsigned long steps = negotiate(ctx, SMFIP_NOCONNECT | SMFIP_NOHELO | SMFIP_NORCPT |
                                             SMFIP_NOUNKNOWN | SMFIP_NODATA | SMFIP_SKIP);
    CHECK((steps & SMFIP_SKIP) != 0);
    const char* argv[] = {"<friend@example.org>", nullptr};
    CHECK(callbacks::envfrom(ctx, argv) == SMFIS_CONTINUE);
    CHECK(callbacks::header(ctx, "X-SMTP-Explain", "forged") == SMFIS_CONTINUE);
    CHECK(callbacks::eoh(ctx) == SMFIS_CONTINUE);  // a field to remove: on to the end
    const unsigned char chunk[] = "hello\r\n";
    CHECK(callbacks::body(ctx, chunk, sizeof chunk - 1) == SMFIS_SKIP);
    CHECK(callbacks::eom(ctx) == SMFIS_CONTINUE);
    CHECK(ctx.edits.removed.size() == 1);
    close_connection(ctx);
  }
}

TEST_CASE("ordinary mail ends at end of headers, bounces are read to the end", "[callbacks]") {
  Runtime rt;
  FakeContext ctx;
  ctx.macros["i"] = "QID1";
  negotiate(ctx);

  Verdicts ordinary = send_message(ctx, "<friend@example.org>", ordinary_headers(), "Hello\r\n");
  CHECK(ordinary.envfrom == SMFIS_NOREPLY);
  CHECK(ordinary.headers == std::vector<sfsistat>(ordinary_headers().size(), SMFIS_NOREPLY));
  CHECK(ordinary.eoh == SMFIS_ACCEPT);  // neither body nor end of message is sent
  CHECK(ordinary.body == -1);

  Verdicts forged = send_message(
      ctx, "<friend@example.org>",
      {{"From", "friend@example.org"}, {"X-SMTP-Explain-Class", "success"}}, "Hello\r\n");
  CHECK(forged.eoh == SMFIS_CONTINUE);  // a field to remove at end of message
  CHECK(forged.body == SMFIS_NOREPLY);
  CHECK(forged.eom == SMFIS_CONTINUE);
  CHECK(ctx.edits.removed == std::vector<std::pair<std::string, int>>{{"X-SMTP-Explain-Class", 1}});
  CHECK(ctx.edits.added.empty());

  Verdicts bounce = send_bounce(ctx);
  CHECK(bounce.eoh == SMFIS_CONTINUE);
  CHECK(bounce.body == SMFIS_NOREPLY);
  CHECK(bounce.eom == SMFIS_CONTINUE);
  CHECK(ctx.edits.value_of("X-SMTP-Explain-Class") == "permanent");

  CHECK(rt.metrics.messages() == 3);
  CHECK(rt.metrics.header_stage_skips() == 1);
  CHECK(rt.metrics.duration().count() == 3);
  CHECK(rt.metrics.internal_errors() == 0);
  const std::string text = rt.metrics.prometheus_text(ConnectionState::live());
  CHECK_THAT(text, Catch::Contains("smtp_explain_messages_total 3\n"));
  CHECK_THAT(text, Catch::Contains("smtp_explain_header_stage_skips_total 1\n"));
  CHECK_THAT(text, Catch::Contains("smtp_explain_body_wanted_total 1\n"));
  CHECK_THAT(text, Catch::Contains("smtp_explain_inbound_fields_removed_total 1\n"));
  CHECK_THAT(text,
             Catch::Contains("smtp_explain_bounces_total{kind=\"dsn\",class=\"permanent\"} 1\n"));
  CHECK_THAT(text,
             Catch::Contains("smtp_explain_bounces_annotated_total{class=\"permanent\"} 1\n"));
  CHECK_THAT(text, Catch::Contains("smtp_explain_recipients_annotated_total{class=\"permanent\","
                                   "reason=\"mailboxfull\",provider=\"none\"} 1\n"));
  CHECK_THAT(text, Catch::Contains("smtp_explain_message_duration_seconds_count 3\n"));
  close_connection(ctx);
}

TEST_CASE("a failure in connection set-up never leaves the callback", "[callbacks][faults]") {
  Runtime rt;
  LogCapture log;
  FakeContext ctx;
  throw_at(Stage::kConnectionSetup);
  unsigned long steps = negotiate(ctx);
  CHECK(ctx.priv == nullptr);
  // Without a state to remember them, no step may go unanswered.
  CHECK((steps & (SMFIP_NR_MAIL | SMFIP_NR_HDR | SMFIP_NR_BODY | SMFIP_NR_EOH)) == 0);
  CHECK(log.warnings() == 1);

  // The next message tries again; failing again, it passes unchanged.
  const char* argv[] = {"<>", nullptr};
  CHECK(callbacks::envfrom(ctx, argv) == SMFIS_ACCEPT);
  CHECK(ctx.priv == nullptr);
  CHECK(log.warnings() == 2);
  CHECK_THAT(log.text(), Catch::Contains("stage=connection-setup: injected failure"));

  // Once set-up works again, the connection serves normally (answering each step).
  set_stage_hook(nullptr);
  Verdicts v = send_bounce(ctx);
  CHECK(v.envfrom == SMFIS_CONTINUE);
  CHECK(v.eom == SMFIS_CONTINUE);
  CHECK(ctx.edits.value_of("X-SMTP-Explain-Class") == "permanent");
  CHECK(rt.metrics.internal_errors() == 2);
  CHECK_THAT(rt.metrics.prometheus_text(0),
             Catch::Contains("smtp_explain_internal_errors_total{stage=\"connection-setup\"} 2\n"));
  close_connection(ctx);
}

TEST_CASE("std::bad_alloc in connection set-up is contained too", "[callbacks][faults]") {
  Runtime rt;
  LogCapture log;
  FakeContext ctx;
  set_stage_hook([](Stage s) {
    if (s == Stage::kConnectionSetup) throw std::bad_alloc();
  });
  negotiate(ctx);
  const char* argv[] = {"<>", nullptr};
  CHECK(callbacks::envfrom(ctx, argv) == SMFIS_ACCEPT);
  CHECK(log.warnings() == 2);
}

TEST_CASE("a failure at any stage passes the message and logs once", "[callbacks][faults]") {
  for (Stage stage : {Stage::kNegotiate, Stage::kEnvfrom, Stage::kHeader, Stage::kEndOfHeaders,
                      Stage::kBody, Stage::kEndOfMessage}) {
    DYNAMIC_SECTION("throwing at " << to_string(stage)) {
      Runtime rt;
      LogCapture log;
      FakeContext ctx;
      throw_at(stage, /*times=*/stage == Stage::kNegotiate ? 1 : 1000000);
      unsigned long steps = negotiate(ctx);
      // Even when negotiation itself failed, the no-reply steps it asked for hold.
      CHECK((steps & SMFIP_NR_HDR) != 0);
      std::vector<std::pair<std::string, std::string>> headers = bounce_headers();
      for (int i = 0; i < 30; ++i) headers.emplace_back("X-Extra-" + std::to_string(i), "v");
      Verdicts v = send_message(ctx, "<>", headers,
                                dsn_body({"user@remote.test"}, "5.2.2", "552 5.2.2 Mailbox full"));
      // Steps the MTA expects no reply to get none, failure or not.
      CHECK(v.envfrom == SMFIS_NOREPLY);
      for (sfsistat h : v.headers) CHECK(h == SMFIS_NOREPLY);
      if (stage == Stage::kNegotiate) {
        CHECK(v.eom == SMFIS_CONTINUE);
        CHECK(ctx.edits.value_of("X-SMTP-Explain-Class") == "permanent");
      } else {
        // The message passes unchanged, at the first step that has an answer.
        CHECK(ctx.edits.added.empty());
        if (stage == Stage::kEndOfMessage) {
          CHECK(v.eom == SMFIS_ACCEPT);
        } else if (stage == Stage::kBody) {
          CHECK(v.body == SMFIS_NOREPLY);
          CHECK(v.eom == SMFIS_CONTINUE);
        } else {
          CHECK(v.eoh == SMFIS_ACCEPT);
        }
      }
      CHECK(log.warnings() == 1);
      CHECK(rt.metrics.internal_errors() == 1);

      // The next message on the connection is served normally.
      set_stage_hook(nullptr);
      ctx.edits = FakeEditor{};
      Verdicts next = send_bounce(ctx);
      CHECK(next.eom == SMFIS_CONTINUE);
      CHECK(ctx.edits.value_of("X-SMTP-Explain-Class") == "permanent");
      CHECK(log.warnings() == 1);
      close_connection(ctx);
    }
  }
}

TEST_CASE("callbacks without a message in progress report it once", "[callbacks][faults]") {
  Runtime rt;
  LogCapture log;
  FakeContext ctx;
  negotiate(ctx);
  for (int i = 0; i < 10; ++i) CHECK(callbacks::header(ctx, "Subject", "x") == SMFIS_NOREPLY);
  CHECK(callbacks::eoh(ctx) == SMFIS_ACCEPT);
  CHECK(log.warnings() == 1);
  CHECK_THAT(log.text(), Catch::Contains("no message in progress"));
  CHECK(callbacks::abort(ctx) == SMFIS_CONTINUE);
  close_connection(ctx);
}

TEST_CASE("an aborted message is counted and its state dropped", "[callbacks]") {
  Runtime rt;
  FakeContext ctx;
  negotiate(ctx);
  const char* argv[] = {"<>", nullptr};
  callbacks::envfrom(ctx, argv);
  callbacks::header(ctx, "From", "MAILER-DAEMON@example.org");
  CHECK(callbacks::abort(ctx) == SMFIS_CONTINUE);
  CHECK(static_cast<ConnectionState*>(ctx.priv)->message() == nullptr);
  CHECK_THAT(rt.metrics.prometheus_text(0),
             Catch::Contains("smtp_explain_messages_aborted_total 1\n"));
  close_connection(ctx);
}

TEST_CASE("the queue id is taken at end of headers for the log lines", "[callbacks]") {
  Runtime rt;
  LogCapture log;
  FakeContext ctx;
  ctx.macros["i"] = "4XyZ12";
  negotiate(ctx);
  send_bounce(ctx);
  CHECK_THAT(log.text(), Catch::Contains("qid=4XyZ12 annotated dsn bounce: class=permanent"));
  close_connection(ctx);
}

TEST_CASE("the test delay hook is installed from its spec and sleeps", "[callbacks][faults]") {
  std::string error;
  for (const char* bad : {"eom", "eom:", "eom:0", "eom:-5", "eom:12x", "nowhere:10", ":10"}) {
    INFO(bad);
    CHECK_FALSE(install_test_delay(bad, &error));
    CHECK_THAT(error, Catch::Contains("STAGE:MILLISECONDS"));
  }
  CHECK(install_test_delay(nullptr, &error));
  CHECK(install_test_delay("", &error));
  REQUIRE(install_test_delay("body:30", &error));
  auto timed = [](Stage s) {
    auto start = std::chrono::steady_clock::now();
    run_stage_hook(s);
    return std::chrono::steady_clock::now() - start;
  };
  // A sleep lasts at least as long as asked (no upper bound: the machine is shared).
  CHECK(timed(Stage::kBody) >= std::chrono::milliseconds(30));
  set_stage_hook(nullptr);
}

TEST_CASE("while stopping, messages in flight finish and new ones pass", "[callbacks][stop]") {
  Runtime rt;
  LogCapture log;
  FakeContext busy, fresh;
  negotiate(busy);
  negotiate(fresh);
  const long before = ConnectionState::messages_in_flight();
  const char* null_sender[] = {"<>", nullptr};
  REQUIRE(callbacks::envfrom(busy, null_sender) == SMFIS_NOREPLY);
  for (const auto& [name, value] : bounce_headers()) {
    callbacks::header(busy, name.c_str(), value.c_str());
  }
  CHECK(ConnectionState::messages_in_flight() == before + 1);

  ConnectionState::set_stopping(true);
  // A message that begins now passes at its first answered step, quietly.
  Verdicts passed = send_bounce(fresh);
  CHECK(passed.eoh == SMFIS_ACCEPT);
  CHECK(fresh.edits.added.empty());
  CHECK(ConnectionState::messages_in_flight() == before + 1);
  // The one in flight is served to the end.
  CHECK(callbacks::eoh(busy) == SMFIS_CONTINUE);
  const std::string body = dsn_body({"user@remote.test"}, "5.2.2", "552 5.2.2 Mailbox full");
  callbacks::body(busy, reinterpret_cast<const unsigned char*>(body.data()), body.size());
  CHECK(callbacks::eom(busy) == SMFIS_CONTINUE);
  CHECK(busy.edits.value_of("X-SMTP-Explain-Class") == "permanent");
  CHECK(ConnectionState::messages_in_flight() == before);
  ConnectionState::set_stopping(false);

  CHECK(log.warnings() == 0);
  CHECK_THAT(rt.metrics.prometheus_text(0),
             Catch::Contains("smtp_explain_messages_passed_at_stop_total 1\n"));
  close_connection(busy);
  close_connection(fresh);
}

TEST_CASE("a connection closed mid-message leaves nothing in flight", "[callbacks][stop]") {
  Runtime rt;
  FakeContext ctx;
  negotiate(ctx);
  const long before = ConnectionState::messages_in_flight();
  const char* argv[] = {"<>", nullptr};
  callbacks::envfrom(ctx, argv);
  CHECK(ConnectionState::messages_in_flight() == before + 1);
  close_connection(ctx);
  CHECK(ConnectionState::messages_in_flight() == before);
}
