// The vocabulary of bounce reasons (Sisimai 5's names) that the classifier
// may answer and that may have a phrase table. Constant data; thread-safe.
#pragma once

#include <array>
#include <string_view>

namespace smtp_explain::reason_detail {

inline constexpr std::array<std::string_view, 32> kReasonNames = {
    "authfailure", "badreputation",   "blocked",      "contenterror",    "delivered",
    "exceedlimit", "expired",         "filtered",     "hasmoved",        "hostunknown",
    "mailboxfull", "mailererror",     "mesgtoobig",   "networkerror",    "norelaying",
    "notaccept",   "notcompliantrfc", "onhold",       "policyviolation", "rejected",
    "requireptr",  "securityerror",   "spamdetected", "speeding",        "suspend",
    "syntaxerror", "systemerror",     "systemfull",   "toomanyconn",     "undefined",
    "userunknown", "virusdetected",
};

}  // namespace smtp_explain::reason_detail
