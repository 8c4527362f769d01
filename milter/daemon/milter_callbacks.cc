// libmilter callbacks (see milter_callbacks.h). Each one is a few lines: get
// the private data, call MessageState through the guard, map the result.
#include "milter_callbacks.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "connection_state.h"
#include "dispatch.h"
#include "libmilter_context.h"

namespace smtp_explain::daemon {
namespace {

std::atomic<MilterRuntime*> g_runtime{nullptr};

char kFilterName[] = "smtp-explain";
constexpr const char* kMacroQueueId = "i";

MilterRuntime& runtime() {
  MilterRuntime* rt = g_runtime.load(std::memory_order_relaxed);
  if (rt == nullptr) throw std::logic_error("milter runtime not installed");
  return *rt;
}

// Time spent in one callback.
class CallbackClock {
 public:
  std::uint64_t ns() const {
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                          std::chrono::steady_clock::now() - start_)
                                          .count());
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

ConnectionState* connection_of(MilterContext& ctx) {
  return static_cast<ConnectionState*>(ctx.private_data());
}

// Creates the connection's state if it has none yet (the connect stage is
// negotiated away, so the first callback of a connection creates it). Throws
// on failure; call inside the guard.
ConnectionState* ensure_connection(MilterContext& ctx) {
  if (ConnectionState* conn = connection_of(ctx)) return conn;
  run_stage_hook(Stage::kConnectionSetup);
  MilterRuntime& rt = runtime();
  auto conn = std::make_unique<ConnectionState>(rt.store->current());
  if (!ctx.set_private_data(conn.get())) throw std::runtime_error("smfi_setpriv failed");
  rt.metrics->connection_opened();
  return conn.release();  // owned by libmilter's slot until close()
}

// ensure_connection() inside the guard: null (failure reported) if it threw.
ConnectionState* guarded_connection(MilterContext& ctx) noexcept {
  ConnectionState* conn = nullptr;
  guarded(
      Stage::kConnectionSetup, nullptr,
      [&]() -> sfsistat {
        conn = ensure_connection(ctx);
        return SMFIS_CONTINUE;
      },
      SMFIS_CONTINUE);
  return conn;
}

void take_queue_id(MilterContext& ctx, MessageState& msg) {
  if (!msg.queue_id().empty()) return;
  const char* id = ctx.macro(kMacroQueueId);
  if (id == nullptr) id = ctx.macro("{i}");
  if (id != nullptr) msg.set_queue_id(id);
}

// The message in progress, or null when there is none: quietly after a failure
// of this message (logged once already), else reported once as an anomaly.
MessageState* active_message(ConnectionState& conn, Stage stage) {
  if (MessageState* msg = conn.message()) return msg;
  if (!conn.message_failed()) {
    report_callback_failure(stage, &conn, "no message in progress");
    conn.fail_message();
  }
  return nullptr;
}

// True when the connection's current message has failed: its remaining
// callbacks answer without running anything (and without logging again).
bool failed_message(const ConnectionState* conn) {
  return conn != nullptr && conn->message_failed();
}

// The verdict for a step the MTA may expect no reply to.
sfsistat reply_or_not(const ConnectionState* conn, unsigned long no_reply_step, sfsistat verdict) {
  return conn != nullptr && conn->no_reply(no_reply_step) ? SMFIS_NOREPLY : verdict;
}

// The message's part in the milter is over: record its time.
void finish_message(ConnectionState& c, const CallbackClock& clock) {
  runtime().metrics->message_time(c.message_time() + clock.ns());
  c.end_message();
}

}  // namespace

void set_runtime(MilterRuntime* rt) {
  g_runtime.store(rt);
  set_failure_metrics(rt != nullptr ? rt->metrics : nullptr);
}

namespace callbacks {

sfsistat negotiate(MilterContext& ctx, unsigned long actions, unsigned long steps,
                   unsigned long* want_actions, unsigned long* want_steps) noexcept {
  *want_actions = actions & (SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_SETSYMLIST);
  ConnectionState* conn = guarded_connection(ctx);
  MilterRuntime* rt = g_runtime.load();
  const bool tcp = rt != nullptr && rt->tcp;
  // Stages the filter does not use (see milter_callbacks.h for DATA over TCP).
  const unsigned long off = SMFIP_NOCONNECT | SMFIP_NOHELO | SMFIP_NORCPT | SMFIP_NOUNKNOWN |
                            (tcp ? 0UL : static_cast<unsigned long>(SMFIP_NODATA));
  // Steps whose reply the MTA need not wait for: we never act there. Without a
  // connection state to remember them, ask for none: every callback then
  // answers, whatever happens.
  unsigned long no_reply = 0;
  if (conn != nullptr) {
    no_reply = steps & (SMFIP_NR_MAIL | SMFIP_NR_HDR);
    if (rt != nullptr && rt->no_reply_body) no_reply |= steps & SMFIP_NR_BODY;
  }
  // SMFIS_SKIP is a reply: of no use when body chunks get none.
  const unsigned long skip = (no_reply & SMFIP_NR_BODY) != 0 ? 0UL : (steps & SMFIP_SKIP);
  *want_steps = (steps & off) | skip | no_reply;
  if (conn == nullptr) return SMFIS_CONTINUE;
  // Recorded before anything can fail: the verdicts depend on them.
  conn->set_skip_supported(skip != 0);
  conn->set_no_reply_steps(no_reply);
  return dispatch(
      Stage::kNegotiate, conn,
      [&](ConnectionState& c) {
        if ((actions & (SMFIF_ADDHDRS | SMFIF_CHGHDRS)) != (SMFIF_ADDHDRS | SMFIF_CHGHDRS)) {
          spdlog::warn("conn={}: the MTA does not allow adding and changing headers", c.id());
        }
        if ((actions & SMFIF_SETSYMLIST) != 0) {
          // The queue id where it is known and used (log lines); nothing else,
          // so that the MTA sends no other macros for MAIL FROM.
          ctx.request_macros(SMFIM_ENVFROM, kMacroQueueId);
          ctx.request_macros(SMFIM_EOH, kMacroQueueId);
          ctx.request_macros(SMFIM_EOM, kMacroQueueId);
        }
        return SMFIS_CONTINUE;
      },
      SMFIS_CONTINUE);
}

sfsistat envfrom(MilterContext& ctx, const char* const* argv) noexcept {
  CallbackClock clock;
  ConnectionState* conn = connection_of(ctx);
  if (conn == nullptr) {
    // Negotiation could not create it (and so asked for no NR_* steps): try
    // again; if that fails too (reported), the message passes unchanged.
    conn = guarded_connection(ctx);
    if (conn == nullptr) return kFailureVerdict;
  }
  const sfsistat verdict = reply_or_not(conn, SMFIP_NR_MAIL, SMFIS_CONTINUE);
  return dispatch(
      Stage::kEnvfrom, conn,
      [&](ConnectionState& c) {
        runtime().metrics->message_started();
        if (ConnectionState::stopping()) {
          // A stop is under way: this message passes unfiltered (quietly, at
          // its first answered step) so that the ones in flight can finish.
          runtime().metrics->message_passed_at_stop();
          c.fail_message();
          return verdict;
        }
        MessageState& msg = c.begin_message();
        msg.envelope_sender(argv != nullptr && argv[0] != nullptr ? argv[0] : "");
        c.add_message_time(clock.ns());
        return verdict;
      },
      reply_or_not(conn, SMFIP_NR_MAIL, kFailureVerdict));
}

sfsistat data(MilterContext& ctx) noexcept {
  // Answered only to acknowledge what the MTA sent before (see the header).
  ConnectionState* conn = connection_of(ctx);
  return reply_or_not(conn, SMFIP_NR_DATA, SMFIS_CONTINUE);
}

sfsistat header(MilterContext& ctx, const char* name, const char* value) noexcept {
  CallbackClock clock;
  ConnectionState* conn = connection_of(ctx);
  const sfsistat verdict = reply_or_not(conn, SMFIP_NR_HDR, SMFIS_CONTINUE);
  if (failed_message(conn)) return reply_or_not(conn, SMFIP_NR_HDR, kFailureVerdict);
  return dispatch(
      Stage::kHeader, conn,
      [&](ConnectionState& c) {
        MessageState* msg = active_message(c, Stage::kHeader);
        if (msg == nullptr) return reply_or_not(&c, SMFIP_NR_HDR, kFailureVerdict);
        msg->header(name != nullptr ? name : "", value != nullptr ? value : "");
        c.add_message_time(clock.ns());
        return verdict;
      },
      reply_or_not(conn, SMFIP_NR_HDR, kFailureVerdict));
}

sfsistat eoh(MilterContext& ctx) noexcept {
  CallbackClock clock;
  ConnectionState* conn = connection_of(ctx);
  if (failed_message(conn)) return reply_or_not(conn, SMFIP_NR_EOH, kFailureVerdict);
  return dispatch(
      Stage::kEndOfHeaders, conn,
      [&](ConnectionState& c) {
        MessageState* msg = active_message(c, Stage::kEndOfHeaders);
        if (msg == nullptr) return reply_or_not(&c, SMFIP_NR_EOH, kFailureVerdict);
        take_queue_id(ctx, *msg);
        MilterRuntime& rt = runtime();
        const bool to_remove =
            msg->inbound_explain_fields() > 0 && msg->snapshot().config.remove_inbound_headers;
        if (msg->end_of_headers()) {
          rt.metrics->body_wanted();
        } else if (!to_remove && !c.no_reply(SMFIP_NR_EOH)) {
          // Cannot be a bounce, nothing to delete: the milter's part ends here.
          rt.metrics->header_stage_skip();
          finish_message(c, clock);
          return SMFIS_ACCEPT;
        }
        c.add_message_time(clock.ns());
        return reply_or_not(&c, SMFIP_NR_EOH, SMFIS_CONTINUE);
      },
      reply_or_not(conn, SMFIP_NR_EOH, kFailureVerdict));
}

sfsistat body(MilterContext& ctx, const unsigned char* chunk, std::size_t size) noexcept {
  CallbackClock clock;
  ConnectionState* conn = connection_of(ctx);
  if (failed_message(conn)) return reply_or_not(conn, SMFIP_NR_BODY, kFailureVerdict);
  return dispatch(
      Stage::kBody, conn,
      [&](ConnectionState& c) {
        MessageState* msg = active_message(c, Stage::kBody);
        if (msg == nullptr) return reply_or_not(&c, SMFIP_NR_BODY, kFailureVerdict);
        if (!msg->wants_body()) {
          return reply_or_not(&c, SMFIP_NR_BODY, c.skip_supported() ? SMFIS_SKIP : SMFIS_CONTINUE);
        }
        msg->body(std::string_view(reinterpret_cast<const char*>(chunk), size));
        c.add_message_time(clock.ns());
        return reply_or_not(&c, SMFIP_NR_BODY, SMFIS_CONTINUE);
      },
      reply_or_not(conn, SMFIP_NR_BODY, kFailureVerdict));
}

sfsistat eom(MilterContext& ctx) noexcept {
  CallbackClock clock;
  ConnectionState* conn = connection_of(ctx);
  if (failed_message(conn)) {
    conn->end_message();  // the next message starts clean
    return SMFIS_CONTINUE;
  }
  return dispatch(Stage::kEndOfMessage, conn, [&](ConnectionState& c) {
    MessageState* msg = active_message(c, Stage::kEndOfMessage);
    if (msg == nullptr) {
      c.end_message();
      return SMFIS_CONTINUE;
    }
    take_queue_id(ctx, *msg);
    MessageOutcome out = msg->end_of_message(ctx);
    const char* qid = msg->queue_id().empty() ? "-" : msg->queue_id().c_str();
    if (out.annotated) {
      spdlog::info("qid={} annotated {} bounce: class={} codes=[{}] reasons=[{}] recipients={}{}",
                   qid, to_string(out.kind), to_string(out.cls), out.codes, out.reasons,
                   out.recipients,
                   out.removed > 0 ? " (inbound X-SMTP-Explain fields removed)" : "");
    } else {
      spdlog::debug("qid={} kind={} bounce={} removed={} not annotated", qid, to_string(out.kind),
                    out.bounce, out.removed);
    }
    if (!out.error.empty()) spdlog::warn("qid={}: {}", qid, out.error);
    runtime().metrics->message_finished(out);
    finish_message(c, clock);
    return SMFIS_CONTINUE;
  });
}

sfsistat abort(MilterContext& ctx) noexcept {
  return dispatch(
      Stage::kAbort, connection_of(ctx),
      [&](ConnectionState& c) {
        if (c.message() != nullptr) runtime().metrics->message_aborted();
        c.end_message();
        return SMFIS_CONTINUE;
      },
      SMFIS_CONTINUE);
}

sfsistat close(MilterContext& ctx) noexcept {
  // Take the connection's state back from the slot and free it here.
  return guarded(
      Stage::kClose, nullptr,
      [&]() -> sfsistat {
        std::unique_ptr<ConnectionState> conn(connection_of(ctx));
        if (conn) ctx.set_private_data(nullptr);
        return SMFIS_CONTINUE;
      },
      SMFIS_CONTINUE);
}

}  // namespace callbacks

namespace {

sfsistat on_negotiate(SMFICTX* ctx, unsigned long actions, unsigned long steps, unsigned long,
                      unsigned long, unsigned long* want_actions, unsigned long* want_steps,
                      unsigned long* want_f2, unsigned long* want_f3) {
  *want_f2 = 0;
  *want_f3 = 0;
  LibmilterContext c(ctx);
  return callbacks::negotiate(c, actions, steps, want_actions, want_steps);
}

sfsistat on_envfrom(SMFICTX* ctx, char** argv) {
  LibmilterContext c(ctx);
  return callbacks::envfrom(c, argv);
}

sfsistat on_data(SMFICTX* ctx) {
  LibmilterContext c(ctx);
  return callbacks::data(c);
}

sfsistat on_header(SMFICTX* ctx, char* name, char* value) {
  LibmilterContext c(ctx);
  return callbacks::header(c, name, value);
}

sfsistat on_eoh(SMFICTX* ctx) {
  LibmilterContext c(ctx);
  return callbacks::eoh(c);
}

sfsistat on_body(SMFICTX* ctx, unsigned char* chunk, size_t size) {
  LibmilterContext c(ctx);
  return callbacks::body(c, chunk, size);
}

sfsistat on_eom(SMFICTX* ctx) {
  LibmilterContext c(ctx);
  return callbacks::eom(c);
}

sfsistat on_abort(SMFICTX* ctx) {
  LibmilterContext c(ctx);
  return callbacks::abort(c);
}

sfsistat on_close(SMFICTX* ctx) {
  LibmilterContext c(ctx);
  return callbacks::close(c);
}

}  // namespace

smfiDesc filter_description(MilterRuntime* rt) {
  set_runtime(rt);
  smfiDesc desc{};
  desc.xxfi_name = kFilterName;
  desc.xxfi_version = SMFI_VERSION;
  desc.xxfi_flags = SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_SETSYMLIST;
  desc.xxfi_connect = nullptr;
  desc.xxfi_helo = nullptr;
  desc.xxfi_envfrom = on_envfrom;
  desc.xxfi_envrcpt = nullptr;
  desc.xxfi_header = on_header;
  desc.xxfi_eoh = on_eoh;
  desc.xxfi_body = on_body;
  desc.xxfi_eom = on_eom;
  desc.xxfi_abort = on_abort;
  desc.xxfi_close = on_close;
  desc.xxfi_unknown = nullptr;
  desc.xxfi_data = on_data;
  desc.xxfi_negotiate = on_negotiate;
  return desc;
}

}  // namespace smtp_explain::daemon
