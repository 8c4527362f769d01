// E-mail addresses in untrusted text: finding them, cleaning one as an MTA
// wrote it, and the local part of a From-like field. Hand-written, linear,
// no regex. Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace smtp_explain {

// E-mail addresses in a piece of text, in order: "local@domain" with the
// surrounding <>, quotes, "mailto:", "rfc822;" and trailing punctuation removed.
// A view into `text` per address; only plausible addresses (a dot-atom or quoted
// local part, a domain with a dot or an [IP] literal).
std::vector<std::string_view> find_addresses(std::string_view text);

// The first address in the text, or empty.
std::string_view first_address(std::string_view text);

// Cleans an address as found ("<A@B.Example>", "rfc822; a@b", "\"a\"@b"):
// returns "local@domain" with the domain lower-cased, or empty if it is not a
// valid address. CR, LF, NUL and spaces never survive.
std::string clean_address(std::string_view raw);

// A recipient as a delivery-status field states it, for the report, when it
// is no valid address (clean_address() is empty) but still names one:
// "user@#example.net", a local part over 64 bytes, UTF-8 (RFC 6533). Type
// prefix, angle brackets and quotes removed, the ASCII domain lower-cased.
// Empty for what names no mailbox: no '@' with text on both sides, white
// space or control characters, pipe commands and file paths ("|...", "/..."
// with no '='), "ORCPT=" leftovers, more than 320 bytes.
std::string stated_address(std::string_view raw);

// The local part of a From-like header value, lower-case ("mailer-daemon"
// for "Mail Delivery Subsystem <MAILER-DAEMON@example.org>").
std::string from_local_part(std::string_view from);

}  // namespace smtp_explain
