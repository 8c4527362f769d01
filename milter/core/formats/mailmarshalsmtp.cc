// MailMarshal SMTP bounces (Subject 'Undeliverable Mail: "..."'), ported from
// Sisimai's Lhost::MailMarshalSMTP (BSD 2-clause, third_party/sisimai/LICENSE):
//   Your message:
//      From:    originalsender@example.com
//   Could not be delivered because of
//   550 5.1.1 User unknown
//   The following recipients were affected:
//       dummyuser@example.com
//   Additional Information ... Reporting-MTA: <relay.example.com>
#include "formats.h"
#include "group_b_helpers.h"
#include "text_util.h"

namespace smtp_explain {

bool scan_mailmarshalsmtp(const Message& msg, std::vector<FoundRecipient>* out) {
  if (!group_b::starts(msg.headers.get("Subject"), "Undeliverable Mail: \"")) return false;

  const std::size_t before = out->size();
  std::string diagnostic;
  std::string reporting;
  bool reading = false;
  bool in_error = false;
  bool end_of_error = false;
  for (std::string_view line : split_lines(error_part(msg.text))) {
    if (!reading) reading = group_b::starts(line, "Your message:");
    if (!reading) continue;
    // "    dummyuser@example.com" (exactly four blanks, then the address alone)
    if (line.size() > 4 && group_b::starts(line, "    ") && !is_space_or_tab(line[4]) &&
        line.find('@') != std::string_view::npos &&
        line.substr(4).find_first_of(" \t") == std::string_view::npos) {
      out->push_back(group_b::recipient_at(line.substr(4)));
      continue;
    }
    if (line == "Could not be delivered because of") {
      in_error = true;
      continue;
    }
    if (in_error && !end_of_error) {
      if (group_b::starts(line, "The following recipients were affected:")) {
        end_of_error = true;
        continue;
      }
      diagnostic += ' ';
      diagnostic += line;
      continue;
    }
    if (group_b::starts(line, "Reporting-MTA:")) {
      std::string_view v = trim(line.substr(14));
      if (v.size() > 2 && v.front() == '<' && v.back() == '>') {
        reporting = std::string(v.substr(1, v.size() - 2));
      }
    }
  }
  const std::string diag = group_b::sweep(diagnostic);
  for (std::size_t i = before; i < out->size(); ++i) {
    (*out)[i].diagnostic = diag;
    (*out)[i].remote_mta = reporting;
  }
  return out->size() > before;
}

}  // namespace smtp_explain
