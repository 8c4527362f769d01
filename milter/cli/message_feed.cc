// Feeding a message stream to the Annotator stage by stage (message_feed.h),
// through the core's one header splitter (header_splitter.h).
#include "message_feed.h"

#include <strings.h>

#include <string>

#include "header_splitter.h"

namespace {

std::string envelope_from_return_path(std::string_view value) {
  const std::size_t b = value.find('<'), e = value.rfind('>');
  if (b != std::string_view::npos && e != std::string_view::npos && e > b) {
    return std::string(value.substr(b + 1, e - b - 1));
  }
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  return std::string(value);
}

}  // namespace

smtp_explain::Annotation feed_message(std::istream& in, const smtp_explain::Annotator& annotator,
                                      bool* read_error) {
  *read_error = false;
  smtp_explain::Annotator::Feed parser = annotator.start();
  smtp_explain::HeaderSplitter splitter(annotator.options().limits);
  bool have_return_path = false;
  const auto on_field = [&](std::string_view name, std::string_view value) {
    if (!have_return_path && name.size() == 11 &&
        strncasecmp(name.data(), "Return-Path", 11) == 0) {
      parser.envelope_sender(envelope_from_return_path(value));
      have_return_path = true;
    }
    parser.header(name, value);
  };
  std::string chunk(kBodyChunkBytes, '\0');
  bool wanted = false;
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const std::streamsize got = in.gcount();
    if (got <= 0) break;
    const std::string_view piece(chunk.data(), static_cast<std::size_t>(got));
    if (!splitter.done()) {
      const std::size_t used = splitter.feed(piece, on_field);
      if (!splitter.done()) continue;
      wanted = parser.end_of_headers();
      if (!wanted) break;  // not a bounce: the body is not read
      parser.body(splitter.body_prefix());
      parser.body(piece.substr(used));
      continue;
    }
    parser.body(splitter.body_piece(piece));
  }
  *read_error = in.bad();
  if (!splitter.done()) {
    splitter.finish(on_field);
    if (parser.end_of_headers() && !*read_error) parser.body(splitter.body_prefix());
  }
  return parser.finish();
}
