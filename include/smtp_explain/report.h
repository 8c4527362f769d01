// The result of parsing one message: is it a bounce, and per failed recipient
// the codes, class and reason found.
//
// Strings in a Report come from the message and are attacker-controlled: they are
// bounded (see limits.h) and stripped of CR, LF and NUL, but never trusted.
// render_headers() (headers.h) is the only way they reach a mail header.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace smtp_explain {

// What kind of message this is. Only kDsn and kText are bounces.
enum class Kind {
  kNotBounce,       // ordinary mail
  kDsn,             // RFC 3464 / RFC 6533 delivery status notification
  kText,            // non-standard bounce (an MTA's own text format)
  kAutoReply,       // RFC 3834 auto-reply, vacation message
  kFeedbackReport,  // RFC 5965 abuse feedback report (ARF)
};
std::string_view to_string(Kind kind);  // "not-bounce", "dsn", "text", "auto-reply", "feedback-report"

// Delivery class, ordered by severity: kPermanent > kTransient > kSuccess > kNone.
enum class DeliveryClass { kNone = 0, kSuccess = 1, kTransient = 2, kPermanent = 3 };
std::string_view to_string(DeliveryClass cls);  // "", "success", "transient", "permanent"

// Anomalies met while parsing. The result is still the best the content allows.
enum Flag : std::uint32_t {
  kFlagNone = 0,
  kFlagHeaderTooLong = 1u << 0,    // a header field or the header block hit its limit
  kFlagScanTruncated = 1u << 1,    // body longer than max_scan_bytes; the rest was not read
  kFlagMimeTooDeep = 1u << 2,      // nesting deeper than max_mime_depth
  kFlagTooManyParts = 1u << 3,     // more than max_mime_parts parts
  kFlagBadBoundary = 1u << 4,      // multipart without its boundary, or never closed
  kFlagBadEncoding = 1u << 5,      // invalid base64 / quoted-printable / encoded word
  kFlagLongLine = 1u << 6,         // a line longer than max_line_bytes was cut
  kFlagTooManyRecipients = 1u << 7,  // more than max_recipients; the rest only counted
  kFlagNulByte = 1u << 8,          // NUL bytes in the input (dropped)
  kFlagMalformedDsn = 1u << 9,     // a delivery-status part that did not parse cleanly
};

struct Recipient {
  std::string recipient;           // Final-Recipient address (or the one found in text)
  std::string original_recipient;  // Original-Recipient, if given
  std::string action;              // failed, delayed, delivered, relayed, expanded (lower case)
  std::string reply_code;          // "552", or empty when the bounce has none
  std::string status;              // "5.2.2", or empty when the bounce has none
  std::string remote_mta;          // Remote-MTA host, if any
  std::string diagnostic;          // Diagnostic-Code text or the MTA's error text, one line
  DeliveryClass cls = DeliveryClass::kNone;
  std::string reason;              // Sisimai vocabulary: userunknown, mailboxfull, ...
  std::string provider;            // id of the provider rule that matched (providers.h), or empty
};

struct Report {
  bool bounce = false;
  Kind kind = Kind::kNotBounce;
  DeliveryClass cls = DeliveryClass::kNone;  // most severe across recipients
  std::vector<Recipient> recipients;         // at most Limits::max_recipients
  std::size_t recipients_total = 0;          // all found, including those not recorded
  std::string reporting_mta;
  std::uint32_t flags = kFlagNone;           // bitwise OR of Flag

  bool has_flag(Flag f) const { return (flags & f) != 0; }
};

// Names of the set flags, e.g. {"scan-truncated", "bad-boundary"}.
std::vector<std::string_view> flag_names(std::uint32_t flags);

}  // namespace smtp_explain
