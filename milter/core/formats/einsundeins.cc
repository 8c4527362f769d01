// 1&1 (EinsUndEins) bounces, ported from Sisimai::Lhost::EinsUndEins
// (BSD 2-clause, third_party/sisimai/LICENSE): From starting with
// "\"Mail Delivery System\"", Subject exactly "Mail delivery failed:
// returning message to sender". Body:
//   This message was created automatically by mail delivery software.
//   ...
//   a@b            (or "a@b:", a line of its own)
//   For the following reason:
//   Mail size limit exceeded. ...
//   --- The header of the original message is following. ---
// or, for a remote refusal, "SMTP error from remote server for TEXT command,
// host: mx.example (192.0.2.1) reason: 550 5.2.0 ..." below the address.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr formats::PhraseReason kMessages[] = {
    {"Mail size limit exceeded", Reason::kMesgTooBig},
};

constexpr std::string_view kStart =
    "This message was created automatically by mail delivery software";
constexpr std::string_view kError = "For the following reason:";

struct Record {
  std::string address, diagnosis, alterrors;
};

// "a@b" or "a@b:" alone on the line (no spaces).
std::string_view recipient_line(std::string_view e) {
  if (e.find(' ') != std::string_view::npos) return {};
  if (e.ends_with(':')) e.remove_suffix(1);
  const std::size_t at = e.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= e.size()) return {};
  return e;
}

// "host: mx.example (192.0.2.1) reason: 550 ...": the host, or empty.
std::string_view remote_host(std::string_view diag) {
  const std::size_t h = diag.find("host:");
  if (h == std::string_view::npos) return {};
  std::string_view rest = diag.substr(h + 5);
  std::size_t i = 0;
  while (i < rest.size() && rest[i] == ' ') ++i;
  if (i == 0) return {};
  rest.remove_prefix(i);
  const std::size_t sp = rest.find(' ');
  if (sp == std::string_view::npos || sp == 0) return {};
  const std::size_t reason = rest.find(" reason:", sp);
  if (reason == std::string_view::npos || reason == sp) return {};
  return rest.substr(0, sp);
}

}  // namespace

bool scan_einsundeins(const Message& msg, FoundList* out) {
  const auto lines = split_lines(
      formats::text_before(msg, {"--- The header of the original message is following. ---"}));
  std::size_t i = 0;
  while (i < lines.size() && !lines[i].starts_with(kStart)) ++i;
  if (i == lines.size()) return false;
  std::vector<Record> recs(1);
  for (++i; i < lines.size(); ++i) {
    const std::string_view e = lines[i];
    if (e.empty()) continue;
    Record* v = &recs.back();
    if (const std::string_view a = recipient_line(e); !a.empty()) {
      if (!v->address.empty()) v = &recs.emplace_back();
      v->address = std::string(a);
    } else if (e.starts_with(kError)) {
      v->diagnosis = std::string(e);
    } else if (!v->diagnosis.empty()) {
      v->diagnosis += ' ';
      v->diagnosis += e;
    } else {
      v->alterrors += ' ';
      v->alterrors += e;
    }
  }
  const std::size_t before = out->size();
  for (Record& v : recs) {
    if (v.address.empty()) continue;
    FoundRecipient& r = formats::add_recipient(out, v.address);
    std::string diag = v.diagnosis.empty() ? v.alterrors : v.diagnosis;
    if (const std::string_view host = remote_host(diag); !host.empty()) {
      r.remote_mta = std::string(host);
      if (formats::has(diag, "for TEXT command")) r.smtp_command = "DATA";
      r.status = formats::find_status(diag);
      const std::size_t p = diag.find(" reason:");
      r.reply_code = formats::find_reply(std::string_view(diag).substr(p));
    } else if (std::string_view(diag).starts_with(kError)) {
      diag.erase(0, kError.size());
    }
    r.diagnostic = formats::sweep(diag);
    r.reason_hint = formats::reason_for_phrases(r.diagnostic, kMessages);
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  return h.get("From").starts_with("\"Mail Delivery System\"") &&
         h.get("Subject") == "Mail delivery failed: returning message to sender";
}

}  // namespace

const Family einsundeins_family{"EinsUndEins", claims, scan_einsundeins};

}  // namespace smtp_explain
