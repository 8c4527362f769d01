// Finding SMTP codes in free text: a remote reply such as
//   "host mx.example.com said: 550-5.1.1 The email account ... 550 5.1.1 ... - gsmtp"
// or an MTA's own error line. Hand-written scanners, no regex: linear in the text.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace smtp_explain {

struct ScannedCodes {
  std::string reply;   // "550" or empty
  std::string status;  // "5.1.1" or empty
};

// The reply code and enhanced status code the text carries. Prefers codes that
// stand where a reply puts them (at the start of the text or of a reply line,
// "550-5.1.1", "550 5.1.1", "#5.1.1", "(5.1.1)"), ignores numbers inside
// addresses, IP addresses, dates and host names, and never invents a code.
ScannedCodes scan_codes(std::string_view text);

// The SMTP command the text says failed ("RCPT", "DATA", "MAIL", "HELO"/"EHLO",
// "CONN" for the greeting), e.g. from "in reply to RCPT TO command" or
// "... after end of data". Empty if none.
std::string_view scan_smtp_command(std::string_view text);

}  // namespace smtp_explain
