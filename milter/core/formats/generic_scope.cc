// The generic readers' region, sender side and X-Failed-Recipients (see
// generic_scope.h).
#include "generic_scope.h"

#include <algorithm>
#include <span>

#include "phrase_set.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

// Phrases after which an MTA copies the original, wherever they stand in the
// line (lower case). Some notices glue the copy to the phrase ("The first 50
// lines of your original message follow:> Received: ...").
constexpr std::string_view kCopyAnywhere[] = {
    "original message follow",
    "copy of the original message below",
    "below this line is a copy of the message",
    "below the next line is a copy of the message",
    "below is a copy of the original message",
    "here is a copy of the first part of the message",
    "your message reads (in part)",
    "unsent message below",
    "unsent message follows",
    "returned mail follows",
    "returned message follows",
    "start of returned message",
    "copy of the message, including all the headers",
    "copy of your message, including all the headers",
    "the attachment contains the original mail headers",
    "the non-delivered message is attached",
};

// Line openings (after blanks and "-", "|", "*", "=" decoration) that start
// the copy (lower case).
constexpr std::string_view kCopyLineStart[] = {
    "message text follows",
    "old message:",
    "the text of your message was",
    "original message:",
    "original message --",
    "original message headers",
    "headers of the original message",
    "the original message headers",
    "message headers follow",
    "returned message",
    "returned mail",
};

// Header fields that open the header block of a copied original at column 0.
constexpr std::string_view kOpeningFields[] = {"received:", "return-path:"};
constexpr std::string_view kBlockFields[] = {
    "from:",        "to:",           "cc:",          "subject:",        "date:",
    "message-id:",  "mime-version:", "sender:",      "reply-to:",       "content-type:",
    "x-mailer:",    "received:",     "return-path:", "dkim-signature:", "user-agent:",
    "in-reply-to:", "references:",
};

bool is_decoration(char c) {
  return c == ' ' || c == '\t' || c == '-' || c == '|' || c == '*' || c == '=' || c == '_';
}

bool starts_with_any(std::string_view line, std::span<const std::string_view> list) {
  for (std::string_view p : list) {
    if (istarts_with(line, p)) return true;
  }
  return false;
}

// A header field line at column 0 of the copied original (a known name).
bool is_block_field(std::string_view line) {
  return !line.empty() && !is_space_or_tab(line.front()) && starts_with_any(line, kBlockFields);
}

}  // namespace

std::size_t generic_original_start(std::string_view text) {
  const std::vector<std::string_view> lines = split_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    const std::size_t offset = static_cast<std::size_t>(line.data() - text.data());
    std::size_t k = 0;
    while (k < line.size() && is_decoration(line[k])) ++k;
    const std::string_view bare = line.substr(k);
    if (bare.empty()) continue;
    if (starts_with_any(bare, kCopyLineStart)) return offset;
    // "The first 50 lines of your message follow" / "The first 4 KB of the message"
    if (istarts_with(bare, "the first ") && icontains(bare, "message") &&
        (icontains(bare, "follow") || icontains(bare, "below"))) {
      return offset;
    }
    static const PhraseSet copy_anywhere(kCopyAnywhere);
    if (copy_anywhere.any_in(bare)) return offset;
    // A header block at column 0: "Received:" or "Return-Path:" followed by
    // a field or a continuation, or three known fields in a row.
    if (k != 0) continue;
    if (starts_with_any(line, kOpeningFields) && i + 1 < lines.size() &&
        (is_block_field(lines[i + 1]) ||
         (!lines[i + 1].empty() && is_space_or_tab(lines[i + 1].front())))) {
      return offset;
    }
    if (is_block_field(line) && i + 2 < lines.size() && is_block_field(lines[i + 1]) &&
        is_block_field(lines[i + 2])) {
      return offset;
    }
  }
  return text.size();
}

std::string_view generic_region(const Message& msg) {
  const std::string_view text = msg.error_text;
  return text.substr(0, generic_original_start(text));
}

namespace {

// True if `value` names `address` (any case) as one of its addresses.
bool field_names(std::string_view value, std::string_view address) {
  value = value.substr(0, 4096);
  if (!icontains(value, address)) return false;
  for (std::string_view a : find_addresses(value)) {
    if (iequals(clean_address(a), address)) return true;
  }
  return false;
}

bool any_field_names(const HeaderList& headers, std::span<const HeaderKey> keys,
                     std::string_view address) {
  for (const HeaderKey& k : keys) {
    if (headers.any_of(k, [&](std::string_view v) { return field_names(v, address); })) return true;
  }
  return false;
}

}  // namespace

bool SenderSide::contains(std::string_view address) const {
  if (address.empty()) return false;
  static constexpr HeaderKey kBounceFields[] = {
      "From",           "Sender",           "Reply-To",  "To",        "Cc",         "Return-Path",
      "Delivered-To",   "Envelope-To",      "Errors-To", "List-Post", "List-Owner", "List-Help",
      "List-Subscribe", "List-Unsubscribe",
  };
  static constexpr HeaderKey kOriginalFields[] = {
      "From", "Sender", "Return-Path", "Reply-To", "Errors-To", "List-Post", "List-Owner",
  };
  // A list post: its To and Cc name the list, not the failed member.
  static constexpr HeaderKey kListPostFields[] = {"To", "Cc"};
  const HeaderList& o = msg_.original_headers;
  return any_field_names(msg_.headers, kBounceFields, address) ||
         any_field_names(o, kOriginalFields, address) ||
         ((o.has("List-Id") || o.has("List-Post")) && any_field_names(o, kListPostFields, address));
}

bool SenderSide::is_daemon(std::string_view address) {
  const std::size_t at = address.rfind('@');
  const std::string local = to_lower(address.substr(0, at == std::string_view::npos ? 0 : at));
  return local == "postmaster" || local == "mailer-daemon" || local == "mailer_daemon" ||
         local == "mailerdaemon" || local == "mail-daemon";
}

std::vector<std::string> failed_recipients_field(const HeaderList& headers) {
  std::vector<std::string> out;
  for (std::string_view v : headers.all("X-Failed-Recipients")) {
    for (std::string_view a : find_addresses(v.substr(0, 16384))) {
      std::string c = clean_address(a);
      if (c.empty()) continue;
      const std::string lower = to_lower(c);
      const bool seen = std::any_of(out.begin(), out.end(),
                                    [&](const std::string& s) { return to_lower(s) == lower; });
      if (!seen) out.push_back(std::move(c));
      if (out.size() >= 1000) return out;
    }
  }
  return out;
}

bool dsn_states_recipients(const Message& msg) {
  for (std::string_view part : msg.delivery_status) {
    if (icontains(part, "recipient:")) return true;
  }
  return icontains(msg.error_text, "final-recipient:");
}

void screen_text_recipients(const Message& msg, FoundList* found, std::size_t from, bool generic) {
  if (found->size() <= from || dsn_states_recipients(msg)) return;
  const std::vector<std::string> listed = failed_recipients_field(msg.headers);
  auto in_listed = [&](const std::string& clean) {
    const std::string lower = to_lower(clean);
    return std::any_of(listed.begin(), listed.end(),
                       [&](const std::string& s) { return to_lower(s) == lower; });
  };
  const std::size_t n = found->size() - from;
  std::vector<std::string> clean(n);
  bool any_listed = false;
  for (std::size_t i = 0; i < n; ++i) {
    const FoundRecipient& r = (*found)[from + i];
    clean[i] = clean_address(r.address);
    if (clean[i].empty()) clean[i] = clean_address(r.original_recipient);
    any_listed |= !clean[i].empty() && in_listed(clean[i]);
  }
  const SenderSide sender(msg);
  auto sender_side = [&](std::size_t i) {
    return sender.contains(clean[i]) || (generic && SenderSide::is_daemon(clean[i]));
  };
  // A family keeps what it found when every address is on the sender side.
  bool screen_sender = generic;
  for (std::size_t i = 0; i < n && !screen_sender; ++i) {
    screen_sender = (!any_listed || in_listed(clean[i])) && !sender_side(i);
  }
  std::size_t out = from;
  for (std::size_t i = 0; i < n; ++i) {
    const bool listed_here = !clean[i].empty() && in_listed(clean[i]);
    if (any_listed && !listed_here) continue;
    if (!listed_here && screen_sender && sender_side(i)) continue;
    if (out != from + i) (*found)[out] = std::move((*found)[from + i]);
    ++out;
  }
  found->resize(out);
}

}  // namespace smtp_explain
