// Status code -> reason, ported from Sisimai::SMTP::Status (BSD 2-clause,
// third_party/sisimai/LICENSE) and updated for Sisimai 5's reasons.
#include "reason_status.h"

#include <array>
#include <utility>

namespace smtp_explain::reason_detail {
namespace {

using Entry = std::pair<std::string_view, std::string_view>;

constexpr std::array kStatusReasons = {
    Entry{"2.1.5", "delivered"},
    // Transient
    Entry{"4.1.6", "hasmoved"},     // Destination mailbox has moved
    Entry{"4.1.7", "rejected"},     // Bad sender's mailbox address syntax
    Entry{"4.1.8", "rejected"},     // Bad sender's system address
    Entry{"4.1.9", "systemerror"},  // Message relayed to non-compliant mailer
    // 4.2.1 is left out: Google uses it for "receiving mail too quickly".
    Entry{"4.2.2", "mailboxfull"},     // Mailbox full
    Entry{"4.2.3", "exceedlimit"},     // Message length exceeds administrative limit
    Entry{"4.2.4", "filtered"},        // Mailing list expansion problem
    Entry{"4.3.1", "systemfull"},      // Mail system full
    Entry{"4.3.2", "notaccept"},       // System not accepting network messages
    Entry{"4.3.3", "systemerror"},     // System not capable of selected features
    Entry{"4.3.5", "systemerror"},     // System incorrectly configured
    Entry{"4.4.1", "expired"},         // No answer from host
    Entry{"4.4.2", "networkerror"},    // Bad connection
    Entry{"4.4.4", "networkerror"},    // Unable to route
    Entry{"4.4.5", "systemfull"},      // Mail system congestion
    Entry{"4.4.6", "networkerror"},    // Routing loop detected
    Entry{"4.4.7", "expired"},         // Delivery time expired
    Entry{"4.5.3", "systemerror"},     // Too many recipients
    Entry{"4.5.5", "systemerror"},     // Wrong protocol version
    Entry{"4.6.0", "contenterror"},    // Other or undefined media error
    Entry{"4.6.2", "contenterror"},    // Conversion required and prohibited
    Entry{"4.6.5", "contenterror"},    // Conversion failed
    Entry{"4.7.1", "blocked"},         // Delivery not authorized, message refused
    Entry{"4.7.2", "blocked"},         // Mailing list expansion prohibited
    Entry{"4.7.5", "securityerror"},   // Cryptographic failure
    Entry{"4.7.6", "securityerror"},   // Cryptographic algorithm not supported
    Entry{"4.7.7", "securityerror"},   // Message integrity failure
    Entry{"4.7.12", "securityerror"},  // A password transition is needed
    Entry{"4.7.15", "securityerror"},  // Priority level is too low
    Entry{"4.7.16", "mesgtoobig"},     // Message too big for the specified priority
    Entry{"4.7.24", "authfailure"},    // SPF validation error
    Entry{"4.7.25", "requireptr"},     // Reverse DNS validation failed
    Entry{"4.7.26", "authfailure"},    // Multiple authentication checks failed
    // Permanent
    Entry{"5.1.0", "userunknown"},   // Other address status
    Entry{"5.1.1", "userunknown"},   // Bad destination mailbox address
    Entry{"5.1.2", "hostunknown"},   // Bad destination system address
    Entry{"5.1.3", "userunknown"},   // Bad destination mailbox address syntax
    Entry{"5.1.4", "filtered"},      // Destination mailbox address ambiguous
    Entry{"5.1.6", "hasmoved"},      // Destination mailbox has moved
    Entry{"5.1.7", "rejected"},      // Bad sender's mailbox address syntax
    Entry{"5.1.8", "rejected"},      // Bad sender's system address
    Entry{"5.1.9", "systemerror"},   // Message relayed to non-compliant mailer
    Entry{"5.1.10", "userunknown"},  // Recipient not found (Microsoft RecipientNotFound)
    Entry{"5.2.0", "filtered"},      // Other or undefined mailbox status
    Entry{"5.2.1",
          "userunknown"},  // Mailbox disabled: Sisimai 5 reads "User Unknown" with it as
                           // userunknown; "disabled"/"inactive" phrases make it suspend first
    Entry{"5.2.2", "mailboxfull"},      // Mailbox full
    Entry{"5.2.3", "exceedlimit"},      // Message length exceeds administrative limit
    Entry{"5.2.4", "filtered"},         // Mailing list expansion problem
    Entry{"5.3.0", "systemerror"},      // Other or undefined mail system status
    Entry{"5.3.1", "systemfull"},       // Mail system full
    Entry{"5.3.2", "notaccept"},        // System not accepting network messages
    Entry{"5.3.3", "systemerror"},      // System not capable of selected features
    Entry{"5.3.4", "mesgtoobig"},       // Message too big for system
    Entry{"5.3.5", "systemerror"},      // System incorrectly configured
    Entry{"5.4.0", "networkerror"},     // Other or undefined network or routing status
    Entry{"5.4.3", "systemerror"},      // Directory server failure
    Entry{"5.4.4", "hostunknown"},      // Unable to route
    Entry{"5.4.6", "networkerror"},     // Routing loop detected
    Entry{"5.5.3", "toomanyconn"},      // Too many recipients
    Entry{"5.5.4", "systemerror"},      // Invalid command arguments
    Entry{"5.5.5", "systemerror"},      // Wrong protocol version
    Entry{"5.5.6", "securityerror"},    // Authentication exchange line is too long
    Entry{"5.6.0", "contenterror"},     // Other or undefined media error
    Entry{"5.6.1", "contenterror"},     // Media not supported
    Entry{"5.6.2", "contenterror"},     // Conversion required and prohibited
    Entry{"5.6.3", "contenterror"},     // Conversion required but not supported
    Entry{"5.6.5", "contenterror"},     // Conversion failed
    Entry{"5.6.6", "contenterror"},     // Message content not available
    Entry{"5.6.7", "contenterror"},     // Non-ASCII addresses not permitted
    Entry{"5.6.8", "contenterror"},     // UTF-8 string reply is required
    Entry{"5.6.9", "contenterror"},     // UTF-8 header message cannot be transferred
    Entry{"5.7.0", "securityerror"},    // Other or undefined security status
    Entry{"5.7.1", "securityerror"},    // Delivery not authorized, message refused
    Entry{"5.7.2", "securityerror"},    // Mailing list expansion prohibited
    Entry{"5.7.3", "securityerror"},    // Security conversion required but not possible
    Entry{"5.7.4", "securityerror"},    // Security features not supported
    Entry{"5.7.5", "securityerror"},    // Cryptographic failure
    Entry{"5.7.6", "securityerror"},    // Cryptographic algorithm not supported
    Entry{"5.7.7", "securityerror"},    // Message integrity failure
    Entry{"5.7.8", "securityerror"},    // Authentication credentials invalid
    Entry{"5.7.9", "securityerror"},    // Authentication mechanism is too weak
    Entry{"5.7.10", "securityerror"},   // Encryption needed
    Entry{"5.7.11", "securityerror"},   // Encryption required for the mechanism
    Entry{"5.7.13", "suspend"},         // User account disabled
    Entry{"5.7.14", "securityerror"},   // Trust relationship required
    Entry{"5.7.15", "securityerror"},   // Priority level is too low
    Entry{"5.7.16", "mesgtoobig"},      // Message too big for the specified priority
    Entry{"5.7.17", "hasmoved"},        // Mailbox owner has changed
    Entry{"5.7.18", "hasmoved"},        // Domain owner has changed
    Entry{"5.7.19", "securityerror"},   // RRVS test cannot be completed
    Entry{"5.7.20", "authfailure"},     // No passing DKIM signature found
    Entry{"5.7.21", "authfailure"},     // No acceptable DKIM signature found
    Entry{"5.7.22", "authfailure"},     // No valid author-matched DKIM signature
    Entry{"5.7.23", "authfailure"},     // SPF validation failed
    Entry{"5.7.24", "authfailure"},     // SPF validation error
    Entry{"5.7.25", "requireptr"},      // Reverse DNS validation failed
    Entry{"5.7.26", "authfailure"},     // Multiple authentication checks failed
    Entry{"5.7.27", "notaccept"},       // Sender address has null MX
    Entry{"5.7.509", "authfailure"},    // Microsoft: DMARC reject (sender domain)
    Entry{"5.7.515", "authfailure"},    // Microsoft: SPF/DKIM/DMARC required for bulk
    Entry{"5.7.650", "badreputation"},  // Microsoft: IP reputation
    Entry{"4.7.650", "badreputation"},  // Microsoft: throttled for IP reputation
    Entry{"4.7.651", "badreputation"},
    Entry{"4.7.652", "badreputation"},
    Entry{"5.7.606", "blocked"},  // Microsoft: access denied, banned sending IP
    Entry{"5.7.607", "blocked"},
    Entry{"5.7.608", "blocked"},
};

}  // namespace

std::string_view reason_for_status(std::string_view status) {
  for (const Entry& e : kStatusReasons) {
    if (e.first == status) return e.second;
  }
  return {};
}

}  // namespace smtp_explain::reason_detail
