// Per-connection state (see connection_state.h).
#include "connection_state.h"

#include <utility>

namespace smtp_explain::daemon {
namespace {
std::atomic<long> g_live{0};
std::atomic<std::uint64_t> g_next_id{1};
}  // namespace

ConnectionState::ConnectionState(std::shared_ptr<const Snapshot> snapshot)
    : snapshot_(std::move(snapshot)), id_(g_next_id.fetch_add(1)) {
  g_live.fetch_add(1);
}

ConnectionState::~ConnectionState() {
  g_live.fetch_sub(1);
}

MessageState& ConnectionState::begin_message() {
  message_.reset();
  message_failed_ = false;
  message_ns_ = 0;
  message_ = std::make_unique<MessageState>(snapshot_);
  return *message_;
}

void ConnectionState::end_message() {
  message_.reset();
  message_failed_ = false;
}

void ConnectionState::fail_message() {
  message_.reset();
  message_failed_ = true;
}

long ConnectionState::live() {
  return g_live.load();
}

}  // namespace smtp_explain::daemon
