// MailMarshal SMTP bounces (Subject 'Undeliverable Mail: "..."'), ported from
// Sisimai's Lhost::MailMarshalSMTP (BSD 2-clause, third_party/sisimai/LICENSE):
//   Your message:
//      From:    originalsender@example.com
//   Could not be delivered because of
//   550 5.1.1 User unknown
//   The following recipients were affected:
//       dummyuser@example.com
//   Additional Information ... Reporting-MTA: <relay.example.com>
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {

bool scan_mailmarshalsmtp(const Message& msg, FoundList* out) {
  const std::size_t before = out->size();
  std::string diagnostic;
  std::string reporting;
  bool reading = false;
  bool in_error = false;
  bool end_of_error = false;
  for (std::string_view line : split_lines(msg.error_text)) {
    if (!reading) reading = formats::starts(line, "Your message:");
    if (!reading) continue;
    // "    dummyuser@example.com" (exactly four blanks, then the address alone)
    if (line.size() > 4 && formats::starts(line, "    ") && !is_space_or_tab(line[4]) &&
        line.find('@') != std::string_view::npos &&
        line.substr(4).find_first_of(" \t") == std::string_view::npos) {
      out->push_back(formats::recipient_at(line.substr(4)));
      continue;
    }
    if (line == "Could not be delivered because of") {
      in_error = true;
      continue;
    }
    if (in_error && !end_of_error) {
      if (formats::starts(line, "The following recipients were affected:")) {
        end_of_error = true;
        continue;
      }
      diagnostic += ' ';
      diagnostic += line;
      continue;
    }
    if (formats::starts(line, "Reporting-MTA:")) {
      std::string_view v = trim(line.substr(14));
      if (v.size() > 2 && v.front() == '<' && v.back() == '>') {
        reporting = std::string(v.substr(1, v.size() - 2));
      }
    }
  }
  const std::string diag = formats::sweep(diagnostic);
  for (std::size_t i = before; i < out->size(); ++i) {
    (*out)[i].diagnostic = diag;
    (*out)[i].remote_mta = reporting;
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  return h.get("Subject").starts_with("Undeliverable Mail: \"");
}

}  // namespace

const Family mailmarshalsmtp_family{"MailMarshalSMTP", claims, scan_mailmarshalsmtp};

}  // namespace smtp_explain
