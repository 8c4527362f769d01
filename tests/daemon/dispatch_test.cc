// The callback guard: a missing private data or any exception lets the
// message through (SMFIS_ACCEPT) and drops the message state.
#include <catch2/catch.hpp>

#include <new>
#include <stdexcept>

#include "daemon_test_support.h"
#include "dispatch.h"

using namespace smtp_explain::daemon;
using smtp_explain::daemon::test::snapshot_with;

namespace {
std::shared_ptr<const Snapshot> test_snapshot() {
  return snapshot_with();
}
}  // namespace

TEST_CASE("dispatch passes the callback's verdict through", "[dispatch]") {
  ConnectionState conn(test_snapshot());
  CHECK(dispatch(Stage::kHeader, &conn, [](ConnectionState&) { return SMFIS_CONTINUE; }) ==
        SMFIS_CONTINUE);
  CHECK(dispatch(Stage::kHeader, &conn, [](ConnectionState&) { return SMFIS_SKIP; }) == SMFIS_SKIP);
}

TEST_CASE("dispatch without private data accepts", "[dispatch]") {
  bool called = false;
  sfsistat v = dispatch(Stage::kHeader, nullptr, [&](ConnectionState&) {
    called = true;
    return SMFIS_CONTINUE;
  });
  CHECK(v == SMFIS_ACCEPT);
  CHECK_FALSE(called);
}

TEST_CASE("an exception in a callback accepts the message unchanged", "[dispatch]") {
  ConnectionState conn(test_snapshot());
  conn.begin_message();
  REQUIRE(conn.message() != nullptr);
  sfsistat v = dispatch(Stage::kEndOfMessage, &conn,
                        [](ConnectionState&) -> sfsistat { throw std::runtime_error("boom"); });
  CHECK(v == SMFIS_ACCEPT);
  CHECK(conn.message() == nullptr);
  CHECK(conn.message_failed());

  conn.begin_message();
  CHECK(dispatch(Stage::kBody, &conn,
                 [](ConnectionState&) -> sfsistat { throw std::bad_alloc(); }) == SMFIS_ACCEPT);
  CHECK(dispatch(Stage::kBody, &conn, [](ConnectionState&) -> sfsistat { throw 42; }) ==
        SMFIS_ACCEPT);
}

TEST_CASE("the failure verdict can be CONTINUE where libmilter expects it", "[dispatch]") {
  ConnectionState conn(test_snapshot());
  CHECK(dispatch(
            Stage::kAbort, &conn, [](ConnectionState&) -> sfsistat { throw std::logic_error("x"); },
            SMFIS_CONTINUE) == SMFIS_CONTINUE);
}

TEST_CASE("connections are counted while alive", "[dispatch]") {
  long before = ConnectionState::live();
  {
    ConnectionState a(test_snapshot());
    ConnectionState b(test_snapshot());
    CHECK(ConnectionState::live() == before + 2);
    CHECK(a.id() != b.id());
  }
  CHECK(ConnectionState::live() == before);
}
