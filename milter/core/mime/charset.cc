// Multi-byte and non-Latin charsets to UTF-8 with iconv (see charset.h).
#include "charset.h"

#include <iconv.h>

#include <cerrno>
#include <cstring>

#include "text_util.h"

namespace smtp_explain {
namespace {

struct CharsetName {
  std::string_view mime;  // lower case, '_' written as '-', no "x-" prefix
  const char* iconv;      // the name glibc's iconv knows (a superset where mailers need one)
};

// MIME charset names (and the aliases mailers write) -> iconv. Decoding with
// the superset is what mail clients do: text labelled gb2312 is often GBK,
// Shift_JIS often CP932 (NEC/IBM extensions: circled digits in Japanese
// notices), EUC-KR often CP949, Big5 often HKSCS.
constexpr CharsetName kCharsets[] = {
    {"iso-2022-jp", "ISO-2022-JP-3"},
    {"iso-2022-jp-1", "ISO-2022-JP-3"},
    {"iso-2022-jp-2", "ISO-2022-JP-2"},
    {"iso-2022-jp-3", "ISO-2022-JP-3"},
    {"csiso2022jp", "ISO-2022-JP-3"},
    {"shift-jis", "CP932"},
    {"shiftjis", "CP932"},
    {"sjis", "CP932"},
    {"ms-kanji", "CP932"},
    {"csshiftjis", "CP932"},
    {"windows-31j", "CP932"},
    {"cp932", "CP932"},
    {"euc-jp", "EUC-JP-MS"},
    {"eucjp", "EUC-JP-MS"},
    {"cseucpkdfmtjapanese", "EUC-JP-MS"},
    {"gb2312", "GB18030"},
    {"csgb2312", "GB18030"},
    {"euc-cn", "GB18030"},
    {"gbk", "GB18030"},
    {"cp936", "GB18030"},
    {"gb18030", "GB18030"},
    {"chinese", "GB18030"},
    {"big5", "BIG5-HKSCS"},
    {"big5-hkscs", "BIG5-HKSCS"},
    {"cn-big5", "BIG5-HKSCS"},
    {"csbig5", "BIG5-HKSCS"},
    {"euc-kr", "CP949"},
    {"ks-c-5601-1987", "CP949"},
    {"ks-c-5601", "CP949"},
    {"cp949", "CP949"},
    {"uhc", "CP949"},
    {"iso-2022-kr", "ISO-2022-KR"},
    {"koi8-r", "KOI8-R"},
    {"koi8-u", "KOI8-U"},
    {"koi8-ru", "KOI8-RU"},
    {"cp866", "CP866"},
    {"ibm866", "CP866"},
    {"windows-1250", "CP1250"},
    {"windows-1251", "CP1251"},
    {"windows-1253", "CP1253"},
    {"windows-1254", "CP1254"},
    {"windows-1255", "CP1255"},
    {"windows-1256", "CP1256"},
    {"windows-1257", "CP1257"},
    {"windows-1258", "CP1258"},
    {"cp1250", "CP1250"},
    {"cp1251", "CP1251"},
    {"cp1253", "CP1253"},
    {"cp1254", "CP1254"},
    {"cp1255", "CP1255"},
    {"cp1256", "CP1256"},
    {"cp1257", "CP1257"},
    {"cp1258", "CP1258"},
    {"iso-8859-2", "ISO-8859-2"},
    {"iso-8859-3", "ISO-8859-3"},
    {"iso-8859-4", "ISO-8859-4"},
    {"iso-8859-5", "ISO-8859-5"},
    {"iso-8859-6", "ISO-8859-6"},
    {"iso-8859-7", "ISO-8859-7"},
    {"iso-8859-8", "ISO-8859-8"},
    {"iso-8859-8-i", "ISO-8859-8"},
    {"iso-8859-9", "ISO-8859-9"},
    {"iso-8859-10", "ISO-8859-10"},
    {"iso-8859-13", "ISO-8859-13"},
    {"iso-8859-14", "ISO-8859-14"},
    {"iso-8859-16", "ISO-8859-16"},
    {"tis-620", "TIS-620"},
    {"windows-874", "CP874"},
};

// The charset name as the table writes it: lower case, '_' as '-', no "x-"
// prefix, "iso8859-N" as "iso-8859-N"; empty when too long to be a name.
std::string normalise(std::string_view charset) {
  std::string_view cs = trim(charset);
  if (cs.size() > 40) return {};
  if (istarts_with(cs, "x-")) cs.remove_prefix(2);
  std::string n;
  n.reserve(cs.size() + 1);
  if (istarts_with(cs, "iso8859")) {
    n = "iso-";
    cs.remove_prefix(3);
  }
  for (char c : cs) n.push_back(c == '_' ? '-' : ascii_lower(c));
  return n;
}

const char* iconv_name(std::string_view charset) {
  const std::string n = normalise(charset);
  for (const CharsetName& c : kCharsets) {
    if (c.mime == n) return c.iconv;
  }
  return nullptr;
}

// True when `bytes` reads the same in the charset as in ASCII: no 8-bit byte
// and, for the stateful ISO-2022 charsets, no escape or shift.
bool plain_ascii(std::string_view bytes) {
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || c == 0x1B || c == 0x0E || c == 0x0F) return false;
  }
  return true;
}

bool has_8bit(std::string_view bytes) {
  for (char ch : bytes) {
    if (static_cast<unsigned char>(ch) >= 0x80) return true;
  }
  return false;
}

// True when `bytes` is well-formed UTF-8 (shortest forms, no surrogates).
bool valid_utf8(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + n >= bytes.size()) return false;
    for (std::size_t k = 1; k <= n; ++k) {
      const auto t = static_cast<unsigned char>(bytes[i + k]);
      if (t < (k == 1 ? lo : 0x80) || t > (k == 1 ? hi : 0xBF)) return false;
    }
    i += n + 1;
  }
  return true;
}

}  // namespace

std::optional<std::string> convert_charset(std::string_view bytes, std::string_view charset) {
  const char* name = iconv_name(charset);
  if (name == nullptr) return std::nullopt;
  if (plain_ascii(bytes)) return std::string(bytes);
  // The ISO-2022 charsets are 7-bit: 8-bit text labelled so is really
  // something else, in practice UTF-8 (converted by a relay that kept the
  // label); mail clients show it as UTF-8 too.
  if (std::string_view(name).starts_with("ISO-2022") && has_8bit(bytes) && valid_utf8(bytes)) {
    return std::string(bytes);
  }
  iconv_t cd = iconv_open("UTF-8", name);
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(bytes.data());  // iconv's API; it does not write
  std::size_t in_left = bytes.size();
  std::size_t used = 0;
  // Each step either consumes input or grows the output (bounded: a byte
  // yields at most a few code points), so the loop is linear.
  auto convert = [&](char** src, std::size_t* src_left) {
    for (;;) {
      char* dst = out.data() + used;
      std::size_t dst_left = out.size() - used;
      const std::size_t r = iconv(cd, src, src_left, &dst, &dst_left);
      used = out.size() - dst_left;
      if (r != static_cast<std::size_t>(-1)) return;
      if (errno == E2BIG) {
        out.resize(out.size() * 2);
        continue;
      }
      if (src == nullptr || *src_left == 0) return;
      // An invalid or truncated sequence: U+FFFD for its first byte, then on.
      if (out.size() - used < 3) out.resize(out.size() * 2);
      std::memcpy(out.data() + used, "\xEF\xBF\xBD", 3);
      used += 3;
      ++*src;
      --*src_left;
    }
  };
  convert(&in, &in_left);
  convert(nullptr, nullptr);  // back to the initial shift state
  iconv_close(cd);
  out.resize(used);
  return out;
}

}  // namespace smtp_explain
