// Courier MTA bounces, ported from Sisimai::Lhost::Courier (BSD 2-clause,
// third_party/sisimai/LICENSE): From "Courier mail server at ...", Subject
// "NOTICE: mail delivery status." / "WARNING: delayed mail.", or a Message-ID
// "<courier.4D02EDDF....". A multipart/report whose delivery-status part the
// RFC 3464 reader reads; the module adds the failed command from the first
// ">>> XXXX" line of the text after "UNDELIVERABLE MAIL" (or "DELAYS IN
// DELIVERING YOUR MESSAGE"), and the reason for Courier's DNS sentences.
#include "family_text.h"
#include "text_search.h"
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

// Courier's own text: "running the Courier mail server" in the preamble.
bool text_is_courier(const Message& msg) {
  return contains_bytes(msg.error_text, "running the Courier mail server");
}

// "<a@b>:" alone at the start of a line.
std::string_view recipient_line(std::string_view line) {
  std::string_view t = line;
  while (!t.empty() && is_space_or_tab(t.back())) t.remove_suffix(1);
  if (t.size() < 5 || t.front() != '<' || !t.ends_with(">:")) return {};
  std::string_view a = t.substr(1, t.size() - 3);
  return formats::is_bare_address(a) ? a : std::string_view();
}

}  // namespace

// The text part alone (a gateway dropped the delivery-status part, or an old
// courierdsn): after the banner "UNDELIVERABLE MAIL" (or "DELAYS IN DELIVERING
// YOUR MESSAGE"), each "<address>:" line opens a recipient, the indented host
// line and the ">>> command" / "<<< reply" lines below it are its error, up to
// the next address or the closing line of dashes.
bool scan_courier(const Message& msg, FoundList* out) {
  if (!is_courier(msg.headers) && !text_is_courier(msg)) return false;
  const std::size_t before = out->size();
  bool reading = false;
  bool delayed = false;
  for (std::string_view line : split_lines(msg.error_text)) {
    const std::string_view t = trim(line);
    if (!reading) {
      if (t == "UNDELIVERABLE MAIL") reading = true;
      if (t == "DELAYS IN DELIVERING YOUR MESSAGE") reading = delayed = true;
      continue;
    }
    if (t.starts_with("-----")) {
      if (out->size() > before) break;
      continue;
    }
    if (std::string_view a = recipient_line(line); !a.empty()) {
      formats::add_recipient(out, a);
      continue;
    }
    if (out->size() == before || t.empty()) continue;
    FoundRecipient& r = out->back();
    if (t.starts_with(">>> ")) {
      std::string_view w = trim(t.substr(4));
      if (w.size() >= 4) r.smtp_command = formats::upper(w.substr(0, 4));
      continue;
    }
    if (t.starts_with("<<< ")) {
      r.diagnostic += std::string(t.substr(4)) + " ";
      continue;
    }
    // "mx.example.net [192.0.2.2]:" names the remote host.
    if (r.remote_mta.empty() && t.back() == ':' && formats::has(t, " [")) {
      r.remote_mta = std::string(t.substr(0, t.find(' ')));
      continue;
    }
    r.diagnostic += std::string(t) + " ";
  }
  for (std::size_t k = before; k < out->size(); ++k) {
    FoundRecipient& r = (*out)[k];
    r.diagnostic = formats::sweep(r.diagnostic);
    if (r.smtp_command != "RCPT" && r.smtp_command != "DATA" && r.smtp_command != "MAIL" &&
        r.smtp_command != "HELO" && r.smtp_command != "EHLO") {
      r.smtp_command.clear();
    }
    r.reason_hint = formats::reason_for_phrases(r.diagnostic, kMessages);
    if (delayed) r.action = "delayed";
  }
  return out->size() > before;
}

void refine_courier(const Message& msg, FoundList* found) {
  // A candidate for every delivery report (notices): refine only Courier's.
  if (!is_courier(msg.headers) && !text_is_courier(msg)) return;
  const std::string command = transcript_command(msg.text);
  for (FoundRecipient& r : *found) {
    const std::optional<Reason> reason =
        formats::reason_for_phrases(formats::sweep(r.diagnostic), kMessages);
    if (reason) r.reason_hint = reason;
    if (r.smtp_command.empty()) r.smtp_command = command;
  }
}

const Family courier_family{"Courier", is_courier, scan_courier, refine_courier, false, true};

}  // namespace smtp_explain
