// The header-stage decision: from the top-level header fields (and the
// envelope sender, when known) can this message be a bounce, an auto-reply or
// an abuse feedback report? Ordinary mail must answer "no" so its body is never
// read. Permissive by design: a false "maybe" costs one body parse, a false
// "no" loses a bounce.
//
// Signals are taken from RFC 3464/3834/5965 and from the header checks of
// Sisimai's Lhost modules, RFC3834.pm and Order.pm (BSD 2-clause, see
// third_party/sisimai/LICENSE).
// Thread safety: pure functions over static tables.
#pragma once

#include <optional>
#include <string_view>

#include "message.h"

namespace smtp_explain {

struct GateVerdict {
  bool delivery_report =
      false;                // strong sign of a bounce (DSN type, MAILER-DAEMON, bounce Subject...)
  bool auto_reply = false;  // RFC 3834 auto-reply / vacation signs (and no bounce sign)
  bool feedback_report = false;  // multipart/report; report-type=feedback-report
  bool null_sender = false;      // envelope sender or Return-Path is <>
  bool weak_signal = false;      // other markers that justify reading the body
  // True if the body is worth reading.
  bool wanted() const {
    return delivery_report || auto_reply || feedback_report || null_sender || weak_signal;
  }
  // An auto-reply and no other reason to read the body (a null sender is
  // what RFC 3834 asks auto-replies to use, so it is no reason here): told
  // from the headers alone, never annotated, so its body is not read.
  bool auto_reply_only() const {
    return auto_reply && !delivery_report && !feedback_report && !weak_signal;
  }
};

// `envelope_sender`: nullopt if unknown, "" for the null sender.
GateVerdict evaluate_headers(const HeaderList& headers,
                             std::optional<std::string_view> envelope_sender);

// Shortcut for scanners: evaluate_headers(headers, nullopt).delivery_report.
bool headers_say_delivery_report(const HeaderList& headers);

// True if the Subject reads like a bounce ("Undeliverable: ...", "Returned
// mail: ...", "Mail delivery failed", "Unzustellbar", ...).
bool subject_says_bounce(std::string_view subject);

// True if the Subject reads like an auto-reply ("Auto: ", "Out of office", ...).
bool subject_says_auto_reply(std::string_view subject);

}  // namespace smtp_explain
