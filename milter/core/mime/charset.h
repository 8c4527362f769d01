// Conversion of text in the multi-byte and non-Latin charsets bounces are
// written in (ISO-2022-JP, Shift_JIS, EUC-JP, GB2312/GBK/GB18030, Big5,
// EUC-KR, KOI8-R, Windows-1251, the other ISO-8859 and Windows code pages) to
// UTF-8, with glibc's iconv (no package needed), so that Japanese, Chinese,
// Cyrillic, ... bounce markers can be matched and diagnostics shown.
//
// Only the charsets listed in charset.cc are converted (a fixed table of MIME
// names, several aliased to the superset mailers really use: gb2312 -> GB18030,
// shift_jis -> CP932, ks_c_5601-1987 -> CP949); others are left alone. Bounded
// and linear: the output is at most 4 bytes per input byte; a byte that does not
// decode becomes U+FFFD and the conversion goes on after it.
// Thread safety: pure function (each call opens and closes its own iconv
// descriptor; glibc loads and keeps the conversion modules once).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace smtp_explain {

// `bytes` in MIME charset `charset` as UTF-8, or nullopt when the charset is
// not one of the table's (or iconv cannot open it here). Text that is plain
// ASCII in the charset is returned unchanged without calling iconv.
std::optional<std::string> convert_charset(std::string_view bytes, std::string_view charset);

}  // namespace smtp_explain
