// Reader for RFC 3464 / RFC 6533 delivery-status fields
// (message/delivery-status, message/global-delivery-status, or the same
// fields written into a text part by MTAs that skip multipart/report).
//
// Per-message fields (Reporting-MTA, Arrival-Date, Received-From-MTA,
// X-Postfix-Sender, ...) and per-recipient blocks (Final-Recipient,
// Original-Recipient, Action, Status, Diagnostic-Code incl. folded lines,
// Remote-MTA, X-Actual-Recipient, ...). Type prefixes ("rfc822;", "smtp;",
// "dns;", "utf-8;") are removed, xtext (+HH) and unitext (\x{HHHH}) decoded.
// Unknown fields are ignored. A block without a blank line before it is split
// where a second Final-Recipient appears. Values are copied as written (made
// one-line and bounded later by the parser).
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "found_recipient.h"

namespace smtp_explain {

struct DsnFields {
  std::string reporting_mta;
  std::string received_from_mta;
  std::string arrival_date;
  std::string postfix_sender;
  FoundList recipients;    // bounded where blocks are appended (found_recipient.h)
  bool malformed = false;  // fields without a recipient, or lines that are no field
};

// Reads the fields in `text` and appends what it finds to `out`. Returns true
// if at least one recipient block was found.
bool read_delivery_status(std::string_view text, DsnFields* out);

// True if `text` (e.g. a text/plain part) carries per-recipient DSN fields:
// a line starting "Final-Recipient:" or "Original-Recipient:" followed by an
// "Action:" or "Status:" line.
bool has_dsn_fields(std::string_view text);

// Removes a "type;" prefix ("rfc822; a@b" -> "a@b", "smtp; 550 ..." -> "550 ...")
// when the part before ';' is a single atom.
std::string_view strip_type_prefix(std::string_view value);

// Decodes xtext "+HH" (RFC 3461) and unitext "\x{HHHH}" (RFC 6533) escapes.
std::string decode_xtext(std::string_view value);

}  // namespace smtp_explain
