// Remote-host rules, ported from Sisimai::Rhost::* (BSD 2-clause,
// third_party/sisimai/LICENSE) and Sisimai 5's additions. Each provider has a
// host-name test and a list of (status, phrase) -> reason rules; the
// first rule whose status and phrase both match wins.
#include "reason_rhost.h"

#include <array>
#include <span>
#include <utility>

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

// Yahoo Inc. (yahoo.com, aol.com): https://senders.yahooinc.com/smtp-error-codes
constexpr std::array<std::string_view, 3> kYahooHosts = {".yahoodns.net", ".yahoo.com", ".aol.com"};
constexpr std::array kYahooRules = {
    Rule{"", "this user doesn't have a * account", "userunknown"},
    Rule{"", "user unknown", "userunknown"},
    Rule{"", "temporarily deferred due to unexpected volume or user complaints", "badreputation"},
    Rule{"", "temporarily deferred due to user complaints", "badreputation"},
    Rule{"", "message not accepted for policy reasons", "policyviolation"},
    Rule{"", "not accepted due to domain's dmarc policy", "authfailure"},
    Rule{"", "dmarc", "authfailure"},
};

// Tencent QQ (Sisimai::Rhost::TencentQQ)
constexpr std::array<std::string_view, 2> kTencentHosts = {".qq.com", ".exmail.qq.com"};
constexpr std::array kTencentRules = {
    Rule{"", "dmarc check failed", "authfailure"},
    Rule{"", "spf check failed", "authfailure"},
    Rule{"", "suspected spam ip", "blocked"},
    Rule{"", "mail is rejected by recipients", "filtered"},
    Rule{"", "message too large", "mesgtoobig"},
    Rule{"", "mail content denied", "spamdetected"},
    Rule{"", "spam is embedded in the email", "spamdetected"},
    Rule{"", "suspected spam", "spamdetected"},
    Rule{"", "bad address syntax", "syntaxerror"},
    Rule{"", "connection denied", "toomanyconn"},
    Rule{"", "connection frequency limited", "toomanyconn"},
    Rule{"", "domain frequency limited", "toomanyconn"},
    Rule{"", "ip frequency limited", "toomanyconn"},
    Rule{"", "sender frequency limited", "toomanyconn"},
    Rule{"", "mailbox unavailable or access denied", "toomanyconn"},
    Rule{"", "mailbox not found", "userunknown"},
};

// Mimecast (Sisimai::Rhost::Mimecast)
constexpr std::array<std::string_view, 1> kMimecastHosts = {".mimecast.com"};
constexpr std::array kMimecastRules = {
    Rule{"", "sender address blocked", "blocked"},
    Rule{"", "ip temporarily blacklisted", "blocked"},
    Rule{"", "local ct ip reputation", "badreputation"},
    Rule{"", "spf sender invalid", "authfailure"},
    Rule{"", "dkim sender invalid", "authfailure"},
    Rule{"", "dmarc sender invalid", "authfailure"},
    Rule{"", "maximum email size exceeded", "mesgtoobig"},
    Rule{"", "mail loop detected", "networkerror"},
    Rule{"", "open relay not allowed", "norelaying"},
    Rule{"", "account inbounds disabled", "notaccept"},
    Rule{"", "anti-spoofing policy", "policyviolation"},
    Rule{"", "content examination policy", "policyviolation"},
    Rule{"", "host network not allowed", "policyviolation"},
    Rule{"", "envelope blocked", "rejected"},
    Rule{"", "blocked senders", "rejected"},
    Rule{"", "block policy for envelope from address", "rejected"},
    Rule{"", "incorrect authentication data", "securityerror"},
    Rule{"", "this route requires", "securityerror"},
    Rule{"", "virus signature detected", "virusdetected"},
    Rule{"", "message contains malware", "virusdetected"},
    Rule{"", "rejected by header based blocked senders", "rejected"},
    Rule{"", "invalid recipient", "userunknown"},
    Rule{"", "recipient address rejected", "userunknown"},
    Rule{"", "user lookup success but no user", "userunknown"},
    Rule{"", "maximum line length exceeded", "contenterror"},
    Rule{"", "message ended early", "systemerror"},
    Rule{"", "spam", "spamdetected"},
};

// KDDI au (Sisimai::Rhost::KDDI)
constexpr std::array<std::string_view, 2> kKddiHosts = {".ezweb.ne.jp", ".au.com"};
constexpr std::array kKddiRules = {
    Rule{"", "550 : user unknown", "filtered"},
    Rule{"", ">: user unknown", "userunknown"},
};

// GoDaddy (Sisimai::Rhost::GoDaddy), by its message texts
constexpr std::array<std::string_view, 1> kGoDaddyHosts = {".secureserver.net"};
constexpr std::array kGoDaddyRules = {
    Rule{"", "too many recipients this hour", "speeding"},
    Rule{"", "too many sessions from", "toomanyconn"},
    Rule{"", "poor reputation", "badreputation"},
    Rule{"", "reverse dns for this ip failed", "requireptr"},
    Rule{"", "is listed on the", "blocked"},
    Rule{"", "content judged to be spam", "spamdetected"},
    Rule{"", "too many invalid recipients", "blocked"},
    Rule{"", "authentication not allowed", "securityerror"},
    Rule{"", "from: addresses are not allowed", "rejected"},
    Rule{"", "as a from: address", "rejected"},
};

// Apple iCloud
constexpr std::array<std::string_view, 3> kAppleHosts = {".icloud.com", ".me.com", ".mac.com"};
constexpr std::array kAppleRules = {
    Rule{"", "recipient no longer on server", "hasmoved"},
    Rule{"", "user is over quota", "mailboxfull"},
    Rule{"", "user does not exist", "userunknown"},
    Rule{"", "mailbox is disabled", "suspend"},
    Rule{"", "blocked", "blocked"},
};

constexpr std::array<std::string_view, 4> kFranceHosts = {"laposte.net", "orange.fr", "wanadoo.fr",
                                                          "francetelecom.fr"};
constexpr std::array<std::string_view, 1> kDocomoHosts = {"docomo.ne.jp"};

constexpr std::array<Provider, 8> kProviders = {
    Provider{kGoogleHosts, kGoogleRules},     Provider{kMicrosoftHosts, kMicrosoftRules},
    Provider{kYahooHosts, kYahooRules},       Provider{kTencentHosts, kTencentRules},
    Provider{kMimecastHosts, kMimecastRules}, Provider{kKddiHosts, kKddiRules},
    Provider{kGoDaddyHosts, kGoDaddyRules},   Provider{kAppleHosts, kAppleRules},
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

using CodeEntry = std::pair<std::string_view, std::string_view>;

// Orange / La Poste (Sisimai::Rhost::FrancePTT): "LPN007_426", "OFR_999"; the
// last three digits name the error. Codes without a meaning give "undefined".
constexpr std::array kFrancePttCodes = {
    CodeEntry{"101", "blocked"},         CodeEntry{"102", "blocked"},
    CodeEntry{"103", "blocked"},         CodeEntry{"104", "toomanyconn"},
    CodeEntry{"305", "securityerror"},   CodeEntry{"401", "blocked"},
    CodeEntry{"402", "securityerror"},   CodeEntry{"403", "rejected"},
    CodeEntry{"405", "rejected"},        CodeEntry{"415", "rejected"},
    CodeEntry{"416", "userunknown"},     CodeEntry{"417", "mailboxfull"},
    CodeEntry{"418", "userunknown"},     CodeEntry{"420", "suspend"},
    CodeEntry{"421", "rejected"},        CodeEntry{"426", "suspend"},
    CodeEntry{"505", "systemerror"},     CodeEntry{"506", "spamdetected"},
    CodeEntry{"510", "blocked"},         CodeEntry{"514", "mesgtoobig"},
    CodeEntry{"517", "policyviolation"}, CodeEntry{"630", "policyviolation"},
    CodeEntry{"999", "blocked"},
};

// Cox (Sisimai::Rhost::Cox): "AUP#CXBL"
constexpr std::array kCoxCodes = {
    CodeEntry{"cxbl", "blocked"},       CodeEntry{"cxthrt", "securityerror"},
    CodeEntry{"cxmj", "securityerror"}, CodeEntry{"cxdns", "requireptr"},
    CodeEntry{"cxsndr", "rejected"},    CodeEntry{"cxsmtp", "rejected"},
    CodeEntry{"cxcnct", "toomanyconn"}, CodeEntry{"cxmxrt", "toomanyconn"},
    CodeEntry{"cdrbl", "blocked"},      CodeEntry{"ipbl", "blocked"},
    CodeEntry{"urlbl", "spamdetected"},
};

// I.UA (Sisimai::Rhost::IUA): "http://mail.i.ua/err/3/"
constexpr std::array kIuaCodes = {
    CodeEntry{"1", "norelaying"},  CodeEntry{"2", "userunknown"}, CodeEntry{"3", "suspend"},
    CodeEntry{"4", "mailboxfull"}, CodeEntry{"5", "toomanyconn"}, CodeEntry{"6", "norelaying"},
    CodeEntry{"7", "blocked"},     CodeEntry{"8", "rejected"},    CodeEntry{"9", "blocked"},
    CodeEntry{"10", "filtered"},
};

template <typename Table>
std::string_view lookup(const Table& table, std::string_view key) {
  for (const auto& e : table) {
    if (e.first == key) return e.second;
  }
  return {};
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return c >= 'a' && c <= 'z';
}

std::string_view france_ptt(std::string_view text) {
  for (std::string_view tag : {"lpnaaa", "lpn", "ofr", "ouk"}) {
    for (std::size_t p = text.find(tag); p != std::string_view::npos; p = text.find(tag, p + 1)) {
      std::size_t i = p + tag.size();
      // "_426", "007_426", "007-426"
      std::size_t start = i;
      while (i < text.size() && (is_digit(text[i]) || text[i] == '_' || text[i] == '-')) ++i;
      if (i - start < 4 || (i < text.size() && is_alpha(text[i]))) continue;
      const std::string_view digits = text.substr(i - 3, 3);
      if (!is_digit(digits[0]) || !is_digit(digits[1]) || !is_digit(digits[2])) continue;
      const std::string_view r = lookup(kFrancePttCodes, digits);
      return r.empty() ? std::string_view{"undefined"} : r;
    }
  }
  return {};
}

// "AUP#CXBL" (Cox) or "AUP#In-1310" (Spectrum, numbered).
std::string_view aup_code(std::string_view text) {
  const std::size_t p = text.find("aup#");
  if (p == std::string_view::npos) return {};
  std::size_t i = p + 4;
  const std::size_t word = i;
  while (i < text.size() && is_alpha(text[i])) ++i;
  const std::string_view letters = text.substr(word, i - word);
  for (const auto& e : kCoxCodes) {
    if (letters.starts_with(e.first)) return e.second;
  }
  while (i < text.size() && (is_alpha(text[i]) || text[i] == '-')) ++i;
  int number = 0;
  std::size_t digits = 0;
  while (i < text.size() && is_digit(text[i]) && digits < 5) {
    number = number * 10 + (text[i] - '0');
    ++i;
    ++digits;
  }
  if (digits != 4) return {};
  // Sisimai::Rhost::Spectrum
  struct Range {
    int lo, hi;
    std::string_view reason;
  };
  static constexpr std::array<Range, 16> kSpectrum = {{
      {1000, 1000, "blocked"},
      {1010, 1010, "rejected"},
      {1020, 1080, "rejected"},
      {1090, 1090, "systemerror"},
      {1100, 1150, "blocked"},
      {1160, 1190, "policyviolation"},
      {1200, 1210, "blocked"},
      {1220, 1250, "blocked"},
      {1260, 1260, "networkerror"},
      {1300, 1340, "toomanyconn"},
      {1350, 1490, "toomanyconn"},
      {1500, 1500, "rejected"},
      {1520, 1520, "rejected"},
      {1530, 1530, "mesgtoobig"},
      {1540, 1550, "toomanyconn"},
      {1560, 1560, "policyviolation"},
  }};
  for (const Range& r : kSpectrum) {
    if (number >= r.lo && number <= r.hi) return r.reason;
  }
  return {};
}

std::string_view iua(std::string_view text) {
  const std::size_t p = text.find(".i.ua/err/");
  if (p == std::string_view::npos) return {};
  std::size_t i = p + 10;
  const std::size_t start = i;
  while (i < text.size() && is_digit(text[i]) && i - start < 3) ++i;
  return lookup(kIuaCodes, text.substr(start, i - start));
}

// NTT docomo (Sisimai::Rhost::NTTDOCOMO): its codes depend on the command.
std::string_view nttdocomo(const RhostInput& in) {
  if (in.status == "5.1.1") return "userunknown";
  if (in.status == "5.2.0") return "filtered";
  if (phrase_in(in.lower_text, "552 too much mail data")) return "mailboxfull";
  if (phrase_in(in.lower_text, "552 too many recipients")) return "toomanyconn";
  if (phrase_in(in.lower_text, "503 bad sequence of commands") ||
      phrase_in(in.lower_text, "504 command parameter not implemented")) {
    return "syntaxerror";
  }
  if (in.status.empty() || in.status == "5.0.0") {
    if (in.smtp_command == "RCPT") return "userunknown";
    if (in.smtp_command == "DATA") return "rejected";
  }
  return {};
}

}  // namespace

std::string_view rhost_reason(const RhostInput& in) {
  // Provider codes distinctive enough to trust without the host name.
  if (std::string_view r = aup_code(in.lower_text); !r.empty()) return r;
  if (std::string_view r = iua(in.lower_text); !r.empty()) return r;
  if (host_matches(in.remote_mta, kFranceHosts) ||
      in.lower_text.find("lpn") != std::string_view::npos) {
    if (std::string_view r = france_ptt(in.lower_text); !r.empty()) return r;
  }
  if (host_matches(in.remote_mta, kDocomoHosts)) return nttdocomo(in);
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
