// Unit tests for the smtp-explain CLI: option parsing, the explain and check
// commands driven through run_cli with string streams, stage-by-stage feeding
// (same result as parse_message, for every line-ending style), JSON fields, and
// the built binary's exit codes.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_options.h"
#include "commands.h"
#include "message_feed.h"
#include "smtp_explain/parser.h"

using nlohmann::json;

namespace {

struct Run {
  int status;
  std::string out;
  std::string err;
};

Run run(const std::vector<std::string>& args, const std::string& input = "") {
  std::istringstream in(input);
  std::ostringstream out, err;
  const int status = run_cli(args, in, out, err);
  return {status, out.str(), err.str()};
}

std::string corpus(const std::string& dir, const std::string& name) {
  return std::string(SMTP_EXPLAIN_SHARED_DIR) + "/corpus/sisimai/" + dir + "/" + name;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string temp_file(const std::string& name, const std::string& contents) {
  const std::string path = "/tmp/smtp_explain_cli_test_" + name;
  std::ofstream(path, std::ios::binary) << contents;
  return path;
}

const char* const kDsn =
    "Return-Path: <>\n"
    "From: MAILER-DAEMON@mx.example.org\n"
    "To: sender@example.com\n"
    "Subject: Undelivered Mail Returned to Sender\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/report; report-type=delivery-status;\n"
    "\tboundary=\"BOUNDARY\"\n"
    "\n"
    "--BOUNDARY\n"
    "Content-Type: text/plain\n"
    "\n"
    "Your message could not be delivered.\n"
    "\n"
    "--BOUNDARY\n"
    "Content-Type: message/delivery-status\n"
    "\n"
    "Reporting-MTA: dns; mx.example.org\n"
    "\n"
    "Final-Recipient: rfc822; nobody@example.net\n"
    "Action: failed\n"
    "Status: 5.1.1\n"
    "Remote-MTA: dns; mx.example.net\n"
    "Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.net>: User unknown\n"
    "\n"
    "--BOUNDARY--\n";

}  // namespace

TEST_CASE("options: commands, flags with values, errors", "[cli]") {
  CliOptions o;
  std::string error;
  REQUIRE(parse_cli_options({"--lang", "es", "--json", "552"}, &o, &error));
  CHECK(o.command == "explain");
  CHECK(o.lang == "es");
  CHECK(o.json);
  CHECK(o.arguments == std::vector<std::string>{"552"});

  REQUIRE(
      parse_cli_options({"check", "--lang=hi", "-", "a.eml", "--catalog", "x.toml"}, &o, &error));
  CHECK(o.command == "check");
  CHECK(o.lang == "hi");
  CHECK(o.catalog_path == "x.toml");
  CHECK(o.arguments == std::vector<std::string>{"-", "a.eml"});

  REQUIRE(parse_cli_options({"check", "--", "--json"}, &o, &error));
  CHECK(o.arguments == std::vector<std::string>{"--json"});
  CHECK_FALSE(o.json);

  CHECK_FALSE(parse_cli_options({"--lang"}, &o, &error));
  CHECK_THAT(error, Catch::Contains("--lang"));
  CHECK_FALSE(parse_cli_options({"--frobnicate", "552"}, &o, &error));
  CHECK_THAT(error, Catch::Contains("--frobnicate"));
}

TEST_CASE("explain: text, JSON, and usage errors", "[cli]") {
  Run r = run({"452"});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::StartsWith("452  "));
  CHECK_THAT(r.out, Catch::Contains("Fix for administrators: "));

  r = run({"--json", "550", "5.1.1"});
  REQUIRE(r.status == 0);
  json j = json::parse(r.out);
  for (const char* key :
       {"code", "title", "class", "meaning", "when", "fix", "fix_admin", "lang", "generic"}) {
    CHECK(j.contains(key));
  }
  CHECK(j["code"] == "5.1.1");
  CHECK(j["class"] == "permanent");
  CHECK(j["generic"] == false);

  r = run({"--json", "5.9.9"});
  REQUIRE(r.status == 0);
  CHECK(json::parse(r.out)["generic"] == true);

  r = run({"55x"});
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::Contains("'55x' is not an SMTP code"));

  r = run({"--lang", "zz", "552"});
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("unknown language 'zz'") && Catch::Contains("en"));

  r = run({});
  CHECK(r.status == 2);
  r = run({"--help"});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("Exit status"));
  r = run({"--version"});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::StartsWith("smtp-explain "));
}

TEST_CASE("explain: --catalog overlays a file; a bad file is a usage error", "[cli]") {
  const std::string good =
      temp_file("good.toml",
                "[meta]\nlang = \"en\"\n[reply.\"552\"]\ntitle = \"Site title\"\nmeaning = \"m\"\n"
                "when = \"w\"\nfix = \"f\"\nfix_admin = \"a\"\n");
  Run r = run({"--catalog", good, "552"});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::StartsWith("552  Site title"));

  const std::string bad = temp_file("bad.toml", "[meta]\nlang = \"en\"\n[reply.\"552\"]\n");
  r = run({"--catalog", bad, "552"});
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains(bad + ":3:"));
}

TEST_CASE("check: JSON object per file with recipients and headers", "[cli]") {
  const std::string path = temp_file("dsn.eml", kDsn);
  Run r = run({"check", "--json", path, "/nonexistent/file.eml", "-"}, kDsn);
  CHECK(r.status == 1);  // one file could not be read; the others were checked
  std::istringstream lines(r.out);
  std::vector<json> objects;
  for (std::string line; std::getline(lines, line);) objects.push_back(json::parse(line));
  REQUIRE(objects.size() == 3);

  const json& j = objects[0];
  CHECK(j["file"] == path);
  for (const char* key : {"file", "bounce", "kind", "class", "flags", "recipients", "headers"}) {
    CHECK(j.contains(key));
  }
  CHECK(j["bounce"] == true);
  CHECK(j["kind"] == "dsn");
  CHECK(j["class"] == "permanent");
  REQUIRE(j["recipients"].size() == 1);
  const json& rc = j["recipients"][0];
  for (const char* key : {"recipient", "action", "reply_code", "status", "class", "reason",
                          "remote_mta", "diagnostic", "meaning", "fix", "provider"}) {
    CHECK(rc.contains(key));
  }
  CHECK(rc["recipient"] == "nobody@example.net");
  CHECK(rc["status"] == "5.1.1");
  CHECK(rc["reply_code"] == "550");
  CHECK_FALSE(rc["meaning"].get<std::string>().empty());
  REQUIRE(j["headers"].size() >= 4);
  CHECK(j["headers"][0][0] == "X-SMTP-Explain-Class");
  CHECK(j["headers"][0][1] == "permanent");
  CHECK(j["headers"][2][0] == "X-SMTP-Explain");
  CHECK_THAT(j["headers"][2][1].get<std::string>(),
             Catch::StartsWith("550 5.1.1 nobody@example.net: "));

  CHECK(objects[1]["file"] == "/nonexistent/file.eml");
  CHECK(objects[1].contains("error"));
  CHECK(objects[2]["file"] == "-");
  CHECK(objects[2]["recipients"] == j["recipients"]);  // stdin gives the same result
}

TEST_CASE("check: human output shows recipients and the exact headers", "[cli]") {
  const std::string path = temp_file("dsn_human.eml", kDsn);
  Run r = run({"check", path});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("Recipient: nobody@example.net"));
  CHECK_THAT(r.out, Catch::Contains("    X-SMTP-Explain-Class: permanent"));
  r = run({"check"});
  CHECK(r.status == 2);
}

TEST_CASE(
    "a stream fed stage by stage equals the whole message annotated, for LF, CRLF and CR files",
    "[cli]") {
  const smtp_explain::Annotator annotator;
  const char* const names[] = {"lhost-postfix-01.eml", "lhost-exim-05.eml",
                               "lhost-amazonses-17.eml", "lhost-sendmail-01.eml",
                               "lhost-messagingserver-09.eml"};
  for (const char* name : names) {
    for (const char* dir : {"lf", "crlf", "cr"}) {
      const std::string path = corpus(dir, name);
      const std::string whole = read_file(path);
      if (whole.empty()) continue;
      INFO(path);
      std::istringstream in(whole);
      bool read_error = true;
      const smtp_explain::Annotation a = feed_message(in, annotator, &read_error);
      CHECK_FALSE(read_error);
      const smtp_explain::Report& streamed = a.report;
      const smtp_explain::Annotation b = annotator.annotate(whole);
      const smtp_explain::Report& direct = b.report;
      CHECK(a.headers.size() == b.headers.size());
      CHECK(streamed.bounce == direct.bounce);
      CHECK(streamed.kind == direct.kind);
      REQUIRE(streamed.recipients.size() == direct.recipients.size());
      for (std::size_t i = 0; i < direct.recipients.size(); ++i) {
        CHECK(streamed.recipients[i].recipient == direct.recipients[i].recipient);
        CHECK(streamed.recipients[i].status == direct.recipients[i].status);
        CHECK(streamed.recipients[i].reply_code == direct.recipients[i].reply_code);
      }
    }
  }
}

TEST_CASE("the built binary's exit codes", "[cli]") {
  const std::string bin = SMTP_EXPLAIN_CLI_BIN;
  const auto exit_code = [&](const std::string& args) {
    const int s = std::system((bin + " " + args + " >/dev/null 2>&1").c_str());
    return WIFEXITED(s) ? WEXITSTATUS(s) : -1;
  };
  CHECK(exit_code("552") == 0);
  CHECK(exit_code("--help") == 0);
  CHECK(exit_code("not-a-code") == 2);
  CHECK(exit_code("--lang zz 552") == 2);
  CHECK(exit_code("check /nonexistent/file.eml") == 1);
  CHECK(exit_code("check " + corpus("lf", "lhost-postfix-01.eml")) == 0);
}
