// Text helpers the format families share: Sisimai's phrase-to-reason tables
// and its "sweep", the two ways its Lhost modules take an address out of angle
// brackets, Received-field tests, marker-bounded text ranges, code finders,
// the qmail-style reader several families use, and the X-Unix (local mailer)
// hint. One copy of each, for every family.
// Thread safety: pure functions over the caller's data and static tables.
#pragma once

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "family.h"
#include "smtp_explain/report.h"

namespace smtp_explain::formats {

// ---- reason tables ------------------------------------------------------------

// One phrase of a module's reason table ($messagesof / $refailures).
struct PhraseReason {
  std::string_view phrase;
  Reason reason;
};

enum class Case { kExact, kIgnore };

// The reason of the first entry whose phrase occurs in `text` (exact case, like
// Sisimai's index(), or ignoring ASCII case), or nullopt.
std::optional<Reason> reason_for_phrases(std::string_view text, std::span<const PhraseReason> table,
                                         Case match = Case::kExact);

// ---- header fields ------------------------------------------------------------

// True if any Received field contains `needle`, ignoring ASCII case (host
// names and MTA names are written in either case). One search of the
// message's lower-cased Received fields (HeaderList::received_lower).
bool received_contains(const HeaderList& headers, std::string_view needle);

// What follows "(qmail <pid>" at the start of a Received field, trimmed
// ("invoked for bounce)"), or empty when the field does not start so.
std::string_view after_qmail_pid(std::string_view received);

// ---- text ranges and lines ----------------------------------------------------

// True if `text` starts with `prefix` (exact case).
inline bool starts(std::string_view text, std::string_view prefix) {
  return text.starts_with(prefix);
}

// True if `text` contains `needle` (exact case).
inline bool has(std::string_view text, std::string_view needle) {
  return text.find(needle) != std::string_view::npos;
}

// The message's error text (msg.error_text) up to the first line that starts
// with one of `prefixes` (ASCII case ignored): a family's own "start of the
// original" markers.
std::string_view text_before(const Message& msg, std::initializer_list<std::string_view> prefixes);

// The text before the first line that starts with `marker` (after optional
// blanks when `allow_indent`); the whole text when there is none.
std::string_view cut_before_line(std::string_view text, std::string_view marker,
                                 bool allow_indent = true);

// Index of the first line at or after `from` that starts with `prefix`
// (or contains it, when `anywhere`), or lines.size().
std::size_t find_line(const std::vector<std::string_view>& lines, std::string_view prefix,
                      std::size_t from = 0, bool anywhere = false);

// Whitespace runs (spaces, tabs, line breaks) made one space, both ends
// trimmed (Sisimai::String->sweep).
std::string sweep(std::string_view text);

// ASCII upper case.
std::string upper(std::string_view text);

// True if `text`, with spaces, tabs and line breaks trimmed at both ends, is
// one or more ASCII digits (a diagnostic that is only a number says nothing).
bool is_only_digits(std::string_view text);

// ---- addresses ----------------------------------------------------------------

// The text between the LAST '<' of `text` and the '>' after it, if it holds
// an '@' and no space; else empty (no retry with an earlier '<').
std::string_view last_angle_address(std::string_view text);

// The text of the FIRST "<...>" pair of `text` that holds an '@' and no
// space (later pairs are tried when an earlier one does not); else empty.
std::string_view first_angle_address(std::string_view text);

// True if the whole (trimmed) `token` looks like "local@domain" with no spaces.
bool is_bare_address(std::string_view token);

// Appends a recipient with `address` and returns it.
FoundRecipient& add_recipient(FoundList* out, std::string_view address);

// A FoundRecipient with the address set; the rest empty.
FoundRecipient recipient_at(std::string_view address);

// ---- codes --------------------------------------------------------------------

// The enhanced status code standing at a word start somewhere in `text`
// ("... 5.1.1 ..."), or empty.
std::string find_status(std::string_view text);

// The first 4xx/5xx reply code standing as a word in `text`, or empty.
std::string find_reply(std::string_view text);

// The enhanced status code in `text` as code_scan finds it, or empty.
std::string status_in(std::string_view text);

// True if the status is a class-only code ("5.0.0", "4.1.0", ...: X.[01].0).
bool is_vague_status(std::string_view status);

// ---- message parts ------------------------------------------------------------

// The body parts of the returned original with the given content type
// ("message/delivery-status"): some gateways attach the real bounce as the
// "original" (Sisimai's X5).
std::vector<std::string_view> original_parts_of_type(const Message& msg, std::string_view type);

// ---- shared tables ------------------------------------------------------------

// Exim's $messagesof (reason phrases) and delay phrases, also read by the
// Exim-based MXLogic (formats/exim.cc).
std::span<const PhraseReason> exim_messages();
std::span<const std::string_view> exim_delayed();

// ---- shared readers -----------------------------------------------------------

// The qmail-style reader shared by Sisimai's qmail and X4 modules
// (formats/qmail.cc): after a line for which `is_start` is true,
// "<address>:" lines open recipients and the lines below are their error.
// Returns true if recipients were appended.
bool read_qmail_style(const Message& msg, bool (*is_start)(std::string_view line), FoundList* out);

// Sets reason_hint on recipients whose Diagnostic-Code type is X-Unix (a local
// delivery program failed), unless a hint is already set: mailererror where
// the classifier would leave the reason vague.
void hint_local_delivery_errors(const Message& msg, FoundList* found);

}  // namespace smtp_explain::formats
