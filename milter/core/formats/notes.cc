// Lotus Notes bounces (Subject "Undeliverable message"), ported from Sisimai's
// Lhost::Notes (BSD 2-clause, third_party/sisimai/LICENSE):
//   ------- Failure Reasons  --------
//   User not listed in public Name & Address Book
//   kijitora@notes.example.jp
//   ------- Returned Message --------
// The reason text comes before the address; when no address is given the
// returned original's To: is the recipient.
#include "family_text.h"
#include "text_search.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr formats::PhraseReason kReasons[] = {
    {"User not listed in public Name & Address Book", Reason::kUserUnknown},
    {"\xE3\x83\x87\xE3\x82\xA3\xE3\x83\xAC\xE3\x82\xAF\xE3\x83\x88\xE3\x83\xAA"
     "\xE3\x81\xAE\xE3\x83\xAA\xE3\x82\xB9\xE3\x83\x88\xE3\x81\xAB\xE3\x81\x82"
     "\xE3\x82\x8A\xE3\x81\xBE\xE3\x81\x9B\xE3\x82\x93",
     Reason::kUserUnknown},  // ディレクトリのリストにありません
    {"Message has exceeded maximum hop count", Reason::kNetworkError},
};

// "To: ..." of the returned original, from its parsed headers or the text.
std::string original_to(const Message& msg, std::string_view original) {
  if (std::string_view to = msg.original_headers.get("To"); !to.empty()) {
    return std::string(first_address(to));
  }
  for (std::string_view line : split_lines(original)) {
    if (istarts_with(line, "To:")) return std::string(first_address(line.substr(3)));
  }
  return {};
}

}  // namespace

bool scan_notes(const Message& msg, FoundList* out) {
  const std::string_view text = msg.text;
  // Told by its banner (notices): one search before any line is split.
  if (!contains_bytes(text, "------- Failure Reasons ")) return false;
  const std::string_view error =
      formats::cut_before_line(text, "------- Returned Message --------");
  const std::size_t before = out->size();
  std::string pending;  // error text read before the first address
  bool reading = false;
  for (std::string_view line : split_lines(error)) {
    if (!reading) {
      reading = formats::starts(line, "------- Failure Reasons ");
      continue;
    }
    const std::size_t at = line.find('@');
    if (!line.empty() && line.front() != ' ' && at != std::string_view::npos && at > 0 &&
        line.substr(0, at).find(' ') == std::string_view::npos && at + 1 < line.size() &&
        line[at + 1] != ' ') {
      if (out->size() > before && out->back().address.empty()) {
        out->back().address = std::string(trim(line));
      } else {
        FoundRecipient r = formats::recipient_at(trim(line));
        r.diagnostic = std::move(pending);
        pending.clear();
        out->push_back(std::move(r));
      }
      continue;
    }
    if (line.empty() || line.front() == '-') continue;
    std::string& diag = out->size() > before ? out->back().diagnostic : pending;
    diag += line;
  }
  // Without Notes' own banner the text is not Notes' (other products also
  // write "Undeliverable message" Subjects): do not guess from the original.
  if (!reading) return false;
  if (out->size() == before) {
    std::string to = original_to(msg, text.substr(error.size()));
    if (to.empty()) return false;
    FoundRecipient r = formats::recipient_at(to);
    r.diagnostic = std::move(pending);
    out->push_back(std::move(r));
  }
  for (std::size_t i = before; i < out->size(); ++i) {
    FoundRecipient& r = (*out)[i];
    r.diagnostic = formats::sweep(r.diagnostic);
    r.reason_hint = formats::reason_for_phrases(r.diagnostic, kReasons, formats::Case::kIgnore);
    if (r.reason_hint == Reason::kUserUnknown) r.status = "5.1.1";
  }
  return true;
}

namespace {

bool claims(const HeaderList& h) {
  return h.get("Subject").starts_with("Undeliverable message");
}

}  // namespace

const Family notes_family{"Notes", claims, scan_notes, nullptr, false, true};

}  // namespace smtp_explain
