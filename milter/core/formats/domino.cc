// IBM/Lotus Domino bounces, ported from Sisimai::Lhost::Domino (BSD 2-clause,
// third_party/sisimai/LICENSE): Subject "DELIVERY FAILURE:" (or
// "DELIVERY_FAILURE:"), then
//   Your message / Subject: ... / was not delivered to: / <address> / because: / <error>
// and possibly DSN-like fields. The module's reason table names Domino's own
// sentences ("not listed in Domino Directory", ...).
#include "family_text.h"
#include "text_search.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr formats::PhraseReason kMessages[] = {
    {"not listed in Domino Directory", Reason::kUserUnknown},
    {"not listed in public Name & Address Book", Reason::kUserUnknown},
    {"non r\xc3\xa9pertori\xc3\xa9 dans l'annuaire Domino", Reason::kUserUnknown},
    // Domino ディレクトリには見つかりません
    {"Domino \xe3\x83\x87\xe3\x82\xa3\xe3\x83\xac\xe3\x82\xaf\xe3\x83\x88\xe3\x83\xaa\xe3\x81\xab"
     "\xe3\x81\xaf\xe8\xa6\x8b\xe3\x81\xa4\xe3\x81\x8b\xe3\x82\x8a\xe3\x81\xbe\xe3\x81\x9b\xe3\x82"
     "\x93",
     Reason::kUserUnknown},
    {"Cannot route mail to user", Reason::kFiltered},
    {"Several matches found in Domino Directory", Reason::kSystemError},
};

// A DSN-like field the module copies: "Status: 5.1.1", "Diagnostic-Code: smtp; ...".
std::string_view field_value(std::string_view line, std::string_view name) {
  if (!istarts_with(line, name)) return {};
  return trim(line.substr(name.size()));
}

}  // namespace

bool scan_domino(const Message& msg, FoundList* out) {
  // Told by its text too (notices): one search before any line is split.
  if (!contains_bytes(msg.error_text, "was not delivered to:")) return false;
  const auto lines = split_lines(formats::text_before(msg, {"Content-Type: message/rfc822"}));
  std::size_t i = formats::find_line(lines, "Your message");
  const std::size_t before = out->size();
  bool want_error = false;
  for (++i; i < lines.size(); ++i) {
    std::string_view e = lines[i];
    if (e.empty()) continue;
    if (e == "was not delivered to:") {
      formats::add_recipient(out, "");
      want_error = false;
      continue;
    }
    if (out->size() == before) continue;
    FoundRecipient& r = out->back();
    if (e.starts_with("  ") && formats::is_bare_address(e) && r.address.empty()) {
      r.address = std::string(trim(e));
    } else if (e == "because:") {
      want_error = true;
    } else if (want_error) {
      r.diagnostic = std::string(trim(e));
      want_error = false;
    } else if (auto v = field_value(e, "Status:"); !v.empty()) {
      r.status = std::string(v);
    } else if (auto d = field_value(e, "Diagnostic-Code:"); !d.empty()) {
      if (r.diagnostic.empty()) r.diagnostic = std::string(d);
    } else if (auto m = field_value(e, "Remote-MTA:"); !m.empty()) {
      r.remote_mta = std::string(m);
    }
  }
  // A recipient line may hold "Name <a@b>" or "a@b"; a block without one is dropped.
  std::size_t kept = before;
  for (std::size_t k = before; k < out->size(); ++k) {
    FoundRecipient& r = (*out)[k];
    if (r.address.empty()) continue;
    r.diagnostic = formats::sweep(r.diagnostic);
    r.reason_hint = formats::reason_for_phrases(r.diagnostic, kMessages);
    if (kept != k) (*out)[kept] = std::move(r);
    ++kept;
  }
  out->resize(kept);
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  const std::string_view subject = h.get("Subject");
  return subject.starts_with("DELIVERY FAILURE:") || subject.starts_with("DELIVERY_FAILURE:");
}

}  // namespace

const Family domino_family{"Domino", claims, scan_domino, nullptr, false, true};

}  // namespace smtp_explain
