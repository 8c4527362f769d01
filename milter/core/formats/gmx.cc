// GMX / mail.com bounces, ported from Sisimai::Lhost::GMX (BSD 2-clause,
// third_party/sisimai/LICENSE): an X-GMX-Antispam header. Body:
//   This message was created automatically by mail delivery software.
//   ...
//   "a@b":                                  (or "<a@b>")
//   SMTP error from remote server after RCPT command:
//   host: mx.example.co.jp
//   5.2.1 <a@b>... User Unknown              (or "Reason:" and the reason below)
//   --- The header of the original message is following. ---
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr formats::PhraseReason kMessages[] = {
    {"delivery retry timeout exceeded", Reason::kExpired},
};

constexpr std::string_view kStart =
    "This message was created automatically by mail delivery software";

struct Record {
  std::string address, command, rhost, diagnosis;
};

// "\"a@b\":" or "<a@b>": the address, else empty.
std::string_view recipient_line(std::string_view e) {
  std::string_view a;
  if (e.size() > 4 && e.starts_with("\"") && e.ends_with("\":")) {
    a = e.substr(1, e.size() - 3);
  } else if (e.size() > 2 && e.starts_with("<") && e.ends_with(">")) {
    a = e.substr(1, e.size() - 2);
  } else {
    return {};
  }
  const std::size_t at = a.find('@');
  if (a.find(' ') != std::string_view::npos || at == std::string_view::npos || at == 0 ||
      at + 1 >= a.size()) {
    return {};
  }
  return a;
}

// "SMTP error from remote server after RCPT command:": "RCPT", else empty.
std::string command_line(std::string_view e) {
  constexpr std::string_view kTail = " command:";
  if (!e.starts_with("SMTP error ") || !e.ends_with(kTail)) return {};
  e.remove_suffix(kTail.size());
  if (e.size() < 16 || e[e.size() - 5] != ' ') return {};
  const std::string_view cmd = e.substr(e.size() - 4);
  for (char c : cmd) {
    if (c < 'A' || c > 'Z') return {};
  }
  return std::string(cmd);
}

// A line that states a code or an address: "5.2.1 <a@b>... User Unknown".
bool has_code_or_address(std::string_view e) {
  return !formats::find_status(e).empty() || !formats::last_angle_address(e).empty() ||
         !formats::find_reply(e).empty();
}

}  // namespace

bool scan_gmx(const Message& msg, FoundList* out) {
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
    } else if (std::string cmd = command_line(e); !cmd.empty()) {
      v->command = std::move(cmd);
    } else if (e.starts_with("host:")) {
      v->rhost = std::string(trim(e.substr(5)));
    } else if (has_code_or_address(e)) {
      if (v->diagnosis.empty()) v->diagnosis = std::string(e);
    } else if (e == "Reason:" || v->diagnosis == "Reason:") {
      v->diagnosis = std::string(e);
    }
  }
  const std::size_t before = out->size();
  for (Record& v : recs) {
    if (v.address.empty()) continue;
    FoundRecipient& r = formats::add_recipient(out, v.address);
    r.diagnostic = formats::sweep(v.diagnosis);
    r.smtp_command = v.command;
    r.remote_mta = v.rhost;
    r.reason_hint = formats::reason_for_phrases(r.diagnostic, kMessages);
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  return h.has("X-GMX-Antispam");
}

}  // namespace

const Family gmx_family{"GMX", claims, scan_gmx};

}  // namespace smtp_explain
