// ConnectionState: what the milter keeps for one MTA connection: the snapshot
// it started with, an id for log lines, the steps negotiated, and the message
// in progress (a separate object, replaced at each MAIL FROM and dropped at
// end/abort), with the time its callbacks have taken so far.
// Owned by libmilter's private-data slot: created as a unique_ptr, released
// into smfi_setpriv, taken back and freed at close.
// Thread safety: libmilter calls one connection's callbacks from one thread at a
// time; the live-connection counter is atomic.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "message_state.h"
#include "snapshot.h"

namespace smtp_explain::daemon {

class ConnectionState {
 public:
  explicit ConnectionState(std::shared_ptr<const Snapshot> snapshot);
  ~ConnectionState();
  ConnectionState(const ConnectionState&) = delete;
  ConnectionState& operator=(const ConnectionState&) = delete;

  // Starts a new message (dropping any previous one, and clearing a failure)
  // with this connection's snapshot, counted in flight until it ends.
  MessageState& begin_message();
  MessageState* message() { return message_.get(); }
  const MessageState* message() const { return message_.get(); }
  // The message is over (end of message, abort, or passed at end of headers).
  void end_message();
  // Something failed inside the current message: its state is dropped and its
  // remaining callbacks pass quietly (the failure was logged once) until the
  // next MAIL FROM, abort or end of message.
  void fail_message();
  bool message_failed() const { return message_failed_; }

  std::uint64_t id() const { return id_; }
  // Whether the MTA understands SMFIS_SKIP (set at negotiation).
  bool skip_supported() const { return skip_supported_; }
  void set_skip_supported(bool v) { skip_supported_ = v; }
  // The SMFIP_NR_* steps negotiated: the MTA expects no reply to them, so their
  // callbacks must return SMFIS_NOREPLY (on failure too).
  bool no_reply(unsigned long step) const { return (no_reply_steps_ & step) != 0; }
  void set_no_reply_steps(unsigned long steps) { no_reply_steps_ = steps; }
  const std::shared_ptr<const Snapshot>& snapshot() const { return snapshot_; }

  // Time spent in callbacks for the current message (nanoseconds).
  void add_message_time(std::uint64_t ns) { message_ns_ += ns; }
  std::uint64_t message_time() const { return message_ns_; }

  // Connections alive in this process.
  static long live();
  // Messages between MAIL FROM and their end (end of headers, end of message,
  // abort or failure), over all connections: what a stop waits for.
  static long messages_in_flight();
  // Set when a stop has begun: new messages pass unfiltered so that the ones
  // in flight can finish (see reload_signal.h).
  static void set_stopping(bool stopping);
  static bool stopping();

 private:
  std::shared_ptr<const Snapshot> snapshot_;
  std::unique_ptr<MessageState> message_;
  std::uint64_t id_;
  std::uint64_t message_ns_ = 0;
  unsigned long no_reply_steps_ = 0;
  bool skip_supported_ = false;
  bool message_failed_ = false;
  bool in_flight_ = false;  // counted in messages_in_flight()
};

}  // namespace smtp_explain::daemon
