// Mailing-list servers' notices that name a member whose mail bounced, written
// for this project from the servers' message templates:
//   Mailman 2.1 (templates/<lang>/bounce.txt), to the list owner:
//     This is a Mailman mailing list bounce action notice:
//         List:       Gardening
//         Member:     jane.roe@example.com
//         Action:     Subscription disabled.
//         Reason:     Excessive or fatal bounces.
//     The triggering bounce notice is attached below.
//   Mailman 3 (list:admin:notice:disable / removal), to the list owner:
//     jane.roe@example.com's subscription has been disabled on Gardening due
//     to their bounce score exceeding the mailing list's
//     bounce_score_threshold.
// The member is the failed recipient; the codes are taken from the attached
// triggering bounce when it names the member with one, never invented. The
// list's own addresses (List:, the owner, the -bounces address the notice
// comes from) are never reported. The other notices list servers send
// (moderation holds, rejected postings, LISTSERV/Majordomo/Sympa/ezmlm command
// replies) name no failed delivery and are left alone: they reach no reader
// here (tests/unit/formats_lists_test.cc pins that).
#include <algorithm>
#include <string>

#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr std::size_t kMaxMembers = 100;

// The reply and status the attached triggering bounce gives `member`: the
// first line after `from` naming the address whose text (with the two lines
// after it, a wrapped reply) carries a code.
void codes_from_attachment(std::string_view body, std::size_t from, std::string_view member,
                           FoundRecipient* r) {
  std::size_t at = from;
  for (int tries = 0; tries < 20; ++tries) {
    at = ifind(body, member, at);
    if (at == std::string_view::npos) return;
    std::size_t start = body.rfind('\n', at);
    start = start == std::string_view::npos ? 0 : start + 1;
    std::size_t end = at;
    for (int n = 0; n < 3 && end != std::string_view::npos; ++n) end = body.find('\n', end + 1);
    const std::string text = formats::sweep(
        body.substr(start, (end == std::string_view::npos ? body.size() : end) - start));
    at += member.size();
    // A header field of the attached bounce or of the original names the
    // address too ("To:", "for <...>"): only a reply counts.
    std::string reply = formats::find_reply(text);
    if (reply.empty()) continue;
    r->reply_code = std::move(reply);
    r->status = formats::status_in(text);
    r->diagnostic = text.size() > 600 ? text.substr(0, 600) : text;
    return;
  }
}

// Mailman 2: "Member:" lines after the notice's first line; the "Action:" and
// "Reason:" lines make the diagnostic.
bool read_mailman2(const Message& msg, FoundList* out) {
  const std::string_view text = msg.text;
  const std::size_t notice = ifind(text, "mailing list bounce action notice");
  if (notice == std::string_view::npos) return false;
  const std::size_t before = out->size();
  std::string action;
  std::string reason;
  for (std::string_view line : split_lines(text.substr(notice))) {
    const std::string_view t = trim(line);
    if (istarts_with(t, "The triggering bounce") || istarts_with(t, "Questions?")) break;
    const std::size_t colon = t.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view name = trim(t.substr(0, colon));
    const std::string_view value = trim(t.substr(colon + 1));
    if (iequals(name, "Member") && formats::is_bare_address(value) &&
        out->size() - before < kMaxMembers) {
      formats::add_recipient(out, value);
    } else if (iequals(name, "Action")) {
      action = std::string(value);
    } else if (iequals(name, "Reason")) {
      reason = std::string(value);
    }
  }
  for (std::size_t k = before; k < out->size(); ++k) {
    FoundRecipient& r = (*out)[k];
    r.diagnostic = formats::sweep(action + " " + reason);
    codes_from_attachment(msg.body, 0, r.address, &r);
  }
  return out->size() > before;
}

// Mailman 3: "<member>'s subscription has been disabled on <list> due to their
// bounce score ..." / "<member> has been unsubscribed from <list> due to
// excessive bounces" (the sentence may be wrapped: read as one).
bool read_mailman3(const Message& msg, FoundList* out) {
  const std::string_view text = msg.error_text;
  const bool disabled = icontains(text, "due to their bounce");
  const bool removed = icontains(text, "due to excessive bounces");
  if (!disabled && !removed) return false;
  const std::size_t before = out->size();
  for (std::string_view line : split_lines(text)) {
    const std::string_view t = trim(line);
    const std::size_t has_been = ifind(t, " has been ");
    if (has_been == std::string_view::npos) continue;
    std::string_view who = t.substr(0, has_been);
    if (who.ends_with("'s subscription")) who.remove_suffix(15);
    if (!formats::is_bare_address(who)) continue;
    FoundRecipient& r = formats::add_recipient(out, who);
    // The sentence runs to the paragraph's end.
    const std::size_t start = static_cast<std::size_t>(t.data() - text.data());
    const std::size_t end = std::min(text.find("\n\n", start), text.size());
    r.diagnostic = formats::sweep(text.substr(start, std::min<std::size_t>(end - start, 600)));
    codes_from_attachment(msg.body, 0, r.address, &r);
    break;  // one member per notice
  }
  return out->size() > before;
}

bool claims(const HeaderList& h) {
  return h.has("X-Mailman-Version") || h.has("List-Id") || h.has("X-List-Administrivia") ||
         h.has("X-Mailman-Rule-Hits") || icontains(h.get("Subject"), "bounce action notification");
}

bool scan(const Message& msg, FoundList* out) {
  return read_mailman2(msg, out) || read_mailman3(msg, out);
}

}  // namespace

const Family mailinglist_family{"MailingList", claims, scan, nullptr};

}  // namespace smtp_explain
