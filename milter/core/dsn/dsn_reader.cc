#include "dsn_reader.h"

#include "text_util.h"
#include "utf8_encode.h"

namespace smtp_explain {
namespace {

// Is `line` a "Name: value" field line? Sets name and value.
bool split_field(std::string_view line, std::string_view* name, std::string_view* value) {
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 64) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    char c = line[i];
    if (!(is_ascii_alpha(c) || is_ascii_digit(c) || c == '-' || c == '_')) return false;
  }
  *name = line.substr(0, colon);
  *value = trim(line.substr(colon + 1));
  return true;
}

// Where a continuation line (a field folded onto the next line) belongs.
enum class Target { kNone, kMessage, kRecipient, kFinal, kOriginal, kStatus, kAction };

class DsnBuilder {
 public:
  explicit DsnBuilder(DsnFields* out) : out_(out) {}

  void field(std::string_view name, std::string_view value) {
    current_name_ = std::string(name);
    if (iequals(name, "Final-Recipient") || iequals(name, "X-Actual-Recipient") ||
        iequals(name, "Original-Recipient")) {
      recipient_field(name, value);
      return;
    }
    if (open_) {
      if (iequals(name, "Action")) {
        cur_.action = to_lower(trim(value));
        target_ = Target::kAction;
        return;
      } else if (iequals(name, "Status")) {
        cur_.status = std::string(trim(value));
        target_ = Target::kStatus;
        return;
      } else if (iequals(name, "Diagnostic-Code")) {
        const std::string_view typed = trim(value);
        const std::string_view text = strip_type_prefix(typed);
        cur_.diagnostic = std::string(text);
        // "X-Unix; 77": the type tells a local delivery program's exit code
        // from a remote SMTP reply (the reason classifier needs it).
        cur_.diagnostic_type.clear();
        if (text.data() != typed.data()) {
          const std::string_view type = trim(typed.substr(0, typed.find(';')));
          cur_.diagnostic_type = to_lower(type);
        }
        target_ = Target::kRecipient;
        return;
      } else if (iequals(name, "Remote-MTA")) {
        cur_.remote_mta = std::string(strip_type_prefix(value));
      } else if (iequals(name, "Reporting-MTA") && cur_.address.empty()) {
        out_->reporting_mta = std::string(strip_type_prefix(value));
      }
      target_ = Target::kNone;
      return;
    }
    if (iequals(name, "Reporting-MTA")) {
      out_->reporting_mta = std::string(strip_type_prefix(value));
    } else if (iequals(name, "Received-From-MTA")) {
      out_->received_from_mta = std::string(strip_type_prefix(value));
    } else if (iequals(name, "Arrival-Date")) {
      out_->arrival_date = std::string(value);
    } else if (iequals(name, "X-Postfix-Sender")) {
      out_->postfix_sender = std::string(strip_type_prefix(value));
    } else if (iequals(name, "Action") || iequals(name, "Status") ||
               iequals(name, "Diagnostic-Code")) {
      // Recipient fields before any Final-Recipient: keep them for the next one.
      open_ = true;
      field(name, value);
      return;
    }
    target_ = Target::kNone;
  }

  void continuation(std::string_view text) {
    if (!open_) return;
    switch (target_) {
      case Target::kRecipient:
        cur_.diagnostic += ' ';
        cur_.diagnostic += trim(text);
        break;
      case Target::kFinal:  // "Final-Recipient: rfc822;\n    a@example.net"
      case Target::kOriginal:
        if (raw_value_.size() > 1024) break;
        raw_value_ += ' ';
        raw_value_ += trim(text).substr(0, 1024);
        (target_ == Target::kFinal ? cur_.address : cur_.original_recipient) =
            decode_xtext(strip_type_prefix(raw_value_));
        break;
      case Target::kStatus:
        if (trim(cur_.status).empty()) cur_.status = std::string(trim(text));
        break;
      case Target::kAction:
        if (trim(cur_.action).empty()) cur_.action = to_lower(trim(text));
        break;
      default:
        break;
    }
  }

  // A line that is neither a field nor a continuation: some MTAs break a long
  // Diagnostic-Code without indenting the rest.
  void stray_line(std::string_view text) {
    if (target_ == Target::kRecipient && open_) {
      continuation(text);
    } else {
      out_->malformed = true;
    }
  }

  // A block names its recipient by Final-Recipient or, in some MTAs' DSNs
  // (McAfee), only by Original-Recipient.
  bool named() const { return !cur_.address.empty() || !cur_.original_recipient.empty(); }

  void blank_line() {
    if (open_ && named()) close();
    target_ = Target::kNone;
  }

  void finish() {
    if (open_ && named()) {
      close();
    } else if (open_) {
      out_->malformed = true;
    }
  }

 private:
  void recipient_field(std::string_view name, std::string_view value) {
    std::string addr = decode_xtext(strip_type_prefix(value));
    target_ = Target::kNone;
    if (iequals(name, "Final-Recipient")) {
      if (open_ && !cur_.address.empty() && have_final_) close();
      open_ = true;
      have_final_ = true;
      cur_.address = std::move(addr);
      target_ = Target::kFinal;
    } else if (iequals(name, "Original-Recipient")) {
      if (open_ && have_final_ && !cur_.original_recipient.empty()) close();
      open_ = true;
      cur_.original_recipient = std::move(addr);
      target_ = Target::kOriginal;
    } else {  // X-Actual-Recipient: informational, the final one still counts
      open_ = true;
    }
    raw_value_.assign(trim(value).substr(0, 1024));
  }

  void close() {
    if (cur_.address.empty() && !cur_.original_recipient.empty()) {
      cur_.address = cur_.original_recipient;
    }
    cur_.stated = true;
    out_->recipients.push_back(std::move(cur_));
    cur_ = FoundRecipient{};
    open_ = false;
    have_final_ = false;
  }

  DsnFields* out_;
  FoundRecipient cur_;
  bool open_ = false;
  bool have_final_ = false;
  Target target_ = Target::kNone;
  std::string current_name_;
  std::string raw_value_;  // the recipient field's value as written, for folded lines
};

}  // namespace

std::string_view strip_type_prefix(std::string_view value) {
  value = trim(value);
  std::size_t semi = value.find(';');
  if (semi == std::string_view::npos || semi > 24) return value;
  std::string_view type = trim(value.substr(0, semi));
  if (type.empty()) return trim(value.substr(semi + 1));
  for (char c : type) {
    if (!(is_ascii_alpha(c) || is_ascii_digit(c) || c == '-' || c == '_' || c == '.')) return value;
  }
  return trim(value.substr(semi + 1));
}

std::string decode_xtext(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == '+' && i + 2 < value.size() && hex_digit_value(value[i + 1]) >= 0 &&
        hex_digit_value(value[i + 2]) >= 0 &&
        // "+HH" only where it stands for a character xtext must escape
        (hex_digit_value(value[i + 1]) * 16 + hex_digit_value(value[i + 2]) < 0x21 ||
         hex_digit_value(value[i + 1]) * 16 + hex_digit_value(value[i + 2]) == '+' ||
         hex_digit_value(value[i + 1]) * 16 + hex_digit_value(value[i + 2]) == '=' ||
         hex_digit_value(value[i + 1]) * 16 + hex_digit_value(value[i + 2]) > 0x7E)) {
      out.push_back(
          static_cast<char>(hex_digit_value(value[i + 1]) * 16 + hex_digit_value(value[i + 2])));
      i += 2;
      continue;
    }
    if (c == '\\' && i + 3 < value.size() && value[i + 1] == 'x' && value[i + 2] == '{') {
      std::size_t close = value.find('}', i + 3);
      if (close != std::string_view::npos && close - (i + 3) >= 1 && close - (i + 3) <= 6) {
        unsigned long cp = 0;
        bool ok = true;
        for (std::size_t k = i + 3; k < close; ++k) {
          int h = hex_digit_value(value[k]);
          if (h < 0) ok = false;
          cp = cp * 16 + static_cast<unsigned long>(h < 0 ? 0 : h);
        }
        if (ok && cp != 0) {
          append_utf8(static_cast<char32_t>(cp), &out);
          i = close;
          continue;
        }
      }
    }
    out.push_back(c);
  }
  return out;
}

bool read_delivery_status(std::string_view text, DsnFields* out) {
  const std::size_t before = out->recipients.size();
  DsnBuilder b(out);
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view name;
    std::string_view value;
    if (trim(line).empty()) {
      b.blank_line();
    } else if (is_space_or_tab(line.front())) {
      b.continuation(line);
    } else if (split_field(line, &name, &value)) {
      b.field(name, value);
    } else {
      b.stray_line(line);
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  b.finish();
  return out->recipients.size() > before;
}

bool has_dsn_fields(std::string_view text) {
  std::size_t pos = 0;
  bool recipient = false;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    if (istarts_with(line, "Final-Recipient:") || istarts_with(line, "Original-Recipient:")) {
      recipient = true;
    } else if (recipient && (istarts_with(line, "Action:") || istarts_with(line, "Status:"))) {
      return true;
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return false;
}

}  // namespace smtp_explain
