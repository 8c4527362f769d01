// Status code -> reason, ported from Sisimai::SMTP::Status (BSD 2-clause,
// third_party/sisimai/LICENSE) and updated for Sisimai 5's reasons.
#include "reason_status.h"

#include <array>
#include <utility>

namespace smtp_explain::reason_detail {
namespace {

using Entry = std::pair<std::string_view, Reason>;

constexpr std::array kStatusReasons = {
    Entry{"2.1.5", Reason::kDelivered},
    // Transient
    Entry{"4.1.6", Reason::kHasMoved},     // Destination mailbox has moved
    Entry{"4.1.7", Reason::kRejected},     // Bad sender's mailbox address syntax
    Entry{"4.1.8", Reason::kRejected},     // Bad sender's system address
    Entry{"4.1.9", Reason::kSystemError},  // Message relayed to non-compliant mailer
    // 4.2.1 is left out: Google uses it for "receiving mail too quickly".
    Entry{"4.2.2", Reason::kMailboxFull},     // Mailbox full
    Entry{"4.2.3", Reason::kExceedLimit},     // Message length exceeds administrative limit
    Entry{"4.2.4", Reason::kFiltered},        // Mailing list expansion problem
    Entry{"4.3.1", Reason::kSystemFull},      // Mail system full
    Entry{"4.3.2", Reason::kNotAccept},       // System not accepting network messages
    Entry{"4.3.3", Reason::kSystemError},     // System not capable of selected features
    Entry{"4.3.5", Reason::kSystemError},     // System incorrectly configured
    Entry{"4.4.1", Reason::kExpired},         // No answer from host
    Entry{"4.4.2", Reason::kNetworkError},    // Bad connection
    Entry{"4.4.4", Reason::kNetworkError},    // Unable to route
    Entry{"4.4.5", Reason::kSystemFull},      // Mail system congestion
    Entry{"4.4.6", Reason::kNetworkError},    // Routing loop detected
    Entry{"4.4.7", Reason::kExpired},         // Delivery time expired
    Entry{"4.5.3", Reason::kSystemError},     // Too many recipients
    Entry{"4.5.5", Reason::kSystemError},     // Wrong protocol version
    Entry{"4.6.0", Reason::kContentError},    // Other or undefined media error
    Entry{"4.6.2", Reason::kContentError},    // Conversion required and prohibited
    Entry{"4.6.5", Reason::kContentError},    // Conversion failed
    Entry{"4.7.1", Reason::kBlocked},         // Delivery not authorized, message refused
    Entry{"4.7.2", Reason::kBlocked},         // Mailing list expansion prohibited
    Entry{"4.7.5", Reason::kSecurityError},   // Cryptographic failure
    Entry{"4.7.6", Reason::kSecurityError},   // Cryptographic algorithm not supported
    Entry{"4.7.7", Reason::kSecurityError},   // Message integrity failure
    Entry{"4.7.12", Reason::kSecurityError},  // A password transition is needed
    Entry{"4.7.15", Reason::kSecurityError},  // Priority level is too low
    Entry{"4.7.16", Reason::kMesgTooBig},     // Message too big for the specified priority
    Entry{"4.7.24", Reason::kAuthFailure},    // SPF validation error
    Entry{"4.7.25", Reason::kRequirePtr},     // Reverse DNS validation failed
    Entry{"4.7.26", Reason::kAuthFailure},    // Multiple authentication checks failed
    // Permanent
    Entry{"5.1.0", Reason::kUserUnknown},   // Other address status
    Entry{"5.1.1", Reason::kUserUnknown},   // Bad destination mailbox address
    Entry{"5.1.2", Reason::kHostUnknown},   // Bad destination system address
    Entry{"5.1.3", Reason::kUserUnknown},   // Bad destination mailbox address syntax
    Entry{"5.1.4", Reason::kFiltered},      // Destination mailbox address ambiguous
    Entry{"5.1.6", Reason::kHasMoved},      // Destination mailbox has moved
    Entry{"5.1.7", Reason::kRejected},      // Bad sender's mailbox address syntax
    Entry{"5.1.8", Reason::kRejected},      // Bad sender's system address
    Entry{"5.1.9", Reason::kSystemError},   // Message relayed to non-compliant mailer
    Entry{"5.1.10", Reason::kUserUnknown},  // Recipient not found (Microsoft RecipientNotFound)
    Entry{"5.2.0", Reason::kFiltered},      // Other or undefined mailbox status
    Entry{
        "5.2.1",
        Reason::kUserUnknown},  // Mailbox disabled: Sisimai 5 reads "User Unknown" with it as
                                // userunknown; "disabled"/"inactive" phrases make it suspend first
    Entry{"5.2.2", Reason::kMailboxFull},      // Mailbox full
    Entry{"5.2.3", Reason::kExceedLimit},      // Message length exceeds administrative limit
    Entry{"5.2.4", Reason::kFiltered},         // Mailing list expansion problem
    Entry{"5.3.0", Reason::kSystemError},      // Other or undefined mail system status
    Entry{"5.3.1", Reason::kSystemFull},       // Mail system full
    Entry{"5.3.2", Reason::kNotAccept},        // System not accepting network messages
    Entry{"5.3.3", Reason::kSystemError},      // System not capable of selected features
    Entry{"5.3.4", Reason::kMesgTooBig},       // Message too big for system
    Entry{"5.3.5", Reason::kSystemError},      // System incorrectly configured
    Entry{"5.4.0", Reason::kNetworkError},     // Other or undefined network or routing status
    Entry{"5.4.3", Reason::kSystemError},      // Directory server failure
    Entry{"5.4.4", Reason::kHostUnknown},      // Unable to route
    Entry{"5.4.6", Reason::kNetworkError},     // Routing loop detected
    Entry{"5.5.3", Reason::kTooManyConn},      // Too many recipients
    Entry{"5.5.4", Reason::kSystemError},      // Invalid command arguments
    Entry{"5.5.5", Reason::kSystemError},      // Wrong protocol version
    Entry{"5.5.6", Reason::kSecurityError},    // Authentication exchange line is too long
    Entry{"5.6.0", Reason::kContentError},     // Other or undefined media error
    Entry{"5.6.1", Reason::kContentError},     // Media not supported
    Entry{"5.6.2", Reason::kContentError},     // Conversion required and prohibited
    Entry{"5.6.3", Reason::kContentError},     // Conversion required but not supported
    Entry{"5.6.5", Reason::kContentError},     // Conversion failed
    Entry{"5.6.6", Reason::kContentError},     // Message content not available
    Entry{"5.6.7", Reason::kContentError},     // Non-ASCII addresses not permitted
    Entry{"5.6.8", Reason::kContentError},     // UTF-8 string reply is required
    Entry{"5.6.9", Reason::kContentError},     // UTF-8 header message cannot be transferred
    Entry{"5.7.0", Reason::kSecurityError},    // Other or undefined security status
    Entry{"5.7.1", Reason::kSecurityError},    // Delivery not authorized, message refused
    Entry{"5.7.2", Reason::kSecurityError},    // Mailing list expansion prohibited
    Entry{"5.7.3", Reason::kSecurityError},    // Security conversion required but not possible
    Entry{"5.7.4", Reason::kSecurityError},    // Security features not supported
    Entry{"5.7.5", Reason::kSecurityError},    // Cryptographic failure
    Entry{"5.7.6", Reason::kSecurityError},    // Cryptographic algorithm not supported
    Entry{"5.7.7", Reason::kSecurityError},    // Message integrity failure
    Entry{"5.7.8", Reason::kSecurityError},    // Authentication credentials invalid
    Entry{"5.7.9", Reason::kSecurityError},    // Authentication mechanism is too weak
    Entry{"5.7.10", Reason::kSecurityError},   // Encryption needed
    Entry{"5.7.11", Reason::kSecurityError},   // Encryption required for the mechanism
    Entry{"5.7.13", Reason::kSuspend},         // User account disabled
    Entry{"5.7.14", Reason::kSecurityError},   // Trust relationship required
    Entry{"5.7.15", Reason::kSecurityError},   // Priority level is too low
    Entry{"5.7.16", Reason::kMesgTooBig},      // Message too big for the specified priority
    Entry{"5.7.17", Reason::kHasMoved},        // Mailbox owner has changed
    Entry{"5.7.18", Reason::kHasMoved},        // Domain owner has changed
    Entry{"5.7.19", Reason::kSecurityError},   // RRVS test cannot be completed
    Entry{"5.7.20", Reason::kAuthFailure},     // No passing DKIM signature found
    Entry{"5.7.21", Reason::kAuthFailure},     // No acceptable DKIM signature found
    Entry{"5.7.22", Reason::kAuthFailure},     // No valid author-matched DKIM signature
    Entry{"5.7.23", Reason::kAuthFailure},     // SPF validation failed
    Entry{"5.7.24", Reason::kAuthFailure},     // SPF validation error
    Entry{"5.7.25", Reason::kRequirePtr},      // Reverse DNS validation failed
    Entry{"5.7.26", Reason::kAuthFailure},     // Multiple authentication checks failed
    Entry{"5.7.27", Reason::kNotAccept},       // Sender address has null MX
    Entry{"5.7.509", Reason::kAuthFailure},    // Microsoft: DMARC reject (sender domain)
    Entry{"5.7.515", Reason::kAuthFailure},    // Microsoft: SPF/DKIM/DMARC required for bulk
    Entry{"5.7.650", Reason::kBadReputation},  // Microsoft: IP reputation
    Entry{"4.7.650", Reason::kBadReputation},  // Microsoft: throttled for IP reputation
    Entry{"4.7.651", Reason::kBadReputation},
    Entry{"4.7.652", Reason::kBadReputation},
    Entry{"5.7.606", Reason::kBlocked},  // Microsoft: access denied, banned sending IP
    Entry{"5.7.607", Reason::kBlocked},
    Entry{"5.7.608", Reason::kBlocked},
};

}  // namespace

std::optional<Reason> reason_for_status(std::string_view status) {
  for (const Entry& e : kStatusReasons) {
    if (e.first == status) return e.second;
  }
  return std::nullopt;
}

}  // namespace smtp_explain::reason_detail
