// Small helpers shared by the group-a family scanners and refiners
// (Activehunter .. KDDI, formats/families_a.cc): phrase-to-reason tables as
// Sisimai's Lhost modules keep them, header checks, marker-bounded line
// ranges and the "sweep" that squeezes a diagnostic into one line.
// Thread safety: pure functions over caller-owned data.
#pragma once

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "formats.h"
#include "scanner_text.h"

namespace smtp_explain::group_a {

// One phrase of a module's reason table ($messagesof / $refailures).
struct PhraseReason {
  std::string_view phrase;
  Reason reason;
};

// The reason of the first entry whose phrase occurs in `text` (case-sensitive
// like Sisimai's index(), or ASCII case-insensitive), or nullopt.
std::optional<Reason> reason_for_phrases(std::string_view text, std::span<const PhraseReason> table,
                                         bool ignore_case = false);

// True if any Received header contains `needle` (case-sensitive).
bool received_contains(const HeaderList& headers, std::string_view needle);

// True if `text` contains `needle` (case-sensitive).
inline bool has(std::string_view text, std::string_view needle) {
  return text.find(needle) != std::string_view::npos;
}

// `text` up to the first line that starts with one of `prefixes` (the
// family's "start of the original" markers), further cut at
// find_original_start().
std::string_view text_before(std::string_view text,
                             std::initializer_list<std::string_view> prefixes);

// Index of the first line at or after `from` that starts with `prefix`
// (or contains it, when `anywhere`), or lines.size().
std::size_t find_line(const std::vector<std::string_view>& lines, std::string_view prefix,
                      std::size_t from = 0, bool anywhere = false);

// Whitespace runs become one space, ends trimmed (Sisimai::String->sweep).
using scanner_text::sweep;

// The address between the last '<' and the following '>' in `line` if it has
// an '@' and no space, else empty (scanner_text::last_angle_address).
inline std::string_view angle_address(std::string_view line) {
  return scanner_text::last_angle_address(line);
}

// True if the whole (trimmed) `token` looks like "local@domain" with no spaces.
bool is_bare_address(std::string_view token);

// Appends a recipient with `address` and returns it.
FoundRecipient& add_recipient(std::vector<FoundRecipient>* out, std::string_view address);

// The enhanced status code standing at a word start somewhere in `text`
// ("... 5.1.1 ..."), or empty.
std::string find_status(std::string_view text);

// The first 4xx/5xx reply code standing as a word in `text`, or empty.
std::string find_reply(std::string_view text);

// True if the status is a class-only code ("5.0.0", "4.1.0", ...: X.[01].0).
bool is_vague_status(std::string_view status);

}  // namespace smtp_explain::group_a
