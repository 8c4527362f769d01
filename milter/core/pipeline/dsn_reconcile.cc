#include "dsn_reconcile.h"

#include <unordered_map>
#include <unordered_set>

#include "code_scan.h"
#include "reason.h"
#include "smtp_explain/codes.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

// The valid enhanced status code at the start of `text` ("5.1.1 (User
// unknown)" -> "5.1.1"), or empty.
std::string leading_status(std::string_view text) {
  text = trim(text);
  std::size_t n = match_status_code(text);
  return n == 0 ? std::string{} : std::string(text.substr(0, n));
}

std::string leading_reply(std::string_view text) {
  text = trim(text);
  return match_reply_code(text) == 3 ? std::string(text.substr(0, 3)) : std::string{};
}

bool is_x00(std::string_view status) {
  return status.size() == 5 && status.substr(1) == ".0.0";
}

// "5.1.0", "5.0.1": a zero subject or detail says less than the field may.
bool is_zero_detail(std::string_view status) {
  std::size_t dot1 = status.find('.');
  std::size_t dot2 = status.find('.', dot1 + 1);
  if (dot1 == std::string_view::npos || dot2 == std::string_view::npos) return true;
  return status.substr(dot1 + 1, dot2 - dot1 - 1) == "0" || status.substr(dot2 + 1) == "0";
}

// The first reply code of class `cls` ('4', '5', '2') that starts a word and
// is followed by a space, '-' or the end, or empty; `*at` is its offset.
std::string reply_of_class(std::string_view text, char cls, std::size_t* at) {
  for (std::size_t i = 0; i + 3 <= text.size(); ++i) {
    if (text[i] != cls) continue;
    if (i > 0 && (is_ascii_digit(text[i - 1]) || is_ascii_alpha(text[i - 1]) ||
                  text[i - 1] == '.' || text[i - 1] == '-')) {
      continue;
    }
    std::string_view rest = text.substr(i);
    if (match_reply_code(rest) != 3) continue;
    if (rest.size() == 3 || rest[3] == ' ' || rest[3] == '-') {
      *at = i;
      return std::string(rest.substr(0, 3));
    }
  }
  return {};
}

}  // namespace

ReconciledCodes reconcile_codes(std::string_view reply, std::string_view status,
                                std::string_view action, std::string_view diagnostic) {
  ReconciledCodes out;
  out.status = leading_status(status);
  out.reply = leading_reply(reply);
  const ScannedCodes scanned = scan_codes(diagnostic);
  const std::string diag_status = leading_status(scanned.status);
  const std::string diag_reply = leading_reply(scanned.reply);
  if (out.status.empty()) {
    out.status = diag_status;
  } else if (!diag_status.empty() && diag_status != out.status && diag_status[0] == out.status[0]) {
    // Same class, different detail: an X.0.0 field always yields to the
    // diagnostic; a specific field yields only to a specific status that the
    // remote server stated beside its reply code ("550 5.7.1 ..."), since the
    // field is often the reporting MTA's generic mapping of that reply.
    const bool specific = !is_zero_detail(diag_status);
    const bool paired = !diag_reply.empty() && diag_reply[0] == diag_status[0];
    if (is_x00(out.status) || (specific && paired)) out.status = diag_status;
  }
  if (out.reply.empty()) out.reply = diag_reply;
  // A reply of another class than the status ("450 busy ... 551 not our user"
  // with 5.1.6): the diagnostic's first reply of the status's class is the
  // one that decided; without one the reply stays as found. With no reply at
  // all, a reply of the status's class counts only when a status follows it
  // ("5.1.0 - Unknown address error 550-'5.7.1 ... Access denied'").
  const bool mismatch = !out.reply.empty() && !out.status.empty() && out.reply[0] != out.status[0];
  if ((mismatch || out.reply.empty()) && !out.status.empty()) {
    std::size_t from = 0;
    while (true) {
      std::size_t at = 0;
      std::string same = reply_of_class(diagnostic.substr(from), out.status[0], &at);
      if (same.empty()) break;
      at += from;
      // The status the deciding reply carries is the remote's own: "554 4.4.7
      // Message expired ... <421 4.4.2 Connection timed out>".
      std::string_view after = diagnostic.substr(at + 3);
      std::string paired;
      if (!after.empty() && (after[0] == ' ' || after[0] == '-')) {
        after.remove_prefix(1);
        if (!after.empty() && (after[0] == '\'' || after[0] == '"')) after.remove_prefix(1);
        paired = leading_status(after.substr(0, std::min<std::size_t>(after.size(), 12)));
        if (!paired.empty() && after.substr(0, paired.size()) != paired) paired.clear();
      }
      if (mismatch || !paired.empty()) {
        out.reply = std::move(same);
        if (!paired.empty() && paired[0] == out.status[0] && !is_zero_detail(paired) &&
            (mismatch || is_x00(out.status) || is_zero_detail(out.status))) {
          out.status = paired;
        }
        break;
      }
      from = at + 3;
    }
  }
  const std::string act = to_lower(trim(action));
  if (act == "delayed") {
    out.cls = DeliveryClass::kTransient;
  } else if (act == "delivered" || act == "relayed" || act == "expanded") {
    out.cls = DeliveryClass::kSuccess;
  } else if (!out.status.empty()) {
    out.cls = class_of_code(out.status);
  } else if (!out.reply.empty()) {
    out.cls = class_of_code(out.reply);
  } else if (act.empty() || act == "failed") {
    out.cls = DeliveryClass::kPermanent;
  }
  return out;
}

void enrich_from_text(const Message& msg, const FamilySet& candidates, FoundList* found) {
  if (msg.text.empty() || found->empty()) return;
  FoundList text(found->cap());
  if (run_scanners(msg, candidates, &text).empty()) return;
  // Addresses cleaned once and indexed: bounces can list thousands.
  std::unordered_map<std::string, const FoundRecipient*> text_by_address;
  std::vector<std::string> text_address(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    text_address[i] = clean_address(text[i].address);
    text_by_address.emplace(text_address[i], &text[i]);  // the first mention wins
  }
  std::vector<std::string> dsn_address(found->size());
  std::unordered_set<std::string> named;
  for (std::size_t i = 0; i < found->size(); ++i) {
    dsn_address[i] = clean_address((*found)[i].address);
    named.insert(dsn_address[i]);
  }
  // DSN blocks with an unusable address ("Final-Recipient: rfc822; @host")
  // take, in order, the text's recipients that no DSN block names.
  std::size_t next_text = 0;
  for (std::size_t i = 0; i < found->size(); ++i) {
    FoundRecipient& r = (*found)[i];
    if (!dsn_address[i].empty() || !clean_address(r.original_recipient).empty()) continue;
    while (next_text < text.size() &&
           (text_address[next_text].empty() || named.count(text_address[next_text]) != 0)) {
      ++next_text;
    }
    if (next_text == text.size()) break;
    r.address = text[next_text].address;
    dsn_address[i] = text_address[next_text];
    named.insert(dsn_address[i]);
  }
  for (std::size_t i = 0; i < found->size(); ++i) {
    FoundRecipient& r = (*found)[i];
    auto it = text_by_address.find(dsn_address[i]);
    if (dsn_address[i].empty() || it == text_by_address.end()) continue;
    const FoundRecipient& t = *it->second;
    if (r.diagnostic.empty()) r.diagnostic = t.diagnostic;
    if (r.smtp_command.empty()) r.smtp_command = t.smtp_command;
    if (r.smtp_command.empty()) r.smtp_command = std::string(scan_smtp_command(t.diagnostic));
    if (!r.reason_hint) r.reason_hint = t.reason_hint;
    if (r.remote_mta.empty()) r.remote_mta = t.remote_mta;
    // The remote reply code, when the DSN's diagnostic lacks one and the
    // text's agrees with the DSN status on the class.
    if (r.reply_code.empty() && leading_reply(scan_codes(r.diagnostic).reply).empty()) {
      std::string reply = t.reply_code.empty() ? leading_reply(scan_codes(t.diagnostic).reply)
                                               : leading_reply(t.reply_code);
      const std::string st = leading_status(r.status);
      if (!reply.empty() && (st.empty() || st[0] == reply[0])) r.reply_code = std::move(reply);
    }
  }
}

void finalize_recipients(const FoundList& found, const Limits& limits, Report* report) {
  if (found.dropped() > 0) {
    report->recipients_total += found.dropped();
    report->flags |= kFlagTooManyRecipients;
  }
  // One recipient once: a DSN that repeats a block, or text and fields that
  // both name the address, give one entry (by position in the report).
  std::unordered_map<std::string, std::size_t> seen;
  for (const FoundRecipient& f : found) {
    std::string address = clean_address(one_line(f.address, 512));
    if (address.empty()) address = clean_address(one_line(f.original_recipient, 512));
    // What a delivery-status field states is reported as written when it is
    // no valid address (the renderer shows "(address not shown)").
    if (address.empty() && f.stated) address = stated_address(one_line(f.address, 512));
    if (address.empty()) continue;
    std::size_t* repeat = nullptr;
    std::string key = to_lower(address);  // "Once@" and "once@" are one mailbox in practice
    if (auto it = seen.find(key); it != seen.end()) {
      if (it->second == static_cast<std::size_t>(-1)) continue;  // counted, not recorded
      repeat = &it->second;
    } else {
      ++report->recipients_total;
      if (report->recipients.size() >= limits.max_recipients) {
        report->flags |= kFlagTooManyRecipients;
        seen.emplace(std::move(key), static_cast<std::size_t>(-1));
        continue;
      }
      seen.emplace(std::move(key), report->recipients.size());
    }
    Recipient r;
    r.recipient = std::move(address);
    r.original_recipient = clean_address(one_line(f.original_recipient, 512));
    r.action = to_lower(one_line(f.action, 32));
    if (r.action.empty()) r.action = "failed";
    r.diagnostic = one_line(f.diagnostic, limits.max_diagnostic_bytes);
    r.remote_mta = one_line(f.remote_mta, 255);
    // The status field may carry a comment: "5.1.1 (bad destination mailbox)".
    const ReconciledCodes codes = reconcile_codes(f.reply_code, f.status, r.action, r.diagnostic);
    r.reply_code = codes.reply;
    r.status = codes.status;
    r.cls = codes.cls;
    std::string_view command = f.smtp_command;
    if (command.empty()) command = scan_smtp_command(r.diagnostic);
    ReasonInput in;
    in.status = r.status;
    in.reply_code = r.reply_code;
    in.diagnostic = r.diagnostic;
    in.action = r.action;
    in.smtp_command = command;
    in.remote_mta = r.remote_mta;
    in.hint = f.reason_hint;
    in.diagnostic_type = f.diagnostic_type;
    r.reason = classify_reason(in);
    if (repeat != nullptr) {
      // A later mention replaces the first only when it says more: codes
      // where the first had none, or a failure where the first was a delay.
      Recipient& first = report->recipients[*repeat];
      const bool more_codes = first.reply_code.empty() && first.status.empty() &&
                              (!r.reply_code.empty() || !r.status.empty());
      const bool failed_over_delay = first.action == "delayed" && r.action == "failed";
      if (!more_codes && !failed_over_delay) continue;
      first = std::move(r);
    } else {
      report->recipients.push_back(std::move(r));
    }
  }
  for (const Recipient& r : report->recipients) {
    if (r.cls > report->cls) report->cls = r.cls;
  }
}

}  // namespace smtp_explain
