// Phrase tables for system and network reasons: hostunknown, networkerror,
// expired, systemerror, systemfull, notaccept, mailererror, contenterror.
// Ported from Sisimai's Reason/*.pm (BSD 2-clause,
// third_party/sisimai/LICENSE), regexes rewritten as phrases with '*' gaps.
#include <array>
#include <string_view>

#include "reason_phrases.h"

namespace smtp_explain::reason_detail {
namespace {

constexpr std::array<std::string_view, 0> kNone{};

constexpr auto kHostUnknown = std::to_array<std::string_view>({
    "domain does not exist",
    "domain is not reachable",
    "domain must exist",
    "host or domain name not found",
    "host unknown",
    "host unreachable",
    "mail domain mentioned in email address is unknown",
    "name or service not known",
    "no such domain",
    "recipient address rejected: unknown domain name",
    "recipient domain must exist",
    "the account or domain may not exist",
    "unknown host",
    "unroutable address",
    "unrouteable address",
    "553 * does not exist",
    "domain not found",
    "unknown domain",
    "nxdomain",
    "host not found",
    "no mx for",
    "domain name not found",
    "dns error: domain name not found",
});

constexpr auto kNetworkError = std::to_array<std::string_view>({
    "could not connect and send the mail to",
    "dns records for the destination computer could not be found",
    "hop count exceeded - possible mail loop",
    "host is unreachable",
    "host name lookup failure",
    "host not found, try again",
    "mail forwarding loop for ",
    "malformed name server reply",
    "malformed or unexpected name server reply",
    "maximum forwarding loop count exceeded",
    "message looping",
    "message probably in a routing loop",
    "no route to host",
    "too many hops",
    "unable to resolve route ",
    "unrouteable mail domain",
    "network is unreachable",
    "routing loop detected",
    "mail loops back to myself",
    "temporary failure in name resolution",
});

constexpr auto kExpired = std::to_array<std::string_view>({
    "connection timed out",
    "could not find a gateway for",
    "delivery attempts will continue to be",
    "delivery time expired",
    "failed to deliver to domain ",
    "giving up on",
    "have been failing for a long time",
    "has been delayed",
    "it has not been collected after",
    "message expired after sitting in queue for",
    "message expired, connection refulsed",
    "message expired",
    "message timed out",
    "retry time not reached for any host after a long failure period",
    "retry timeout exceeded",
    "retry time exceeded",
    "server did not respond",
    "this message has been in the queue too long",
    "unable to deliver message after multiple retries",
    "was not reachable within the allowed queue period",
    "your message could not be delivered for more than",
    "could not be delivered within",
    "delivery expired",
    "queue time exceeded",
    "too long in queue",
    "the message was in the queue for",
    "maximum time in queue",
    "message has been in the queue",
    "expired after",
});

constexpr auto kSystemError = std::to_array<std::string_view>({
    "aliasing/forwarding loop broken",
    "can't create user output file",
    "could not load drd for domain",
    "internal error reading data",
    "internal server error: operation now in progress",
    "interrupted system call",
    "it encountered an error while being processed",
    "it would create a mail loop",
    "local configuration error",
    "local error in processing",
    "loop was found in the mail exchanger",
    "loops back to myself",
    "queue file write error",
    "mail system configuration error",
    "remote server is misconfigured",
    "server configuration error",
    "service currently unavailable",
    "system config error",
    "temporary local problem",
    "timeout waiting for input",
    "transaction failed",
    "internal server error",
    "system error",
});

constexpr auto kSystemFull = std::to_array<std::string_view>({
    "mail system full",
    "requested mail action aborted: exceeded storage allocation",
    "insufficient system storage",
    "insufficient disk space",
});

constexpr auto kNotAccept = std::to_array<std::string_view>({
    "does not accept mail (nullmx)",
    "host/domain does not accept mail",
    "host does not accept mail",
    "name server: .: host not found",
    "no mx record found for domain=",
    "no route for current request",
    "null mx",
    "nullmx",
    "does not accept mail",
    "not accepting mail",
});

constexpr auto kMailerError = std::to_array<std::string_view>({
    "procmail: ",
    "bin/procmail",
    "bin/maildrop",
    "command failed: ",
    "command died with status ",
    "command output:",
    "mailer error",
    "pipe to |/",
    "exit 1",
    "exit 7",
    "exit 6",
    "exit 127",
    "exit code",
});

constexpr auto kContentError = std::to_array<std::string_view>({
    "header size exceeds maximum permitted",
    "improper use of 8-bit data in message header",
    "message header size, or recipient list, exceeds policy limit",
    "message mime complexity exceeds the policy maximum",
    "routing loop detected -- too many received: headers",
    "this message contain invalid mime headers",
    "this message contain improperly-formatted binary content",
    "this message contain text that uses unnecessary base64 encoding",
    "message contains invalid mime",
    "8-bit data",
    "8bit data",
    "invalid mime",
});

}  // namespace

Phrases system_phrases(Reason reason) {
  if (reason == Reason::kHostUnknown) return kHostUnknown;
  if (reason == Reason::kNetworkError) return kNetworkError;
  if (reason == Reason::kExpired) return kExpired;
  if (reason == Reason::kSystemError) return kSystemError;
  if (reason == Reason::kSystemFull) return kSystemFull;
  if (reason == Reason::kNotAccept) return kNotAccept;
  if (reason == Reason::kMailerError) return kMailerError;
  if (reason == Reason::kContentError) return kContentError;
  return kNone;
}

}  // namespace smtp_explain::reason_detail
