// Mimecast text bounces (Sisimai 5's Lhost::Mimecast family; the Sisimai 4
// installed here has no such module, so this reads the format as Mimecast
// writes it, without a reason table of its own). Recognised by Mimecast's
// headers (X-Mimecast-Originator, X-MC-System, or a Message-Id under
// mimecast.lan) and a Subject with "Email Delivery Failure":
//   An email that you attempted to send to the following address could not be delivered:
//   -- sabineko@example.org
//   The problem appears to be :
//   -- Recipient email address is possibly incorrect
//   Additional information follows :
//   -- 5.4.1 Recipient address rejected: Access denied. [...]
// One recipient per message. The additional information is the remote reply
// and becomes the diagnostic; without it, Mimecast's own sentence is used.
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

bool is_mimecast(const HeaderList& h) {
  const bool mimecast = h.has("X-Mimecast-Originator") || h.has("X-MC-System") ||
                        trim(h.get("Message-ID")).ends_with(".mimecast.lan>");
  return mimecast && h.get("Subject").find("Email Delivery Failure") != std::string_view::npos;
}

enum class Section { kNone, kAddress, kProblem, kInformation };

}  // namespace

bool scan_mimecast(const Message& msg, FoundList* out) {
  Section section = Section::kNone;
  std::string address, problem, information;
  for (std::string_view line : split_lines(msg.error_text)) {
    const std::string_view t = trim(line);
    if (t.empty()) {
      section = Section::kNone;
      continue;
    }
    if (t.find("could not be delivered:") != std::string_view::npos) {
      section = Section::kAddress;
    } else if (t.starts_with("The problem appears to be")) {
      section = Section::kProblem;
    } else if (t.starts_with("Additional information follows")) {
      section = Section::kInformation;
    } else if (section == Section::kAddress && t.starts_with("-- ") && address.empty()) {
      address = std::string(trim(t.substr(3)));
    } else if (section == Section::kProblem) {
      problem += ' ';
      problem += t.starts_with("-- ") ? t.substr(3) : t;
    } else if (section == Section::kInformation) {
      information += ' ';
      information += t.starts_with("-- ") ? t.substr(3) : t;
    }
  }
  if (address.find('@') == std::string::npos) return false;
  FoundRecipient& r = formats::add_recipient(out, address);
  r.diagnostic = formats::sweep(information.empty() ? problem : information);
  return true;
}

const Family mimecast_family{"Mimecast", is_mimecast, scan_mimecast};

}  // namespace smtp_explain
