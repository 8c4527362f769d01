// Reading mailboxes as a stream of messages, for `smtp-explain check`.
//
// MessageReader splits one byte stream (a file, a pipe, standard input) into
// messages: an mbox when it starts with a "From " separator line, otherwise one
// message. MailWalker turns the command line's paths into messages: files
// (each through a MessageReader), Maildir folders (cur/ and new/), and other
// directories walked for files (a directory of .eml files, an MH folder).
//
// Memory is bounded whatever the input: a message is handed out as an
// std::istream over a fixed-size buffer, never held whole; what the reader of
// that stream leaves unread is skipped without being stored. So the caller's
// per-message path (today feed_message) reads a message from an mbox exactly as
// it reads a file, and stops when its own limits say so.
//
// Thread safety: none; one reader or walker per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <istream>
#include <memory>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

// Where a message came from.
struct MessageName {
  std::string file;          // the path given or found ("-" is standard input)
  std::size_t index = 0;     // 1-based position in an mbox; 0 for a file holding one message
  std::uint64_t offset = 0;  // byte offset of the message's "From " line in the mbox

  // "FILE" or "FILE:N".
  std::string display() const;
};

// Splits one source stream into messages.
//
// mbox (mboxrd and mboxo as written by Postfix local(8), procmail, Dovecot,
// mutt): the stream starts with a "From " line. Later messages start at a
// "From " line that follows an empty line and looks like an envelope line
// ("From SENDER DATE" with a time in it), or, from writers that leave out the
// empty line, one with a complete asctime() date ("From SENDER Mon Jan  1
// 00:00:00 2024"); so an unquoted "From " line of prose inside a body does not
// split a message. The empty line before a separator,
// and the one at the very end, belong to the mbox and are dropped; a line
// ">From ", ">>From ", ... loses one '>' (mboxrd unquoting). Content-Length
// headers are not trusted. Lines end in LF or CR LF (or CR alone, when the
// separator line does).
//
// Anything else, an empty stream included, is one message (none if empty),
// passed through unchanged; so is every stream when `detect_mbox` is false.
class MessageReader : private std::streambuf {
 public:
  // Size of the read buffer, and so of the memory a reader holds.
  static constexpr std::size_t kBufferBytes = 64 * 1024;

  // REQUIRES: `source` outlives the reader.
  explicit MessageReader(std::istream& source, bool detect_mbox = true);
  MessageReader(const MessageReader&) = delete;
  MessageReader& operator=(const MessageReader&) = delete;
  ~MessageReader() override;

  // Moves to the next message, first skipping what is left of the current one.
  // False when there is none (end of the source, or a read error: see error()).
  bool next();

  // The current message's bytes, from its first header line (the mbox "From "
  // line is not part of it). Valid until next(). Sets badbit on a read error.
  std::istream& message() { return message_; }

  // Skips the unread rest of the current message. False on a read error.
  bool skip_rest();

  // After skip_rest(): whether the current message is the last of the source.
  bool at_end();

  bool is_mbox() const { return mode_ == Mode::kMbox; }
  std::size_t index() const { return index_; }      // 1-based; 0 before the first message
  std::uint64_t offset() const { return offset_; }  // of the current "From " line
  std::uint64_t bytes_read() const { return base_ + end_; }
  // Why the source could not be read ("" when it could).
  const std::string& error() const { return error_; }

 private:
  enum class Mode { kUnknown, kSingle, kMbox };

  int_type underflow() override;

  // The next piece of the current message as [*begin, *end) in the buffer;
  // false at the end of the message.
  bool next_piece(std::size_t* begin, std::size_t* end);
  bool next_mbox_piece(std::size_t* begin, std::size_t* end);
  // Reads more input (after moving the unconsumed bytes to the front).
  bool fill();
  // Fills until `bytes` bytes are buffered past beg_, or the source ends.
  void want(std::size_t bytes);
  // Position (relative to beg_) of the end-of-line byte at or after `from`,
  // searching at most up to `limit`; npos if none.
  std::size_t find_eol(std::size_t from, std::size_t limit) const;
  // Whether the line starting at `rel` (relative to beg_) is a separator line.
  bool separator_at(std::size_t rel) const;
  // Skips the "From " line at beg_, however long.
  void skip_line();
  // Forgets the bytes handed to the message stream and not read by it.
  void drop_get_area();

  std::istream& source_;
  std::istream message_;
  std::unique_ptr<char[]> buf_;
  std::size_t beg_ = 0;     // first byte not yet handed out or skipped
  std::size_t end_ = 0;     // end of the buffered bytes
  std::uint64_t base_ = 0;  // source offset of buf_[0]
  bool source_done_ = false;
  std::string error_;
  bool detect_mbox_;
  Mode mode_ = Mode::kUnknown;
  char eol_ = '\n';
  bool message_open_ = false;  // the current message has unread bytes
  bool at_line_start_ = true;
  bool at_message_start_ = true;  // no line of the current message handed out yet
  std::size_t index_ = 0;
  std::uint64_t offset_ = 0;
};

// One message found by MailWalker, or a path that could not be read.
struct MailItem {
  MessageName name;
  std::istream* message = nullptr;  // its bytes; null for an error or an empty file
  std::string error;                // why it could not be read ("" when it could)
  bool empty_file = false;          // a file holding no message at all (an empty mbox)
};

// Walks the paths given on the command line, in order, and hands out their
// messages one by one:
// - "-" is standard input; a file is read through a MessageReader, as an
//   mbox when it starts with a "From " line, except a file named *.eml (one
//   saved message, whose leading envelope line may come with a returned
//   message's unquoted one);
// - a directory with cur/ and new/ is a Maildir: the files of both, in name
//   order (delivery order for Maildir names), each one message; tmp/
//   (deliveries in progress) and names starting with '.' are skipped;
// - any other directory is walked depth-first in name order (numeric names,
//   as in MH folders, in numeric order); a subdirectory that is a Maildir is
//   read as one; names starting with '.' (MH's .mh_sequences), symbolic links
//   to directories, and special files are skipped.
class MailWalker {
 public:
  // REQUIRES: `stdin_stream` outlives the walker.
  MailWalker(const std::vector<std::string>& paths, std::istream& stdin_stream);
  ~MailWalker();

  // The next item (finishing the current one first). False when all is read.
  bool next(MailItem* item);

  // Skips the unread rest of the current message and completes *item: its
  // read error, and its name (index 0 when the mbox held only this message).
  // REQUIRES: *item is the item next() gave, with a message.
  void finish(MailItem* item);

  // Bytes read from files and standard input so far.
  std::uint64_t bytes_read() const { return bytes_done_ + (reader_ ? reader_->bytes_read() : 0); }
  // Files opened so far (standard input counts as one).
  std::size_t files_read() const { return files_read_; }

 private:
  struct Pending {
    std::string path;
    bool one_message = false;  // a Maildir file: never split as an mbox
  };

  // Opens `p` (or lists it, for a directory). False when it gave an error
  // item; true when a reader is open or the directory's entries were queued.
  bool open(const Pending& p, MailItem* item);
  // Queues the messages of a directory (a Maildir or not), in order.
  bool list(const std::string& dir, MailItem* item);
  void close_current();

  std::deque<Pending> pending_;
  std::istream& stdin_;
  std::unique_ptr<std::istream> file_;
  std::unique_ptr<MessageReader> reader_;
  std::string current_;
  std::uint64_t bytes_done_ = 0;
  std::size_t files_read_ = 0;
  bool error_reported_ = false;  // the reader's error was given with a message
};

// Whether `path` is a Maildir (a directory with cur/ and new/).
bool is_maildir(const std::string& path);
