// The one-pass MIME walk: turns a kept message (top-level header fields plus
// the body, LF line endings) into the Message model (message.h) that the DSN
// reader and the format families read, computing its text views once.
//
// Handles nested multiparts, message/rfc822 and text/rfc822-headers (the
// returned original), message/(global-)delivery-status, base64 and
// quoted-printable, charsets to UTF-8 (see mime_header.h), text/html (reduced
// to text when it is read). Hard limits from Limits (depth, parts); broken
// input is handled as well as the content allows and flagged
// (kFlagBadBoundary, kFlagMimeTooDeep, kFlagTooManyParts, kFlagBadEncoding),
// never thrown. Linear in the body size.
// Thread safety: works on the caller's Message only.
#pragma once

#include <string>
#include <string_view>

#include "message.h"
#include "smtp_explain/limits.h"

namespace smtp_explain {

// REQUIRES: msg->headers and msg->body are set; the body uses LF line endings
// only. Fills in everything else.
void walk_mime(Message* msg, const Limits& limits);

// Text of an HTML body: tags dropped, block tags as line breaks, the common
// entities decoded. Exposed for tests.
std::string html_to_text(std::string_view html);

}  // namespace smtp_explain
