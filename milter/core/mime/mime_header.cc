// Header-field reading (see mime_header.h).
#include "mime_header.h"

#include <algorithm>
#include <cstring>

#include "charset.h"
#include "mime_decode.h"
#include "smtp_explain/report.h"
#include "text_util.h"
#include "utf8_encode.h"

namespace smtp_explain {

// ---- field values -----------------------------------------------------------

std::string_view unfold(std::string_view value, TextArena* arena) {
  const char* data = value.data();
  const std::size_t n = value.size();
  // The next CR, LF and NUL, each found by memchr and refound only once
  // passed: the ordinary runs between them are copied at once.
  auto find_byte = [&](char byte, std::size_t from) -> std::size_t {
    const void* hit = from < n ? std::memchr(data + from, byte, n - from) : nullptr;
    return hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - data) : n;
  };
  // Nothing to remove but white space at the ends (the common case): a view.
  // Short values are looked at byte by byte, cheaper than three memchr calls.
  if (n <= 64) {
    bool special = false;
    for (std::size_t i = 0; i < n; ++i) {
      const char c = data[i];
      special |= c == '\r' || c == '\n' || c == '\0';
    }
    if (!special) return trim(value);
  }
  std::size_t next_cr = find_byte('\r', 0);
  std::size_t next_lf = find_byte('\n', 0);
  std::size_t next_nul = find_byte('\0', 0);
  if (std::min({next_cr, next_lf, next_nul}) == n) return trim(value);
  char* out = arena->allocate(n);
  std::size_t w = 0;
  std::size_t i = 0;
  while (i < n) {
    if (next_cr < i) next_cr = find_byte('\r', i);
    if (next_lf < i) next_lf = find_byte('\n', i);
    if (next_nul < i) next_nul = find_byte('\0', i);
    const std::size_t run = std::min({next_cr, next_lf, next_nul});
    std::memcpy(out + w, data + i, run - i);
    w += run - i;
    if (run == n) break;
    i = run;
    out[w++] = ' ';  // a NUL, or a line break (with its folding white space)
    if (data[i] == '\0') {
      ++i;
      continue;
    }
    // CRLF + WSP, LF + WSP or CR + WSP: the break and the WSP become one space.
    std::size_t j = i;
    while (j < n && (data[j] == '\r' || data[j] == '\n')) ++j;
    i = (j < n && is_space_or_tab(data[j])) ? j + 1 : j;
  }
  arena->give_back(n - w);
  return trim(std::string_view(out, w));
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
  if (table == 0) {
    std::optional<std::string> converted = convert_charset(bytes, cs);
    return converted ? std::move(*converted) : std::string(bytes);
  }
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

std::string_view decode_encoded_words(std::string_view value, TextArena* arena,
                                      std::uint32_t* flags) {
  if (value.find("=?") == std::string_view::npos) return value;
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
  return arena->copy(out);
}

std::string_view media_type(std::string_view content_type, TextArena* arena) {
  std::string_view v = trim(content_type);
  v = trim(v.substr(0, v.find(';')));
  const std::size_t slash = v.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 >= v.size()) return {};
  // Drop comments and stray whitespace ("text/plain (x)").
  v = v.substr(0, std::min(v.find_first_of(" \t("), v.size()));
  for (char c : v) {
    if (c >= 'A' && c <= 'Z') {
      char* out = arena->allocate(v.size());
      for (std::size_t i = 0; i < v.size(); ++i) out[i] = ascii_lower(v[i]);
      return {out, v.size()};
    }
  }
  return v;
}

std::string_view header_param(std::string_view value, std::string_view name) {
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
      return v;
    }
    pos += name.size();
  }
  return {};
}

std::size_t for_each_header_field(std::string_view text, const Limits& limits, std::uint32_t* flags,
                                  HeaderFieldFn fn) {
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
      const std::string_view name = trim(text.substr(field_start, name_end - field_start));
      const std::size_t vstart = name_end + 1 - field_start;
      fn(name, vstart < raw.size() ? raw.substr(vstart) : std::string_view{}, field_start);
    }
    field_start = std::string_view::npos;
  };
  const char* data = text.data();
  while (pos < text.size()) {
    const void* hit = std::memchr(data + pos, '\n', text.size() - pos);
    const std::size_t nl = hit == nullptr
                               ? std::string_view::npos
                               : static_cast<std::size_t>(static_cast<const char*>(hit) - data);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    const std::size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      flush();
      return next;
    }
    if (is_space_or_tab(line.front())) {
      // A continuation; with no field before it, leading junk that is skipped.
      if (field_start != std::string_view::npos) value_end = end;
      pos = next;
      continue;
    }
    const std::size_t colon = line.find(':');
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

std::string_view field_value(std::string_view raw_value, TextArena* arena, std::uint32_t* flags) {
  return decode_encoded_words(unfold(raw_value, arena), arena, flags);
}

std::size_t parse_header_block(std::string_view text, const Limits& limits, TextArena* arena,
                               HeaderList* out, std::uint32_t* flags) {
  return for_each_header_field(
      text, limits, flags,
      [&](std::string_view name, std::string_view raw_value, std::size_t offset) {
        out->add(name, field_value(raw_value, arena, flags), offset);
      });
}

}  // namespace smtp_explain
