// The one-pass MIME walk (see mime_walker.h).
#include "mime_walker.h"

#include <string.h>

#include <cstring>

#include "mime_decode.h"
#include "mime_header.h"
#include "original_start.h"
#include "smtp_explain/report.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

bool needs_conversion(std::string_view charset) {
  return !charset.empty() && !iequals(charset, "us-ascii") && !iequals(charset, "utf-8");
}

struct Span {
  std::size_t begin;
  std::size_t end;
};

// The two header fields of a MIME part the walk needs, unfolded and decoded.
struct PartHeader {
  std::string_view content_type;
  std::string_view transfer_encoding;
};

class Walker {
 public:
  Walker(Message* msg, const Limits& limits) : msg_(msg), limits_(limits) {}

  void walk(const PartHeader& header, std::string_view content, int depth, bool in_original) {
    if (parts_seen_ >= limits_.max_mime_parts) {
      msg_->flags |= kFlagTooManyParts;
      return;
    }
    ++parts_seen_;
    std::string_view type = media_type(header.content_type, &msg_->arena);
    if (type.empty()) type = "text/plain";
    if (type.starts_with("multipart/")) {
      if (walk_multipart(header, type, content, depth, in_original)) return;
      type = "text/plain";  // no usable boundary: read it as text
    }
    if (type == "message/rfc822" || type == "message/global" || type == "text/rfc822-headers" ||
        type == "message/rfc822-headers") {
      walk_original(header, type, content, depth);
      return;
    }
    add_leaf(header, type, content, depth, in_original);
  }

 private:
  // The next delimiter line of `boundary` at or after `from`: its start, the
  // offset after its line break, and whether it closes the multipart. A
  // delimiter indented by mistake (" --boundary") is still one.
  struct Delimiter {
    std::size_t line = std::string_view::npos;
    std::size_t next = 0;
    bool close = false;
  };
  static Delimiter next_delimiter(std::string_view content, std::string_view dashed,
                                  std::size_t from) {
    Delimiter d;
    // memmem, not string_view::find: find stops at every '-' in the text (a
    // memchr for the first byte, then a compare), and "--" lines, dates and
    // hyphenated words are common in bounces.
    auto find = [&](std::size_t at) -> std::size_t {
      if (at > content.size()) return std::string_view::npos;
      const void* hit =
          memmem(content.data() + at, content.size() - at, dashed.data(), dashed.size());
      return hit == nullptr
                 ? std::string_view::npos
                 : static_cast<std::size_t>(static_cast<const char*>(hit) - content.data());
    };
    for (std::size_t p = find(from); p != std::string_view::npos; p = find(p + 1)) {
      std::size_t line = p;
      while (line > 0 && is_space_or_tab(content[line - 1])) --line;
      if (line > 0 && content[line - 1] != '\n') continue;
      const std::size_t nl = content.find('\n', p);
      const std::size_t end = nl == std::string_view::npos ? content.size() : nl;
      std::string_view rest = content.substr(p + dashed.size(), end - p - dashed.size());
      const bool close = rest.starts_with("--");
      if (close) rest.remove_prefix(2);
      if (!trim(rest).empty()) continue;
      d.line = line;
      d.next = nl == std::string_view::npos ? content.size() : nl + 1;
      d.close = close;
      return d;
    }
    return d;
  }

  // Returns false if the multipart has no boundary that occurs in the content.
  bool walk_multipart(const PartHeader& header, std::string_view type, std::string_view content,
                      int depth, bool in_original) {
    const std::string_view boundary = header_param(header.content_type, "boundary");
    if (boundary.empty() || boundary.size() > 200) {
      msg_->flags |= kFlagBadBoundary;
      return false;
    }
    if (depth == 0 && type == "multipart/report") {
      msg_->report_type = header_param(header.content_type, "report-type");
    }
    std::string dashed = "--";
    dashed += boundary;
    std::vector<Span> parts;
    bool closed = false;
    bool found = false;
    std::size_t part_start = std::string_view::npos;
    for (Delimiter d = next_delimiter(content, dashed, 0); d.line != std::string_view::npos;
         d = next_delimiter(content, dashed, d.next)) {
      found = true;
      if (part_start != std::string_view::npos) {
        // The line break before the delimiter belongs to the delimiter.
        parts.push_back({part_start, d.line > part_start ? d.line - 1 : part_start});
      }
      part_start = std::string_view::npos;
      if (d.close) {
        closed = true;
        break;
      }
      part_start = d.next;
      if (d.next >= content.size()) break;
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
      const std::string_view part = content.substr(s.begin, s.end - s.begin);
      PartHeader part_header;
      bool have_type = false;
      bool have_encoding = false;
      const std::size_t body_at = for_each_header_field(
          part, limits_, &msg_->flags,
          [&](std::string_view name, std::string_view raw, std::size_t) {
            if (!have_type && iequals(name, "Content-Type")) {
              part_header.content_type = field_value(raw, &msg_->arena, &msg_->flags);
              have_type = true;
            } else if (!have_encoding && iequals(name, "Content-Transfer-Encoding")) {
              part_header.transfer_encoding = field_value(raw, &msg_->arena, &msg_->flags);
              have_encoding = true;
            } else if (raw.find("=?") != std::string_view::npos) {
              field_value(raw, &msg_->arena, &msg_->flags);  // flags a malformed encoded word
            }
          });
      const std::string_view body = part.substr(std::min(body_at, part.size()));
      if (parts_seen_ >= limits_.max_mime_parts) {
        msg_->flags |= kFlagTooManyParts;
        return true;
      }
      walk(part_header, body, depth + 1, in_original);
    }
    return true;
  }

  void walk_original(const PartHeader& header, std::string_view type, std::string_view content,
                     int depth) {
    const std::string_view decoded = decode_body(header, content);
    HeaderList original;
    const std::size_t body_at =
        parse_header_block(decoded, limits_, &msg_->arena, &original, &msg_->flags);
    MimePart part;
    part.content_type = type;
    part.role = PartRole::kOriginalHeaders;
    part.depth = depth;
    part.body = decoded.substr(0, std::min(body_at, decoded.size()));
    part.offset = offset_of(content);
    msg_->parts.push_back(part);
    const PartHeader original_header{original.get("Content-Type"),
                                     original.get("Content-Transfer-Encoding")};
    if (!have_original_) {
      msg_->original_headers = std::move(original);
      have_original_ = true;
    }
    if (type.starts_with("text/") || type == "message/rfc822-headers") return;
    if (depth + 1 > limits_.max_mime_depth) {
      msg_->flags |= kFlagMimeTooDeep;
      return;
    }
    // The returned original's own body: walked only so its parts are known as
    // part of the original (never as the MTA's error text).
    walk(original_header, decoded.substr(std::min(body_at, decoded.size())), depth + 1, true);
  }

  void add_leaf(const PartHeader& header, std::string_view type, std::string_view content,
                int depth, bool in_original) {
    MimePart part;
    part.content_type = type;
    part.charset = header_param(header.content_type, "charset");
    part.depth = depth;
    part.offset = offset_of(content);
    std::string_view decoded = decode_body(header, content);
    if (in_original) {
      part.role = PartRole::kOriginal;
    } else if (type == "message/delivery-status" || type == "message/global-delivery-status") {
      part.role = PartRole::kDeliveryStatus;
    } else if (type.starts_with("text/")) {
      part.role = PartRole::kText;
      if (type == "text/html") {
        part.html = true;  // reduced to text only when read (Message::text_of)
      } else if (needs_conversion(part.charset)) {
        std::string utf8 = to_utf8(decoded, part.charset);
        if (utf8 != decoded) decoded = msg_->keep(std::move(utf8));
      }
    } else {
      part.role = PartRole::kOther;
    }
    part.body = decoded;
    msg_->parts.push_back(part);
  }

  std::string_view decode_body(const PartHeader& header, std::string_view content) {
    const std::string_view cte = trim(header.transfer_encoding);
    std::string out;
    bool ok = true;
    if (iequals(cte, "base64")) {
      ok = base64_decode(content, &out);
    } else if (iequals(cte, "quoted-printable")) {
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
    const char c = html[i];
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
      // Inside <style> or <script>: nothing until the next tag.
      const std::size_t lt = html.find('<', i);
      i = lt == std::string_view::npos ? html.size() : lt;
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
    if (c == '\n') {
      out.push_back(' ');  // HTML source line breaks are not text line breaks
      ++i;
      continue;
    }
    // A run of plain text up to the next tag, entity or line break, at once.
    std::size_t j = i + 1;
    while (j < html.size() && html[j] != '<' && html[j] != '&' && html[j] != '\n') ++j;
    out.append(html.data() + i, j - i);
    i = j;
  }
  return out;
}

std::string_view Message::text_of(const MimePart& part) const {
  if (!part.html) return part.body;
  const auto index = static_cast<std::size_t>(&part - parts.data());
  if (index >= parts.size()) return part.body;  // not one of this message's parts
  if (html_text_.size() < parts.size()) html_text_.resize(parts.size());
  if (html_text_[index].data() == nullptr) {
    std::string plain = html_to_text(part.body);
    if (needs_conversion(part.charset)) plain = to_utf8(plain, part.charset);
    html_text_[index] = keep(std::move(plain));
  }
  return html_text_[index];
}

std::string_view Message::flat_body() const {
  if (flat_body_) return *flat_body_;
  bool any = false;
  for (const MimePart& p : parts) any |= p.role == PartRole::kDeliveryStatus;
  if (!any) {
    flat_body_ = text;
    return text;
  }
  std::string out;
  for (const MimePart& p : parts) {
    if (p.role != PartRole::kText && p.role != PartRole::kDeliveryStatus) continue;
    if (!out.empty()) out += "\n\n";
    out += text_of(p);
  }
  flat_body_ = keep(std::move(out));
  return *flat_body_;
}

void walk_mime(Message* msg, const Limits& limits) {
  Message& m = *msg;
  m.content_type = media_type(m.headers.get("Content-Type"), &m.arena);
  if (m.content_type.empty()) m.content_type = "text/plain";
  Walker walker(msg, limits);
  walker.walk(PartHeader{m.headers.get("Content-Type"), m.headers.get("Content-Transfer-Encoding")},
              m.body, 0, false);

  // The error text: text leaves outside the returned original. Plain text is
  // preferred; HTML only when no plain text part was given.
  bool have_plain = false;
  for (const MimePart& p : m.parts) {
    if (p.role == PartRole::kText && p.content_type != "text/html") have_plain = true;
  }
  std::vector<std::string_view> texts;
  for (const MimePart& p : m.parts) {
    if (p.role == PartRole::kDeliveryStatus) m.delivery_status.push_back(p.body);
    if (p.role != PartRole::kText) continue;
    if (have_plain && p.content_type == "text/html") continue;
    texts.push_back(m.text_of(p));
  }
  if (texts.size() == 1) {
    m.text = texts.front();
  } else if (texts.size() > 1) {
    std::string joined;
    for (std::string_view t : texts) {
      if (!joined.empty()) joined += "\n\n";
      joined += t;
    }
    m.text = m.keep(std::move(joined));
  }
  // Where an inline returned original starts ("--- Below this line is a copy
  // of the message."): the error text ends there, and its header block is
  // the original's when none was attached.
  const std::size_t at = find_original_start(m.text);
  m.error_text = m.text.substr(0, at);
  if (m.original_headers.empty() && at < m.text.size()) {
    std::string_view rest = m.text.substr(at);
    const std::size_t nl = rest.find('\n');
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    while (!rest.empty() && rest.front() == '\n') rest.remove_prefix(1);
    std::uint32_t ignored = 0;  // junk after a marker is no anomaly of the bounce
    parse_header_block(rest, limits, &m.arena, &m.original_headers, &ignored);
  }
}

}  // namespace smtp_explain
