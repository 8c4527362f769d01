// What compare_codes() derives from one explained code: its class digit, the
// subject area (enhanced status X.<n>.*, or the usual area of a reply code) and
// who must act; and the generated comparison sentences built from those facts.
// Private to the core. Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "smtp_explain/catalog.h"

namespace smtp_explain {

enum class Actor {
  kNobody,          // success or intermediate reply
  kWait,            // transient: the servers retry by themselves
  kSender,          // fix the address or the message
  kRecipient,       // the recipient's mailbox (full, disabled)
  kRecipientAdmin,  // the receiving system
  kSenderAdmin,     // authentication, DNS, reputation, sending software
  kAdmins,          // network and routing, either side
  kUnknown,         // the reply's own text must tell
};

struct CodeFacts {
  std::string code;        // "552", "5.2.2"
  bool is_status = false;  // enhanced status code (else reply code)
  char class_digit = 0;    // '2', '3', '4', '5'
  DeliveryClass cls = DeliveryClass::kNone;
  char subject = 0;  // '0'..'7', or 0 when unknown
  Actor actor = Actor::kUnknown;
  std::string class_label;
  std::string when;
};

CodeFacts code_facts(const Explanation& e);

// "221_452": the two normalised codes in a fixed (sorted) order, used as the
// catalog key suffix of a curated pair note ("compare.pair.221_452").
std::string pair_key(std::string_view a, std::string_view b);

// Replaces each "{name}" in `pattern` with its value.
std::string fill(std::string_view pattern,
                 const std::vector<std::pair<std::string_view, std::string_view>>& values);

std::vector<std::string> generated_differences(const CodeFacts& a, const CodeFacts& b,
                                               const Catalog& catalog, std::string_view lang);
std::vector<std::string> generated_which(const CodeFacts& a, const CodeFacts& b,
                                         const Catalog& catalog, std::string_view lang);

}  // namespace smtp_explain
