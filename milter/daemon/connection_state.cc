// Per-connection state (see connection_state.h).
#include "connection_state.h"

#include <utility>

namespace smtp_explain::daemon {
namespace {
std::atomic<long> g_live{0};
std::atomic<long> g_in_flight{0};
std::atomic<bool> g_stopping{false};
std::atomic<std::uint64_t> g_next_id{1};
}  // namespace

ConnectionState::ConnectionState(std::shared_ptr<const Snapshot> snapshot)
    : snapshot_(std::move(snapshot)), id_(g_next_id.fetch_add(1)) {
  g_live.fetch_add(1);
}

ConnectionState::~ConnectionState() {
  if (in_flight_) g_in_flight.fetch_sub(1);
  g_live.fetch_sub(1);
}

MessageState& ConnectionState::begin_message() {
  message_.reset();
  message_failed_ = false;
  message_ns_ = 0;
  if (!in_flight_) {
    in_flight_ = true;
    g_in_flight.fetch_add(1);
  }
  message_ = std::make_unique<MessageState>(snapshot_);
  return *message_;
}

void ConnectionState::end_message() {
  message_.reset();
  message_failed_ = false;
  if (in_flight_) {
    in_flight_ = false;
    g_in_flight.fetch_sub(1);
  }
}

void ConnectionState::fail_message() {
  message_.reset();
  message_failed_ = true;
  if (in_flight_) {
    in_flight_ = false;
    g_in_flight.fetch_sub(1);
  }
}

long ConnectionState::live() {
  return g_live.load();
}

long ConnectionState::messages_in_flight() {
  return g_in_flight.load();
}

void ConnectionState::set_stopping(bool stopping) {
  g_stopping.store(stopping);
}

bool ConnectionState::stopping() {
  return g_stopping.load(std::memory_order_relaxed);
}

}  // namespace smtp_explain::daemon
