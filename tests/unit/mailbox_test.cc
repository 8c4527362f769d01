// MessageReader and MailWalker (milter/cli/mailbox.h): mbox files built from
// the corpus at test time with LF, CR LF and CR line ends give back every
// message byte for byte; mboxrd quoting; "From " lines that must not split;
// lines longer than the buffer; partial reads; an empty mbox; Maildir and
// directory walks.
#include <catch2/catch.hpp>

#include <iterator>
#include <sstream>

#include "mailbox.h"
#include "mailbox_fixtures.h"

using namespace mailbox_test;

namespace {

std::string sisimai(const std::string& dir) {
  return std::string(SMTP_EXPLAIN_SHARED_DIR) + "/corpus/sisimai/" + dir;
}

std::string read_all(std::istream& in) {
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Every message of an mbox held in memory, read whole.
std::vector<std::string> split(const std::string& mbox,
                               std::vector<std::uint64_t>* offsets = nullptr) {
  std::istringstream in(mbox);
  MessageReader reader(in);
  std::vector<std::string> out;
  while (reader.next()) {
    out.push_back(read_all(reader.message()));
    if (offsets != nullptr) offsets->push_back(reader.offset());
    CHECK(reader.index() == out.size());
  }
  CHECK(reader.error().empty());
  return out;
}

// The messages of a corpus directory written as one mbox with `eol` line ends.
void round_trip(const std::string& dir, const std::string& eol) {
  std::vector<std::string> want;
  std::vector<std::uint64_t> want_offsets;
  std::string mbox;
  for (const std::string& path : files_in(sisimai(dir))) {
    const std::string message = slurp(path);
    want.push_back(as_stored(message, eol));
    want_offsets.push_back(mbox.size());
    mbox += mbox_entry(message, eol, "From MAILER-DAEMON Mon Jan  1 00:00:00 2024");
  }
  REQUIRE(want.size() >= 80);
  std::vector<std::uint64_t> offsets;
  const std::vector<std::string> got = split(mbox, &offsets);
  REQUIRE(got.size() == want.size());
  CHECK(offsets == want_offsets);
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO(dir << " message " << i + 1);
    CHECK(got[i] == want[i]);
  }
}

}  // namespace

TEST_CASE("mbox: every corpus message back byte for byte, LF, CR LF and CR", "[mailbox]") {
  round_trip("lf", "\n");
  round_trip("crlf", "\r\n");
  round_trip("cr", "\r");
}

TEST_CASE("mbox: quoted and unquoted From lines in a body do not split it", "[mailbox]") {
  for (const std::string eol : {"\n", "\r\n"}) {
    const auto lines = [&](std::initializer_list<const char*> ls) {
      std::string s;
      for (const char* l : ls) s += std::string(l) + eol;
      return s;
    };
    const std::string mbox = lines({
        "From a@example.org Mon Jan  1 00:00:00 2024",
        "Subject: one",
        "",
        ">From the desk of the editor",
        ">>From nested quoting",
        "From here on, no time in this line",
        "",
        "From the start of a paragraph, at noon",
        "",
        ">From someone@example.org Mon Jan  1 00:00:00 2024",
        ">not a From line",
        "",
        "From b@example.org Tue Jan  2 10:11:12 2024",
        "Subject: two",
        "",
        "body",
    });
    INFO("eol size " << eol.size());
    const std::vector<std::string> got = split(mbox);
    REQUIRE(got.size() == 2);
    CHECK(got[0] ==
          lines({"Subject: one", "", "From the desk of the editor", ">From nested quoting",
                 "From here on, no time in this line", "", "From the start of a paragraph, at noon",
                 "", "From someone@example.org Mon Jan  1 00:00:00 2024", ">not a From line"}));
    CHECK(got[1] == lines({"Subject: two", "", "body"}));
  }
}

TEST_CASE("mbox: a writer that leaves out the empty line before separators", "[mailbox]") {
  const std::string mbox =
      "From a@example.org Mon Jan  1 00:00:00 2024\nSubject: one\n\nbody\n"
      "From me, at 10:30 on Mon Jan 1 2024\n"             // prose: no split
      "From b@example.org Tue Jan  2 10:11 +0100 2024\n"  // no empty line before: split
      "From c@example.org Tue Jan  2 10:11:12 2024\n"     // a message's first line: kept
      "Subject: two\n\nbody\nFrom someone on Wed Jan 3 at 09:00:00 2024\r\n"
      "From d@example.org Thu Jan  4 01:02:03 2024\r\nSubject: three\n";
  const std::vector<std::string> got = split(mbox);
  REQUIRE(got.size() == 3);
  CHECK(got[0] == "Subject: one\n\nbody\nFrom me, at 10:30 on Mon Jan 1 2024\n");
  CHECK(got[1] ==
        "From c@example.org Tue Jan  2 10:11:12 2024\nSubject: two\n\nbody\n"
        "From someone on Wed Jan 3 at 09:00:00 2024\r\n");
  CHECK(got[2] == "Subject: three\n");
}

TEST_CASE("mbox: a message that is not an mbox is one message, unchanged", "[mailbox]") {
  const std::string message =
      "Subject: hello\n\nbody\n\nFrom x@example.org Mon Jan  1 00:00:00 2024\n>From y\n";
  CHECK(split(message) == std::vector<std::string>{message});
  // Told not to look for an mbox, a file with an envelope line is one message too.
  const std::string saved = "From x@example.org Mon Jan  1 00:00:00 2024\n" + message;
  std::istringstream in(saved);
  MessageReader reader(in, false);
  REQUIRE(reader.next());
  CHECK_FALSE(reader.is_mbox());
  CHECK(read_all(reader.message()) == saved);
  CHECK_FALSE(reader.next());
}

TEST_CASE("mbox: empty, one message, no final line end", "[mailbox]") {
  CHECK(split("").empty());
  std::istringstream empty("");
  MessageReader reader(empty);
  CHECK_FALSE(reader.next());
  CHECK(reader.index() == 0);
  CHECK(reader.error().empty());

  CHECK(split("From a Mon Jan  1 00:00:00 2024\nSubject: x\n\nno end") ==
        std::vector<std::string>{"Subject: x\n\nno end"});
  CHECK(split("From a Mon Jan  1 00:00:00 2024\nSubject: x\n") ==
        std::vector<std::string>{"Subject: x\n"});
  // Empty lines of the message itself are kept; only the mbox's own goes.
  CHECK(split("From a Mon Jan  1 00:00:00 2024\nS: x\n\nb\n\n\n\nFrom b Mon Jan  1 00:00:01 "
              "2024\nS: y\n\n") == std::vector<std::string>{"S: x\n\nb\n\n\n", "S: y\n"});
}

TEST_CASE("mbox: lines longer than the buffer, separators right after them", "[mailbox]") {
  const std::size_t big = MessageReader::kBufferBytes * 3 + 17;
  const std::string long_line(big, 'x');
  const std::string quoted_long = ">From " + std::string(big, 'y');
  const std::string first = "Subject: long\n\n" + long_line + "\n" + quoted_long + "\n";
  const std::string second = "Subject: after\n\n" + std::string(big, 'z');  // no line end
  const std::string mbox = "From a Mon Jan  1 00:00:00 2024\n" + first + "\n" +
                           "From b Mon Jan  1 00:00:00 2024\n" + second;
  const std::vector<std::string> got = split(mbox);
  REQUIRE(got.size() == 2);
  CHECK(got[0] == "Subject: long\n\n" + long_line + "\nFrom " + std::string(big, 'y') + "\n");
  CHECK(got[1] == second);
}

TEST_CASE("mbox: a message read in part, then the next one", "[mailbox]") {
  std::string mbox;
  for (int i = 0; i < 5; ++i) {
    mbox += mbox_entry(
        "Subject: " + std::to_string(i) + "\n\n" + std::string(100000, 'a' + i) + "\n", "\n");
  }
  std::istringstream in(mbox);
  MessageReader reader(in);
  for (int i = 0; i < 5; ++i) {
    REQUIRE(reader.next());
    char head[12] = {};
    reader.message().read(head, 11);
    CHECK(std::string(head) == "Subject: " + std::to_string(i) + "\n");
    if (i % 2 == 0) {
      CHECK(reader.skip_rest());
      CHECK(reader.at_end() == (i == 4));
    }
  }
  CHECK_FALSE(reader.next());
  CHECK(reader.bytes_read() == mbox.size());
}

TEST_CASE("reader: a read error is reported, not taken for the end", "[mailbox]") {
  TempDir dir;
  std::ifstream directory(dir.path(), std::ios::binary);  // opens, then read() fails: EISDIR
  REQUIRE(directory);
  MessageReader reader(directory);
  CHECK_FALSE(reader.next());
  CHECK_THAT(reader.error(), Catch::Contains("directory"));
}

TEST_CASE("walker: Maildir, MH folder, nested directories, errors", "[mailbox]") {
  TempDir dir;
  const std::string maildir = dir / "Maildir";
  write_file(maildir + "/cur/1700000002.M1P1.host:2,S", "Subject: cur\n\nb\n");
  write_file(maildir + "/new/1700000001.M1P1.host", "Subject: new\n\nb\n");
  write_file(maildir + "/new/1700000003.M1P1.host",
             "From MAILER-DAEMON Mon Jan  1 00:00:00 2024\nSubject: envelope\n\n"
             "From x Mon Jan  1 00:00:00 2024\n");  // a Maildir file is one message
  write_file(maildir + "/tmp/1700000004.M1P1.host", "half-written delivery");
  write_file(maildir + "/cur/.hidden", "not a message");
  const std::string mh = dir / "mh";
  for (const char* n : {"1", "2", "10", ".mh_sequences"})
    write_file(mh + "/" + n, "Subject: mh\n\n");
  write_file(dir / "tree/a.mbox",
             "From a Mon Jan  1 00:00:00 2024\nS: 1\n\nFrom b Mon Jan  1 00:00:00 2024\nS: 2\n");
  write_file(dir / "tree/b/c.eml",
             "From a Mon Jan  1 00:00:00 2024\nS: 3\n\n"
             "From b Mon Jan  1 00:00:00 2024\nS: 4\n");
  write_file(dir / "tree/empty.mbox", "");

  std::istringstream stdin_stream("From a Mon Jan  1 00:00:00 2024\nS: stdin\n");
  MailWalker walker({maildir, mh, dir / "tree", dir / "missing", "-"}, stdin_stream);
  std::vector<std::string> names, bodies, errors, empty;
  for (MailItem item; walker.next(&item);) {
    if (item.message != nullptr) {
      bodies.push_back(read_all(*item.message));
      walker.finish(&item);
    }
    if (!item.error.empty()) errors.push_back(item.name.display() + ": " + item.error);
    if (item.empty_file) empty.push_back(item.name.display());
    if (item.message != nullptr) names.push_back(item.name.display());
  }
  CHECK(names == std::vector<std::string>{
                     maildir + "/new/1700000001.M1P1.host",
                     maildir + "/cur/1700000002.M1P1.host:2,S",
                     maildir + "/new/1700000003.M1P1.host",
                     mh + "/1",
                     mh + "/2",
                     mh + "/10",
                     dir / "tree/a.mbox:1",
                     dir / "tree/a.mbox:2",
                     dir / "tree/b/c.eml",
                     "-",
                 });
  REQUIRE(bodies.size() == names.size());
  CHECK(bodies[2].rfind("From MAILER-DAEMON", 0) == 0);
  CHECK(bodies[6] == "S: 1\n");
  CHECK(bodies[7] == "S: 2\n");
  CHECK(bodies[9] == "S: stdin\n");  // one message: named "-", not "-:1"
  CHECK(empty == std::vector<std::string>{dir / "tree/empty.mbox"});
  REQUIRE(errors.size() == 1);
  CHECK_THAT(errors[0], Catch::StartsWith(dir / "missing: ") && Catch::Contains("No such file"));
  CHECK(walker.files_read() == 10);
}
