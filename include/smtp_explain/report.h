// The result of parsing one message: is it a bounce, and per failed recipient
// the codes, class and reason found.
//
// Strings in a Report come from the message and are attacker-controlled: they are
// bounded (see limits.h) and stripped of CR, LF and NUL, but never trusted.
// render_headers() (headers.h) is the only way they reach a mail header.
#pragma once

#include <cstdint>
#include <optional>
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
std::string_view to_string(
    Kind kind);  // "not-bounce", "dsn", "text", "auto-reply", "feedback-report"

// Delivery class, ordered by severity: kPermanent > kTransient > kSuccess > kNone.
enum class DeliveryClass { kNone = 0, kSuccess = 1, kTransient = 2, kPermanent = 3 };
std::string_view to_string(DeliveryClass cls);  // "", "success", "transient", "permanent"

// Why a delivery failed, in Sisimai's vocabulary (Sisimai 5's names), so that
// results compare with Sisimai and rules written for one tool work with the
// other. The names (to_string) appear only at the edges: the catalog, JSON and
// the X-SMTP-Explain-Reason header field.
enum class Reason : std::uint8_t {
  kUndefined,        // nothing in the bounce tells the reason
  kAuthFailure,      // SPF, DKIM or DMARC failed
  kBadReputation,    // sending IP or domain has a poor reputation
  kBlocked,          // the sending host was refused
  kContentError,     // content or format refused
  kDelivered,        // delivered (a success DSN)
  kExceedLimit,      // a limit other than size exceeded
  kExpired,          // gave up retrying
  kFiltered,         // a filter at the recipient refused it
  kHasMoved,         // the recipient has moved
  kHostUnknown,      // the recipient's domain does not exist or has no mail server
  kMailboxFull,      // the mailbox is over quota
  kMailerError,      // the local delivery program failed
  kMesgTooBig,       // the message is too large
  kNetworkError,     // connection, DNS or routing trouble
  kNoRelaying,       // relaying refused
  kNotAccept,        // the domain accepts no mail (null MX)
  kNotCompliantRfc,  // the message does not follow RFC 5322
  kOnHold,           // failed, but not clearly why
  kPolicyViolation,  // a policy of the receiving site
  kRejected,         // the envelope sender was refused
  kRequirePtr,       // no valid reverse DNS for the sending host
  kSecurityError,    // authentication, TLS or certificate problem
  kSpamDetected,     // judged to be spam
  kSpeeding,         // rate limited
  kSuspend,          // the mailbox is disabled or suspended
  kSyntaxError,      // an SMTP command had a syntax error
  kSystemError,      // an error inside the receiving mail system
  kSystemFull,       // the receiving system is out of space
  kTooManyConn,      // too many connections or recipients at once
  kUserUnknown,      // the mailbox does not exist
  kVirusDetected,    // malware found
};
inline constexpr std::size_t kReasonCount = static_cast<std::size_t>(Reason::kVirusDetected) + 1;

// "userunknown", "mailboxfull", ... (lower case, Sisimai's spelling).
std::string_view to_string(Reason reason);
// The reason of a name as to_string() writes it (exact, lower case); nullopt if unknown.
std::optional<Reason> reason_from_name(std::string_view name);

// Anomalies met while parsing. The result is still the best the content allows.
enum Flag : std::uint32_t {
  kFlagNone = 0,
  kFlagHeaderTooLong = 1u << 0,      // a header field or the header block hit its limit
  kFlagScanTruncated = 1u << 1,      // body longer than max_scan_bytes; the rest was not read
  kFlagMimeTooDeep = 1u << 2,        // nesting deeper than max_mime_depth
  kFlagTooManyParts = 1u << 3,       // more than max_mime_parts parts
  kFlagBadBoundary = 1u << 4,        // multipart without its boundary, or never closed
  kFlagBadEncoding = 1u << 5,        // invalid base64 / quoted-printable / encoded word
  kFlagLongLine = 1u << 6,           // a line longer than max_line_bytes was cut
  kFlagTooManyRecipients = 1u << 7,  // more than max_recipients; the rest only counted
  kFlagNulByte = 1u << 8,            // NUL bytes in the input (dropped)
  kFlagMalformedDsn = 1u << 9,       // a delivery-status part that did not parse cleanly
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
  Reason reason = Reason::kUndefined;
  std::string provider;  // id of the provider rule that matched (providers.h), or empty
};

struct Report {
  bool bounce = false;
  Kind kind = Kind::kNotBounce;
  DeliveryClass cls = DeliveryClass::kNone;  // most severe across recipients
  std::vector<Recipient> recipients;         // at most Limits::max_recipients
  std::size_t recipients_total = 0;          // all found, including those not recorded
  std::string reporting_mta;
  std::uint32_t flags = kFlagNone;  // bitwise OR of Flag

  bool has_flag(Flag f) const { return (flags & f) != 0; }
};

// Names of the set flags, e.g. {"scan-truncated", "bad-boundary"}.
std::vector<std::string_view> flag_names(std::uint32_t flags);

}  // namespace smtp_explain
