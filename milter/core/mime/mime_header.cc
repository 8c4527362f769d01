#include "mime_header.h"

#include <algorithm>
#include <cstring>

#include "mime_decode.h"
#include "smtp_explain/report.h"
#include "text_util.h"
#include "utf8_encode.h"

namespace smtp_explain {

// ---- HeaderList (message.h) -------------------------------------------------

namespace {

// Field names compared ignoring ASCII case; inline, as the format scanners ask
// for fields by name hundreds of times per message.
inline bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i] && ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::string_view HeaderList::get(std::string_view name) const {
  for (const MimeField& f : fields) {
    if (same_name(f.name, name)) return f.value;
  }
  return {};
}

bool HeaderList::has(std::string_view name) const {
  for (const MimeField& f : fields) {
    if (same_name(f.name, name)) return true;
  }
  return false;
}

std::vector<std::string_view> HeaderList::all(std::string_view name) const {
  std::vector<std::string_view> out;
  for (const MimeField& f : fields) {
    if (same_name(f.name, name)) out.push_back(f.value);
  }
  return out;
}

// ---- field values -----------------------------------------------------------

std::string unfold(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  // The next CR, LF and NUL at or after i, each found by memchr and refound
  // only once passed: the ordinary runs between them are copied at once.
  const char* data = value.data();
  const std::size_t n = value.size();
  auto find_byte = [&](char byte, std::size_t from) -> std::size_t {
    const void* hit = from < n ? std::memchr(data + from, byte, n - from) : nullptr;
    return hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - data) : n;
  };
  std::size_t next_cr = find_byte('\r', 0);
  std::size_t next_lf = find_byte('\n', 0);
  std::size_t next_nul = find_byte('\0', 0);
  std::size_t i = 0;
  while (i < value.size()) {
    // A run of ordinary bytes, copied at once.
    if (next_cr < i) next_cr = find_byte('\r', i);
    if (next_lf < i) next_lf = find_byte('\n', i);
    if (next_nul < i) next_nul = find_byte('\0', i);
    const std::size_t run = std::min({next_cr, next_lf, next_nul});
    out.append(value.data() + i, run - i);
    if (run == value.size()) break;
    i = run;
    out.push_back(' ');  // a NUL, or a line break (with its folding white space)
    if (value[i] == '\0') {
      ++i;
      continue;
    }
    // CRLF + WSP, LF + WSP or CR + WSP: the break and the WSP become one space.
    std::size_t j = i;
    while (j < value.size() && (value[j] == '\r' || value[j] == '\n')) ++j;
    i = (j < value.size() && is_space_or_tab(value[j])) ? j + 1 : j;
  }
  // Trimmed in place (no second copy).
  const std::string_view kept = trim(out);
  const std::size_t lead = static_cast<std::size_t>(kept.data() - out.data());
  out.erase(lead + kept.size());
  out.erase(0, lead);
  return out;
}

namespace {

// Windows-1252 0x80..0x9F as Unicode code points (0 = undefined).
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

char32_t latin9(unsigned char c) {
  switch (c) {
    case 0xA4:
      return 0x20AC;
    case 0xA6:
      return 0x0160;
    case 0xA8:
      return 0x0161;
    case 0xB4:
      return 0x017D;
    case 0xB8:
      return 0x017E;
    case 0xBC:
      return 0x0152;
    case 0xBD:
      return 0x0153;
    case 0xBE:
      return 0x0178;
    default:
      return c;
  }
}

}  // namespace

std::string to_utf8(std::string_view bytes, std::string_view charset) {
  const std::string cs = to_lower(trim(charset));
  int table = 0;  // 1 = latin1, 2 = cp1252, 3 = latin9
  if (cs == "iso-8859-1" || cs == "iso8859-1" || cs == "latin1" || cs == "iso_8859-1" ||
      cs == "l1") {
    table = 2;  // Windows-1252 is a superset in practice (what mailers really send)
  } else if (cs == "windows-1252" || cs == "cp1252") {
    table = 2;
  } else if (cs == "iso-8859-15" || cs == "iso8859-15" || cs == "latin9") {
    table = 3;
  }
  if (table == 0) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 4);
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else if (table == 3) {
      append_utf8(latin9(c), &out);
    } else if (c < 0xA0) {
      char16_t cp = kCp1252High[c - 0x80];
      append_utf8(cp != 0 ? cp : c, &out);
    } else {
      append_utf8(c, &out);
    }
  }
  return out;
}

std::string decode_encoded_words(std::string_view value, std::uint32_t* flags) {
  if (value.find("=?") == std::string_view::npos) return std::string(value);
  std::string out;
  out.reserve(value.size());
  std::size_t i = 0;
  bool last_was_word = false;
  std::size_t pending_ws_start = std::string::npos;  // whitespace after an encoded word
  while (i < value.size()) {
    if (value[i] == '=' && i + 1 < value.size() && value[i + 1] == '?') {
      // =?charset?enc?text?=
      std::size_t q1 = value.find('?', i + 2);
      std::size_t q2 = q1 == std::string_view::npos ? q1 : value.find('?', q1 + 1);
      std::size_t end = q2 == std::string_view::npos ? q2 : value.find("?=", q2 + 1);
      if (end != std::string_view::npos && q2 == q1 + 2) {
        std::string_view charset = value.substr(i + 2, q1 - i - 2);
        if (std::size_t star = charset.find('*'); star != std::string_view::npos) {
          charset = charset.substr(0, star);  // RFC 2231 language suffix
        }
        const char enc = ascii_lower(value[q1 + 1]);
        std::string_view text = value.substr(q2 + 1, end - q2 - 1);
        std::string raw;
        bool ok = false;
        if (enc == 'b') {
          ok = base64_decode(text, &raw);
        } else if (enc == 'q') {
          ok = qp_decode(text, true, &raw);
        }
        if (ok) {
          if (last_was_word && pending_ws_start != std::string::npos) {
            out.resize(pending_ws_start);  // whitespace between encoded words vanishes
          }
          out += to_utf8(raw, charset);
          i = end + 2;
          last_was_word = true;
          pending_ws_start = std::string::npos;
          continue;
        }
        if (flags != nullptr) *flags |= kFlagBadEncoding;
      }
    }
    if (is_space_or_tab(value[i])) {
      if (last_was_word && pending_ws_start == std::string::npos) pending_ws_start = out.size();
    } else {
      last_was_word = false;
      pending_ws_start = std::string::npos;
    }
    out.push_back(value[i]);
    ++i;
  }
  return out;
}

std::string media_type(std::string_view content_type) {
  std::string_view v = trim(content_type);
  v = trim(v.substr(0, v.find(';')));
  std::size_t slash = v.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 >= v.size()) return {};
  std::string out = to_lower(v);
  // Drop comments and stray whitespace ("text/plain (x)").
  std::size_t cut = out.find_first_of(" \t(");
  if (cut != std::string::npos) out.resize(cut);
  return out;
}

std::string header_param(std::string_view value, std::string_view name) {
  std::size_t pos = 0;
  while ((pos = ifind(value, name, pos)) != std::string_view::npos) {
    std::size_t before = pos;
    while (before > 0 && (is_space_or_tab(value[before - 1]) || value[before - 1] == '\n'))
      --before;
    std::size_t after = pos + name.size();
    while (after < value.size() && is_space_or_tab(value[after])) ++after;
    if (before > 0 && value[before - 1] == ';' && after < value.size() && value[after] == '=') {
      std::string_view v = trim(value.substr(after + 1));
      if (!v.empty() && v.front() == '"') {
        std::size_t close = v.find('"', 1);
        v = v.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1);
      } else {
        v = v.substr(0, v.find_first_of("; \t"));
      }
      return std::string(v);
    }
    pos += name.size();
  }
  return {};
}

std::size_t parse_header_block(std::string_view text, const Limits& limits, HeaderList* out,
                               std::uint32_t* flags) {
  std::size_t pos = 0;
  std::size_t total = 0;
  std::size_t field_start = std::string_view::npos;
  std::size_t name_end = 0;
  std::size_t value_end = 0;
  auto flush = [&]() {
    if (field_start == std::string_view::npos) return;
    std::string_view raw = text.substr(field_start, value_end - field_start);
    if (raw.size() > limits.max_header_field_bytes) {
      raw = raw.substr(0, limits.max_header_field_bytes);
      *flags |= kFlagHeaderTooLong;
    }
    total += raw.size();
    if (total > limits.max_header_bytes) {
      *flags |= kFlagHeaderTooLong;
    } else {
      MimeField f;
      f.name = std::string(trim(text.substr(field_start, name_end - field_start)));
      std::size_t vstart = name_end + 1 - field_start;
      f.value = decode_encoded_words(unfold(vstart < raw.size() ? raw.substr(vstart) : ""), flags);
      f.offset = field_start;
      out->fields.push_back(std::move(f));
    }
    field_start = std::string_view::npos;
  };
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      flush();
      return next;
    }
    if (is_space_or_tab(line.front())) {
      if (field_start != std::string_view::npos) {
        value_end = end;
        pos = next;
        continue;
      }
      // A continuation with no field before it: skip it (leading junk).
      pos = next;
      continue;
    }
    std::size_t colon = line.find(':');
    bool is_field = colon != std::string_view::npos && colon > 0;
    if (is_field) {
      for (std::size_t k = 0; k < colon; ++k) {
        const auto c = static_cast<unsigned char>(line[k]);
        if (c <= 32 || c >= 127) {
          // "Name :" (space before colon) is tolerated; anything else is not a field.
          if (!(c == ' ' || c == '\t') || trim(line.substr(k, colon - k)).size() != 0) {
            is_field = false;
          }
          break;
        }
      }
    }
    if (!is_field) {
      // Not a header line: the block ended without an empty line.
      flush();
      return pos;
    }
    flush();
    field_start = pos;
    name_end = pos + colon;
    value_end = end;
    pos = next;
  }
  flush();
  return text.size();
}

}  // namespace smtp_explain
