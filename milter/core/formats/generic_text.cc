// The fallback scanner for text bounces no specific family claimed. It knows
// the shapes most MTAs share:
//   <a@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 ... (Postfix-like)
//   a@example.com
//       SMTP error from remote mail server after RCPT TO:<a@...>: 550 ... (Exim-like)
//   a@example.com ... said: 550 ...  /  550 5.1.1 <a@example.com>: User unknown
// and X-Failed-Recipients. To stay quiet on ordinary mail and on notices we
// cannot read, a recipient is only reported when the headers say the message
// is a delivery report (bounce_gate.h) and
//   - its text carries an SMTP code, or
//   - X-Failed-Recipients lists it, or
//   - it stands in the paragraph after a list introducer ("The following
//     addresses had permanent fatal errors:"), or
//   - the notice says delivery failed ("This is the mail system at host ...",
//     "could not be delivered to one or more recipients", "----- Transcript of
//     session follows -----", ...) and the address opens its line
//     ("<a@example.net>: host not found", an indented address list,
//     "a@example.net... Deferred: Connection timed out"): a recipient and
//     its reason, with no code when the text gives none, or
//   - a line that says delivery failed names it after "to" ("Your message to
//     <a@example.net> could not be delivered", "Error delivering message to
//     a@example.net: ...").
// A notice that says delivery was delayed and will be retried, and nowhere
// that it failed for good, reports its recipients as delayed.
// Only the error text before a returned original is read (generic_region());
// the sender, the list, the bounce's own addressees and postmasters are
// screened out afterwards (screen_text_recipients(), run by the registry).
#include <algorithm>
#include <span>
#include <string>
#include <unordered_map>

#include "bounce_gate.h"
#include "family_text.h"
#include "generic_scope.h"
#include "phrase_set.h"
#include "smtp_explain/codes.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr std::size_t kMaxContinuation = 8;

// True if a failure (4xx/5xx) reply or status code stands at a word start
// somewhere in `text`.
bool has_smtp_code(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i > 0 &&
        (is_ascii_digit(text[i - 1]) || text[i - 1] == '.' || is_ascii_alpha(text[i - 1]))) {
      continue;
    }
    std::string_view rest = text.substr(i);
    if (rest[0] != '4' && rest[0] != '5') continue;
    if (match_status_code(rest) > 0) return true;
    // "550 ", "550-", "550:", "550," or "550" at the end ("ERROR_CODE :550,").
    if (match_reply_code(rest) == 3 &&
        (rest.size() == 3 || !(is_ascii_alpha(rest[3]) || rest[3] == '.' || rest[3] == '@' ||
                               rest[3] == '/' || rest[3] == '%'))) {
      return true;
    }
  }
  return false;
}

// Header-like lines of an embedded message or of the notice itself.
bool is_header_line(std::string_view line) {
  // clang-format off
  static constexpr std::string_view kNames[] = {
      "from:", "to:", "cc:", "reply-to:", "return-path:", "sender:", "message-id:", "received:",
      "subject:", "date:", "x-", "in-reply-to:", "references:", "delivered-to:", "envelope-to:",
      "errors-to:", "list-", "dkim-", "authentication-results:",
      // delivery-status fields written into the text (read by the DSN reader)
      "final-recipient:", "original-recipient:", "action:", "status:", "remote-mta:",
      "diagnostic-code:", "reporting-mta:", "arrival-date:", "last-attempt-date:",
      "received-from-mta:", "will-retry-until:",
  };
  // clang-format on
  if (line.empty()) return false;
  // Only the names that start with the line's first letter are compared
  // (every name starts with a lower-case letter).
  const char first = ascii_lower(line.front());
  for (std::string_view n : kNames) {
    if (n.front() == first && istarts_with(line, n)) return true;
  }
  return false;
}

std::string remote_host_of(std::string_view diag) {
  std::size_t p = ifind(diag, "host ");
  if (p == std::string_view::npos) return {};
  if (p > 0 && is_ascii_alpha(diag[p - 1])) return {};
  std::string_view rest = diag.substr(p + 5);
  std::size_t end = 0;
  while (end < rest.size() && (is_ascii_alpha(rest[end]) || is_ascii_digit(rest[end]) ||
                               rest[end] == '.' || rest[end] == '-')) {
    ++end;
  }
  std::string_view host = rest.substr(0, end);
  if (host.find('.') == std::string_view::npos) return {};
  return std::string(host);
}

// Sentences that introduce the list of failed recipients (from Sisimai's
// Lhost modules and common MTAs). Recipients listed under one count even when
// the text gives no SMTP code.
bool introduces_failed_list(std::string_view line) {
  static constexpr std::string_view kIntroducers[] = {
      "following address(es) failed",
      "following addresses had permanent fatal errors",
      "following addresses had delivery problems",
      "failed addresses follow",
      "did not reach the following recipient",
      "could not be delivered to the following recipient",
      "delivery to the following recipient failed",
      "delivery to the following recipients failed",
      "unable to deliver your message to the following address",
      "delivery has failed to these recipients",
      "your message could not be delivered to the following",
  };
  static const PhraseSet introducers(kIntroducers);
  return introducers.any_in(line);
}

// Sentences by which a notice says that delivery failed for the recipients it
// names (lower case; Sisimai 5.1's Lhost and RFC3464 fallback markers and the
// MTA templates they come from). After one, a line that opens with an address
// names a failed recipient, with or without a code.
bool announces_failure(std::string_view line) {
  static constexpr std::string_view kAnnouncers[] = {
      "could not be delivered to one or more",
      "this is the mail system at host",
      "transcript of session follows",
      "permanent fatal errors",
      "following recipient",
      "following address",
      "following destination",
      "delivery to the following",
      "undeliverable to the following",
      "delivery has failed to these recipients",
      "message could not be delivered",
      "message was undeliverable",
      "mail could not be delivered",
      "unable to deliver",
      "could not deliver",
      "delivery failed",
      "delivery to these recipients or groups failed",
      "failed to deliver",
      "was not delivered to",
  };
  static const PhraseSet announcers(kAnnouncers);
  return line.size() >= 12 && announcers.any_in(line);
}

// A notice that reports success or a relay, not a failure: the announcer rule
// does not apply to it.
bool reports_success(std::string_view text) {
  static const PhraseSet success{"successfully delivered",
                                 "delivery was successful",
                                 "has been relayed",
                                 "was relayed",
                                 "delivery to the following recipients succeeded",
                                 "successfully relayed"};
  return success.any_in(text);
}

bool is_banner(std::string_view line) {
  std::string_view t = trim(line);
  return !t.empty() && (t.front() == '-' || t.front() == '=' || t.front() == '*' ||
                        t.front() == '#' || t.front() == '|');
}

// A session transcript line with a success reply ("Out: 250 2.1.5 Ok",
// "<<< 354 Go ahead"): not part of the error.
bool is_success_transcript_line(std::string_view line) {
  std::string_view t = trim(line);
  for (std::string_view prefix : {"Out:", "<<<", "<<-", "<-"}) {
    if (istarts_with(t, prefix)) {
      t = trim(t.substr(prefix.size()));
      break;
    }
  }
  return match_reply_code(t) == 3 && (t[0] == '2' || t[0] == '3');
}

// "a@example.net wrote:" and the like: a sentence about the address, not a
// recipient line.
bool opens_sentence(std::string_view line) {
  return icontains(line, " wrote") || icontains(line, " schrieb") || icontains(line, " a écrit");
}

// Length of a reply code glued to an address by a multi-line reply
// ("550-a@example.net"): 4, else 0.
std::size_t reply_prefix_length(std::string_view token) {
  return token.size() > 5 && (token[0] == '4' || token[0] == '5') && is_ascii_digit(token[1]) &&
                 is_ascii_digit(token[2]) && token[3] == '-'
             ? 4
             : 0;
}

// A delivery to a pipe command or a file ("|/usr/bin/procmail -a
// list@example.org": command failed, /var/mail/user: cannot append): an
// address in it is an argument, not a recipient.
bool is_junk_line(std::string_view line) {
  std::string_view t = trim(line);
  while (!t.empty() && (t.front() == '<' || t.front() == '"' || t.front() == '\''))
    t.remove_prefix(1);
  return !t.empty() && (t.front() == '|' || t.front() == '/');
}

// True if the line opens with an address (not with "550-" glued to one: that
// line continues a reply).
bool starts_with_address(std::string_view line) {
  std::string_view t = trim(line);
  while (!t.empty() && (t.front() == '<' || t.front() == '"' || t.front() == '\''))
    t.remove_prefix(1);
  // "<mailto:a@example.net>", "ORCPT=rfc822;a@example.net": prefixes, not
  // part of the address.
  for (std::string_view prefix : {std::string_view("mailto:"), std::string_view("orcpt=")}) {
    if (istarts_with(t, prefix)) t.remove_prefix(prefix.size());
  }
  if (istarts_with(t, "rfc822;")) t = trim(t.substr(7));
  std::string_view a = first_address(t);
  return !a.empty() && a.data() == t.data() && reply_prefix_length(a) == 0;
}

// A sentence that names the failed recipient after "to" in a line saying that
// delivery failed: "Your message to <a@example.net> could not be delivered",
// "Error delivering message to a@example.net: host not found", "The message
// you sent to a@example.net was rejected because ...". `address` is the first
// address of `line`.
bool failure_sentence_names(std::string_view line, std::string_view address) {
  static constexpr std::string_view kFailed[] = {
      "could not be delivered",
      "couldn't be delivered",
      "was not delivered",
      "not be delivered",
      "undeliverable",
      "delivery failed",
      "delivery to",
      "unable to deliver",
      "could not deliver",
      "error delivering",
      "failed",
      "was rejected",
      "has been rejected",
      "was refused",
      "has been refused",
      "permanent error",
  };
  static const PhraseSet failed(kFailed);
  if (!failed.any_in(line)) return false;
  std::string_view head = line.substr(0, static_cast<std::size_t>(address.data() - line.data()));
  while (!head.empty() && (is_space_or_tab(head.back()) || head.back() == '<' ||
                           head.back() == '"' || head.back() == '\'')) {
    head.remove_suffix(1);
  }
  if (!head.empty() && head.back() == ':') head.remove_suffix(1);
  for (std::string_view word : {std::string_view("to"), std::string_view("recipient")}) {
    if (head.size() >= word.size() && iequals(head.substr(head.size() - word.size()), word) &&
        (head.size() == word.size() || !is_ascii_alpha(head[head.size() - word.size() - 1]))) {
      return true;
    }
  }
  return false;
}

// A notice that says delivery is delayed and will be retried, and nowhere
// that it failed for good: its recipients are delays, not failures.
bool says_delay(std::string_view line) {
  static constexpr std::string_view kDelay[] = {
      "has been delayed",
      "been delayed",
      "is delayed",
      "delivery delayed",
      "will be retried",
      "will retry",
      "will continue trying",
      "still trying",
      "not yet been delivered",
      "delivery attempts will continue",
      "will keep trying",
  };
  static const PhraseSet delay(kDelay);
  return delay.any_in(line);
}
bool says_permanent(std::string_view line) {
  static constexpr std::string_view kPermanent[] = {
      "permanent", "fatal",           "could not be delivered", "undeliverable",    "giving up",
      "gave up",   "will be deleted", "has been returned",      "not be delivered",
  };
  static const PhraseSet permanent(kPermanent);
  return permanent.any_in(line);
}

}  // namespace

bool scan_generic_text(const Message& msg, FoundList* out) {
  std::vector<std::string> listed;  // X-Failed-Recipients
  for (std::string_view v : msg.headers.all("X-Failed-Recipients")) {
    for (std::string_view a : find_addresses(v)) listed.push_back(clean_address(a));
  }
  const std::string notice_from = clean_address(first_address(msg.headers.get("From")));

  // A DSN whose fields name the recipients has been read already: the
  // scanners only lend it text (pipeline: enrich_from_text), so the rules
  // that find recipients without a code are not needed, nor the stricter
  // region (what is read must match a stated recipient anyway).
  const bool dsn_stated = dsn_states_recipients(msg);
  const std::string_view region = dsn_stated ? msg.error_text : generic_region(msg);
  const std::vector<std::string_view> lines = split_lines(region);
  // Each is one pass over the region (PhraseSet).
  const bool success = dsn_stated || reports_success(region);
  const bool delay = !dsn_stated && says_delay(region);
  const bool permanent = delay && says_permanent(region);
  bool announced = false;  // an announcer line stands at or above this one
  const std::size_t before = out->size();
  std::unordered_map<std::string, std::size_t> index;  // address -> position in *out
  std::size_t after_last = 0;                          // the line after the last recipient's text
  // Lines that an introducer ("The following address(es) failed:") says
  // list failed recipients: that line and the next paragraph.
  std::size_t listed_until = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (introduces_failed_list(line)) {
      std::size_t k = i + 1;
      while (k < lines.size() && trim(lines[k]).empty()) ++k;
      std::size_t taken = 0;
      while (k < lines.size() && !trim(lines[k]).empty() && !is_banner(lines[k]) && taken < 50) {
        ++k;
        ++taken;
      }
      listed_until = k;
    }
    if (!announced && !success) announced = announces_failure(line);
    const bool introduced =
        i < listed_until || (announced && starts_with_address(line) && !opens_sentence(line));
    if (is_header_line(trim(line)) || is_junk_line(line)) continue;
    std::vector<std::string_view> addrs = find_addresses(line);
    if (addrs.empty()) continue;
    // "550-a@example.net is not an active address": the first line of a
    // multi-line reply glued to the address; the code is no part of it.
    const std::size_t glued = reply_prefix_length(addrs.front());
    std::string addr = clean_address(addrs.front().substr(glued));
    if (addr.empty() || addr == notice_from) continue;

    // The diagnostic: the rest of the line after the address, plus the lines
    // that continue it (up to a blank line or the next recipient).
    const char* after = addrs.front().data() + addrs.front().size();
    std::string diag(trim(line.substr(static_cast<std::size_t>(after - line.data()))));
    while (!diag.empty() && (diag.front() == '>' || diag.front() == ':' || diag.front() == ','))
      diag.erase(0, 1);
    std::string before_addr(
        trim(line.substr(0, static_cast<std::size_t>(addrs.front().data() - line.data()))));
    if (has_smtp_code(before_addr)) diag = before_addr + " " + diag;  // "550 5.1.1 <a@b>: ..."
    if (glued != 0) diag = std::string(addrs.front().substr(0, 3)) + " " + diag;
    std::size_t j = i + 1;
    for (; j < lines.size() && j <= i + kMaxContinuation; ++j) {
      std::string_view next = lines[j];
      if (trim(next).empty()) break;
      if (starts_with_address(next) && !is_space_or_tab(next.front())) break;
      if (starts_with_address(next) && is_space_or_tab(line.empty() ? 'x' : line.front()) &&
          next.find_first_not_of(" \t") <= line.find_first_not_of(" \t")) {
        break;
      }
      if (is_success_transcript_line(next) || is_header_line(trim(next))) continue;
      diag += ' ';
      diag += trim(next);
    }
    // The error a paragraph or two below the address ("Delivery to the
    // following recipient failed permanently: / addr / Technical details ...:
    // 554 5.7.0 ..."), unless another recipient comes first.
    if (!has_smtp_code(diag)) {
      std::size_t k = j;
      for (int para = 0; para < 2 && k < lines.size(); ++para) {
        while (k < lines.size() && trim(lines[k]).empty()) ++k;
        std::string text;
        std::size_t taken = 0;
        bool next_recipient = false;
        for (; k < lines.size() && taken < kMaxContinuation && !trim(lines[k]).empty();
             ++k, ++taken) {
          if (starts_with_address(lines[k])) {
            next_recipient = true;
            break;
          }
          // Banner lines ("-------server message") are not part of the error.
          if (text.empty() && is_banner(lines[k])) continue;
          text += ' ';
          text += trim(lines[k]);
        }
        if (next_recipient) break;
        if (has_smtp_code(text)) {
          diag += text;
          j = k;
          break;
        }
      }
    }
    const bool is_listed = std::find(listed.begin(), listed.end(), addr) != listed.end();
    if (!has_smtp_code(diag) && !is_listed && !introduced &&
        (success || !failure_sentence_names(line, addrs.front()))) {
      continue;
    }

    // One entry per address: a later mention with a code improves an earlier one.
    // Looked up by address (an index, not a scan of `out`: a text bounce with
    // 100k recipient lines was quadratic; see hostile_input_test.cc).
    if (auto seen = index.find(addr); seen != index.end()) {
      FoundRecipient* existing = &(*out)[seen->second];
      if (!has_smtp_code(existing->diagnostic) && has_smtp_code(diag)) existing->diagnostic = diag;
    } else {
      index.emplace(addr, out->size());
      FoundRecipient r;
      r.address = addr;
      r.remote_mta = remote_host_of(diag);
      r.diagnostic = std::move(diag);
      out->push_back(std::move(r));
    }
    i = j - 1;
    after_last = j;
  }
  // A list of bare addresses followed by one reason for all of them
  // ("\ta@example.net\n\tb@example.net\n\nReason: host not found"): the
  // paragraph after the list is the diagnostic of each that has none, unless
  // it names an address or starts a copy.
  if (!dsn_stated && out->size() > before) {
    std::size_t k = after_last;
    while (k < lines.size() && trim(lines[k]).empty()) ++k;
    std::string shared;
    for (std::size_t taken = 0;
         k < lines.size() && taken < kMaxContinuation && !trim(lines[k]).empty(); ++k, ++taken) {
      if (!find_addresses(lines[k]).empty()) {
        shared.clear();
        break;
      }
      if (shared.empty() && is_banner(lines[k])) break;
      if (!shared.empty()) shared += ' ';
      shared += trim(lines[k]);
    }
    for (std::size_t r = before; r < out->size() && !shared.empty(); ++r) {
      if (trim((*out)[r].diagnostic).empty()) (*out)[r].diagnostic = shared;
    }
  }
  if (delay && !permanent) {
    for (std::size_t k = before; k < out->size(); ++k) (*out)[k].action = "delayed";
  }
  // Listed recipients still failed when the text names none we can read.
  const bool text_found = out->size() > before;
  for (const std::string& a : listed) {
    if (text_found) break;
    if (a.empty()) continue;
    bool seen = false;
    for (std::size_t k = before; k < out->size(); ++k)
      seen |= clean_address((*out)[k].address) == a;
    if (!seen) {
      FoundRecipient r;
      r.address = a;
      out->push_back(std::move(r));
    }
  }
  return out->size() > before;
}

const Family generic_text_family{"generic", headers_say_delivery_report, scan_generic_text, nullptr,
                                 true};

}  // namespace smtp_explain
