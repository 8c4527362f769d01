// One failed (or delayed) recipient as a reader found it, before cleaning:
// the common currency of the RFC 3464 reader (dsn_reader.h) and the format
// scanners (formats.h). The pipeline cleans, validates and classifies it into
// a Report recipient. Thread safety: a plain value type.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "smtp_explain/report.h"

namespace smtp_explain {

struct FoundRecipient {
  std::string address;             // as found: "<a@b>", "rfc822; a@b", "a@B.EXAMPLE" all fine
  std::string original_recipient;  // Original-Recipient, if known
  std::string action;              // "failed" (default when empty), "delayed", "delivered", ...
  std::string reply_code;          // "550" if stated separately, else empty
  std::string status;              // "5.1.1" if stated separately, else empty
  std::string diagnostic;          // remote reply or MTA error text (may be multi-line)
  std::string diagnostic_type;     // Diagnostic-Code type, lower case ("smtp", "x-unix"), if stated
  std::string remote_mta;          // remote host name, if known
  std::string smtp_command;        // "RCPT", "DATA", ... if known
  std::optional<Reason> reason_hint;  // the reason the format states unambiguously, if any
  // The address is what a delivery-status field states (Final-Recipient):
  // when it is no valid address ("user@#example.net", a local part over 64
  // bytes), the report keeps it as written instead of losing the recipient
  // (see stated_address() in address.h).
  bool stated = false;
};

}  // namespace smtp_explain

namespace smtp_explain {

// The recipients one reader found, bounded where they are appended: past
// `cap` entries, further ones are counted (dropped()) and not kept, so a bounce
// that names a recipient a million times costs time, not memory. A vector's
// interface, as far as the readers use one.
// Thread safety: one list per reader, used by one thread at a time.
class FoundList {
 public:
  // The parser keeps Limits::max_recipients in a Report; twice that many are
  // kept here, as some entries turn out invalid or repeated.
  static constexpr std::size_t kDefaultCap = 2000;

  explicit FoundList(std::size_t cap = kDefaultCap) : cap_(cap) {}

  void push_back(FoundRecipient r) {
    if (items_.size() < cap_) {
      items_.push_back(std::move(r));
      last_dropped_ = false;
    } else {
      scratch_ = std::move(r);
      last_dropped_ = true;
      ++dropped_;
    }
  }
  FoundRecipient& emplace_back() {
    push_back(FoundRecipient{});
    return back();
  }
  // The entry appended last (the scratch entry if it was dropped).
  FoundRecipient& back() { return last_dropped_ ? scratch_ : items_.back(); }
  const FoundRecipient& back() const { return last_dropped_ ? scratch_ : items_.back(); }

  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  FoundRecipient& operator[](std::size_t i) { return items_[i]; }
  const FoundRecipient& operator[](std::size_t i) const { return items_[i]; }
  auto begin() { return items_.begin(); }
  auto end() { return items_.end(); }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }

  // Keeps the first `n` entries (n <= size()); what was dropped past them is
  // forgotten too when n is below the cap.
  void resize(std::size_t n) {
    if (n < items_.size())
      items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(n), items_.end());
    if (n < cap_) dropped_ = 0;
    last_dropped_ = false;
  }

  // Entries appended past the cap and not kept.
  std::size_t dropped() const { return dropped_; }
  std::size_t cap() const { return cap_; }

  std::vector<FoundRecipient>& items() { return items_; }
  const std::vector<FoundRecipient>& items() const { return items_; }

 private:
  std::vector<FoundRecipient> items_;
  FoundRecipient scratch_;
  std::size_t cap_;
  std::size_t dropped_ = 0;
  bool last_dropped_ = false;
};

}  // namespace smtp_explain
