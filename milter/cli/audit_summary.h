// The audit of a bounce folder, `smtp-explain check --summary`: counts of the
// messages read by kind, bounces by class, and failed recipients by reason,
// provider rule, reply code, enhanced status code, reply and status together,
// recipient domain and remote MTA, plus parse flags and limits hit; printed as
// a table (labels from the catalog) or as one JSON object.
//
// Memory is bounded: each table keeps at most kMaxDistinct different values
// (of at most kMaxKeyBytes each); the rest is counted in "others".
// Thread safety: none; one summary per run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "smtp_explain/catalog.h"
#include "smtp_explain/report.h"

// Counts of values, the most frequent first.
class Tally {
 public:
  static constexpr std::size_t kMaxDistinct = 5000;
  static constexpr std::size_t kMaxKeyBytes = 256;

  void add(std::string_view key);
  // The n most frequent values (ties in name order), with their counts.
  std::vector<std::pair<std::string, std::uint64_t>> top(std::size_t n) const;
  std::uint64_t total() const { return total_; }
  std::size_t distinct() const { return counts_.size(); }

 private:
  std::unordered_map<std::string, std::uint64_t> counts_;
  std::uint64_t total_ = 0;
};

class AuditSummary {
 public:
  // `top`: rows shown per table before "others".
  explicit AuditSummary(std::size_t top = 10) : top_(top) {}

  // One message read and checked.
  void add(const smtp_explain::Report& report);
  // A file or message that could not be read.
  void add_unreadable() { ++unreadable_; }
  // A file that holds no message (an empty mbox).
  void add_empty_file() { ++empty_files_; }
  // What the reader went through: files opened and bytes read.
  void set_input(std::size_t files, std::uint64_t bytes) {
    files_ = files;
    bytes_ = bytes;
  }

  std::uint64_t messages() const { return messages_; }
  std::uint64_t bounces() const { return dsn_ + text_; }

  // The human-readable summary, in `lang`.
  void print(std::ostream& out, const smtp_explain::Catalog& catalog,
             const std::string& lang) const;
  // The summary as one JSON object (field names documented in the README).
  nlohmann::json to_json() const;

 private:
  std::size_t top_;
  std::size_t files_ = 0;
  std::uint64_t bytes_ = 0;
  std::uint64_t messages_ = 0, dsn_ = 0, text_ = 0, auto_replies_ = 0, feedback_reports_ = 0,
                not_bounces_ = 0, unreadable_ = 0, empty_files_ = 0, flagged_ = 0,
                without_recipient_ = 0, recipients_ = 0, not_recorded_ = 0;
  Tally class_, reason_, provider_, reply_, status_, pair_, domain_, remote_mta_, flags_;
};

// "1.2 MiB", "512 KiB", "300 B".
std::string human_bytes(std::uint64_t bytes);
