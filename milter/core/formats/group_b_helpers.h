// Helpers shared by the group-b family scanners (MXLogic .. qmail): the bits of
// Sisimai's Lhost plumbing (BSD 2-clause, third_party/sisimai/LICENSE) that
// the ported modules have in common: Sisimai's "flattened" body, cutting the
// error text at a module's own returned-original marker, reason phrase tables,
// Received-header tests and whitespace sweeping.
// Thread safety: pure functions over the caller's data and static tables.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "formats.h"
#include "scanner_text.h"

namespace smtp_explain::group_b {

// One phrase of a module's reason table ("userunknown" <- "No such user").
struct ReasonPhrase {
  Reason reason;
  std::string_view phrase;
};

// The reason of the first phrase of `table` that occurs in `text` (ASCII case
// ignored), or nullopt.
std::optional<Reason> reason_from_phrases(std::string_view text,
                                          std::span<const ReasonPhrase> table);

// True if any Received: header of the message contains `needle` (case ignored).
bool received_contains(const Message& msg, std::string_view needle);

// What Sisimai's modules read as the message body: for a MIME message, the
// bodies of the error text and delivery-status parts outside the returned
// original, in document order, joined by a blank line; otherwise msg.text.
std::string flat_body(const Message& msg);

// The text before the first line that starts with `marker` (after optional
// blanks when `allow_indent`); the whole text when there is none.
std::string_view cut_before_line(std::string_view text, std::string_view marker,
                                 bool allow_indent = true);

// Whitespace runs (spaces, tabs, line breaks) made one space, both ends
// trimmed (Sisimai::String->sweep).
using scanner_text::sweep;

// The address of the first "<...>" pair of `text` that holds an '@' and no
// space, else empty (scanner_text::first_angle_address).
inline std::string_view angle_address(std::string_view text) {
  return scanner_text::first_angle_address(text);
}

// True if `line` starts with `prefix` (exact case).
inline bool starts(std::string_view line, std::string_view prefix) {
  return line.substr(0, prefix.size()) == prefix;
}

// ASCII upper case.
std::string upper(std::string_view text);

// A FoundRecipient with the address set; the rest empty.
FoundRecipient recipient_at(std::string_view address);

// The enhanced status code in `text` (as code_scan finds it), or empty.
std::string status_in(std::string_view text);

// The body parts of the returned original with the given content type
// ("message/delivery-status"): some gateways attach the real bounce as the
// "original" (Sisimai's X5).
std::vector<std::string_view> original_parts_of_type(const Message& msg, std::string_view type);

// The qmail-style reader shared by Sisimai's qmail and X4 modules
// (formats/qmail.cc): after a line for which `is_start` is true,
// "<address>:" lines open recipients and the lines below are their error.
// Returns true if recipients were appended.
bool read_qmail_style(const Message& msg, bool (*is_start)(std::string_view line),
                      std::vector<FoundRecipient>* out);

}  // namespace smtp_explain::group_b

namespace smtp_explain::group_b {

// The type of each recipient block's Diagnostic-Code field ("smtp", "x-unix",
// "x-postfix", lower case) in the message's delivery-status parts, keyed by
// the cleaned Final-Recipient address, in block order. The DSN reader drops
// the type, but a local-delivery type (X-Unix) means Sisimai's mailererror.
struct DiagnosticType {
  std::string address;
  std::string type;
};
std::vector<DiagnosticType> diagnostic_types(const Message& msg);

// Sets reason_hint "mailererror" on recipients whose Diagnostic-Code type is
// X-Unix (a local delivery program failed), unless a hint is already set.
void hint_local_delivery_errors(const Message& msg, std::vector<FoundRecipient>* found);

}  // namespace smtp_explain::group_b
