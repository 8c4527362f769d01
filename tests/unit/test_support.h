// Helpers shared by the unit tests that read Sisimai corpus bounces and feed
// raw messages to the format scanners: file reading, line-ending conversion,
// building the scanners' Message from raw text, the name of the claiming
// scanner, and per-recipient expectations checked against a Report.
// Stateless free functions; safe to call from any thread (Catch2 assertions
// themselves are not, as usual).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "message.h"
#include "smtp_explain/report.h"

namespace smtp_explain::test {

// The Sisimai corpus root (<shared>/corpus/sisimai).
std::filesystem::path corpus_root();

// The whole file, bytes unchanged; "" when it cannot be read.
std::string read_file(const std::filesystem::path& path);

// A corpus file, e.g. read_corpus("lf", "lhost-exim-07.eml").
std::string read_corpus(std::string_view dir, std::string_view file);

// A fixture written for this project, e.g.
// read_bounce_fixture("exchange/ex2003-de-crlf.eml") reads
// tests/data/bounces/exchange/ex2003-de-crlf.eml ("" when it cannot be read).
std::string read_bounce_fixture(std::string_view path);

// CR LF and lone CR turned into LF.
std::string lf_only(std::string_view text);

// Every LF turned into CR LF (the input must have LF endings only).
std::string crlf(std::string_view lf_text);

// The message as the families see it, built exactly as the parser builds it
// (header splitter, message builder, MIME walk) with default limits.
Message to_message(const std::string& raw);

// The name of the format scanner that claims the message ("" for none).
std::string claiming_family(const std::string& raw);

// Every reason the catalog must explain in every language: the classifier's
// reasons plus "ratelimited" (a Sisimai 5 name the corpus truth uses).
inline constexpr const char* kCatalogReasons[] = {
    "userunknown", "mailboxfull",  "hostunknown",     "filtered",        "rejected",
    "blocked",     "expired",      "authfailure",     "policyviolation", "requireptr",
    "suspend",     "systemerror",  "spamdetected",    "networkerror",    "securityerror",
    "notaccept",   "mailererror",  "toomanyconn",     "norelaying",      "hasmoved",
    "mesgtoobig",  "contenterror", "notcompliantrfc", "badreputation",   "virusdetected",
    "syntaxerror", "exceedlimit",  "speeding",        "systemfull",      "delivered",
    "onhold",      "undefined",    "ratelimited"};

// One expected recipient of a parsed bounce.
struct Want {
  std::string recipient;
  std::string reply;
  std::string status;
  std::string reason;
};

// Whether an empty Want::status asserts an empty status or skips the check
// (for files whose truth holds a Sisimai-internal code).
enum class EmptyStatus { kAsserted, kNotChecked };

// REQUIREs a bounce with exactly want.size() recipients, then CHECKs each
// recipient's address, reply code, status and reason in order.
void check_recipients(const Report& report, const std::vector<Want>& want,
                      EmptyStatus empty_status);

// Parses corpus file dir/file (which must not be empty) and checks it as
// check_recipients does.
void check_corpus_file(std::string_view dir, std::string_view file, const std::vector<Want>& want,
                       EmptyStatus empty_status);

}  // namespace smtp_explain::test
