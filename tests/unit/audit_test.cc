// `smtp-explain check` on mailboxes: an mbox (LF and CR LF) and a Maildir built
// at test time from the Sisimai corpus and tests/data/ordinary/, checked
// against each message checked on its own: the same JSON object per message,
// one line per message, and the exact counts of --summary. Also: an empty mbox,
// a Maildir with a stray file in tmp/, unreadable paths, the localised summary,
// the progress line (absent without a terminal, present on one), and memory
// that stays flat over 50,000 messages and one message of 24 MiB.
#include <catch2/catch.hpp>

#include <pty.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "commands.h"
#include "mailbox_fixtures.h"

using nlohmann::json;
using namespace mailbox_test;

namespace {

struct Run {
  int status;
  std::string out;
  std::string err;
};

Run run(const std::vector<std::string>& args) {
  std::istringstream in;
  std::ostringstream out, err;
  const int status = run_cli(args, in, out, err);
  return {status, out.str(), err.str()};
}

std::vector<json> json_lines(const std::string& text) {
  std::vector<json> out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) out.push_back(json::parse(line));
  return out;
}

// The *.eml files of a directory, in name order.
std::vector<std::string> eml_files(const std::string& dir) {
  std::vector<std::string> out;
  for (const std::string& f : files_in(dir)) {
    if (f.size() > 4 && f.compare(f.size() - 4, 4, ".eml") == 0) out.push_back(f);
  }
  return out;
}

// The corpus messages and the mailboxes made of them, built once.
struct Mailboxes {
  TempDir dir;
  std::vector<std::string> files;       // LF: Sisimai lf/ then tests/data/ordinary/
  std::vector<std::string> crlf_files;  // Sisimai crlf/
  std::string mbox, crlf_mbox, maildir, empty_mbox;

  Mailboxes() {
    files = eml_files(std::string(SMTP_EXPLAIN_SHARED_DIR) + "/corpus/sisimai/lf");
    for (const std::string& f :
         eml_files(std::string(SMTP_EXPLAIN_SOURCE_DIR) + "/tests/data/ordinary"))
      files.push_back(f);
    crlf_files = eml_files(std::string(SMTP_EXPLAIN_SHARED_DIR) + "/corpus/sisimai/crlf");
    mbox = dir / "bounces.mbox";
    crlf_mbox = dir / "crlf.mbox";
    maildir = dir / "Maildir";
    empty_mbox = dir / "empty.mbox";
    std::string text;
    for (std::size_t i = 0; i < files.size(); ++i) {
      const std::string message = slurp(files[i]);
      text += mbox_entry(message, "\n");
      // Maildir names sort in delivery order; half already seen (cur/), half new.
      char name[64];
      std::snprintf(name, sizeof name, "%s/%010zu.M%zuP1.test%s", i % 2 ? "cur" : "new",
                    1700000000 + i, i, i % 2 ? ":2,S" : "");
      write_file(maildir + "/" + name, message);
    }
    write_file(mbox, text);
    write_file(maildir + "/tmp/1800000000.M1P1.test", "Subject: half written\n\nnot a messa");
    write_file(maildir + "/cur/.keep", "");
    text.clear();
    for (const std::string& f : crlf_files) text += mbox_entry(slurp(f), "\r\n");
    write_file(crlf_mbox, text);
    write_file(empty_mbox, "");
  }
};

const Mailboxes& mailboxes() {
  static const Mailboxes m;
  return m;
}

// A message's result without where it came from.
json result_of(json j) {
  for (const char* k : {"file", "message", "offset"}) j.erase(k);
  return j;
}

// Each file checked on its own.
std::vector<json> one_by_one(const std::vector<std::string>& files) {
  std::vector<json> out;
  for (const std::string& f : files) {
    const Run r = run({"check", "--json", f});
    REQUIRE(r.status == 0);
    const std::vector<json> lines = json_lines(r.out);
    REQUIRE(lines.size() == 1);
    out.push_back(result_of(lines[0]));
  }
  return out;
}

void same_results(const std::vector<json>& got, const std::vector<json>& want,
                  const std::vector<std::string>& names) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO("message " << i + 1 << ", from " << names[i]);
    CHECK(result_of(got[i]) == want[i]);
  }
}

std::map<std::string, std::uint64_t> rows(const json& table) {
  std::map<std::string, std::uint64_t> out;
  for (const json& r : table["top"])
    out[r["name"].get<std::string>()] = r["count"].get<std::uint64_t>();
  CHECK(table["others"] == 0);
  return out;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The summary the per-message results add up to.
void check_summary(const json& s, const std::vector<json>& results) {
  std::map<std::string, std::uint64_t> kinds, classes, flags, reason, provider, reply, status, pair,
      domain, mta;
  std::uint64_t bounces = 0, flagged = 0, recipients = 0, without = 0;
  for (const json& m : results) {
    ++kinds[m["kind"].get<std::string>()];
    if (!m["flags"].empty()) ++flagged;
    for (const json& f : m["flags"]) ++flags[f.get<std::string>()];
    if (!m["bounce"].get<bool>()) continue;
    ++bounces;
    ++classes[m["class"].get<std::string>()];
    if (m["recipients"].empty()) ++without;
    for (const json& r : m["recipients"]) {
      ++recipients;
      ++reason[r["reason"].get<std::string>()];
      ++provider[r["provider"].get<std::string>()];
      const std::string rc = r["reply_code"], st = r["status"], addr = r["recipient"];
      ++reply[rc];
      ++status[st];
      ++pair[(rc.empty() ? "-" : rc) + " " + (st.empty() ? "-" : st)];
      const std::size_t at = addr.rfind('@');
      ++domain[at == std::string::npos ? "" : lower(addr.substr(at + 1))];
      ++mta[lower(r["remote_mta"].get<std::string>())];
    }
  }
  CHECK(s["messages"] == results.size());
  CHECK(s["bounces"] == bounces);
  CHECK(s["dsn"] == kinds["dsn"]);
  CHECK(s["text"] == kinds["text"]);
  CHECK(s["auto_replies"] == kinds["auto-reply"]);
  CHECK(s["feedback_reports"] == kinds["feedback-report"]);
  CHECK(s["not_bounces"] == kinds["not-bounce"]);
  CHECK(s["with_flags"] == flagged);
  CHECK(s["unreadable"] == 0);
  CHECK(s["empty_files"] == 0);
  CHECK(s["recipients"] == recipients);
  CHECK(s["bounces_without_recipient"] == without);
  CHECK(rows(s["class"]) == classes);
  CHECK(rows(s["flags"]) == flags);
  CHECK(rows(s["reason"]) == reason);
  CHECK(rows(s["provider"]) == provider);
  CHECK(rows(s["reply_code"]) == reply);
  CHECK(rows(s["status"]) == status);
  CHECK(rows(s["reply_status"]) == pair);
  CHECK(rows(s["recipient_domain"]) == domain);
  CHECK(rows(s["remote_mta"]) == mta);
  // The corpus has every kind of message, so no count above is trivially 0.
  CHECK(bounces > 300);
  CHECK(kinds["auto-reply"] > 0);
  CHECK(kinds["feedback-report"] > 0);
  CHECK(kinds["not-bounce"] > 100);
  CHECK(flagged > 0);
}

// Runs a shell command line; returns its exit status, and its peak resident
// memory in KiB in *max_rss_kib.
int run_binary(const std::string& command, long* max_rss_kib = nullptr) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  REQUIRE(::wait4(pid, &status, 0, &usage) == pid);
  if (max_rss_kib != nullptr) *max_rss_kib = usage.ru_maxrss;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("check --json on an mbox: one line per message, each as checked alone", "[audit]") {
  const Mailboxes& m = mailboxes();
  const std::vector<json> want = one_by_one(m.files);
  const Run r = run({"check", "--json", m.mbox});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  const std::vector<json> got = json_lines(r.out);
  REQUIRE(got.size() == m.files.size());  // the streamed line count is the message count
  same_results(got, want, m.files);
  std::uint64_t last_offset = 0;
  for (std::size_t i = 0; i < got.size(); ++i) {
    CHECK(got[i]["file"] == m.mbox);
    CHECK(got[i]["message"] == i + 1);
    if (i > 0) CHECK(got[i]["offset"].get<std::uint64_t>() > last_offset);
    last_offset = got[i]["offset"].get<std::uint64_t>();
  }
  CHECK(got[0]["offset"] == 0);
}

TEST_CASE("check --json on a Maildir: its messages in delivery order, tmp/ left out", "[audit]") {
  const Mailboxes& m = mailboxes();
  const Run r = run({"check", "--json", m.maildir});
  CHECK(r.status == 0);
  const std::vector<json> got = json_lines(r.out);
  REQUIRE(got.size() == m.files.size());
  same_results(got, one_by_one(m.files), m.files);
  for (const json& j : got) {
    CHECK_FALSE(j.contains("message"));
    CHECK_THAT(j["file"].get<std::string>(),
               Catch::StartsWith(m.maildir + "/cur/") || Catch::StartsWith(m.maildir + "/new/"));
  }
}

TEST_CASE("check --summary: exact counts on an mbox and on a Maildir", "[audit]") {
  const Mailboxes& m = mailboxes();
  const std::vector<json> want = one_by_one(m.files);
  for (const std::string& box : {m.mbox, m.maildir}) {
    INFO(box);
    const Run r = run({"check", "--summary", "--json", "--top", "1000", box});
    CHECK(r.status == 0);
    const std::vector<json> lines = json_lines(r.out);
    REQUIRE(lines.size() == 1);  // one JSON object
    check_summary(lines[0], want);
    CHECK(lines[0]["files"] == (box == m.mbox ? 1 : m.files.size()));
  }
  // The mbox and the Maildir together, with an unreadable path between them.
  const Run r = run({"check", "--summary", "--json", m.mbox, m.dir / "missing", m.maildir});
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Catch::Contains(m.dir / "missing") && Catch::Contains("cannot read"));
  const json s = json::parse(r.out);
  CHECK(s["messages"] == 2 * m.files.size());
  CHECK(s["unreadable"] == 1);
  CHECK(s["reason"]["top"].size() == 10);  // --top's default
  CHECK(s["reason"]["others"].get<std::uint64_t>() > 0);
}

TEST_CASE("check on a CR LF mbox: every message as checked alone", "[audit]") {
  const Mailboxes& m = mailboxes();
  const std::vector<json> want = one_by_one(m.crlf_files);
  const Run r = run({"check", "--json", m.crlf_mbox});
  CHECK(r.status == 0);
  same_results(json_lines(r.out), want, m.crlf_files);
  const Run s = run({"check", "--summary", "--json", "--top", "1000", m.crlf_mbox});
  const json summary = json::parse(s.out);
  CHECK(summary["messages"] == m.crlf_files.size());
  CHECK(summary["bounces"].get<std::ptrdiff_t>() ==
        std::count_if(want.begin(), want.end(),
                      [](const json& j) { return j["bounce"].get<bool>(); }));
}

TEST_CASE("check on an empty mbox: no message, no error", "[audit]") {
  const Mailboxes& m = mailboxes();
  Run r = run({"check", "--json", m.empty_mbox});
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  r = run({"check", m.empty_mbox});
  CHECK(r.status == 0);
  CHECK(r.out == m.empty_mbox + ": empty, no message\n");
  r = run({"check", "--summary", "--json", m.empty_mbox});
  CHECK(r.status == 0);
  const json s = json::parse(r.out);
  CHECK(s["messages"] == 0);
  CHECK(s["empty_files"] == 1);
  CHECK(s["bounces"] == 0);
}

TEST_CASE("check --summary: the human table, localised", "[audit]") {
  const Mailboxes& m = mailboxes();
  const json s = json::parse(run({"check", "--summary", "--json", m.mbox}).out);
  const std::string n = std::to_string(m.files.size());
  const std::string bounces = std::to_string(s["bounces"].get<std::uint64_t>());
  const std::string permanent = std::to_string(s["class"]["top"][0]["count"].get<std::uint64_t>());
  REQUIRE(s["class"]["top"][0]["name"] == "permanent");

  Run r = run({"check", "--summary", m.mbox});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::StartsWith("Summary ("));
  CHECK_THAT(r.out, Catch::Contains("\nMessages\n     1          files read\n"));
  // Counts right-aligned in at least 4 columns, after 2 spaces.
  CHECK_THAT(r.out, Catch::Contains("\n  " + std::string(4 - n.size(), ' ') + n +
                                    "  100.0%  messages read\n"));
  CHECK_THAT(r.out, Catch::Contains(bounces + "   ") && Catch::Contains("%  bounces\n"));
  CHECK_THAT(r.out, Catch::Contains("\nBounces by class\n"));
  CHECK_THAT(r.out, Catch::Contains(permanent + "  ") &&
                        Catch::Contains("%  permanent: failed for good, not retried\n"));
  CHECK_THAT(r.out, Catch::Contains("userunknown  (Unknown recipient)"));
  for (const char* heading :
       {"Recipients by reason", "Recipients by provider rule", "Top reply codes",
        "Top enhanced status codes", "Top reply code and status pairs", "Top recipient domains",
        "Top remote MTAs", "Parse flags and limits hit (messages)"}) {
    CHECK_THAT(r.out, Catch::Contains(std::string("\n") + heading + "\n"));
  }

  r = run({"check", "--summary", "--lang", "es", m.mbox});
  CHECK_THAT(r.out, Catch::StartsWith("Resumen ("));
  CHECK_THAT(r.out, Catch::Contains("     1          archivos leídos\n"));
  CHECK_THAT(r.out, Catch::Contains(n + "  100.0%  mensajes leídos\n"));
  CHECK_THAT(r.out, Catch::Contains("\nAvisos de rebote por clase\n"));
  r = run({"check", "--summary", "--lang", "hi", m.mbox});
  CHECK_THAT(r.out, Catch::Contains(n + "  100.0%  पढ़े गए संदेश\n"));
  CHECK_THAT(r.out, Catch::Contains("\nश्रेणी के अनुसार बाउंस\n"));

  // A summary is a check option; --top needs a number.
  CHECK(run({"--summary", "552"}).status == 2);
  CHECK(run({"check", "--summary", "--top", "0", m.mbox}).status == 2);
  CHECK(run({"check", "--summary", "--top", "x", m.mbox}).status == 2);
}

TEST_CASE("progress line: never without a terminal, drawn and cleared on one", "[audit]") {
  const Mailboxes& m = mailboxes();
  const std::string err_file = m.dir / "stderr.txt";
  const std::string bin = SMTP_EXPLAIN_CLI_BIN;
  CHECK(run_binary(bin + " check --summary " + m.mbox + " >/dev/null 2>" + err_file) == 0);
  CHECK(slurp(err_file).empty());
  CHECK(run_binary(bin + " check --json " + m.mbox + " >/dev/null 2>" + err_file) == 0);
  CHECK(slurp(err_file).empty());

  // On a terminal (a pseudo-terminal the test reads): drawn at the first
  // message, then the line is cleared before the summary.
  int master = -1;
  const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::execl(SMTP_EXPLAIN_CLI_BIN, SMTP_EXPLAIN_CLI_BIN, "check", "--summary", m.mbox.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  std::string tty;
  char buf[4096];
  for (ssize_t n; (n = ::read(master, buf, sizeof buf)) > 0;)
    tty.append(buf, static_cast<std::size_t>(n));
  ::close(master);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  const std::size_t drawn = tty.find("\r\033[Ksmtp-explain: 1 messages, ");
  const std::size_t cleared = tty.rfind("\r\033[K");
  const std::size_t summary = tty.find("Summary (");
  CHECK(drawn != std::string::npos);
  CHECK(cleared != drawn);
  CHECK(summary != std::string::npos);
  CHECK(cleared < summary);
  CHECK(tty.find("\r\033[K", summary) == std::string::npos);  // nothing drawn after it
}

TEST_CASE("memory stays flat: 50,000 messages and one of 24 MiB", "[audit][memory]") {
  TempDir dir;
  const std::string small = dir / "small.mbox", large = dir / "large.mbox";
  // A DSN for a recipient at its own domain (so the domain table meets its
  // bound), then an ordinary message.
  const auto entries = [](int i) {
    const std::string domain = "d" + std::to_string(i) + ".example";
    return mbox_entry(
               "Return-Path: <>\nFrom: MAILER-DAEMON@mx.example.org\nSubject: Undelivered Mail\n"
               "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status;\n"
               " boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\nNot delivered.\n\n--B\n"
               "Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n"
               "Final-Recipient: rfc822; nobody@" +
                   domain +
                   "\nAction: failed\nStatus: 5.1.1\n"
                   "Remote-MTA: dns; mx." +
                   domain +
                   "\n"
                   "Diagnostic-Code: smtp; 550 5.1.1 <nobody@" +
                   domain + ">: User unknown\n\n--B--\n",
               "\n") +
           mbox_entry("From: a@example.org\nTo: b@example.net\nSubject: lunch\n\nAt noon?\n", "\n");
  };
  {
    std::ofstream out_small(small, std::ios::binary), out_large(large, std::ios::binary);
    for (int i = 0; i < 25000; ++i) {
      const std::string two = entries(i);
      if (i < 500) out_small << two;
      out_large << two;
    }
    // A bounce returning 24 MiB: a long line of 8 MiB, then 16 MiB more.
    out_large << mbox_entry(entries(-1).substr(entries(-1).find('\n') + 1) +
                                std::string(8 << 20, 'x') + "\n" + std::string(16 << 20, 'y'),
                            "\n");
  }
  // Under AddressSanitizer, freed memory must not sit in its quarantine.
  const std::string env =
      "ASAN_OPTIONS=$ASAN_OPTIONS:quarantine_size_mb=0:thread_local_quarantine_size_kb=0 ";
  long small_kib = 0, large_kib = 0;
  CHECK(run_binary(env + std::string(SMTP_EXPLAIN_CLI_BIN) + " check --summary --json " + small +
                       " >" + (dir / "small.json"),
                   &small_kib) == 0);
  CHECK(run_binary(env + std::string(SMTP_EXPLAIN_CLI_BIN) + " check --summary --json " + large +
                       " >" + (dir / "large.json"),
                   &large_kib) == 0);
  const json s = json::parse(slurp(dir / "small.json")), l = json::parse(slurp(dir / "large.json"));
  CHECK(s["messages"] == 1000);
  CHECK(l["messages"] == 50001);
  CHECK(l["bounces"] == 25001);
  CHECK(l["recipient_domain"]["distinct"] == 5000);  // the bound of a table
  INFO("peak RSS: " << small_kib << " KiB for 1,000 messages, " << large_kib << " KiB for 50,001 ("
                    << fs::file_size(large) / (1 << 20) << " MiB)");
  // What the parser keeps of one message is bounded by its limits (512 KiB
  // scanned, 256 KiB of header), and a table by its number of values.
  CHECK(large_kib < small_kib + 8 * 1024);
}
