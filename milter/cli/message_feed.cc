// Splitting a message stream into header fields and body chunks (message_feed.h).
#include "message_feed.h"

#include <strings.h>

#include <string>
#include <utility>
#include <vector>

#include "smtp_explain/parser.h"

namespace {

struct Field {
  std::string name;
  std::string value;  // folded lines joined with "\n"
};

// A header line "Name: value": the name is printable ASCII without ':' or space.
bool split_field(const std::string& line, Field* out) {
  const std::size_t colon = line.find(':');
  if (colon == std::string::npos || colon == 0) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    const unsigned char c = static_cast<unsigned char>(line[i]);
    if (c <= 0x20 || c >= 0x7F) return false;
  }
  out->name = line.substr(0, colon);
  std::size_t v = colon + 1;
  while (v < line.size() && (line[v] == ' ' || line[v] == '\t')) ++v;
  out->value = line.substr(v);
  return true;
}

// Reads header lines from the stream; returns the body bytes read past the
// blank line (or past the first line that is not a header).
class HeaderReader {
 public:
  HeaderReader(std::istream& in, std::size_t max_header_bytes)
      : in_(in), max_bytes_(max_header_bytes) {}

  // Fills *fields; returns the body bytes already read.
  std::string read(std::vector<Field>* fields, bool* read_error) {
    std::string line;
    bool first = true;
    while (next_line(&line)) {
      if (line.empty()) return take_rest();
      if (consumed_ > max_bytes_) {  // oversized header block: the rest is body
        return line + "\n" + take_rest();
      }
      if (first && line.rfind("From ", 0) == 0) {  // mbox separator
        first = false;
        continue;
      }
      first = false;
      if ((line[0] == ' ' || line[0] == '\t') && !fields->empty()) {
        fields->back().value += "\n" + line;
        continue;
      }
      Field f;
      if (!split_field(line, &f)) {  // not a header: the body starts here (as in Postfix)
        return line + "\n" + take_rest();
      }
      fields->push_back(std::move(f));
    }
    *read_error = in_.bad();
    return take_rest();
  }

 private:
  // One line without its terminator (LF, CRLF or CR). False at end of input.
  // A header block past max_bytes_ ends the header (the rest is body).
  bool next_line(std::string* line) {
    line->clear();
    for (;;) {
      if (pos_ >= buf_.size() && !fill()) {
        if (line->empty()) return false;
        return true;
      }
      const char c = buf_[pos_++];
      ++consumed_;
      if (c == '\n') return true;
      if (c == '\r') {
        if ((pos_ < buf_.size() || fill()) && buf_[pos_] == '\n') {
          ++pos_;
          ++consumed_;
        }
        return true;
      }
      line->push_back(c);
      if (line->size() > max_bytes_) return true;  // bounded; read() stops the header here
    }
  }

  bool fill() {
    if (!in_) return false;
    buf_.erase(0, pos_);
    pos_ = 0;
    char chunk[4096];
    in_.read(chunk, sizeof chunk);
    const std::streamsize n = in_.gcount();
    if (n <= 0) return false;
    buf_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  std::string take_rest() {
    std::string rest = buf_.substr(pos_);
    buf_.clear();
    pos_ = 0;
    return rest;
  }

  std::istream& in_;
  std::size_t max_bytes_;
  std::string buf_;
  std::size_t pos_ = 0;
  std::size_t consumed_ = 0;
};

std::string envelope_from_return_path(std::string value) {
  std::size_t b = value.find('<'), e = value.rfind('>');
  if (b != std::string::npos && e != std::string::npos && e > b)
    return value.substr(b + 1, e - b - 1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.pop_back();
  return value;
}

}  // namespace

smtp_explain::Report feed_message(std::istream& in, const smtp_explain::Limits& limits,
                                  bool* read_error) {
  *read_error = false;
  smtp_explain::BounceParser parser(limits);
  std::vector<Field> fields;
  HeaderReader reader(in, limits.max_header_bytes);
  std::string body_start = reader.read(&fields, read_error);

  for (const Field& f : fields) {
    if (f.name.size() == 11 && strncasecmp(f.name.c_str(), "Return-Path", 11) == 0) {
      parser.envelope_sender(envelope_from_return_path(f.value));
      break;
    }
  }
  for (const Field& f : fields) parser.header(f.name, f.value);
  if (parser.end_of_headers() && !*read_error) {
    if (!body_start.empty()) parser.body(body_start);
    std::string chunk(kBodyChunkBytes, '\0');
    while (in) {
      in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      const std::streamsize n = in.gcount();
      if (n > 0) parser.body(std::string_view(chunk.data(), static_cast<std::size_t>(n)));
    }
    *read_error = in.bad();
  }
  return parser.finish();
}
