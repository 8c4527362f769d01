// Trend Micro InterScan Messaging Security Suite bounces (Sisimai 4's
// InterScanMSS, Sisimai 5's TrendMicro), ported from Sisimai's
// Lhost::InterScanMSS (BSD 2-clause, third_party/sisimai/LICENSE):
//   Sent <<< RCPT TO:<kijitora@example.co.jp>
//   Received >>> 550 5.1.1 <kijitora@example.co.jp>... user unknown
// or "Unable to deliver message to <kijitora@example.co.jp>".
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

bool upper4(std::string_view w) {
  if (w.size() < 4) return false;
  for (char c : w.substr(0, 4)) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

}  // namespace

bool scan_interscanmss(const Message& msg, FoundList* out) {
  const std::size_t before = out->size();
  for (std::string_view line : split_lines(msg.error_text)) {
    if (line.empty()) continue;
    // A recipient: "... <<< ... <a@b>", "... >>> ... <a@b>" or
    // "[Reason: ]Unable to deliver message to <a@b>".
    std::string_view addr;
    const std::size_t arrows =
        line.find("<<<") != std::string_view::npos ? line.find("<<<") : line.find(">>>");
    std::string_view reason_text = line;
    if (formats::starts(reason_text, "Reason:")) reason_text = trim(reason_text.substr(7));
    const bool unable = formats::starts(reason_text, "Unable to deliver message to <");
    if ((arrows != std::string_view::npos && arrows > 0) || unable) {
      addr = formats::first_angle_address(unable ? reason_text : line.substr(arrows + 3));
    }
    if (!addr.empty()) {
      if (out->size() == before || clean_address(out->back().address) != clean_address(addr)) {
        out->push_back(formats::recipient_at(addr));
      }
      if (unable) out->back().diagnostic = std::string(reason_text);
    }
    if (out->size() == before) continue;
    FoundRecipient& r = out->back();
    if (formats::starts(line, "Sent <<< ") || formats::starts(line, "Sent\t<<< ")) {
      std::string_view cmd = trim(line.substr(9));
      if (upper4(cmd)) r.smtp_command = std::string(cmd.substr(0, 4));
    } else if (formats::starts(line, "Received >>> ")) {
      r.diagnostic = std::string(trim(line.substr(13)));
    } else if (std::size_t p = line.find(" >>> "); p != std::string_view::npos) {
      if (upper4(line.substr(p + 5))) r.smtp_command = std::string(line.substr(p + 5, 4));
    } else if (std::size_t q = line.find(" <<< "); q != std::string_view::npos) {
      r.diagnostic = std::string(trim(line.substr(q + 5)));
    }
  }
  for (std::size_t i = before; i < out->size(); ++i) {
    FoundRecipient& r = (*out)[i];
    r.diagnostic = formats::sweep(r.diagnostic);
    if (r.diagnostic.find("Unable to deliver") != std::string::npos)
      r.reason_hint = Reason::kUserUnknown;
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  const std::string_view from = h.get("From");
  const std::string_view subject = h.get("Subject");
  return from.starts_with("\"InterScan MSS\"") || from.starts_with("\"InterScan Notification\"") ||
         from.starts_with("InterScan MSS") || subject == "Mail could not be delivered" ||
         subject ==
             "\xE3\x83\xA1\xE3\x83\x83\xE3\x82\xBB\xE3\x83\xBC\xE3\x82\xB8\xE3\x82\x92\xE9\x85\x8D"
             "\xE4\xBF\xA1\xE3\x81\xA7\xE3\x81\x8D\xE3\x81\xBE\xE3\x81\x9B\xE3\x82\x93\xE3\x80"
             "\x82" ||
         subject ==
             "\xE3\x83\xA1\xE3\x83\xBC\xE3\x83\xAB\xE9\x85\x8D\xE4\xBF\xA1\xE3\x81\xAB\xE5"
             "\xA4\xB1\xE6\x95\x97\xE3\x81\x97\xE3\x81\xBE\xE3\x81\x97\xE3\x81\x9F";
}

}  // namespace

const Family interscanmss_family{"TrendMicro", claims, scan_interscanmss};

}  // namespace smtp_explain
