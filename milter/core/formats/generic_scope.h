// What the generic readers (the layer under the families, family.h) read and
// what they must never report, computed from the message the same way for
// each of them:
//   - the region: the MTA's error text (Message::error_text) up to any further
//     sign that a returned original starts ("The first 50 lines of your
//     original message follow:", "Your message reads (in part):", a header
//     block starting at column 0, ...), so that addresses of the quoted
//     original are never read;
//   - the sender side: addresses that name the sender, the bounce's own
//     recipient or the list, never a failed recipient (the bounce's From,
//     Sender, Reply-To, To, Cc, Return-Path, Delivered-To, Envelope-To,
//     Errors-To and List-* addresses; the returned original's
//     From, Sender, Return-Path, Reply-To, Errors-To, and its To/Cc when it was
//     a list post), and the postmaster / MAILER-DAEMON of any domain;
//   - X-Failed-Recipients, the list an Exim-like MTA states exactly.
// screen_text_recipients() applies the same knowledge to what any reader of a
// text bounce found (families included).
//
// Markers of returned originals are taken in part from Sisimai 5.1's
// RFC3464.pm fallback (BSD 2-clause, third_party/sisimai/LICENSE).
// Thread safety: pure functions; a SenderSide is immutable after construction.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "family.h"

namespace smtp_explain {

// Offset in `text` of the first line where a returned original starts by the
// generic layer's looser markers (text.size() when none): phrases that end a
// notice ("... original message follows", "Your message reads (in part):",
// "Old message:", ...) wherever they stand in a line, and a block of header
// fields at column 0 that starts with Received:, Return-Path: or a
// From/To/Subject/Date/Message-ID pair.
std::size_t generic_original_start(std::string_view text);

// The text the generic readers read: msg.error_text cut at
// generic_original_start().
std::string_view generic_region(const Message& msg);

// The addresses that are never a failed recipient of this bounce (see above).
// Asked about the few addresses a reader found, it looks them up in the
// header fields (a substring test per field, then an exact comparison of that
// field's addresses), instead of collecting every address of every field.
class SenderSide {
 public:
  explicit SenderSide(const Message& msg) : msg_(msg) {}
  // `address` as clean_address() gives it.
  bool contains(std::string_view address) const;
  // True for the postmaster / MAILER-DAEMON local parts of any domain.
  static bool is_daemon(std::string_view address);

 private:
  const Message& msg_;
};

// The cleaned addresses of X-Failed-Recipients, in order, each once.
std::vector<std::string> failed_recipients_field(const HeaderList& headers);

// True if the message's delivery-status fields (a delivery-status part, or
// DSN fields written into the text) name its recipients: the DSN reader has
// read them, and the text readers only lend them text.
bool dsn_states_recipients(const Message& msg);

// Screens what a reader of a text bounce found (any family or generic
// reader), in place, the entries from index `from` on:
//   - when X-Failed-Recipients names at least one of the found addresses, the
//     found ones it does not name are dropped (the MTA listed exactly the
//     failed ones; "A message sent by <sender>" is not one);
//   - addresses of the sender side (SenderSide) are dropped, unless
//     X-Failed-Recipients names them. A family reads its format's recipient
//     slots, so for a family this never drops every address it found (a
//     message sent to oneself still bounces); a generic reader reads loosely,
//     so for it every such address goes, and postmaster / MAILER-DAEMON
//     addresses too.
// Nothing is screened when the DSN fields state the recipients
// (dsn_states_recipients()): what the readers found there only lends text to
// a stated recipient.
void screen_text_recipients(const Message& msg, FoundList* found, std::size_t from, bool generic);

}  // namespace smtp_explain
