// Reading mbox files, Maildir folders and directories as messages (mailbox.h).
#include "mailbox.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <ios>
#include <system_error>
#include <utility>

namespace fs = std::filesystem;

namespace {

// Bytes looked at from the start of a line to decide what it is. A separator
// line longer than this is not taken as one.
constexpr std::size_t kLookBytes = 1024;
constexpr std::string_view kFrom = "From ";

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// "From SENDER DATE...": a sender token, then a date with a time ("hh:mm") in
// it, as every mbox writer puts there (asctime, with or without a zone).
bool looks_like_envelope(std::string_view line) {
  if (line.substr(0, kFrom.size()) != kFrom) return false;
  line.remove_prefix(kFrom.size());
  const std::size_t sender_end = line.find(' ');
  if (sender_end == 0 || sender_end == std::string_view::npos) return false;
  const std::string_view date = line.substr(sender_end + 1);
  for (std::size_t i = 1; i + 2 < date.size(); ++i) {
    if (date[i] == ':' && is_digit(date[i - 1]) && is_digit(date[i + 1]) && is_digit(date[i + 2]))
      return true;
  }
  return false;
}

// "From SENDER Www Mmm dd hh:mm[:ss] [zone] yyyy", the asctime() date mbox
// writers put after the sender, checked field by field: strict enough to
// split where a writer left out the empty line before a separator.
bool asctime_envelope(std::string_view line) {
  if (line.substr(0, kFrom.size()) != kFrom) return false;
  while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::string_view f[8];
  std::size_t n = 0;
  for (std::size_t i = kFrom.size(); i < line.size() && n < std::size(f);) {
    const std::size_t e = std::min(line.find(' ', i), line.size());
    if (e > i) f[n++] = line.substr(i, e - i);
    i = e + 1;
  }
  if (n < 6) return false;
  const auto one_of = [](std::string_view w, std::string_view list) {
    return w.size() == 3 && list.find(w) != std::string_view::npos && list.find(w) % 3 == 0;
  };
  const auto digits = [](std::string_view w, std::size_t min, std::size_t max) {
    return w.size() >= min && w.size() <= max && std::all_of(w.begin(), w.end(), is_digit);
  };
  const std::string_view t = f[4];
  const std::size_t c = t.find(':');
  const bool time =
      c != std::string_view::npos && digits(t.substr(0, c), 1, 2) &&
      (digits(t.substr(c + 1), 2, 2) || (t.size() == c + 6 && digits(t.substr(c + 1, 2), 2, 2) &&
                                         t[c + 3] == ':' && digits(t.substr(c + 4), 2, 2)));
  bool year = false;
  for (std::size_t i = 5; i < n; ++i) year = year || digits(f[i], 4, 4);
  return one_of(f[1], "MonTueWedThuFriSatSun") &&
         one_of(f[2], "JanFebMarAprMayJunJulAugSepOctNovDec") && digits(f[3], 1, 2) && time && year;
}

// Numeric names (MH messages: 1, 2, ..., 10) in numeric order, before the others.
bool name_before(const std::string& a, const std::string& b) {
  const auto numeric = [](const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
  };
  const bool na = numeric(a), nb = numeric(b);
  if (na != nb) return na;
  if (na && a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

// A file named *.eml holds one message.
bool eml_name(std::string_view path) {
  if (path.size() < 4) return false;
  std::string ext(path.substr(path.size() - 4));
  for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return ext == ".eml";
}

std::string errno_text() {
  return errno != 0 ? std::strerror(errno) : "read error";
}

}  // namespace

std::string MessageName::display() const {
  return index == 0 ? file : file + ":" + std::to_string(index);
}

// --- MessageReader ----------------------------------------------------------

MessageReader::MessageReader(std::istream& source, bool detect_mbox)
    : source_(source), message_(this), buf_(new char[kBufferBytes]), detect_mbox_(detect_mbox) {}

MessageReader::~MessageReader() = default;

bool MessageReader::fill() {
  if (source_done_) return false;
  if (beg_ > 0) {
    std::memmove(buf_.get(), buf_.get() + beg_, end_ - beg_);
    base_ += beg_;
    end_ -= beg_;
    beg_ = 0;
  }
  if (end_ == kBufferBytes) return false;
  errno = 0;
  source_.read(buf_.get() + end_, static_cast<std::streamsize>(kBufferBytes - end_));
  const std::streamsize got = source_.gcount();
  if (source_.bad()) {
    error_ = errno_text();
    source_done_ = true;
  } else if (!source_) {
    source_done_ = true;  // end of input
  }
  if (got <= 0) return false;
  end_ += static_cast<std::size_t>(got);
  return true;
}

void MessageReader::want(std::size_t bytes) {
  while (end_ - beg_ < bytes && fill()) {
  }
}

std::size_t MessageReader::find_eol(std::size_t from, std::size_t limit) const {
  if (from >= limit) return std::string::npos;
  const char* base = buf_.get() + beg_;
  const void* p = std::memchr(base + from, eol_, limit - from);
  return p == nullptr ? std::string::npos
                      : static_cast<std::size_t>(static_cast<const char*>(p) - base);
}

bool MessageReader::separator_at(std::size_t rel) const {
  const std::size_t avail = end_ - beg_;
  if (rel >= avail) return false;
  const std::size_t limit = std::min(avail, rel + kLookBytes);
  const std::size_t eol = find_eol(rel, limit);
  if (eol == std::string::npos) return false;  // too long, or cut by the end of input
  return looks_like_envelope(std::string_view(buf_.get() + beg_ + rel, eol - rel));
}

void MessageReader::skip_line() {
  for (;;) {
    const std::size_t eol = find_eol(0, end_ - beg_);
    if (eol != std::string::npos) {
      beg_ += eol + 1;
      return;
    }
    beg_ = end_;
    if (!fill()) return;
  }
}

void MessageReader::drop_get_area() {
  setg(nullptr, nullptr, nullptr);
}

bool MessageReader::next_piece(std::size_t* begin, std::size_t* end) {
  if (mode_ == Mode::kMbox) return next_mbox_piece(begin, end);
  if (beg_ == end_ && !fill()) return false;
  *begin = beg_;
  *end = end_;
  beg_ = end_;
  return true;
}

bool MessageReader::next_mbox_piece(std::size_t* begin, std::size_t* end) {
  const char* const buf = buf_.get();
  if (!at_line_start_) {  // the rest of a line longer than the look-ahead
    if (beg_ == end_ && !fill()) return false;
    const std::size_t eol = find_eol(0, end_ - beg_);
    const std::size_t n = eol == std::string::npos ? end_ - beg_ : eol + 1;
    at_line_start_ = eol != std::string::npos;
    *begin = beg_;
    *end = beg_ + n;
    beg_ += n;
    return true;
  }
  want(kLookBytes);
  std::size_t avail = end_ - beg_;
  if (avail == 0) return false;
  const std::size_t eol = find_eol(0, std::min(avail, kLookBytes));
  const bool blank =
      eol == 0 || (eol == 1 && eol_ == '\n' && buf_[beg_] == '\r');  // "" or "\r" (CR LF)
  if (blank) {
    // The empty line before a separator, or at the end, is the mbox's own.
    const std::size_t next = eol + 1;
    want(next + kLookBytes);
    avail = end_ - beg_;
    if ((next >= avail && source_done_) || separator_at(next)) {
      beg_ += next;
      return false;
    }
    *begin = beg_;
    *end = beg_ + next;
    beg_ += next;
    return true;
  }
  // A writer that leaves out the empty line still writes a full envelope line.
  if (buf[beg_] == 'F' && !at_message_start_ && eol != std::string::npos &&
      asctime_envelope(std::string_view(buf + beg_, eol)))
    return false;
  at_message_start_ = false;
  // mboxrd: ">From ", ">>From ", ... lose one '>'.
  std::size_t start = 0;
  if (buf[beg_] == '>') {
    std::size_t q = 1;
    while (q < avail && buf[beg_ + q] == '>') ++q;
    if (std::string_view(buf + beg_ + q, std::min(avail - q, kFrom.size())) == kFrom) start = 1;
  }
  std::size_t pos = avail;
  const std::size_t line_end = eol != std::string::npos ? eol : find_eol(kLookBytes, avail);
  if (line_end == std::string::npos) {
    at_line_start_ = false;  // a line longer than the buffer (or the last, without an end)
  } else {
    // This line and the complete lines after it that need no decision.
    pos = line_end + 1;
    while (pos < avail) {
      const char c = buf[beg_ + pos];
      if (c == '>' || c == 'F' || c == eol_ || c == '\r') break;
      const std::size_t next_eol = find_eol(pos, avail);
      if (next_eol == std::string::npos) break;
      pos = next_eol + 1;
    }
  }
  *begin = beg_ + start;
  *end = beg_ + pos;
  beg_ += pos;
  return true;
}

MessageReader::int_type MessageReader::underflow() {
  if (!message_open_) return traits_type::eof();
  std::size_t b = 0, e = 0;
  if (!next_piece(&b, &e)) {
    message_open_ = false;
    setg(nullptr, nullptr, nullptr);
    // The istream reading the message turns this into badbit.
    if (!error_.empty()) throw std::ios_base::failure(error_);
    return traits_type::eof();
  }
  char* const buf = buf_.get();
  setg(buf + b, buf + b, buf + e);
  return traits_type::to_int_type(buf[b]);
}

bool MessageReader::skip_rest() {
  drop_get_area();
  if (message_open_ && mode_ == Mode::kMbox) {
    std::size_t b = 0, e = 0;
    while (next_piece(&b, &e)) {
    }
  }
  // A file holding one message: nothing follows it, so the rest is not read.
  message_open_ = false;
  return error_.empty();
}

bool MessageReader::at_end() {
  if (mode_ != Mode::kMbox) return true;
  want(1);
  return beg_ == end_;
}

bool MessageReader::next() {
  if (message_open_) skip_rest();
  drop_get_area();
  message_.clear();
  if (!error_.empty()) return false;
  if (mode_ == Mode::kUnknown) {
    want(kLookBytes);
    if (beg_ == end_) {  // empty (or unreadable): no message
      mode_ = Mode::kSingle;
      return false;
    }
    const std::string_view head(buf_.get() + beg_, end_ - beg_);
    if (detect_mbox_ && head.substr(0, kFrom.size()) == kFrom) {
      mode_ = Mode::kMbox;
      const std::size_t e = head.find_first_of("\r\n");
      if (e != std::string_view::npos && head[e] == '\r' && e + 1 < head.size() &&
          head[e + 1] != '\n')
        eol_ = '\r';
    } else {
      mode_ = Mode::kSingle;
      index_ = 1;
      message_open_ = true;
      return true;
    }
  } else if (mode_ == Mode::kSingle) {
    return false;  // its one message was handed out
  }
  want(1);
  if (beg_ == end_) return false;
  offset_ = base_ + beg_;
  skip_line();
  ++index_;
  at_line_start_ = true;
  at_message_start_ = true;
  message_open_ = true;
  return true;
}

// --- MailWalker -------------------------------------------------------------

bool is_maildir(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(fs::path(path) / "cur", ec) &&
         fs::is_directory(fs::path(path) / "new", ec);
}

MailWalker::MailWalker(const std::vector<std::string>& paths, std::istream& stdin_stream)
    : stdin_(stdin_stream) {
  for (const std::string& p : paths) pending_.push_back({p});
}

MailWalker::~MailWalker() = default;

void MailWalker::close_current() {
  if (reader_) bytes_done_ += reader_->bytes_read();
  reader_.reset();
  file_.reset();
  error_reported_ = false;
}

namespace {

// A walked entry worth reading: a regular file, or a link to one; not a name
// starting with '.'.
bool message_file(const fs::directory_entry& e) {
  if (e.path().filename().string().front() == '.') return false;
  std::error_code ec;
  return e.is_regular_file(ec);  // follows a symbolic link
}

}  // namespace

bool MailWalker::list(const std::string& dir, MailItem* item) {
  std::vector<std::pair<std::string, Pending>> found;  // sort key, entry
  std::error_code ec;
  const auto each = [&](const fs::path& d, auto&& take) {
    for (fs::directory_iterator it(d, ec), end; !ec && it != end; it.increment(ec)) take(*it);
    return !ec;
  };
  bool ok = true;
  if (is_maildir(dir)) {
    for (const char* sub : {"new", "cur"}) {
      ok = ok && each(fs::path(dir) / sub, [&](const fs::directory_entry& e) {
             if (message_file(e))
               found.push_back({e.path().filename().string(), {e.path().string(), true}});
           });
    }
  } else {
    ok = each(dir, [&](const fs::directory_entry& e) {
      const std::string name = e.path().filename().string();
      if (name.front() == '.') return;
      std::error_code sec;
      if ((e.is_directory(sec) && !e.is_symlink(sec)) || message_file(e))
        found.push_back({name, {e.path().string()}});
    });
  }
  if (!ok) {
    item->name.file = dir;
    item->error = ec.message();
    return false;
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return name_before(a.first, b.first); });
  std::vector<Pending> entries;
  for (auto& f : found) entries.push_back(std::move(f.second));
  pending_.insert(pending_.begin(), entries.begin(), entries.end());
  return true;
}

bool MailWalker::open(const Pending& p, MailItem* item) {
  current_ = p.path;
  if (p.path == "-") {
    reader_ = std::make_unique<MessageReader>(stdin_);
    ++files_read_;
    return true;
  }
  std::error_code ec;
  if (fs::is_directory(p.path, ec)) return list(p.path, item);
  errno = 0;
  auto file = std::make_unique<std::ifstream>(p.path, std::ios::binary);
  if (!*file) {
    item->name.file = p.path;
    item->error = errno != 0 ? std::strerror(errno) : "cannot open";
    return false;
  }
  file_ = std::move(file);
  reader_ = std::make_unique<MessageReader>(*file_, !p.one_message && !eml_name(p.path));
  ++files_read_;
  return true;
}

bool MailWalker::next(MailItem* item) {
  *item = MailItem{};
  for (;;) {
    if (reader_) {
      if (reader_->next()) {
        item->name.file = current_;
        if (reader_->is_mbox()) {
          item->name.index = reader_->index();
          item->name.offset = reader_->offset();
        }
        item->message = &reader_->message();
        return true;
      }
      const bool unreported_error = !reader_->error().empty() && !error_reported_;
      const bool empty = reader_->index() == 0 && reader_->error().empty();
      if (unreported_error || empty) {
        item->name.file = current_;
        if (reader_->is_mbox() && reader_->index() > 0) item->name.index = reader_->index() + 1;
        item->error = reader_->error();
        item->empty_file = empty;
        close_current();
        return true;
      }
      close_current();
    }
    if (pending_.empty()) return false;
    const Pending p = pending_.front();
    pending_.pop_front();
    if (!open(p, item)) return true;
  }
}

void MailWalker::finish(MailItem* item) {
  if (!reader_->skip_rest()) {
    item->error = reader_->error();
    error_reported_ = true;
  } else if (item->message->bad()) {
    item->error = "read error";
  }
  if (item->name.index == 1 && item->error.empty() && reader_->at_end()) {
    item->name.index = 0;  // an mbox holding one message is named like a file
    item->name.offset = 0;
  }
}
