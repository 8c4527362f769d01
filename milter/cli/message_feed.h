// Feeding a message from a stream to the Annotator stage by stage, exactly as the
// milter is fed: header fields one by one (split by the core's one header
// splitter), end_of_headers, body chunks, finish.
// The stream is read in chunks; the body is not read at all when
// end_of_headers() says the message cannot be a bounce.
#pragma once

#include <cstddef>
#include <istream>

#include "smtp_explain/annotator.h"

inline constexpr std::size_t kBodyChunkBytes = 64 * 1024;

// Parses the message in `in` (LF, CRLF or CR line endings). A Return-Path
// header, when present, stands in for the envelope sender the MTA would give.
// Sets *read_error when the stream failed before its end.
smtp_explain::Annotation feed_message(std::istream& in, const smtp_explain::Annotator& annotator,
                                      bool* read_error);
