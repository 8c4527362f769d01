// Content-Transfer-Encoding decoders (RFC 2045) for the MIME walker and RFC
// 2047 encoded words. They append to `out`, skip what they cannot decode, and
// return false when the input was not cleanly encoded (the caller flags
// kFlagBadEncoding). Linear, no allocation beyond `out`.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace smtp_explain {

// Base64; whitespace and line breaks ignored, stops at the first '='-padding end.
bool base64_decode(std::string_view in, std::string* out);

// Quoted-printable. `header_q`: RFC 2047 "Q" rules ('_' is a space).
// Soft line breaks ("=\n") are removed.
bool qp_decode(std::string_view in, bool header_q, std::string* out);

}  // namespace smtp_explain
