// The one-pass MIME walker: turns a kept message (top-level header fields plus
// the body, LF line endings) into the Message model (message.h) that the DSN
// reader and the format scanners read.
//
// Handles nested multiparts, message/rfc822 and text/rfc822-headers (the
// returned original), message/(global-)delivery-status, base64 and
// quoted-printable, charsets to UTF-8 (see mime_header.h), text/html (reduced
// to text when no text/plain is given). Hard limits from Limits (depth, parts);
// broken input is handled as well as the content allows and flagged
// (kFlagBadBoundary, kFlagMimeTooDeep, kFlagTooManyParts, kFlagBadEncoding),
// never thrown. Linear in the body size.
// Thread safety: a pure function.
#pragma once

#include <string>

#include "message.h"
#include "smtp_explain/limits.h"

namespace smtp_explain {

// REQUIRES: `body` uses LF line endings only.
Message walk_mime(HeaderList top_headers, std::string body, const Limits& limits);

// Text of an HTML body: tags dropped, block tags as line breaks, the common
// entities decoded. Exposed for tests.
std::string html_to_text(std::string_view html);

}  // namespace smtp_explain
