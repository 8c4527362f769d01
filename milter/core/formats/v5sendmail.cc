// Sendmail version 5 bounces (Subject "Returned mail: ..."), ported from
// Sisimai's Lhost::V5sendmail (BSD 2-clause, third_party/sisimai/LICENSE):
//      ----- Transcript of session follows -----
//   ... while talking to mx.example.org.:
//   >>> RCPT To:<kijitora@example.org>
//   <<< 550 <kijitora@example.org>... User unknown
//   550 <kijitora@example.org>... User unknown
//      ----- Unsent message follows -----
// The n-th ">>>" command and "<<<" reply belong to the n-th recipient line.
// Sendmail 5 wrote the address bare as often as in brackets ("550
// kijitora@example.org... User unknown"); the line's reply code stands when
// no remote reply gives one. A bounce cut before the returned message is read
// all the same.
#include "code_scan.h"
#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

bool is_upper_word(std::string_view w) {
  if (w.size() != 4) return false;
  for (char c : w) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

// "550 <a@b>... text" -> address and text; false if the line is not so.
bool recipient_line(std::string_view line, std::string_view* addr, std::string_view* text) {
  if (line.size() < 5 || !is_ascii_digit(line[0]) || !is_ascii_digit(line[1]) ||
      !is_ascii_digit(line[2]) || !is_space_or_tab(line[3])) {
    return false;
  }
  std::string_view rest = trim(line.substr(4));
  if (rest.empty()) return false;
  const bool bracket = rest.front() == '<';
  std::size_t end = rest.find(bracket ? ">..." : "...");
  if (end == std::string_view::npos) return false;
  std::string_view a = rest.substr(bracket ? 1 : 0, end - (bracket ? 1 : 0));
  if (a.find('@') == std::string_view::npos || a.find_first_of(" <>") != std::string_view::npos) {
    return false;
  }
  *addr = a;
  *text = trim(rest.substr(end + (bracket ? 4 : 3)));
  return !text->empty();
}

bool claims(const HeaderList& h);

}  // namespace

bool scan_v5sendmail(const Message& msg, FoundList* out) {
  std::string_view error = formats::cut_before_line(msg.text, "----- Unsent message follows -----");
  if (error.size() == msg.text.size()) {
    error = formats::cut_before_line(msg.text, "----- No message was collected -----");
  }
  // Without the returned message, only a V5 Subject says it is V5's.
  if (error.size() == msg.text.size() &&
      (!claims(msg.headers) ||
       msg.text.find("----- Transcript of session follows -----") == std::string_view::npos)) {
    return false;
  }

  const std::size_t before = out->size();
  std::vector<std::string> commands;   // by recipient index
  std::vector<std::string> responses;  // by recipient index
  std::string another;                 // an error line outside a session
  std::string another_reply;           // and its reply code
  bool reading = false;
  bool session_error = false;
  for (std::string_view line : split_lines(error)) {
    if (!reading) {
      reading = line.find("----- Transcript of session follows -----") != std::string_view::npos;
      continue;
    }
    if (line.empty()) continue;
    const std::size_t index = out->size() - before;
    std::string_view addr, text;
    if (recipient_line(line, &addr, &text)) {
      FoundRecipient r = formats::recipient_at(addr);
      r.diagnostic = std::string(text);
      if (index < responses.size() && !responses[index].empty()) {
        r.diagnostic += ": " + responses[index];
      }
      if ((line[0] == '4' || line[0] == '5') && scan_codes(r.diagnostic).reply.empty()) {
        r.reply_code = std::string(line.substr(0, 3));
      }
      out->push_back(std::move(r));
    } else if (formats::starts(line, ">>>")) {
      std::string_view cmd = trim(line.substr(3)).substr(0, 4);
      if (is_upper_word(cmd)) {
        if (commands.size() <= index) commands.resize(index + 1);
        commands[index] = std::string(cmd);
      }
    } else if (formats::starts(line, "<<< ")) {
      if (responses.size() <= index) responses.resize(index + 1);
      responses[index] = std::string(trim(line.substr(4)));
    } else if (!session_error) {
      // "... while talking to mx.example.org.:"
      if (line.front() == '.' && line.back() == ':' &&
          line.find(" while talking to ") != std::string_view::npos) {
        session_error = true;
        continue;
      }
      if (line.size() > 4 && is_ascii_digit(line[0]) && is_ascii_digit(line[1]) &&
          is_ascii_digit(line[2]) && is_space_or_tab(line[3])) {
        std::size_t dots = line.find("...");
        if (dots != std::string_view::npos && !trim(line.substr(dots + 3)).empty()) {
          another = std::string(trim(line.substr(dots + 3)));
          another_reply = std::string(line.substr(0, 3));
        }
      }
    }
  }
  if (out->size() == before) {
    std::string_view to = first_address(msg.original_headers.get("To"));
    if (to.empty()) {
      for (std::string_view line : split_lines(msg.text.substr(error.size()))) {
        if (formats::starts(line, "To:")) {
          to = first_address(line);
          break;
        }
      }
    }
    if (to.empty()) return false;
    out->push_back(formats::recipient_at(to));
  }
  for (std::size_t i = before; i < out->size(); ++i) {
    FoundRecipient& r = (*out)[i];
    const std::size_t index = i - before;
    if (index < commands.size()) r.smtp_command = commands[index];
    if (r.diagnostic.empty() && !another.empty()) r.reply_code = another_reply;
    if (r.diagnostic.empty()) {
      r.diagnostic = !another.empty()           ? another
                     : index < responses.size() ? responses[index]
                                                : std::string();
    }
    r.diagnostic = formats::sweep(r.diagnostic);
  }
  return true;
}

namespace {

bool claims(const HeaderList& h) {
  const std::string_view subject = h.get("Subject");
  return subject.starts_with("Returned mail: ") && subject.size() >= 16 && subject[15] >= 'A' &&
         subject[15] <= 'Z';
}

}  // namespace

const Family v5sendmail_family{"V5sendmail", claims, scan_v5sendmail, nullptr, false, true};

}  // namespace smtp_explain
