// Microsoft Exchange Server 2007+ NDRs, ported from Sisimai::Lhost::Exchange2007
// (BSD 2-clause, third_party/sisimai/LICENSE): Subject "Undeliverable:" (or
// the French/Italian forms), a Content-Language header, and not Office 365's
// cross-tenant headers. The text part's "Diagnostic information for
// administrators:" section holds the recipient, then
// "Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'",
// whose RESOLVER/QUEUE code names the reason. Works as a scanner (text only)
// and as a refiner of the DSN part.
//
// Extended for this project to the NDRs the Sisimai module does not read:
// Exchange 2007-2019 in their other languages (German, Spanish, Dutch,
// Portuguese, Japanese, ...), the "#550 5.1.1 ... ##" lines of 2007/2010, the
// 2016+ "Your message to ... couldn't be delivered." text, delay notices
// ("Delivery is delayed to these recipients or groups:"), and NDRs whose
// Subject or header fields alone show Exchange (formats/exchange_text.h).
#include "exchange_text.h"
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr formats::PhraseReason kNdrSubjects[] = {
    {"SMTPSEND.DNS.NonExistentDomain", Reason::kHostUnknown},
    {"SMTPSEND.DNS.MxLoopback", Reason::kNetworkError},
    {"RESOLVER.ADR.BadPrimary", Reason::kSystemError},
    {"RESOLVER.ADR.RecipNotFound", Reason::kUserUnknown},
    {"RESOLVER.ADR.ExRecipNotFound", Reason::kUserUnknown},
    {"RESOLVER.ADR.RecipLimit", Reason::kTooManyConn},
    {"RESOLVER.ADR.InvalidInSmtp", Reason::kSystemError},
    {"RESOLVER.ADR.Ambiguous", Reason::kSystemError},
    {"RESOLVER.RST.AuthRequired", Reason::kSecurityError},
    {"RESOLVER.RST.NotAuthorized", Reason::kRejected},
    {"RESOLVER.RST.RecipSizeLimit", Reason::kMesgTooBig},
    {"QUEUE.Expired", Reason::kExpired},
};

bool is_exchange2007(const HeaderList& h) {
  // Microsoft 365's NDRs are Office365's (formats/office365.cc).
  if (h.has("X-MS-Exchange-CrossTenant-OriginalArrivalTime") ||
      h.has("X-MS-Exchange-CrossTenant-FromEntityHeader")) {
    return false;
  }
  const std::string_view s = h.get("Subject");
  if (s.starts_with("Undeliverable:") || s.starts_with("Non_remis_") ||
      s.starts_with("Non recapitabile:")) {
    const std::string_view lang = trim(h.get("Content-Language"));
    if (lang.size() == 2 || (lang.size() == 5 && lang[2] == '-')) return true;
  }
  // Other languages and versions: an NDR Subject, or Exchange's header marks
  // (the text decides).
  return formats::subject_is_exchange_ndr(s) || formats::headers_show_exchange(h);
}

struct Entry {
  std::string address, reply, status, diagnosis;
};

// The recipients of the administrators' section, with their reply lines.
std::vector<Entry> read_entries(const Message& msg, std::string* rhost) {
  const auto lines = split_lines(formats::text_before(
      msg, {"Original message headers:", "En-t\xc3\xaates de message d'origine :",
            "Intestazioni originali del messaggio:"}));
  std::size_t i = 0;
  while (i < lines.size() && !lines[i].starts_with("Diagnostic information for administrators:") &&
         !lines[i].starts_with("Informations de diagnostic pour les administrateurs") &&
         !lines[i].starts_with("Informazioni di diagnostica per gli amministratori")) {
    ++i;
  }
  std::vector<Entry> out;
  for (++i; i < lines.size(); ++i) {
    std::string_view e = lines[i];
    if (e.empty()) continue;
    for (std::string_view g : {"Generating server:", "Serveur de g", "Server di generazione:"}) {
      if (e.starts_with(g) && rhost->empty()) {
        const std::size_t c = e.find(':');
        if (c != std::string_view::npos) *rhost = std::string(trim(e.substr(c + 1)));
      }
    }
    if (formats::is_bare_address(e) && e.find(' ') == std::string_view::npos) {
      out.push_back({std::string(e), {}, {}, {}});
      continue;
    }
    if (out.empty()) continue;
    Entry& v = out.back();
    const std::string st = formats::find_status(e);
    const std::string reply = formats::find_reply(e);
    if (!st.empty() && !reply.empty() && (st[0] == '4' || st[0] == '5') && v.diagnosis.empty()) {
      v.reply = reply;
      v.status = st;
      v.diagnosis = std::string(e);
    } else if (!v.diagnosis.empty() && v.diagnosis.back() == '=') {
      v.diagnosis.pop_back();
      v.diagnosis += e;
    }
  }
  return out;
}

std::optional<Reason> ndr_reason(std::string_view diag) {
  // " RESOLVER.ADR.RecipNotFound;" / " QUEUE.Expired;"
  for (const auto& n : kNdrSubjects) {
    const std::size_t p = diag.find(n.phrase);
    if (p == std::string_view::npos || p == 0 || diag[p - 1] != ' ') continue;
    const std::size_t end = p + n.phrase.size();
    if (end < diag.size() && diag[end] == ';') return n.reason;
  }
  return std::nullopt;
}

}  // namespace

bool scan_exchange2007(const Message& msg, FoundList* out) {
  std::string rhost;
  const std::size_t before = out->size();
  for (Entry& v : read_entries(msg, &rhost)) {
    FoundRecipient& r = formats::add_recipient(out, v.address);
    r.reply_code = v.reply;
    r.status = v.status;
    r.reason_hint = ndr_reason(v.diagnosis);
    r.diagnostic = formats::sweep(v.diagnosis);
  }
  if (out->size() > before) return true;
  // The other languages and versions.
  for (formats::ExchangeEntry& v : formats::read_exchange_ndr(msg.error_text)) {
    FoundRecipient& r = formats::add_recipient(out, v.address);
    r.reason_hint = ndr_reason(v.diagnosis);
    if (!r.reason_hint) r.reason_hint = formats::exchange_sentence_reason(v.diagnosis);
    if (v.delayed) r.action = "delayed";
    r.diagnostic = std::move(v.diagnosis);
  }
  return out->size() > before;
}

void refine_exchange2007(const Message& msg, FoundList* found) {
  std::string rhost;
  std::vector<Entry> entries = read_entries(msg, &rhost);
  if (entries.empty()) {
    // The other languages: the administrators' lines, codes scanned from them.
    for (formats::ExchangeEntry& v : formats::read_exchange_ndr(msg.error_text)) {
      Entry e{std::move(v.address), {}, {}, std::move(v.diagnosis)};
      e.status = formats::status_in(e.diagnosis);
      e.reply = formats::find_reply(e.diagnosis);
      entries.push_back(std::move(e));
    }
  }
  for (FoundRecipient& r : *found) {
    const std::string addr = clean_address(r.address);
    for (const Entry& v : entries) {
      if (clean_address(v.address) != addr || v.diagnosis.empty()) continue;
      // The administrators' section states the remote reply; the DSN
      // fields, when present, stay as the reporting server wrote them.
      if (r.reply_code.empty()) r.reply_code = v.reply;
      if (r.status.empty()) r.status = v.status;
      if (r.diagnostic.empty()) r.diagnostic = formats::sweep(v.diagnosis);
      const std::optional<Reason> reason = ndr_reason(v.diagnosis);
      if (reason) r.reason_hint = reason;
      break;
    }
  }
}

const Family exchange2007_family{"Exchange2007", is_exchange2007, scan_exchange2007,
                                 refine_exchange2007};

}  // namespace smtp_explain
