// Format scanners: readers for the bounces that do not carry a machine-readable
// delivery-status part (qmail, Exim, Exchange 2003, Lotus Notes, KDDI, ...),
// each in its own file `milter/core/formats/<family>.cc`, listed once in the
// ordered table in `formats/registry.cc`.
//
// How the parser uses them (parser.cc):
//   1. If the message has a delivery-status part (Message::delivery_status), or
//      DSN fields written into its text, the RFC 3464 reader (dsn_reader.h) runs
//      first. If it yields recipients, that is the answer (a DSN is the first
//      choice): the scanners only lend what the DSN lacks for the same address
//      (diagnostic, command, hint, a reply code; enrich_from_text() in
//      dsn_reconcile.h), then every refine_dsn hook runs (see RefineFn).
//   2. Otherwise each scanner in registry order is called with the Message
//      until one returns true. Specific families come first, the generic
//      fallback (formats/generic_text.cc) last.
//   3. The parser then finalises every FoundRecipient the same way, whatever
//      produced it: address cleaned and validated (invalid -> dropped), missing
//      codes taken from the diagnostic via scan_codes() (code_scan.h), class from
//      the codes (or "delayed" -> transient), reason via classify_reason()
//      (reason.h) with your `reason_hint` and `smtp_command` as inputs, strings
//      made one line and bounded. So a scanner only has to find, not to clean.
//
// Writing a scanner:
//   bool scan_qmail(const Message& msg, std::vector<FoundRecipient>* out);
//   - Decide cheaply from msg.headers (From, Subject, X-Mailer, Received, ...)
//     whether the message is yours; return false at once if not. Then read
//     msg.text (the MTA's error text, LF line endings, decoded to UTF-8 where
//     the charset is known). For non-MIME bounces msg.text also holds the
//     returned original; stop at find_original_start(msg.text).
//   - Append one FoundRecipient per failed recipient, in bounce order. Put the
//     remote reply (or the MTA's error sentence) in `diagnostic`, codes if the
//     text states them (else leave empty: the parser scans the diagnostic),
//     `smtp_command` if the text says which command failed ("RCPT", "DATA",
//     "MAIL", "HELO", "EHLO", "CONN"), `reason_hint` if your format states the
//     reason unambiguously (a Sisimai reason name), `action` = "delayed" for
//     a delay warning.
//   - Return true only if you recognised the message AND appended at least one
//     recipient; on false, append nothing (the next scanner is tried).
//   - Never throw (other than std::bad_alloc), never read past the views, no
//     std::regex, linear time in the text. Pure function: no globals written.
//   - Port phrase lists from Sisimai (/usr/share/perl5/Sisimai/Lhost/*.pm,
//     BSD-2) and say so in a comment at the top of your file.
// Then add one line to the table in formats/registry.cc and a corpus file or a
// unit test that exercises it.
//
// Thread safety: scanners are pure functions; the table is immutable.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "message.h"

namespace smtp_explain {

// One failed (or delayed) recipient as a reader found it, before cleaning.
struct FoundRecipient {
  std::string address;             // as found: "<a@b>", "rfc822; a@b", "a@B.EXAMPLE" all fine
  std::string original_recipient;  // Original-Recipient, if known
  std::string action;              // "failed" (default when empty), "delayed", "delivered", ...
  std::string reply_code;          // "550" if stated separately, else empty
  std::string status;              // "5.1.1" if stated separately, else empty
  std::string diagnostic;          // remote reply or MTA error text (may be multi-line)
  std::string diagnostic_type;     // Diagnostic-Code type, lower case ("smtp", "x-unix"), if stated
  std::string remote_mta;          // remote host name, if known
  std::string smtp_command;        // "RCPT", "DATA", ... if known
  std::string reason_hint;         // a Sisimai reason name the format states, else empty
};

using ScanFn = bool (*)(const Message& msg, std::vector<FoundRecipient>* out);

// A refiner runs after the RFC 3464 reader found recipients in a DSN, for
// families whose DSNs need the family's own knowledge (Sisimai's Lhost modules
// for Amazon SES, Exchange 2007, Office 365, ... correct codes, pick the real
// remote reply out of the text part, or state the reason). It must check
// cheaply (headers) that the message is its family's and return at once if
// not; it may change the recipients' fields but should not add or remove
// recipients unless the DSN is known to be wrong about them.
using RefineFn = void (*)(const Message& msg, std::vector<FoundRecipient>* found);

struct FormatScanner {
  std::string_view name;  // family name, e.g. "qmail", for logs and tests
  ScanFn scan;
  RefineFn refine_dsn = nullptr;  // optional, see RefineFn
};

// The ordered table (formats/registry.cc).
const std::vector<FormatScanner>& format_scanners();

// Runs the scanners in order; returns the name of the one that recognised the
// message (and appended to `out`), or an empty view if none did.
std::string_view run_format_scanners(const Message& msg, std::vector<FoundRecipient>* out);

// Runs every scanner's refine_dsn (in table order) over recipients read from a
// delivery-status part.
void run_dsn_refiners(const Message& msg, std::vector<FoundRecipient>* found);

// ---- Helpers shared by the scanners (formats/generic_helpers.cc) ----------

// The text split into lines (LF; a trailing CR is dropped), views into `text`.
std::vector<std::string_view> split_lines(std::string_view text);

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

// Offset in `text` where the returned original message (or its headers)
// starts, from the markers MTAs write ("--- Below this line is a copy of the
// message.", "------ This is a copy of the message, including all the
// headers.", "Original message follows.", "Content-Type: message/rfc822", ...).
// Returns text.size() when there is none.
std::size_t find_original_start(std::string_view text);

// The text before find_original_start(text).
std::string_view error_part(std::string_view text);

// Case-insensitive search helpers (ASCII), see text_util.h for more.
bool contains_nocase(std::string_view haystack, std::string_view needle);
bool starts_with_nocase(std::string_view text, std::string_view prefix);

// The local part of a From-like header value, lower-case ("mailer-daemon"
// for "Mail Delivery Subsystem <MAILER-DAEMON@example.org>").
std::string from_local_part(std::string_view from);

}  // namespace smtp_explain
