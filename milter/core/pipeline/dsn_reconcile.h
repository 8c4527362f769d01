// From found recipients to Report recipients: the one place where codes are
// reconciled, the class and reason decided, and untrusted strings cleaned.
// Used for DSN recipients and for those the format scanners found alike.
//
// Code rules (never invent a code):
//   - status: the Status field (or the scanner's code) when it is a valid
//     enhanced code; if it is missing, or is the uninformative X.0.0, and the
//     diagnostic carries a valid status of the same class (or there was none),
//     the diagnostic's is taken. Otherwise the field is kept as given.
//   - status, deviation from "keep the field as given": a specific field also
//     yields to a specific status of the same class that the remote server
//     stated beside its reply code ("Status: 5.1.1" with "550 5.7.1 IP address
//     blacklisted" gives 5.7.1), as Sisimai does; the field is often the
//     reporting MTA's generic mapping of that reply.
//   - reply code: the scanner's, else the one scan_codes() finds in the
//     diagnostic; if its class disagrees with the status, the diagnostic's
//     first reply of the status's class, when there is one.
//   - class: Action "delayed" -> transient; "delivered"/"relayed"/"expanded"
//     -> success; otherwise the first digit of the status. When status and
//     reply disagree (550 with 4.2.2), the status wins: it is the reporting
//     MTA's final verdict, while the reply may come from one earlier attempt.
//     Without a status, the reply's first digit; with neither, "failed" ->
//     permanent.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "family.h"
#include "smtp_explain/limits.h"
#include "smtp_explain/report.h"

namespace smtp_explain {

struct ReconciledCodes {
  std::string reply;
  std::string status;
  DeliveryClass cls = DeliveryClass::kNone;
};

ReconciledCodes reconcile_codes(std::string_view reply, std::string_view status,
                                std::string_view action, std::string_view diagnostic);

// For DSN recipients that lack a diagnostic, SMTP command or hint: take them
// from what the candidate families' scanners find in the human-readable part
// for the same address (Postfix writes the remote reply there too).
void enrich_from_text(const Message& msg, const FamilySet& candidates, FoundList* found);

// Cleans, validates, reconciles and classifies `found` into report->recipients
// (bounded by limits.max_recipients; recipients_total counts all valid ones,
// plus those the list dropped past its bound) and sets report->cls to the most
// severe class. Invalid addresses are dropped.
void finalize_recipients(const FoundList& found, const Limits& limits, Report* report);

}  // namespace smtp_explain
