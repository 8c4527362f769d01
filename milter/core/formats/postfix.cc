// Postfix DSNs (Subject "Undelivered Mail Returned to Sender"), refined after
// the RFC 3464 reader as Sisimai's Lhost::Postfix does (BSD 2-clause,
// third_party/sisimai/LICENSE): the text part names the command each reply
// answered and often carries the fuller remote reply:
//   <kijitora@example.jp>: host mx.example.jp[192.0.2.1] said: 550 5.1.1
//       <kijitora@example.jp>: Recipient address rejected: User unknown (in
//       reply to RCPT TO command)
// Text-only Postfix bounces are read by the generic scanner, which knows this
// shape; the command is then found in the diagnostic by the parser.
#include "code_scan.h"
#include "family_text.h"
#include "smtp_explain/codes.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

bool upper_word(std::string_view w) {
  if (w.size() != 4) return false;
  for (char c : w) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

// "(in reply to RCPT TO command)", "(in reply to end of DATA command)", or a
// line ending "XXXX ... command)".
std::string reply_to_command(std::string_view line) {
  if (std::size_t p = line.find("(in reply to ");
      p != std::string_view::npos && p > 0 && is_space_or_tab(line[p - 1])) {
    std::string_view rest = line.substr(p + 13);
    if (formats::starts(rest, "end of ")) rest.remove_prefix(7);
    if (upper_word(rest.substr(0, 4))) return std::string(rest.substr(0, 4));
  }
  if (line.ends_with("command)")) {
    for (std::size_t i = 0; i + 4 <= line.size(); ++i) {
      if ((i == 0 || !is_ascii_alpha(line[i - 1])) && upper_word(line.substr(i, 4))) {
        return std::string(line.substr(i, 4));
      }
    }
  }
  return {};
}

bool is_start(std::string_view line) {
  std::string_view t = trim(line);
  if (formats::starts(t, "This is the ")) {
    return t.find(" program") != std::string_view::npos ||
           t.find("mail system at host") != std::string_view::npos;
  }
  if (!is_space_or_tab(line.empty() ? 'x' : line.front())) return false;
  return formats::starts(t, "The ") && (t.ends_with(" program") || t == "The mail system");
}

struct Paragraph {
  std::string address;     // cleaned
  std::string diagnostic;  // the "<a@b>: ..." paragraph
};

struct PostfixText {
  std::vector<std::string> commands;  // in order of appearance
  std::vector<Paragraph> paragraphs;  // in order of appearance
  std::string diagnostic;             // the last paragraph (Sisimai's anotherset)
};

PostfixText read_text(std::string_view text) {
  PostfixText out;
  bool reading = false;
  for (std::string_view line : LineRange(text)) {
    if (!reading) {
      reading = is_start(line);
      continue;
    }
    if (line.empty()) continue;
    if (std::string cmd = reply_to_command(line); !cmd.empty()) {
      out.commands.push_back(std::move(cmd));
      if (!out.diagnostic.empty()) {
        out.diagnostic += ' ';
        out.diagnostic += line;
      }
      continue;
    }
    if (line.front() == '<') {
      std::size_t gt = line.find('>');
      if (gt != std::string_view::npos && line.substr(1, gt).find('@') != std::string_view::npos) {
        std::string_view rest = line.substr(gt + 1);
        std::string_view diag;
        bool is_para = false;
        if (formats::starts(rest, " (expanded from <")) {
          std::size_t close = rest.find(">):");
          if (close != std::string_view::npos) {
            diag = trim(rest.substr(close + 3));
            is_para = true;
          }
        } else if (formats::starts(rest, ":")) {
          diag = trim(rest.substr(1));
          is_para = true;
        }
        if (is_para) {
          if (!out.diagnostic.empty() && !out.paragraphs.empty()) {
            out.paragraphs.back().diagnostic = formats::sweep(out.diagnostic);
          }
          out.diagnostic = std::string(diag);
          out.paragraphs.push_back({clean_address(line.substr(1, gt - 1)), {}});
          continue;
        }
      }
    }
    if (!out.diagnostic.empty() && formats::starts(line, "    ")) {
      out.diagnostic += ' ';
      out.diagnostic += line;
    }
  }
  out.diagnostic = formats::sweep(out.diagnostic);
  if (!out.paragraphs.empty()) out.paragraphs.back().diagnostic = out.diagnostic;
  return out;
}

}  // namespace

void refine_postfix(const Message& msg, FoundList* found) {
  static const std::string kNone;
  PostfixText text = read_text(msg.error_text);
  std::size_t next_command = 0;
  for (FoundRecipient& r : *found) {
    // The paragraph that names this recipient; Sisimai's single "another"
    // paragraph only when the text names no recipient of its own.
    const std::string address = clean_address(r.address);
    const std::string* named = nullptr;
    for (const Paragraph& p : text.paragraphs) {
      if (p.address == address) named = &p.diagnostic;
    }
    if (named == nullptr && text.paragraphs.size() > 1) named = &kNone;
    const std::string& another = named != nullptr ? *named : text.diagnostic;
    if (!another.empty()) {
      if (trim(r.diagnostic).empty() || formats::is_only_digits(r.diagnostic)) {
        r.diagnostic = another;
      } else {
        bool took = false;
        const std::string st(trim(r.status));
        if (st.empty() || st.ends_with(".0.0")) {
          std::string as = formats::status_in(another);
          if (!as.empty() && !as.ends_with(".0.0")) {
            r.status = as;
            took = true;
          }
        }
        if (!took && r.reply_code.empty()) {
          std::string ar = scan_codes(another).reply;
          if (!ar.empty() && !ar.ends_with("00") && another.size() > r.diagnostic.size()) {
            took = true;
          }
        }
        if (took) r.diagnostic = another;
      }
    }
    if (r.smtp_command.empty() && next_command < text.commands.size()) {
      r.smtp_command = text.commands[next_command];
    }
    ++next_command;
    if (r.smtp_command.empty() &&
        r.diagnostic.find("refused to talk to me:") != std::string::npos) {
      r.smtp_command = "HELO";
    }
  }
  formats::hint_local_delivery_errors(msg, found);
}

namespace {

bool claims(const HeaderList& h) {
  return h.get("Subject") == "Undelivered Mail Returned to Sender" && !h.has("X-AOL-IP");
}

}  // namespace

const Family postfix_family{"Postfix", claims, nullptr, refine_postfix};

}  // namespace smtp_explain
