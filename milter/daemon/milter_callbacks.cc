// libmilter callbacks (see milter_callbacks.h). Each one is a few lines: get
// the private data, call MessageState through dispatch(), map the result.
#include "milter_callbacks.h"

#include <spdlog/spdlog.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "connection_state.h"
#include "dispatch.h"
#include "libmilter_editor.h"

namespace smtp_explain::daemon {
namespace {

SnapshotStore* g_store = nullptr;  // set once by filter_description(), before smfi_main()

char kFilterName[] = "smtp-explain";
char kMacroQueueId[] = "i";

ConnectionState* connection_of(SMFICTX* ctx) {
  return static_cast<ConnectionState*>(smfi_getpriv(ctx));
}

// Creates the connection's state if it has none yet (the connect stage is
// negotiated away, so the first callback of a connection creates it).
ConnectionState* ensure_connection(SMFICTX* ctx) {
  if (ConnectionState* conn = connection_of(ctx)) return conn;
  if (g_store == nullptr) return nullptr;
  auto conn = std::make_unique<ConnectionState>(g_store->current());
  if (smfi_setpriv(ctx, conn.get()) != MI_SUCCESS) return nullptr;
  return conn.release();  // owned by libmilter's slot until on_close()
}

std::string queue_id(SMFICTX* ctx) {
  const char* id = smfi_getsymval(ctx, kMacroQueueId);
  if (id == nullptr) {
    char braced[] = "{i}";
    id = smfi_getsymval(ctx, braced);
  }
  return id != nullptr ? std::string(id) : std::string();
}

MessageState& current_message(ConnectionState& conn) {
  MessageState* msg = conn.message();
  if (msg == nullptr) throw std::logic_error("no message in progress");
  return *msg;
}

sfsistat on_negotiate(SMFICTX* ctx, unsigned long actions, unsigned long steps, unsigned long,
                      unsigned long, unsigned long* want_actions, unsigned long* want_steps,
                      unsigned long* want_f2, unsigned long* want_f3) {
  *want_actions = actions & (SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_SETSYMLIST);
  // Switch off every stage the filter does not use; keep MAIL (null sender),
  // headers, end of headers, body and end of message.
  const unsigned long off =
      SMFIP_NOCONNECT | SMFIP_NOHELO | SMFIP_NORCPT | SMFIP_NOUNKNOWN | SMFIP_NODATA;
  // The MTA need not wait for our answer to MAIL, each header and end of
  // headers: we never act there. Without this every header of every message
  // costs a round trip to the milter (a third of Postfix's throughput).
  const unsigned long no_reply = steps & (SMFIP_NR_MAIL | SMFIP_NR_HDR | SMFIP_NR_EOH);
  *want_steps = steps & (off | SMFIP_SKIP | no_reply);
  *want_f2 = 0;
  *want_f3 = 0;
  ConnectionState* conn = ensure_connection(ctx);
  return dispatch(
      "negotiate", conn,
      [&](ConnectionState& c) {
        c.set_skip_supported((steps & SMFIP_SKIP) != 0);
        c.set_no_reply_steps(no_reply);
        if ((actions & (SMFIF_ADDHDRS | SMFIF_CHGHDRS)) != (SMFIF_ADDHDRS | SMFIF_CHGHDRS)) {
          spdlog::warn("conn={}: the MTA does not allow adding and changing headers", c.id());
        }
        if ((actions & SMFIF_SETSYMLIST) != 0) {
          smfi_setsymlist(ctx, SMFIM_ENVFROM, kMacroQueueId);
          smfi_setsymlist(ctx, SMFIM_EOH, kMacroQueueId);
          smfi_setsymlist(ctx, SMFIM_EOM, kMacroQueueId);
        }
        return SMFIS_CONTINUE;
      },
      SMFIS_CONTINUE);
}

// The verdict for a stage that never acts: no reply where the MTA asked for
// none (also on failure: the message then passes unchanged at end of message,
// as dispatch() has dropped its state), else continue.
sfsistat pass_on(const ConnectionState* conn, unsigned long no_reply_step) {
  return conn != nullptr && conn->no_reply(no_reply_step) ? SMFIS_NOREPLY : SMFIS_CONTINUE;
}

sfsistat on_envfrom(SMFICTX* ctx, char** argv) {
  ConnectionState* conn = ensure_connection(ctx);
  const sfsistat verdict = pass_on(conn, SMFIP_NR_MAIL);
  return dispatch(
      "envfrom", conn,
      [&](ConnectionState& c) {
        MessageState& msg = c.begin_message();
        msg.envelope_sender(argv != nullptr && argv[0] != nullptr ? argv[0] : "");
        return verdict;
      },
      verdict);
}

sfsistat on_header(SMFICTX* ctx, char* name, char* value) {
  ConnectionState* conn = connection_of(ctx);
  const sfsistat verdict = pass_on(conn, SMFIP_NR_HDR);
  return dispatch(
      "header", conn,
      [&](ConnectionState& c) {
        current_message(c).header(name != nullptr ? name : "", value != nullptr ? value : "");
        return verdict;
      },
      verdict);
}

sfsistat on_eoh(SMFICTX* ctx) {
  ConnectionState* conn = connection_of(ctx);
  const sfsistat verdict = pass_on(conn, SMFIP_NR_EOH);
  return dispatch(
      "eoh", conn,
      [&](ConnectionState& c) {
        current_message(c).end_of_headers();
        return verdict;
      },
      verdict);
}

sfsistat on_body(SMFICTX* ctx, unsigned char* chunk, size_t size) {
  return dispatch("body", connection_of(ctx), [&](ConnectionState& c) {
    MessageState& msg = current_message(c);
    if (!msg.wants_body()) return c.skip_supported() ? SMFIS_SKIP : SMFIS_CONTINUE;
    msg.body(std::string_view(reinterpret_cast<const char*>(chunk), size));
    return SMFIS_CONTINUE;
  });
}

sfsistat on_eom(SMFICTX* ctx) {
  return dispatch("eom", connection_of(ctx), [&](ConnectionState& c) {
    MessageState& msg = current_message(c);
    msg.set_queue_id(queue_id(ctx));
    LibmilterEditor editor(ctx);
    MessageOutcome out = msg.end_of_message(editor);
    const char* qid = msg.queue_id().empty() ? "-" : msg.queue_id().c_str();
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
    c.end_message();
    return SMFIS_CONTINUE;
  });
}

sfsistat on_abort(SMFICTX* ctx) {
  return dispatch(
      "abort", connection_of(ctx),
      [&](ConnectionState& c) {
        c.end_message();
        return SMFIS_CONTINUE;
      },
      SMFIS_CONTINUE);
}

sfsistat on_close(SMFICTX* ctx) {
  // Take the connection's state back from libmilter and free it here.
  std::unique_ptr<ConnectionState> conn(connection_of(ctx));
  smfi_setpriv(ctx, nullptr);
  return SMFIS_CONTINUE;
}

}  // namespace

smfiDesc filter_description(SnapshotStore* store) {
  g_store = store;
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
  desc.xxfi_data = nullptr;
  desc.xxfi_negotiate = on_negotiate;
  return desc;
}

}  // namespace smtp_explain::daemon
