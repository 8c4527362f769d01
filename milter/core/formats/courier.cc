// Courier MTA bounces, ported from Sisimai::Lhost::Courier (BSD 2-clause,
// third_party/sisimai/LICENSE): From "Courier mail server at ...", Subject
// "NOTICE: mail delivery status." / "WARNING: delayed mail.", or a Message-ID
// "<courier.4D02EDDF....". A multipart/report whose delivery-status part the
// RFC 3464 reader reads; the module adds the failed command from the first
// ">>> XXXX" line of the text after "UNDELIVERABLE MAIL" (or "DELAYS IN
// DELIVERING YOUR MESSAGE"), and the reason for Courier's DNS sentences.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr formats::PhraseReason kMessages[] = {
    {"No such domain.", Reason::kHostUnknown},
    {"This domain's DNS violates RFC 1035.", Reason::kSystemError},
    {"DNS lookup failed.", Reason::kNetworkError},
};

// "<courier.4D02EDDF.": upper-case hex between the dots.
bool is_courier_message_id(std::string_view mid) {
  mid = trim(mid);
  if (!mid.starts_with("<courier.")) return false;
  std::size_t i = 9, n = 0;
  while (i < mid.size() && ((mid[i] >= '0' && mid[i] <= '9') || (mid[i] >= 'A' && mid[i] <= 'F'))) {
    ++i, ++n;
  }
  return n > 0 && i < mid.size() && mid[i] == '.';
}

bool is_courier(const HeaderList& headers) {
  if (formats::has(headers.get("From"), "Courier mail server at ")) return true;
  const std::string_view subject = headers.get("Subject");
  if (formats::has(subject, "NOTICE: mail delivery status.") ||
      formats::has(subject, "WARNING: delayed mail.")) {
    return true;
  }
  return is_courier_message_id(headers.get("Message-ID"));
}

// The first ">>> XXXX" command after the start marker, or empty.
std::string transcript_command(std::string_view text) {
  const auto lines = split_lines(text);
  bool started = false;
  for (std::string_view e : lines) {
    if (!started) {
      started = formats::has(e, "DELAYS IN DELIVERING YOUR MESSAGE") ||
                formats::has(e, "UNDELIVERABLE MAIL");
      continue;
    }
    if (!e.starts_with(">>>")) continue;
    std::string_view w = e.substr(3);
    if (w.empty() || w[0] != ' ') continue;
    w = trim(w);
    if (w.size() < 4) continue;
    bool upper = true;
    for (std::size_t k = 0; k < 4; ++k) upper = upper && w[k] >= 'A' && w[k] <= 'Z';
    if (upper) return std::string(w.substr(0, 4));
  }
  return {};
}

}  // namespace

void refine_courier(const Message& msg, FoundList* found) {
  const std::string command = transcript_command(msg.text);
  for (FoundRecipient& r : *found) {
    const std::optional<Reason> reason =
        formats::reason_for_phrases(formats::sweep(r.diagnostic), kMessages);
    if (reason) r.reason_hint = reason;
    if (r.smtp_command.empty()) r.smtp_command = command;
  }
}

const Family courier_family{"Courier", is_courier, nullptr, refine_courier};

}  // namespace smtp_explain
