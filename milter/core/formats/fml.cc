// fml mailing-list manager notices, ported from Sisimai::Lhost::FML
// (BSD 2-clause, third_party/sisimai/LICENSE): X-MLServer header, From
// "...-admin@...", Message-Id "<digits.FML...@...>"; each line ending in
// "<a@b>." names a recipient, the error is that line and the ones after it,
// up to "Original mail as follows:". The reason comes from the text, else
// from the Subject.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr formats::PhraseReason kErrors[] = {
    {"NOT MEMBER article from ", Reason::kRejected},
    {"reject spammers:", Reason::kRejected},
    {"header may cause mail loop",
     Reason::kRejected},  // "reject since ... header may cause mail loop"
    {"You are not a member of this mailing list", Reason::kRejected},
    {"Duplicated Message-ID", Reason::kSystemError},
    {"has detected a loop condition so that", Reason::kSystemError},  // "fml ... has detected ..."
    {"Loop Back Warning:", Reason::kSystemError},
    {"Security alert:", Reason::kSecurityError},
};

constexpr formats::PhraseReason kTitles[] = {
    {"NOT MEMBER article from ", Reason::kRejected},
    {"Spam mail from a spammer is rejected", Reason::kRejected},
    {"fml system error message", Reason::kSystemError},
    {"Loop Alert: ", Reason::kSystemError},
    {"Loop Back Warning: ", Reason::kSystemError},
    {"WARNING: UNIX FROM Loop", Reason::kSystemError},
    {"Security Alert", Reason::kSecurityError},
};

// "reject mail from a@b" in the text, "reject mail ...: ," / "You ... are not member"
// in the subject: the two regex rows that need more than one fixed phrase.
std::optional<Reason> text_reason(std::string_view d) {
  if (auto r = formats::reason_for_phrases(d, kErrors)) return r;
  const std::size_t p = d.find("reject mail from ");
  if (p != std::string_view::npos && d.find('@', p) != std::string_view::npos)
    return Reason::kRejected;
  return std::nullopt;
}

std::optional<Reason> subject_reason(std::string_view s) {
  if (auto r = formats::reason_for_phrases(s, kTitles)) return r;
  const std::size_t rm = s.find("reject mail ");
  if (rm != std::string_view::npos && (s.find("from ", rm) != std::string_view::npos ||
                                       s.find(": ,", rm) != std::string_view::npos))
    return Reason::kRejected;
  const std::size_t you = s.find("You ");
  if (you != std::string_view::npos && s.find(" are not member", you) != std::string_view::npos)
    return Reason::kRejected;
  return std::nullopt;
}

bool is_fml_message_id(std::string_view mid) {
  mid = trim(mid);
  if (!mid.starts_with("<") || !mid.ends_with(">")) return false;
  std::size_t n = 1;
  while (n < mid.size() && is_ascii_digit(mid[n])) ++n;
  return n > 1 && mid.substr(n).starts_with(".FML") && mid.find('@', n) != std::string_view::npos;
}

}  // namespace

bool scan_fml(const Message& msg, FoundList* out) {
  const auto lines = split_lines(formats::text_before(msg, {"Original mail as follows:"}));
  const std::size_t before = out->size();
  for (std::string_view e : lines) {
    if (e.empty()) continue;
    if (e.ends_with(">.")) {
      std::string_view a = formats::last_angle_address(e.substr(0, e.size() - 1));
      if (!a.empty()) {
        formats::add_recipient(out, a).diagnostic = std::string(e);
        continue;
      }
    }
    if (out->size() > before) out->back().diagnostic += e;
  }
  for (std::size_t k = before; k < out->size(); ++k) {
    FoundRecipient& r = (*out)[k];
    r.diagnostic = formats::sweep(r.diagnostic);
    std::optional<Reason> reason = text_reason(r.diagnostic);
    if (!reason) reason = subject_reason(msg.headers.get("Subject"));
    r.reason_hint = reason;
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  if (!h.has("X-MLServer")) return false;
  const std::size_t admin = h.get("From").find("-admin@");
  return admin != std::string_view::npos && admin != 0 && is_fml_message_id(h.get("Message-Id"));
}

}  // namespace

const Family fml_family{"FML", claims, scan_fml};

}  // namespace smtp_explain
