// Postfix bounces of every version, after Sisimai's Lhost::Postfix (BSD
// 2-clause, third_party/sisimai/LICENSE) and Postfix's own templates
// (bounce_notify_util.c, bounce_template.c):
//   Postfix 1.x-2.2  "This is the Postfix program at host mail.example.org."
//                    ... "\t\t\tThe Postfix program"
//   Postfix 2.3+     "This is the mail system at host mail.example.org."
//                    ... "                   The mail system"
// then one paragraph per recipient, continued by indented lines:
//   <kijitora@example.jp>: host mx.example.jp[192.0.2.1] said: 550 5.1.1
//       <kijitora@example.jp>: Recipient address rejected: User unknown (in
//       reply to RCPT TO command)
//   <r@example.org> (expanded from <alias@example.org>): unknown user: "r"
// (Postfix 1.x has no "(in reply to ... command)"). The delay notice
// ("Delayed Mail (still being retried)", "THIS IS A WARNING ONLY") has the
// same paragraphs for recipients still queued.
//
// DSNs (2.0+) are read by the RFC 3464 reader and refined here: the text part
// names the command each reply answered and often carries the fuller remote
// reply. Bounces without a delivery-status part (Postfix 1.x, or a gateway
// that removed the attachments) are read from the paragraphs alone.
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

namespace {
bool claims(const HeaderList& h);
}  // namespace

void refine_postfix(const Message& msg, FoundList* found) {
  // A candidate for every delivery report (Family::notices): refine only
  // what Postfix wrote.
  if (!claims(msg.headers) && !formats::has(msg.error_text, "This is the Postfix program") &&
      !formats::has(msg.error_text, "This is the mail system at host ")) {
    return;
  }
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

bool subject_is_postfix(std::string_view subject) {
  return subject == "Undelivered Mail Returned to Sender" ||
         subject == "Delayed Mail (still being retried)";
}

bool claims(const HeaderList& h) {
  return subject_is_postfix(h.get("Subject")) && !h.has("X-AOL-IP");
}

// "<a@b>: text" or "<a@b> (expanded from <c@d>): text" at the start of a
// line: the address, the alias and the text after the colon.
bool paragraph_start(std::string_view line, std::string_view* address, std::string_view* alias,
                     std::string_view* text) {
  if (line.size() < 6 || line.front() != '<') return false;
  const std::size_t gt = line.find('>');
  if (gt == std::string_view::npos) return false;
  const std::string_view a = line.substr(1, gt - 1);
  if (a.find('@') == std::string_view::npos || a.find_first_of(" \t<") != std::string_view::npos) {
    return false;
  }
  std::string_view rest = line.substr(gt + 1);
  *alias = {};
  if (formats::starts(rest, " (expanded from <")) {
    const std::size_t close = rest.find(">):");
    if (close == std::string_view::npos) return false;
    *alias = rest.substr(17, close - 17);
    rest = rest.substr(close + 2);
  }
  if (!formats::starts(rest, ":")) return false;
  *address = a;
  *text = trim(rest.substr(1));
  return true;
}

// "host mx.example.jp[192.0.2.1] said:", "connect to mx.example.jp[192.0.2.1]":
// the host name before the bracketed address.
std::string remote_host(std::string_view diag) {
  for (std::string_view key : {"host ", "connect to ", "with "}) {
    for (std::size_t p = diag.find(key); p != std::string_view::npos; p = diag.find(key, p + 1)) {
      if (p > 0 && !is_space_or_tab(diag[p - 1])) continue;
      std::string_view rest = diag.substr(p + key.size());
      const std::size_t open = rest.find('[');
      if (open == 0 || open == std::string_view::npos) continue;
      const std::string_view host = rest.substr(0, open);
      if (host.find_first_of(" \t") != std::string_view::npos) continue;
      return std::string(host);
    }
  }
  return {};
}

bool is_delay_notice(const Message& msg, std::string_view text) {
  return msg.headers.get("Subject").starts_with("Delayed Mail") ||
         formats::has(text, "THIS IS A WARNING ONLY") ||
         formats::has(text, "YOU DO NOT NEED TO RESEND YOUR MESSAGE") ||
         formats::has(text, "This is a delivery status notification, NOT an error");
}

}  // namespace

bool scan_postfix(const Message& msg, FoundList* out) {
  const std::string_view text = msg.error_text;
  // The templates' first line; a customised template (a translated
  // bounce_template_file) is read from the top when the headers are Postfix's.
  std::size_t start = text.find("This is the Postfix program");
  if (start == std::string_view::npos) start = text.find("This is the mail system at host ");
  if (start == std::string_view::npos) {
    if (!claims(msg.headers)) return false;
    start = 0;
  }
  // Success and verification reports list delivered recipients the same way.
  if (formats::has(text, "was successfully delivered to the destination") ||
      formats::has(text, "Enclosed is the mail delivery report that you requested")) {
    return false;
  }
  const bool delayed = is_delay_notice(msg, text);
  const std::size_t before = out->size();
  bool open = false;  // the last recipient's paragraph goes on
  for (std::string_view line : split_lines(text.substr(start))) {
    std::string_view address, alias, rest;
    if (paragraph_start(line, &address, &alias, &rest)) {
      FoundRecipient& r = formats::add_recipient(out, address);
      r.original_recipient = std::string(alias);
      r.diagnostic = std::string(rest);
      open = true;
      continue;
    }
    if (!open) continue;
    if (line.empty() || !is_space_or_tab(line.front())) {
      open = false;
      continue;
    }
    FoundRecipient& r = out->back();
    r.diagnostic += ' ';
    r.diagnostic += trim(line);
  }
  for (std::size_t i = before; i < out->size(); ++i) {
    FoundRecipient& r = (*out)[i];
    r.diagnostic = formats::sweep(r.diagnostic);
    r.smtp_command = reply_to_command(r.diagnostic);
    r.remote_mta = remote_host(r.diagnostic);
    if (delayed) r.action = "delayed";
    // local(8): 'unknown user: "name"' (no code: the user is not in passwd
    // or aliases).
    if (formats::starts(r.diagnostic, "unknown user: \"")) r.reason_hint = Reason::kUserUnknown;
  }
  return out->size() > before;
}

const Family postfix_family{"Postfix", claims, scan_postfix, refine_postfix, false, true};

}  // namespace smtp_explain
