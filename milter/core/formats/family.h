// Format families: the bounces one MTA, gateway or provider writes (qmail,
// Exim, Exchange 2007, Gmail, Amazon SES, ...), each in its own file
// `milter/core/formats/<family>.cc` and listed once, in the order its reader is
// tried, in `formats/families.inc`. Under them sits the generic layer: readers
// for the shapes many MTAs share, listed after the families in the same file,
// so a bounce that no family claims is still read.
//
// How the pipeline uses them (pipeline/):
//   1. At end of headers, each family's claims() looks at the top-level header
//      fields (From, Subject, X-Mailer, Received, ...): the families that claim
//      the message are its candidates, decided once. A family whose bounces can
//      only be told from their text has no claims() and is always a candidate.
//   2. If the message has delivery-status fields (a DSN), the RFC 3464 reader
//      (dsn_reader.h) gives the recipients; the candidates' scanners read the
//      text only to lend what the DSN lacks for the same address (diagnostic,
//      command, hint, a reply code), then the candidates' refine() hooks run.
//   3. Otherwise the candidates' scan() run in list order until one recognises
//      the text, then the generic readers.
//   4. Every FoundRecipient is then finalised the same way, whatever produced
//      it: address cleaned and validated (invalid -> dropped), missing codes
//      taken from the diagnostic (code_scan.h), class from the codes (or
//      "delayed" -> transient), reason via classify_reason() (reason.h) with
//      `reason_hint` and `smtp_command` as inputs, strings made one line and
//      bounded. So a reader only has to find, not to clean.
//
// Writing a family (formats/<family>.cc, then one line in families.inc):
//   - claims(headers): cheap, header fields only (HeaderList lookups by literal
//     name are hashed at compile time). True when the message may be yours.
//     Set `notices` too when your bounces are told by body markers rather than
//     by headers: the family is then also a candidate for every message whose
//     headers say "delivery report", and scan() must find your markers.
//   - scan(msg, out), for text bounces: called only for claimed messages. Read
//     msg.error_text (the MTA's error text up to any returned original, LF line
//     endings, decoded to UTF-8 where the charset is known), or msg.text to see
//     the inline original too. Append one FoundRecipient per failed recipient,
//     in bounce order: the remote reply (or the MTA's error sentence) in
//     `diagnostic`, codes if the text states them (else leave them empty: the
//     pipeline scans the diagnostic), `smtp_command` if the text says which
//     command failed ("RCPT", "DATA", "MAIL", "HELO", "EHLO", "CONN"),
//     `reason_hint` if your format states the reason unambiguously, `action` =
//     "delayed" for a delay warning. Return true only if you recognised the
//     message AND appended at least one recipient (on false, anything appended
//     is dropped and the next reader is tried).
//   - refine(msg, found), for DSNs: called only for claimed messages; may
//     correct codes, pick the real remote reply out of the text, or state the
//     reason; should not add or remove recipients unless the DSN is known to be
//     wrong about them.
//   - Never throw (other than std::bad_alloc), never read past the views, no
//     std::regex, linear time in the text, no globals written. Port phrase
//     lists from Sisimai (BSD-2) and say so at the top of the file.
//   - Add a corpus file or a unit test (tests/unit/formats_*_test.cc).
//
// Thread safety: the registry is immutable; readers are pure functions.
#pragma once

#include <bitset>
#include <cstddef>
#include <string_view>
#include <vector>

#include "address.h"
#include "found_recipient.h"
#include "header_list.h"
#include "message.h"
#include "original_start.h"
#include "text_util.h"

namespace smtp_explain {

using ClaimFn = bool (*)(const HeaderList& headers);
using ScanFn = bool (*)(const Message& msg, FoundList* out);
using RefineFn = void (*)(const Message& msg, FoundList* found);

struct Family {
  std::string_view name;      // e.g. "qmail", for logs and tests
  ClaimFn claims = nullptr;   // null: told from the text only, always a candidate
  ScanFn scan = nullptr;      // text bounces; null for families that always send DSNs
  RefineFn refine = nullptr;  // DSN refiner, optional
  bool generic = false;       // a reader of the generic layer (after every family)
  // Also a candidate whenever the headers say "delivery report"
  // (headers_say_delivery_report, bounce_gate.h), whatever claims() says: for
  // families told by their text, whose header signs vary by version, product
  // and gateway (old Sendmail, qmail variants, GroupWise, ...). Such a scan()
  // must insist on the family's own body markers. Decided once per message.
  bool notices = false;
};

// Every family and generic reader, as families.inc lists them.
#define SMTP_EXPLAIN_FAMILY(id) extern const Family id##_family;
#define SMTP_EXPLAIN_GENERIC(id) extern const Family id##_family;
#include "families.inc"
#undef SMTP_EXPLAIN_FAMILY
#undef SMTP_EXPLAIN_GENERIC

// The registry, in the order readers are tried: families, then generic readers.
const std::vector<const Family*>& families();

// A set of registry entries (by index into families()).
using FamilySet = std::bitset<128>;

// The entries whose claims() accept the header fields, plus those without
// claims(), plus (when the headers say delivery report) those with `notices`:
// the message's candidates, decided once at end of headers.
FamilySet claimed_families(const HeaderList& headers);

// Runs the candidates' scan() in registry order until one recognises the
// message; returns its name (empty if none did). What a declining reader
// appended is removed.
std::string_view run_scanners(const Message& msg, const FamilySet& candidates, FoundList* out);

// Runs the candidates' refine() in registry order over recipients read from
// delivery-status fields.
void run_refiners(const Message& msg, const FamilySet& candidates, FoundList* found);

}  // namespace smtp_explain
