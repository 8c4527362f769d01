// Remote-host rules, ported from Sisimai::Rhost::* (BSD 2-clause,
// third_party/sisimai/LICENSE) and Sisimai 5's additions. Each provider has a
// host-name test and a list of (status, phrase) -> reason rules; the
// first rule whose status and phrase both match wins.
#include "reason_rhost.h"

#include <array>
#include <span>

#include "reason_match.h"

namespace smtp_explain::reason_detail {
namespace {

struct Rule {
  std::string_view status;  // "" = any status; exact, or a family "5.7.6*"
  std::string_view phrase;  // lower case, '*' gaps; "" = any text
  std::string_view reason;
};

struct Provider {
  std::span<const std::string_view> host_suffixes;  // matched at the end of the host name
  std::span<const Rule> rules;
};

// Google (gmail.com, Google Workspace): https://support.google.com/a/answer/3726730
constexpr std::array<std::string_view, 3> kGoogleHosts = {"google.com", "googlemail.com",
                                                          "gmail.com"};
constexpr std::array kGoogleRules = {
    Rule{"", "the email account that you tried to reach is disabled", "suspend"},
    Rule{"", "the email account that you tried to reach is inactive", "suspend"},
    Rule{"", "the user you are trying to contact is receiving mail at a rate", "speeding"},
    Rule{"", "receiving mail too quickly", "speeding"},
    Rule{"", "the email account that you tried to reach is over quota", "mailboxfull"},
    Rule{"", "out of storage space", "mailboxfull"},
    Rule{"", "the email account that you tried to reach does not exist", "userunknown"},
    Rule{"", "dmarc policy", "authfailure"},
    Rule{"", "unauthenticated email", "authfailure"},
    Rule{"", "not pass authentication checks", "authfailure"},
    Rule{"", "spf", "authfailure"},
    Rule{"", "dkim", "authfailure"},
    Rule{"", "does not have a ptr record", "requireptr"},
    Rule{"", "ptr record", "requireptr"},
    Rule{"", "reverse dns", "requireptr"},
    Rule{"", "not rfc 5322 compliant", "notcompliantrfc"},
    Rule{"", "rfc 5322", "notcompliantrfc"},
    Rule{"", "low reputation", "badreputation"},
    Rule{"", "very low reputation", "badreputation"},
    Rule{"", "unusual rate of unsolicited mail", "badreputation"},
    Rule{"", "likely unsolicited mail", "spamdetected"},
    Rule{"", "has been blocked", "blocked"},
    Rule{"", "message has been blocked", "blocked"},
    Rule{"", "potential security issue", "securityerror"},
    Rule{"", "message exceeded", "mesgtoobig"},
    Rule{"", "size limit", "mesgtoobig"},
    Rule{"5.2.1", "", "suspend"},
    Rule{"5.2.2", "", "mailboxfull"},
    Rule{"4.2.2", "", "mailboxfull"},
    Rule{"4.2.1", "", "speeding"},
    Rule{"5.7.26", "", "authfailure"},
    Rule{"5.7.27", "", "authfailure"},
    Rule{"5.7.28", "", "badreputation"},
    Rule{"5.7.25", "", "requireptr"},
    Rule{"4.7.25", "", "requireptr"},
    Rule{"4.7.28", "", "badreputation"},
};

// Microsoft (Exchange Online, outlook.com, hotmail)
constexpr std::array<std::string_view, 4> kMicrosoftHosts = {
    ".protection.outlook.com", ".outlook.com", ".hotmail.com", ".office365.com"};
constexpr std::array kMicrosoftRules = {
    Rule{"", "resolver.adr.recipnotfound", "userunknown"},
    Rule{"", "resolver.adr.exrecipnotfound", "userunknown"},
    Rule{"", "resolver.adr.recipientnotfound", "userunknown"},
    Rule{"", "recipient not found by smtp address lookup", "userunknown"},
    Rule{"", "resolver.rst.recipsizelimit", "exceedlimit"},
    Rule{"", "resolver.rst.notauthorized", "filtered"},
    Rule{"", "resolver.adr.recipientlimit", "toomanyconn"},
    Rule{"", "does not pass dmarc verification", "authfailure"},
    Rule{"", "sender policy framework violation", "authfailure"},
    Rule{"", "must pass either spf or dkim validation", "authfailure"},
    Rule{"", "rate limited due to ip reputation", "badreputation"},
    Rule{"", "must have a reverse dns record", "requireptr"},
    Rule{"", "banned sending ip", "blocked"},
    Rule{"", "access denied, bad helo", "blocked"},
    Rule{"", "part of their network is on our block list", "blocked"},
    Rule{"", "mailbox full", "mailboxfull"},
    Rule{"", "message too large for this recipient", "exceedlimit"},
    Rule{"", "too many related errors", "contenterror"},
    Rule{"", "invalid message content", "contenterror"},
    Rule{"5.7.509", "", "authfailure"},
    Rule{"5.7.515", "", "authfailure"},
    Rule{"5.7.23", "", "authfailure"},
    Rule{"5.7.25", "", "requireptr"},
    Rule{"4.7.650", "", "badreputation"},
    Rule{"5.7.6*", "", "blocked"},  // 5.7.606-649: banned sending IP
};

constexpr std::array<Provider, 2> kProviders = {
    Provider{kGoogleHosts, kGoogleRules},
    Provider{kMicrosoftHosts, kMicrosoftRules},
};

bool host_matches(std::string_view host, std::span<const std::string_view> suffixes) {
  for (std::string_view s : suffixes) {
    if (host.size() >= s.size() && host.substr(host.size() - s.size()) == s) return true;
  }
  return false;
}

// Exact match, or a family when the rule ends in '*' ("5.7.6*" = 5.7.606..).
bool status_matches(std::string_view status, std::string_view rule) {
  if (rule.empty()) return true;
  if (rule.back() == '*') {
    rule.remove_suffix(1);
    return status.size() > rule.size() && status.substr(0, rule.size()) == rule;
  }
  return status == rule;
}

}  // namespace

std::string_view rhost_reason(const RhostInput& in) {
  if (in.remote_mta.empty()) return {};
  for (const Provider& p : kProviders) {
    if (!host_matches(in.remote_mta, p.host_suffixes)) continue;
    for (const Rule& r : p.rules) {
      if (!status_matches(in.status, r.status)) continue;
      if (!r.phrase.empty() && !phrase_in(in.lower_text, r.phrase)) continue;
      return r.reason;
    }
    return {};
  }
  return {};
}

}  // namespace smtp_explain::reason_detail
