#include "smtp_explain/report.h"

#include <array>

namespace smtp_explain {
namespace {

// In the order of enum class Reason.
constexpr std::array<std::string_view, kReasonCount> kReasonNames = {
    "undefined",   "authfailure",   "badreputation",   "blocked",      "contenterror",
    "delivered",   "exceedlimit",   "expired",         "filtered",     "hasmoved",
    "hostunknown", "mailboxfull",   "mailererror",     "mesgtoobig",   "networkerror",
    "norelaying",  "notaccept",     "notcompliantrfc", "onhold",       "policyviolation",
    "rejected",    "requireptr",    "securityerror",   "spamdetected", "speeding",
    "suspend",     "syntaxerror",   "systemerror",     "systemfull",   "toomanyconn",
    "userunknown", "virusdetected",
};

}  // namespace

std::string_view to_string(Reason reason) {
  const auto i = static_cast<std::size_t>(reason);
  return i < kReasonNames.size() ? kReasonNames[i] : kReasonNames[0];
}

std::optional<Reason> reason_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kReasonNames.size(); ++i) {
    if (kReasonNames[i] == name) return static_cast<Reason>(i);
  }
  return std::nullopt;
}

std::string_view to_string(Kind kind) {
  switch (kind) {
    case Kind::kNotBounce:
      return "not-bounce";
    case Kind::kDsn:
      return "dsn";
    case Kind::kText:
      return "text";
    case Kind::kAutoReply:
      return "auto-reply";
    case Kind::kFeedbackReport:
      return "feedback-report";
  }
  return "not-bounce";
}

std::string_view to_string(DeliveryClass cls) {
  switch (cls) {
    case DeliveryClass::kNone:
      return "";
    case DeliveryClass::kSuccess:
      return "success";
    case DeliveryClass::kTransient:
      return "transient";
    case DeliveryClass::kPermanent:
      return "permanent";
  }
  return "";
}

std::vector<std::string_view> flag_names(std::uint32_t flags) {
  static constexpr struct {
    Flag flag;
    std::string_view name;
  } kNames[] = {
      {kFlagHeaderTooLong, "header-too-long"},
      {kFlagScanTruncated, "scan-truncated"},
      {kFlagMimeTooDeep, "mime-too-deep"},
      {kFlagTooManyParts, "too-many-parts"},
      {kFlagBadBoundary, "bad-boundary"},
      {kFlagBadEncoding, "bad-encoding"},
      {kFlagLongLine, "long-line"},
      {kFlagTooManyRecipients, "too-many-recipients"},
      {kFlagNulByte, "nul-byte"},
      {kFlagMalformedDsn, "malformed-dsn"},
  };
  std::vector<std::string_view> out;
  for (const auto& n : kNames) {
    if ((flags & n.flag) != 0) out.push_back(n.name);
  }
  return out;
}

}  // namespace smtp_explain
