// MDaemon (Alt-N, MDaemon Technologies) bounces, learned from the notices
// MDaemon 6 to 23 write (From "MDaemon@host", Subject "Permanent Delivery
// Failure" / "Warning: Temporary Delivery Failure", an X-MDaemon-Deliver-To
// field naming the sender the notice goes to): a sentence saying whether the
// errors were permanent, then MDaemon's own log of the attempt:
//   The attached message had PERMANENT fatal delivery errors!
//   ...
//   --- Session Transcript ---
//    Mon 2006-02-13 10:00:01.123: Parsing message <...\pd50000001234.msg>
//    Mon 2006-02-13 10:00:01.123: *  From: sender@example.org
//    Mon 2006-02-13 10:00:01.123: *  To: kijitora@example.net
//    ...
//    Mon 2006-02-13 10:00:02.456: --> RCPT To:<kijitora@example.net>
//    Mon 2006-02-13 10:00:02.789: <-- 550 5.1.1 <kijitora@example.net>: User unknown
//   --- End Transcript ---
// A recipient is the address of an "RCPT To:" the remote server refused, or
// every accepted one when it refused the message after DATA; when the session
// never got to RCPT (no MX, connection refused, timeout), the queue file's
// "*  To:" recipient and MDaemon's last error line, without a code. Lines
// read "--> " (sent) and "<-- " (received) after the timestamp. Sisimai has
// no MDaemon module; the transcript shape is the format's telling sign.
#include "family_text.h"
#include "text_search.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr std::string_view kTranscript = "--- Session Transcript ---";
constexpr std::string_view kEnd = "--- End Transcript ---";

// The text after a transcript line's timestamp ("Mon 2006-02-13 10:00:01.123: "),
// or the trimmed line when it has none.
std::string_view after_stamp(std::string_view line) {
  std::string_view t = trim(line);
  // Day name, date with '-', time with ':', then ": ".
  const std::size_t sp = t.find(' ');
  if (sp == std::string_view::npos || sp > 3) return t;
  const std::size_t colon = t.find(": ", sp);
  if (colon == std::string_view::npos || colon > 40) return t;
  std::string_view stamp = t.substr(sp + 1, colon - sp - 1);
  if (stamp.size() < 10 || !is_ascii_digit(stamp[0]) || stamp.find('-') == std::string_view::npos) {
    return t;
  }
  return trim(t.substr(colon + 2));
}

bool is_failure_reply(std::string_view reply) {
  return reply.size() >= 3 && (reply[0] == '4' || reply[0] == '5') && is_ascii_digit(reply[1]) &&
         is_ascii_digit(reply[2]);
}

// "RCPT To:<a@b>" / "RCPT TO: <a@b> NOTIFY=..." -> a@b.
std::string_view rcpt_address(std::string_view cmd) {
  if (!istarts_with(cmd, "RCPT TO:")) return {};
  return first_address(cmd.substr(8));
}

}  // namespace

bool scan_mdaemon(const Message& msg, FoundList* out) {
  const std::string_view text = msg.error_text;
  const std::size_t start = find_bytes(text, kTranscript);
  if (start == std::string_view::npos) return false;
  const std::string_view head = text.substr(0, start);
  const bool permanent = formats::has(head, "PERMANENT");
  const bool warning = !permanent && (icontains(head, "temporary") ||
                                      icontains(head, "has not yet been delivered") ||
                                      icontains(msg.headers.get("Subject"), "Warning"));
  std::string_view body = text.substr(start + kTranscript.size());
  if (std::size_t e = body.find(kEnd); e != std::string_view::npos) body = body.substr(0, e);

  const std::size_t before = out->size();
  std::vector<std::string> accepted;  // RCPT To: the server took
  std::string queued_to;              // "*  To: a@b" of the queue file
  std::string last_error;             // MDaemon's own last message
  std::string pending_rcpt;           // the RCPT whose reply comes next
  std::string remote_host;
  bool in_data = false;
  for (std::string_view line : split_lines(body)) {
    const std::string_view t = after_stamp(line);
    if (t.empty()) continue;
    if (t.starts_with("--> ")) {
      const std::string_view cmd = trim(t.substr(4));
      pending_rcpt = std::string(rcpt_address(cmd));
      if (iequals(cmd, "DATA")) in_data = true;
      continue;
    }
    if (t.starts_with("<-- ")) {
      const std::string_view reply = trim(t.substr(4));
      if (!is_failure_reply(reply)) {
        if (!pending_rcpt.empty() && reply.starts_with("25")) accepted.push_back(pending_rcpt);
        pending_rcpt.clear();
        continue;
      }
      if (!pending_rcpt.empty()) {
        FoundRecipient& r = formats::add_recipient(out, pending_rcpt);
        r.diagnostic = std::string(reply);
        r.smtp_command = "RCPT";
        r.remote_mta = remote_host;
        pending_rcpt.clear();
      } else if (in_data) {
        for (const std::string& a : accepted) {
          FoundRecipient& r = formats::add_recipient(out, a);
          r.diagnostic = std::string(reply);
          r.smtp_command = "DATA";
          r.remote_mta = remote_host;
        }
        accepted.clear();
      } else if (last_error.empty()) {
        last_error = std::string(reply);  // greeting, HELO or MAIL refused
      }
      continue;
    }
    if (t.starts_with("*  To:") || t.starts_with("* To:")) {
      if (queued_to.empty()) queued_to = std::string(first_address(t.substr(t.find(':') + 1)));
      continue;
    }
    if (t.starts_with("*")) continue;  // other queue-file and DNS details
    // "Attempting SMTP connection to [mx.example.net : 25]"
    if (istarts_with(t, "Attempting SMTP connection to [")) {
      std::string_view h = t.substr(31);
      h = h.substr(0, h.find_first_of(" :]"));
      remote_host = std::string(h);
      continue;
    }
    if (istarts_with(t, "Parsing message") || istarts_with(t, "Resolving ") ||
        istarts_with(t, "Waiting for ") || istarts_with(t, "Attempting ") ||
        istarts_with(t, "SMTP session ") || istarts_with(t, "Using default")) {
      continue;
    }
    last_error = std::string(t);  // "Socket connection failed", "No MX ... found"
  }
  if (out->size() == before && !queued_to.empty() && !last_error.empty()) {
    FoundRecipient& r = formats::add_recipient(out, queued_to);
    r.diagnostic = last_error;
    r.remote_mta = remote_host;
  }
  for (std::size_t k = before; k < out->size(); ++k) {
    FoundRecipient& r = (*out)[k];
    r.diagnostic = formats::sweep(r.diagnostic);
    if (warning) r.action = "delayed";
  }
  return out->size() > before;
}

namespace {

bool claims(const HeaderList& h) {
  return h.has("X-MDaemon-Deliver-To") || icontains(h.get("From"), "MDaemon@");
}

}  // namespace

const Family mdaemon_family{"MDaemon", claims, scan_mdaemon, nullptr, false, true};

}  // namespace smtp_explain
