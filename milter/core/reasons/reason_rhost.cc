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
  Reason reason;
};

struct Provider {
  std::span<const std::string_view> host_suffixes;  // matched at the end of the host name
  std::span<const Rule> rules;
};

// Google (gmail.com, Google Workspace): https://support.google.com/a/answer/3726730
constexpr std::array<std::string_view, 3> kGoogleHosts = {"google.com", "googlemail.com",
                                                          "gmail.com"};
constexpr std::array kGoogleRules = {
    Rule{"", "the email account that you tried to reach is disabled", Reason::kSuspend},
    Rule{"", "the email account that you tried to reach is inactive", Reason::kSuspend},
    Rule{"", "the user you are trying to contact is receiving mail at a rate", Reason::kSpeeding},
    Rule{"", "receiving mail too quickly", Reason::kSpeeding},
    Rule{"", "the email account that you tried to reach is over quota", Reason::kMailboxFull},
    Rule{"", "out of storage space", Reason::kMailboxFull},
    Rule{"", "the email account that you tried to reach does not exist", Reason::kUserUnknown},
    Rule{"", "dmarc policy", Reason::kAuthFailure},
    Rule{"", "unauthenticated email", Reason::kAuthFailure},
    Rule{"", "not pass authentication checks", Reason::kAuthFailure},
    Rule{"", "spf", Reason::kAuthFailure},
    Rule{"", "dkim", Reason::kAuthFailure},
    Rule{"", "does not have a ptr record", Reason::kRequirePtr},
    Rule{"", "ptr record", Reason::kRequirePtr},
    Rule{"", "reverse dns", Reason::kRequirePtr},
    Rule{"", "not rfc 5322 compliant", Reason::kNotCompliantRfc},
    Rule{"", "rfc 5322", Reason::kNotCompliantRfc},
    Rule{"", "low reputation", Reason::kBadReputation},
    Rule{"", "very low reputation", Reason::kBadReputation},
    Rule{"", "unusual rate of unsolicited mail", Reason::kBadReputation},
    Rule{"", "likely unsolicited mail", Reason::kSpamDetected},
    Rule{"", "has been blocked", Reason::kBlocked},
    Rule{"", "message has been blocked", Reason::kBlocked},
    // Sisimai 5.1 Rhost::Google: a blocked attachment or content is policyviolation.
    Rule{"5.7.0", "blocked because its content presents a potential security issue",
         Reason::kPolicyViolation},
    Rule{"5.7.0", "illegal attachment on your message", Reason::kPolicyViolation},
    Rule{"", "potential security issue", Reason::kSecurityError},
    Rule{"", "message exceeded", Reason::kMesgTooBig},
    Rule{"", "size limit", Reason::kMesgTooBig},
    Rule{"5.2.1", "", Reason::kSuspend},
    Rule{"5.2.2", "", Reason::kMailboxFull},
    Rule{"4.2.2", "", Reason::kMailboxFull},
    Rule{"4.2.1", "", Reason::kSpeeding},
    Rule{"5.7.26", "", Reason::kAuthFailure},
    Rule{"5.7.27", "", Reason::kAuthFailure},
    Rule{"5.7.28", "", Reason::kBadReputation},
    Rule{"5.7.25", "", Reason::kRequirePtr},
    Rule{"4.7.25", "", Reason::kRequirePtr},
    Rule{"4.7.28", "", Reason::kBadReputation},
};

// Microsoft (Exchange Online, outlook.com, hotmail)
constexpr std::array<std::string_view, 4> kMicrosoftHosts = {
    ".protection.outlook.com", ".outlook.com", ".hotmail.com", ".office365.com"};
constexpr std::array kMicrosoftRules = {
    Rule{"", "resolver.adr.recipnotfound", Reason::kUserUnknown},
    Rule{"", "resolver.adr.exrecipnotfound", Reason::kUserUnknown},
    Rule{"", "resolver.adr.recipientnotfound", Reason::kUserUnknown},
    Rule{"", "recipient not found by smtp address lookup", Reason::kUserUnknown},
    Rule{"", "resolver.rst.recipsizelimit", Reason::kExceedLimit},
    Rule{"", "resolver.rst.notauthorized", Reason::kFiltered},
    Rule{"", "resolver.adr.recipientlimit", Reason::kTooManyConn},
    Rule{"", "does not pass dmarc verification", Reason::kAuthFailure},
    Rule{"", "sender policy framework violation", Reason::kAuthFailure},
    Rule{"", "must pass either spf or dkim validation", Reason::kAuthFailure},
    Rule{"", "rate limited due to ip reputation", Reason::kBadReputation},
    Rule{"", "must have a reverse dns record", Reason::kRequirePtr},
    Rule{"", "banned sending ip", Reason::kBlocked},
    Rule{"", "access denied, bad helo", Reason::kBlocked},
    Rule{"", "part of their network is on our block list", Reason::kBlocked},
    Rule{"", "mailbox full", Reason::kMailboxFull},
    Rule{"", "message too large for this recipient", Reason::kExceedLimit},
    Rule{"", "too many related errors", Reason::kContentError},
    Rule{"", "invalid message content", Reason::kContentError},
    Rule{"5.7.509", "", Reason::kAuthFailure},
    Rule{"5.7.515", "", Reason::kAuthFailure},
    Rule{"5.7.23", "", Reason::kAuthFailure},
    Rule{"5.7.25", "", Reason::kRequirePtr},
    Rule{"4.7.650", "", Reason::kBadReputation},
    Rule{"5.7.6*", "", Reason::kBlocked},  // 5.7.606-649: banned sending IP
};

// Yahoo Inc. (yahoo.com, aol.com): https://senders.yahooinc.com/smtp-error-codes
constexpr std::array<std::string_view, 3> kYahooHosts = {".yahoodns.net", ".yahoo.com", ".aol.com"};
constexpr std::array kYahooRules = {
    Rule{"", "this user doesn't have a * account", Reason::kUserUnknown},
    Rule{"", "user unknown", Reason::kUserUnknown},
    Rule{"", "temporarily deferred due to unexpected volume or user complaints",
         Reason::kBadReputation},
    Rule{"", "temporarily deferred due to user complaints", Reason::kBadReputation},
    Rule{"", "message not accepted for policy reasons", Reason::kPolicyViolation},
    Rule{"", "not accepted due to domain's dmarc policy", Reason::kAuthFailure},
    Rule{"", "dmarc", Reason::kAuthFailure},
};

// Tencent QQ (Sisimai::Rhost::TencentQQ)
constexpr std::array<std::string_view, 2> kTencentHosts = {".qq.com", ".exmail.qq.com"};
constexpr std::array kTencentRules = {
    Rule{"", "dmarc check failed", Reason::kAuthFailure},
    Rule{"", "spf check failed", Reason::kAuthFailure},
    Rule{"", "suspected spam ip", Reason::kBlocked},
    Rule{"", "mail is rejected by recipients", Reason::kFiltered},
    Rule{"", "message too large", Reason::kMesgTooBig},
    Rule{"", "mail content denied", Reason::kSpamDetected},
    Rule{"", "spam is embedded in the email", Reason::kSpamDetected},
    Rule{"", "suspected spam", Reason::kSpamDetected},
    Rule{"", "bad address syntax", Reason::kSyntaxError},
    Rule{"", "connection denied", Reason::kTooManyConn},
    Rule{"", "connection frequency limited", Reason::kTooManyConn},
    Rule{"", "domain frequency limited", Reason::kTooManyConn},
    Rule{"", "ip frequency limited", Reason::kTooManyConn},
    Rule{"", "sender frequency limited", Reason::kTooManyConn},
    Rule{"", "mailbox unavailable or access denied", Reason::kTooManyConn},
    Rule{"", "mailbox not found", Reason::kUserUnknown},
};

// Mimecast (Sisimai::Rhost::Mimecast)
constexpr std::array<std::string_view, 1> kMimecastHosts = {".mimecast.com"};
constexpr std::array kMimecastRules = {
    Rule{"", "sender address blocked", Reason::kBlocked},
    Rule{"", "ip temporarily blacklisted", Reason::kBlocked},
    Rule{"", "local ct ip reputation", Reason::kBadReputation},
    Rule{"", "spf sender invalid", Reason::kAuthFailure},
    Rule{"", "dkim sender invalid", Reason::kAuthFailure},
    Rule{"", "dmarc sender invalid", Reason::kAuthFailure},
    Rule{"", "maximum email size exceeded", Reason::kMesgTooBig},
    Rule{"", "mail loop detected", Reason::kNetworkError},
    Rule{"", "open relay not allowed", Reason::kNoRelaying},
    Rule{"", "account inbounds disabled", Reason::kNotAccept},
    Rule{"", "anti-spoofing policy", Reason::kPolicyViolation},
    Rule{"", "content examination policy", Reason::kPolicyViolation},
    Rule{"", "host network not allowed", Reason::kPolicyViolation},
    Rule{"", "envelope blocked", Reason::kRejected},
    Rule{"", "blocked senders", Reason::kRejected},
    Rule{"", "block policy for envelope from address", Reason::kRejected},
    Rule{"", "incorrect authentication data", Reason::kSecurityError},
    Rule{"", "this route requires", Reason::kSecurityError},
    Rule{"", "virus signature detected", Reason::kVirusDetected},
    Rule{"", "message contains malware", Reason::kVirusDetected},
    Rule{"", "rejected by header based blocked senders", Reason::kRejected},
    Rule{"", "invalid recipient", Reason::kUserUnknown},
    Rule{"", "recipient address rejected", Reason::kUserUnknown},
    Rule{"", "user lookup success but no user", Reason::kUserUnknown},
    Rule{"", "maximum line length exceeded", Reason::kContentError},
    Rule{"", "message ended early", Reason::kSystemError},
    Rule{"", "spam", Reason::kSpamDetected},
};

// KDDI au (Sisimai::Rhost::KDDI)
constexpr std::array<std::string_view, 2> kKddiHosts = {".ezweb.ne.jp", ".au.com"};
constexpr std::array kKddiRules = {
    Rule{"", "550 : user unknown", Reason::kFiltered},
    Rule{"", ">: user unknown", Reason::kUserUnknown},
};

// GoDaddy (Sisimai::Rhost::GoDaddy), by its message texts
constexpr std::array<std::string_view, 1> kGoDaddyHosts = {".secureserver.net"};
constexpr std::array kGoDaddyRules = {
    Rule{"", "too many recipients this hour", Reason::kSpeeding},
    Rule{"", "too many sessions from", Reason::kTooManyConn},
    Rule{"", "poor reputation", Reason::kBadReputation},
    Rule{"", "reverse dns for this ip failed", Reason::kRequirePtr},
    Rule{"", "is listed on the", Reason::kBlocked},
    Rule{"", "content judged to be spam", Reason::kSpamDetected},
    Rule{"", "too many invalid recipients", Reason::kBlocked},
    Rule{"", "authentication not allowed", Reason::kSecurityError},
    Rule{"", "from: addresses are not allowed", Reason::kRejected},
    Rule{"", "as a from: address", Reason::kRejected},
};

// Apple iCloud
constexpr std::array<std::string_view, 3> kAppleHosts = {".icloud.com", ".me.com", ".mac.com"};
constexpr std::array kAppleRules = {
    Rule{"", "recipient no longer on server", Reason::kHasMoved},
    Rule{"", "user is over quota", Reason::kMailboxFull},
    Rule{"", "user does not exist", Reason::kUserUnknown},
    Rule{"", "mailbox is disabled", Reason::kSuspend},
    Rule{"", "blocked", Reason::kBlocked},
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

using CodeEntry = std::pair<std::string_view, Reason>;

// Orange / La Poste (Sisimai::Rhost::FrancePTT): "LPN007_426", "OFR_999"; the
// last three digits name the error. Codes without a meaning give "undefined".
constexpr std::array kFrancePttCodes = {
    CodeEntry{"101", Reason::kBlocked},         CodeEntry{"102", Reason::kBlocked},
    CodeEntry{"103", Reason::kBlocked},         CodeEntry{"104", Reason::kTooManyConn},
    CodeEntry{"305", Reason::kSecurityError},   CodeEntry{"401", Reason::kBlocked},
    CodeEntry{"402", Reason::kSecurityError},   CodeEntry{"403", Reason::kRejected},
    CodeEntry{"405", Reason::kRejected},        CodeEntry{"415", Reason::kRejected},
    CodeEntry{"416", Reason::kUserUnknown},     CodeEntry{"417", Reason::kMailboxFull},
    CodeEntry{"418", Reason::kUserUnknown},     CodeEntry{"420", Reason::kSuspend},
    CodeEntry{"421", Reason::kRejected},        CodeEntry{"426", Reason::kSuspend},
    CodeEntry{"505", Reason::kSystemError},     CodeEntry{"506", Reason::kSpamDetected},
    CodeEntry{"510", Reason::kBlocked},         CodeEntry{"514", Reason::kMesgTooBig},
    CodeEntry{"517", Reason::kPolicyViolation}, CodeEntry{"630", Reason::kPolicyViolation},
    CodeEntry{"999", Reason::kBlocked},
};

// Cox (Sisimai::Rhost::Cox): "AUP#CXBL"
constexpr std::array kCoxCodes = {
    CodeEntry{"cxbl", Reason::kBlocked},       CodeEntry{"cxthrt", Reason::kSecurityError},
    CodeEntry{"cxmj", Reason::kSecurityError}, CodeEntry{"cxdns", Reason::kRequirePtr},
    CodeEntry{"cxsndr", Reason::kRejected},    CodeEntry{"cxsmtp", Reason::kRejected},
    CodeEntry{"cxcnct", Reason::kTooManyConn}, CodeEntry{"cxmxrt", Reason::kTooManyConn},
    CodeEntry{"cdrbl", Reason::kBlocked},      CodeEntry{"ipbl", Reason::kBlocked},
    CodeEntry{"urlbl", Reason::kSpamDetected},
};

// I.UA (Sisimai::Rhost::IUA): "http://mail.i.ua/err/3/"
constexpr std::array kIuaCodes = {
    CodeEntry{"1", Reason::kNoRelaying},  CodeEntry{"2", Reason::kUserUnknown},
    CodeEntry{"3", Reason::kSuspend},     CodeEntry{"4", Reason::kMailboxFull},
    CodeEntry{"5", Reason::kTooManyConn}, CodeEntry{"6", Reason::kNoRelaying},
    CodeEntry{"7", Reason::kBlocked},     CodeEntry{"8", Reason::kRejected},
    CodeEntry{"9", Reason::kBlocked},     CodeEntry{"10", Reason::kFiltered},
};

template <typename Table>
std::optional<Reason> lookup(const Table& table, std::string_view key) {
  for (const auto& e : table) {
    if (e.first == key) return e.second;
  }
  return std::nullopt;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return c >= 'a' && c <= 'z';
}

std::optional<Reason> france_ptt(std::string_view text) {
  for (std::string_view tag : {"lpnaaa", "lpn", "ofr", "ouk"}) {
    for (std::size_t p = text.find(tag); p != std::string_view::npos; p = text.find(tag, p + 1)) {
      std::size_t i = p + tag.size();
      // "_426", "007_426", "007-426"
      std::size_t start = i;
      while (i < text.size() && (is_digit(text[i]) || text[i] == '_' || text[i] == '-')) ++i;
      if (i - start < 4 || (i < text.size() && is_alpha(text[i]))) continue;
      const std::string_view digits = text.substr(i - 3, 3);
      if (!is_digit(digits[0]) || !is_digit(digits[1]) || !is_digit(digits[2])) continue;
      return lookup(kFrancePttCodes, digits).value_or(Reason::kUndefined);
    }
  }
  return {};
}

// "AUP#CXBL" (Cox) or "AUP#In-1310" (Spectrum, numbered).
std::optional<Reason> aup_code(std::string_view text) {
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
    Reason reason;
  };
  static constexpr std::array<Range, 16> kSpectrum = {{
      {1000, 1000, Reason::kBlocked},
      {1010, 1010, Reason::kRejected},
      {1020, 1080, Reason::kRejected},
      {1090, 1090, Reason::kSystemError},
      {1100, 1150, Reason::kBlocked},
      {1160, 1190, Reason::kPolicyViolation},
      {1200, 1210, Reason::kBlocked},
      {1220, 1250, Reason::kBlocked},
      {1260, 1260, Reason::kNetworkError},
      {1300, 1340, Reason::kTooManyConn},
      {1350, 1490, Reason::kTooManyConn},
      {1500, 1500, Reason::kRejected},
      {1520, 1520, Reason::kRejected},
      {1530, 1530, Reason::kMesgTooBig},
      {1540, 1550, Reason::kTooManyConn},
      {1560, 1560, Reason::kPolicyViolation},
  }};
  for (const Range& r : kSpectrum) {
    if (number >= r.lo && number <= r.hi) return r.reason;
  }
  return {};
}

std::optional<Reason> iua(std::string_view text) {
  const std::size_t p = text.find(".i.ua/err/");
  if (p == std::string_view::npos) return {};
  std::size_t i = p + 10;
  const std::size_t start = i;
  while (i < text.size() && is_digit(text[i]) && i - start < 3) ++i;
  return lookup(kIuaCodes, text.substr(start, i - start));
}

// NTT docomo (Sisimai::Rhost::NTTDOCOMO): its codes depend on the command.
std::optional<Reason> nttdocomo(const RhostInput& in) {
  if (in.status == "5.1.1") return Reason::kUserUnknown;
  if (in.status == "5.2.0") return Reason::kFiltered;
  if (phrase_in(in.lower_text, "552 too much mail data")) return Reason::kMailboxFull;
  if (phrase_in(in.lower_text, "552 too many recipients")) return Reason::kTooManyConn;
  if (phrase_in(in.lower_text, "503 bad sequence of commands") ||
      phrase_in(in.lower_text, "504 command parameter not implemented")) {
    return Reason::kSyntaxError;
  }
  if (in.status.empty() || in.status == "5.0.0") {
    if (in.smtp_command == "RCPT") return Reason::kUserUnknown;
    if (in.smtp_command == "DATA") return Reason::kRejected;
  }
  return {};
}

}  // namespace

std::optional<Reason> rhost_reason(const RhostInput& in) {
  // Provider codes distinctive enough to trust without the host name.
  if (std::optional<Reason> r = aup_code(in.lower_text)) return r;
  if (std::optional<Reason> r = iua(in.lower_text)) return r;
  if (host_matches(in.remote_mta, kFranceHosts) ||
      in.lower_text.find("lpn") != std::string_view::npos) {
    if (std::optional<Reason> r = france_ptt(in.lower_text)) return r;
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
