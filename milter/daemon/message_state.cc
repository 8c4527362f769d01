// Per-message logic of the milter (see message_state.h).
#include "message_state.h"

#include <algorithm>
#include <utility>

#include "smtp_explain/headers.h"

namespace smtp_explain::daemon {
namespace {

// More inbound X-SMTP-Explain* fields than this are not tracked (the MTA's own
// header limits are far lower); the ones beyond stay in the message.
constexpr std::size_t kMaxTrackedInbound = 4096;
// Bound on the codes/reasons summary kept for one log line.
constexpr std::size_t kMaxSummaryBytes = 512;

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

AnnotatorOptions options_for(const DaemonConfig& config) {
  AnnotatorOptions options;
  options.limits.max_scan_bytes = config.max_scan_bytes;
  options.language = config.language;
  options.max_header_recipients = config.max_recipients;
  return options;
}

void append_bounded(std::string* out, std::string_view item) {
  if (item.empty() || out->size() >= kMaxSummaryBytes) return;
  if (!out->empty()) out->append(", ");
  out->append(item.substr(0, kMaxSummaryBytes - std::min(out->size(), kMaxSummaryBytes)));
}

}  // namespace

bool is_explain_header(std::string_view name) {
  return name.size() >= kHeaderPrefix.size() &&
         iequals(name.substr(0, kHeaderPrefix.size()), kHeaderPrefix);
}

std::string_view normalize_envelope_sender(std::string_view mail_from) {
  while (!mail_from.empty() && (mail_from.front() == ' ' || mail_from.front() == '\t')) {
    mail_from.remove_prefix(1);
  }
  while (!mail_from.empty() && (mail_from.back() == ' ' || mail_from.back() == '\t')) {
    mail_from.remove_suffix(1);
  }
  if (mail_from.size() >= 2 && mail_from.front() == '<' && mail_from.back() == '>') {
    mail_from = mail_from.substr(1, mail_from.size() - 2);
  }
  return mail_from;
}

MessageState::MessageState(std::shared_ptr<const Snapshot> snapshot)
    : snapshot_(std::move(snapshot)),
      annotator_(snapshot_->catalog, snapshot_->providers, options_for(snapshot_->config)),
      feed_(annotator_) {}

void MessageState::envelope_sender(std::string_view mail_from) {
  feed_.envelope_sender(normalize_envelope_sender(mail_from));
}

void MessageState::header(std::string_view name, std::string_view value) {
  if (headers_done_) return;
  if (is_explain_header(name)) {
    // Ours to manage: remembered for deletion, never shown to the parser.
    if (inbound_.size() < kMaxTrackedInbound) {
      int index = 1;
      for (const InboundField& f : inbound_) {
        if (iequals(f.name, name)) ++index;
      }
      inbound_.push_back(InboundField{std::string(name), index});
    }
    return;
  }
  feed_.header(name, value);
}

bool MessageState::end_of_headers() {
  if (headers_done_) return wants_body_;
  headers_done_ = true;
  wants_body_ = feed_.end_of_headers();
  return wants_body_;
}

void MessageState::body(std::string_view chunk) {
  if (wants_body_ && !finished_) feed_.body(chunk);
}

MessageOutcome MessageState::end_of_message(MessageEditor& editor) {
  MessageOutcome out;
  if (finished_) return out;
  if (!headers_done_) end_of_headers();
  finished_ = true;
  const DaemonConfig& config = snapshot_->config;

  if (config.remove_inbound_headers) {
    // Highest index first, so the MTA's numbering of the rest does not shift
    // whether or not it renumbers after a deletion.
    for (auto it = inbound_.rbegin(); it != inbound_.rend(); ++it) {
      if (editor.remove_header(it->name, it->index)) {
        ++out.removed;
      } else if (out.error.empty()) {
        out.error = "MTA refused to delete " + it->name;
      }
    }
  }
  if (!wants_body_) return out;

  const Annotation annotation = feed_.finish();
  const Report& report = annotation.report;
  out.bounce = report.bounce;
  out.kind = report.kind;
  out.cls = report.cls;
  out.flags = report.flags;
  out.recipients = report.recipients_total;
  std::vector<Reason> reasons_seen;
  out.per_recipient.reserve(report.recipients.size());
  for (const Recipient& r : report.recipients) {
    out.per_recipient.push_back(
        RecipientOutcome{r.cls, std::string(to_string(r.reason)), r.provider});
    std::string codes = r.reply_code;
    if (!r.status.empty()) codes += codes.empty() ? r.status : " " + r.status;
    append_bounded(&out.codes, codes.empty() ? "-" : codes);
    if (std::find(reasons_seen.begin(), reasons_seen.end(), r.reason) == reasons_seen.end()) {
      reasons_seen.push_back(r.reason);
      append_bounded(&out.reasons, to_string(r.reason));
    }
  }
  for (const HeaderField& field : annotation.headers) {
    if (editor.add_header(field.name, field.value)) {
      ++out.added;
    } else if (out.error.empty()) {
      out.error = "MTA refused to add " + field.name;
    }
  }
  out.annotated = out.added > 0;
  return out;
}

}  // namespace smtp_explain::daemon
