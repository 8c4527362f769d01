#include "smtp_explain/report.h"

namespace smtp_explain {

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
