#include "mime_walker.h"

#include <cstring>

#include "mime_decode.h"
#include "mime_header.h"
#include "original_start.h"
#include "smtp_explain/report.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

struct Span {
  std::size_t begin;
  std::size_t end;
};

class Walker {
 public:
  Walker(Message* msg, const Limits& limits) : msg_(msg), limits_(limits) {}

  void walk(const HeaderList& headers, std::string_view content, int depth, bool in_original) {
    if (parts_seen_ >= limits_.max_mime_parts) {
      msg_->flags |= kFlagTooManyParts;
      return;
    }
    ++parts_seen_;
    std::string type = media_type(headers.get("Content-Type"));
    if (type.empty()) type = "text/plain";
    if (type.starts_with("multipart/")) {
      if (walk_multipart(headers, type, content, depth, in_original)) return;
      type = "text/plain";  // no usable boundary: read it as text
    }
    if (type == "message/rfc822" || type == "message/global" || type == "text/rfc822-headers" ||
        type == "message/rfc822-headers") {
      walk_original(headers, type, content, depth);
      return;
    }
    add_leaf(headers, type, content, depth, in_original);
  }

 private:
  // Returns false if the multipart has no boundary that occurs in the content.
  bool walk_multipart(const HeaderList& headers, const std::string& type, std::string_view content,
                      int depth, bool in_original) {
    const std::string boundary = header_param(headers.get("Content-Type"), "boundary");
    if (boundary.empty() || boundary.size() > 200) {
      msg_->flags |= kFlagBadBoundary;
      return false;
    }
    if (depth == 0 && type == "multipart/report") {
      msg_->report_type = to_lower(header_param(headers.get("Content-Type"), "report-type"));
    }
    std::vector<Span> parts;
    bool closed = false;
    bool found = false;
    std::size_t part_start = std::string_view::npos;
    std::size_t pos = 0;
    while (pos < content.size()) {
      std::size_t nl = content.find('\n', pos);
      std::size_t end = nl == std::string_view::npos ? content.size() : nl;
      std::string_view line = content.substr(pos, end - pos);
      // A delimiter indented by mistake (" --boundary") is still one.
      while (!line.empty() && is_space_or_tab(line.front())) line.remove_prefix(1);
      if (line.size() >= boundary.size() + 2 && line[0] == '-' && line[1] == '-' &&
          line.substr(2, boundary.size()) == boundary) {
        std::string_view rest = line.substr(2 + boundary.size());
        bool is_close = rest.starts_with("--");
        if (is_close) rest.remove_prefix(2);
        if (trim(rest).empty()) {
          found = true;
          if (part_start != std::string_view::npos) {
            // The line break before the delimiter belongs to the delimiter.
            parts.push_back({part_start, pos > part_start ? pos - 1 : part_start});
          }
          part_start = std::string_view::npos;
          if (is_close) {
            closed = true;
            break;
          }
          part_start = nl == std::string_view::npos ? content.size() : nl + 1;
        }
      }
      if (nl == std::string_view::npos) break;
      pos = nl + 1;
    }
    if (!found) {
      msg_->flags |= kFlagBadBoundary;
      return false;
    }
    if (!closed) {
      msg_->flags |= kFlagBadBoundary;  // never closed (or cut by max_scan_bytes)
      if (part_start != std::string_view::npos && part_start < content.size()) {
        parts.push_back({part_start, content.size()});
      }
    }
    if (depth + 1 > limits_.max_mime_depth) {
      msg_->flags |= kFlagMimeTooDeep;
      return true;
    }
    for (const Span& s : parts) {
      std::string_view part = content.substr(s.begin, s.end - s.begin);
      HeaderList part_headers;
      std::size_t body_at = parse_header_block(part, limits_, &part_headers, &msg_->flags);
      const std::string_view body = part.substr(std::min(body_at, part.size()));
      if (parts_seen_ >= limits_.max_mime_parts) {
        msg_->flags |= kFlagTooManyParts;
        return true;
      }
      walk(part_headers, body, depth + 1, in_original);
    }
    return true;
  }

  void walk_original(const HeaderList& headers, const std::string& type, std::string_view content,
                     int depth) {
    std::string_view decoded = decode_body(headers, content);
    HeaderList original;
    std::size_t body_at = parse_header_block(decoded, limits_, &original, &msg_->flags);
    MimePart part;
    part.headers = headers;
    part.content_type = type;
    part.role = PartRole::kOriginalHeaders;
    part.depth = depth;
    part.body = decoded.substr(0, std::min(body_at, decoded.size()));
    part.offset = offset_of(content);
    msg_->parts.push_back(std::move(part));
    if (!have_original_) {
      msg_->original_headers = original;
      have_original_ = true;
    }
    if (type.starts_with("text/") || type == "message/rfc822-headers") return;
    if (depth + 1 > limits_.max_mime_depth) {
      msg_->flags |= kFlagMimeTooDeep;
      return;
    }
    // The returned original's own body: walked only so its parts are known as
    // part of the original (never as the MTA's error text).
    walk(original, decoded.substr(std::min(body_at, decoded.size())), depth + 1, true);
  }

  void add_leaf(const HeaderList& headers, const std::string& type, std::string_view content,
                int depth, bool in_original) {
    MimePart part;
    part.headers = headers;
    part.content_type = type;
    part.charset = to_lower(header_param(headers.get("Content-Type"), "charset"));
    part.depth = depth;
    part.offset = offset_of(content);
    std::string_view decoded = decode_body(headers, content);
    if (in_original) {
      part.role = PartRole::kOriginal;
    } else if (type == "message/delivery-status" || type == "message/global-delivery-status") {
      part.role = PartRole::kDeliveryStatus;
    } else if (type.starts_with("text/")) {
      part.role = PartRole::kText;
      if (type == "text/html") decoded = msg_->keep(html_to_text(decoded));
      if (!part.charset.empty() && part.charset != "us-ascii" && part.charset != "utf-8") {
        std::string utf8 = to_utf8(decoded, part.charset);
        if (utf8 != decoded) decoded = msg_->keep(std::move(utf8));
      }
    } else {
      part.role = PartRole::kOther;
    }
    part.body = decoded;
    msg_->parts.push_back(std::move(part));
  }

  std::string_view decode_body(const HeaderList& headers, std::string_view content) {
    const std::string cte = to_lower(trim(headers.get("Content-Transfer-Encoding")));
    std::string out;
    bool ok = true;
    if (cte == "base64") {
      ok = base64_decode(content, &out);
    } else if (cte == "quoted-printable") {
      ok = qp_decode(content, false, &out);
    } else {
      return content;
    }
    if (!ok) msg_->flags |= kFlagBadEncoding;
    // Decoded text may carry CRLF or CR from the sender's side: normalise.
    // In place (the text only shrinks), runs between CRs moved at once.
    if (std::size_t cr = out.find('\r'); cr != std::string::npos) {
      char* const data = out.data();
      const std::size_t n = out.size();
      std::size_t w = cr;  // bytes before the first CR stay where they are
      while (cr < n) {
        data[w++] = '\n';
        std::size_t r = cr + 1;
        if (r < n && data[r] == '\n') ++r;
        const void* next = std::memchr(data + r, '\r', n - r);
        cr = next == nullptr ? n : static_cast<std::size_t>(static_cast<const char*>(next) - data);
        std::memmove(data + w, data + r, cr - r);
        w += cr - r;
      }
      out.resize(w);
    }
    return msg_->keep(std::move(out));
  }

  std::size_t offset_of(std::string_view content) const {
    const char* base = msg_->body.data();
    if (content.data() >= base && content.data() <= base + msg_->body.size()) {
      return static_cast<std::size_t>(content.data() - base);
    }
    return 0;
  }

  Message* msg_;
  const Limits& limits_;
  std::size_t parts_seen_ = 0;
  bool have_original_ = false;
};

bool is_block_tag(std::string_view tag) {
  static constexpr std::string_view kBlocks[] = {"br", "p",  "div", "tr",  "li",         "table",
                                                 "h1", "h2", "h3",  "pre", "blockquote", "td"};
  std::string_view name = tag;
  if (!name.empty() && name.front() == '/') name.remove_prefix(1);
  std::size_t end = 0;
  while (end < name.size() && is_ascii_alpha(name[end])) ++end;
  if (end < name.size() && is_ascii_digit(name[end])) ++end;
  name = name.substr(0, end);
  for (std::string_view b : kBlocks) {
    if (iequals(name, b)) return true;
  }
  return false;
}

}  // namespace

std::string html_to_text(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  std::size_t i = 0;
  bool skip_content = false;  // inside <style> or <script>
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      std::size_t close = html.find('>', i);
      if (close == std::string_view::npos) break;
      std::string_view tag = html.substr(i + 1, close - i - 1);
      if (istarts_with(tag, "style") || istarts_with(tag, "script")) skip_content = true;
      if (istarts_with(tag, "/style") || istarts_with(tag, "/script")) skip_content = false;
      if (is_block_tag(tag)) out.push_back('\n');
      i = close + 1;
      continue;
    }
    if (skip_content) {
      ++i;
      continue;
    }
    if (c == '&') {
      static constexpr struct {
        std::string_view entity;
        char ch;
      } kEntities[] = {{"&lt;", '<'},   {"&gt;", '>'},   {"&amp;", '&'},
                       {"&quot;", '"'}, {"&nbsp;", ' '}, {"&#39;", '\''}};
      bool done = false;
      for (const auto& e : kEntities) {
        if (istarts_with(html.substr(i), e.entity)) {
          out.push_back(e.ch);
          i += e.entity.size();
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    if (c == '\n') c = ' ';  // HTML source line breaks are not text line breaks
    out.push_back(c);
    ++i;
  }
  return out;
}

Message walk_mime(HeaderList top_headers, std::string body, const Limits& limits) {
  Message msg;
  msg.body = msg.keep(std::move(body));
  msg.content_type = media_type(top_headers.get("Content-Type"));
  if (msg.content_type.empty()) msg.content_type = "text/plain";
  msg.headers = std::move(top_headers);
  Walker walker(&msg, limits);
  walker.walk(msg.headers, msg.body, 0, false);

  // The error text: text leaves outside the returned original. Plain text is
  // preferred; HTML only when no plain text part was given.
  bool have_plain = false;
  for (const MimePart& p : msg.parts) {
    if (p.role == PartRole::kText && p.content_type != "text/html") have_plain = true;
  }
  std::vector<std::string_view> texts;
  for (const MimePart& p : msg.parts) {
    if (p.role == PartRole::kDeliveryStatus) msg.delivery_status.push_back(p.body);
    if (p.role != PartRole::kText) continue;
    if (have_plain && p.content_type == "text/html") continue;
    texts.push_back(p.body);
  }
  if (texts.size() == 1) {
    msg.text = texts.front();
  } else if (texts.size() > 1) {
    std::string joined;
    for (std::string_view t : texts) {
      if (!joined.empty()) joined += "\n\n";
      joined += t;
    }
    msg.text = msg.keep(std::move(joined));
  }
  // A returned original written inline after a marker line ("--- Below this
  // line is a copy of the message."): its header block, when no attached one.
  if (msg.original_headers.fields.empty() && !msg.text.empty()) {
    std::size_t at = find_original_start(msg.text);
    if (at < msg.text.size()) {
      std::string_view rest = msg.text.substr(at);
      std::size_t nl = rest.find('\n');
      rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
      while (!rest.empty() && rest.front() == '\n') rest.remove_prefix(1);
      std::uint32_t ignored = 0;  // junk after a marker is no anomaly of the bounce
      parse_header_block(rest, limits, &msg.original_headers, &ignored);
    }
  }
  return msg;
}

}  // namespace smtp_explain
