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

#include "address.h"
#include "found_recipient.h"
#include "message.h"
#include "original_start.h"
#include "text_util.h"

namespace smtp_explain {

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

}  // namespace smtp_explain
