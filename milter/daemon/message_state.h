// MessageState: what the milter keeps for one message, fed stage by stage
// (envelope sender, header fields, end of headers, body chunks, end of message)
// exactly as libmilter calls arrive. It feeds the core's Annotator (the same
// pipeline the CLI and the tests run), remembers where inbound X-SMTP-Explain*
// fields sit so they can be deleted, and at the end edits the message through a
// MessageEditor. No libmilter here.
//
// A non-bounce costs only the header look-ups: end_of_headers() returns false
// and the body is never fed. The snapshot in use is fixed at construction.
// Thread safety: one MessageState per message, used by one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "message_editor.h"
#include "smtp_explain/annotator.h"
#include "smtp_explain/report.h"
#include "snapshot.h"

namespace smtp_explain::daemon {

// One explained recipient, for the metrics.
struct RecipientOutcome {
  DeliveryClass cls = DeliveryClass::kNone;
  std::string reason;
  std::string provider;  // provider rule id, or empty
};

// What end_of_message() did, for the log line and the metrics.
struct MessageOutcome {
  bool bounce = false;     // the parser found a bounce
  bool annotated = false;  // headers were added
  Kind kind = Kind::kNotBounce;
  DeliveryClass cls = DeliveryClass::kNone;
  std::size_t recipients = 0;  // recipients in the report (total found)
  std::size_t removed = 0;     // inbound X-SMTP-Explain* fields deleted
  std::size_t added = 0;       // fields added
  std::string codes;           // "552 5.2.2, 550 5.1.1" per recipient (bounded)
  std::string reasons;         // "mailboxfull, userunknown"
  std::string error;           // an MTA refusal, if any (the message still goes through)
  std::uint32_t flags = 0;     // parser anomaly flags
  std::vector<RecipientOutcome> per_recipient;  // when annotated: each explained recipient
};

class MessageState {
 public:
  explicit MessageState(std::shared_ptr<const Snapshot> snapshot);
  MessageState(const MessageState&) = delete;  // feed_ refers to annotator_
  MessageState& operator=(const MessageState&) = delete;

  // The MAIL FROM argument as the MTA gives it: "<a@b>", "a@b", "<>" or "".
  void envelope_sender(std::string_view mail_from);
  void header(std::string_view name, std::string_view value);
  // Returns true if the body is wanted (the message may be a bounce).
  bool end_of_headers();
  void body(std::string_view chunk);
  // Deletes inbound X-SMTP-Explain* fields and, for a bounce, adds the
  // explanation fields. Call once.
  MessageOutcome end_of_message(MessageEditor& editor);

  void set_queue_id(std::string id) { queue_id_ = std::move(id); }
  const std::string& queue_id() const { return queue_id_; }
  bool wants_body() const { return wants_body_; }
  std::size_t inbound_explain_fields() const { return inbound_.size(); }
  const Snapshot& snapshot() const { return *snapshot_; }

 private:
  struct InboundField {
    std::string name;  // as it arrived
    int index;         // 1-based occurrence of this name (case-insensitive)
  };

  std::shared_ptr<const Snapshot> snapshot_;
  Annotator annotator_;  // before feed_, which refers to it
  Annotator::Feed feed_;
  std::vector<InboundField> inbound_;
  std::string queue_id_;
  bool headers_done_ = false;
  bool wants_body_ = false;
  bool finished_ = false;
};

// True if `name` starts with kHeaderPrefix, ignoring case.
bool is_explain_header(std::string_view name);

// "<a@b>" -> "a@b", "<>" -> "", "a@b" -> "a@b" (surrounding space trimmed).
std::string_view normalize_envelope_sender(std::string_view mail_from);

}  // namespace smtp_explain::daemon
