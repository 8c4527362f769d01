// The libmilter callbacks: thin glue that takes the connection's private data,
// runs the matching MessageState step through the guard (dispatch.h) and
// translates the result into a libmilter verdict. All message logic lives in
// MessageState; the bodies here are written against MilterContext so that the
// daemon tests drive them with a fake MTA (callbacks::*), and
// filter_description() wraps them for libmilter.
//
// What the milter asks of the MTA (negotiation), and why:
//   - stages off: connect, HELO, RCPT, unknown commands; DATA too over a unix
//     socket. Over TCP the DATA stage stays on and is answered: Postfix's smtpd
//     buffers its no-reply commands and macros and flushes them when it hands
//     the connection to cleanup; cleanup's first write then waits (Nagle) for
//     the milter's acknowledgement, which the milter's kernel delays by ~40 ms.
//     Answering DATA acknowledges everything smtpd sent before the hand-off.
//   - no reply to MAIL and to each header (SMFIP_NR_MAIL, SMFIP_NR_HDR): the
//     milter never acts there.
//   - end of headers is answered: SMFIS_ACCEPT when the message cannot be a
//     bounce and carries no X-SMTP-Explain* field to remove (the MTA then sends
//     neither body nor end of message: ordinary mail costs one round trip),
//     else SMFIS_CONTINUE.
//   - body chunks: no reply (SMFIP_NR_BODY) when the MTA offers it, else
//     SMFIS_SKIP once the body is not needed.
//   - macros: only the queue id ("i"), at end of headers and end of message.
// Thread safety: libmilter runs callbacks for different connections in
// different threads; they share only the MilterRuntime (thread-safe parts).
#pragma once

#include <libmilter/mfapi.h>

#include <cstddef>

#include "metrics.h"
#include "milter_context.h"
#include "snapshot.h"

namespace smtp_explain::daemon {

// What the callbacks share, set once before serving; must outlive smfi_main().
struct MilterRuntime {
  SnapshotStore* store = nullptr;  // required
  Metrics* metrics = nullptr;      // required
  // The listening socket is TCP (inet/inet6): answer the DATA stage (see above).
  bool tcp = false;
  // Ask for SMFIP_NR_BODY when the MTA offers it.
  bool no_reply_body = true;
};

// Installs the runtime the callbacks use (filter_description() does this).
void set_runtime(MilterRuntime* runtime);

// The filter description to pass to smfi_register(); installs `runtime`.
smfiDesc filter_description(MilterRuntime* runtime);

// The callback bodies. Each is noexcept and returns what libmilter expects.
namespace callbacks {
sfsistat negotiate(MilterContext& ctx, unsigned long actions, unsigned long steps,
                   unsigned long* want_actions, unsigned long* want_steps) noexcept;
sfsistat envfrom(MilterContext& ctx, const char* const* argv) noexcept;
sfsistat data(MilterContext& ctx) noexcept;
sfsistat header(MilterContext& ctx, const char* name, const char* value) noexcept;
sfsistat eoh(MilterContext& ctx) noexcept;
sfsistat body(MilterContext& ctx, const unsigned char* chunk, std::size_t size) noexcept;
sfsistat eom(MilterContext& ctx) noexcept;
sfsistat abort(MilterContext& ctx) noexcept;
sfsistat close(MilterContext& ctx) noexcept;
}  // namespace callbacks

}  // namespace smtp_explain::daemon
