// Zoho Mail bounces (X-ZohoMail header), ported from Sisimai's Lhost::Zoho
// (BSD 2-clause, third_party/sisimai/LICENSE):
//   This message was created automatically by mail delivery software.
//   ...
//   kijitora@example.org Invalid Address, ERROR_CODE :550, ERROR_CODE :Requested action ...
// or "[Status: Error, Address: <kijitora@example.org>, ResponseCode 421, ...]".
// A line ending in '=' is quoted-printable soft break that the next line continues.
#include "family_text.h"
#include "smtp_explain/codes.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr formats::PhraseReason kReasons[] = {
    {"Host not reachable", Reason::kExpired},
};

// The code after "ERROR_CODE :" or "ResponseCode ", if it is a reply code.
std::string zoho_reply(std::string_view diag) {
  for (std::string_view key : {"ERROR_CODE :", "ResponseCode "}) {
    std::size_t p = diag.find(key);
    if (p == std::string_view::npos) continue;
    std::string_view code = diag.substr(p + key.size(), 3);
    if (match_reply_code(code) == 3) return std::string(code);
  }
  return {};
}

}  // namespace

bool scan_zoho(const Message& msg, FoundList* out) {
  const std::string_view error =
      formats::cut_before_line(msg.text, "Received:from mail.zoho.com by mx.zohomail.com", false);
  const std::string_view error2 =
      formats::cut_before_line(error, "Received: from mail.zoho.com by mx.zohomail.com", false);
  const std::size_t before = out->size();
  bool reading = false;
  bool soft_break = false;
  for (std::string_view line : split_lines(error_part(error2))) {
    if (!reading) {
      reading = formats::starts(line, "This message was created automatically by mail delivery");
      continue;
    }
    if (line.empty()) continue;
    std::size_t sp = line.find_first_of(" \t");
    std::string_view word = line.substr(0, sp);
    if (sp != std::string_view::npos && word.find('@') != std::string_view::npos &&
        word.find('<') == std::string_view::npos && !trim(line.substr(sp)).empty()) {
      FoundRecipient r = formats::recipient_at(word);
      std::string_view diag = trim(line.substr(sp));
      soft_break = diag.ends_with('=');
      if (soft_break) diag.remove_suffix(1);
      r.diagnostic = std::string(diag);
      out->push_back(std::move(r));
      continue;
    }
    if (formats::starts(line, "[Status: ")) {
      std::string_view a = formats::first_angle_address(line);
      if (!a.empty()) {
        FoundRecipient r = formats::recipient_at(a);
        r.diagnostic = std::string(line);
        out->push_back(std::move(r));
        continue;
      }
    }
    if (soft_break && out->size() > before) {
      std::string_view more = line;
      soft_break = more.ends_with('=');
      if (soft_break) more.remove_suffix(1);
      out->back().diagnostic += more;
    }
  }
  for (std::size_t i = before; i < out->size(); ++i) {
    FoundRecipient& r = (*out)[i];
    r.diagnostic = formats::sweep(r.diagnostic);
    r.reply_code = zoho_reply(r.diagnostic);
    r.reason_hint = formats::reason_for_phrases(r.diagnostic, kReasons, formats::Case::kIgnore);
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  return h.has("X-ZohoMail");
}

}  // namespace

const Family zoho_family{"Zoho", claims, scan_zoho};

}  // namespace smtp_explain
