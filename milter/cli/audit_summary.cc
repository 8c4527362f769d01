// Counting and printing the audit summary (audit_summary.h).
#include "audit_summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <type_traits>

using nlohmann::json;
using namespace smtp_explain;

namespace {

// A value from a message, made safe to print on a terminal and bounded: control
// characters become '?', and it is cut at a character boundary.
std::string printable_key(std::string_view key) {
  if (key.size() > Tally::kMaxKeyBytes) {
    std::size_t n = Tally::kMaxKeyBytes;
    while (n > 0 && (static_cast<unsigned char>(key[n]) & 0xC0) == 0x80) --n;
    key = key.substr(0, n);
  }
  std::string out(key);
  for (char& c : out) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) c = '?';
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The domain of an address, lower case ("" when there is none).
std::string domain_of(std::string_view address) {
  const std::size_t at = address.rfind('@');
  return at == std::string_view::npos ? std::string() : lower(address.substr(at + 1));
}

// A recipient's reason as its name (a string in the report today; an enum with
// to_string() once the core names reasons by value).
template <class R>
std::string reason_name(const R& reason) {
  if constexpr (std::is_convertible_v<const R&, std::string_view>) {
    return std::string(std::string_view(reason));
  } else {
    return std::string(to_string(reason));
  }
}

double percent(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

// Rows of a table as the human summary prints them: count, percent, label.
class Printer {
 public:
  Printer(std::ostream& out, int count_width) : out_(out), width_(count_width) {}

  void heading(const std::string& title) { out_ << "\n" << title << "\n"; }

  // `whole` 0: no percentage.
  void row(std::uint64_t count, std::uint64_t whole, const std::string& label, int indent = 0) {
    char numbers[64];
    if (whole == 0) {
      std::snprintf(numbers, sizeof numbers, "%*llu        ", width_,
                    static_cast<unsigned long long>(count));
    } else {
      std::snprintf(numbers, sizeof numbers, "%*llu  %5.1f%%", width_,
                    static_cast<unsigned long long>(count), percent(count, whole));
    }
    out_ << "  " << numbers << "  " << std::string(static_cast<std::size_t>(indent) * 2, ' ')
         << label << "\n";
  }

 private:
  std::ostream& out_;
  int width_;
};

// A table as JSON; percentages of `whole` (0: of the table's total).
json table_json(const Tally& t, std::size_t top, std::uint64_t whole = 0) {
  if (whole == 0) whole = t.total();
  json rows = json::array();
  std::uint64_t shown = 0;
  for (const auto& [name, count] : t.top(top)) {
    rows.push_back({{"name", name},
                    {"count", count},
                    {"percent", std::round(percent(count, whole) * 10) / 10}});
    shown += count;
  }
  return {{"total", t.total()},
          {"distinct", t.distinct()},
          {"top", rows},
          {"others", t.total() - shown}};
}

}  // namespace

void Tally::add(std::string_view key) {
  ++total_;
  const std::string k = printable_key(key);
  auto it = counts_.find(k);
  if (it != counts_.end()) {
    ++it->second;
  } else if (counts_.size() < kMaxDistinct) {
    counts_.emplace(k, 1);
  }
  // Past kMaxDistinct a new value is in total() only: it shows as "others".
}

std::vector<std::pair<std::string, std::uint64_t>> Tally::top(std::size_t n) const {
  std::vector<std::pair<std::string, std::uint64_t>> rows(counts_.begin(), counts_.end());
  const auto order = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  n = std::min(n, rows.size());
  std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(n), rows.end(), order);
  rows.resize(n);
  return rows;
}

std::string human_bytes(std::uint64_t bytes) {
  static const char* const kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  std::size_t u = 0;
  while (v >= 1024 && u + 1 < std::size(kUnits)) {
    v /= 1024;
    ++u;
  }
  char s[32];
  if (u == 0) {
    std::snprintf(s, sizeof s, "%llu B", static_cast<unsigned long long>(bytes));
  } else {
    std::snprintf(s, sizeof s, "%.1f %s", v, kUnits[u]);
  }
  return s;
}

void AuditSummary::add(const Report& report) {
  ++messages_;
  if (report.flags != kFlagNone) {
    ++flagged_;
    for (std::string_view f : flag_names(report.flags)) flags_.add(f);
  }
  switch (report.kind) {
    case Kind::kDsn:
      ++dsn_;
      break;
    case Kind::kText:
      ++text_;
      break;
    case Kind::kAutoReply:
      ++auto_replies_;
      break;
    case Kind::kFeedbackReport:
      ++feedback_reports_;
      break;
    case Kind::kNotBounce:
      ++not_bounces_;
      break;
  }
  if (!report.bounce) return;
  class_.add(to_string(report.cls));
  if (report.recipients.empty()) ++without_recipient_;
  if (report.recipients_total > report.recipients.size())
    not_recorded_ += report.recipients_total - report.recipients.size();
  for (const Recipient& r : report.recipients) {
    ++recipients_;
    reason_.add(reason_name(r.reason));
    provider_.add(r.provider);
    reply_.add(r.reply_code);
    status_.add(r.status);
    pair_.add((r.reply_code.empty() ? "-" : r.reply_code) + " " +
              (r.status.empty() ? "-" : r.status));
    domain_.add(domain_of(r.recipient));
    remote_mta_.add(lower(r.remote_mta));
  }
}

void AuditSummary::print(std::ostream& out, const Catalog& catalog, const std::string& lang) const {
  const auto text = [&](const std::string& key) { return catalog.text(key, lang); };
  // A catalog text, or "" when the catalog has none for this key.
  const auto optional_text = [&](const std::string& key) {
    std::string t = catalog.text(key, lang);
    return t == key ? std::string() : t;
  };
  const std::string none = "(" + text("none") + ")";
  const std::uint64_t widest = std::max({messages_, recipients_, unreadable_, std::uint64_t{9999}});
  Printer p(out, static_cast<int>(std::to_string(widest).size()));

  out << text("audit.summary") << " (" << human_bytes(bytes_) << ")\n";

  p.heading(text("audit.heading.messages"));
  p.row(files_, 0, text("audit.files_read"));
  p.row(messages_, messages_, text("audit.messages_read"));
  p.row(bounces(), messages_, text("audit.bounces"));
  p.row(dsn_, messages_, text("audit.kind.dsn"), 1);
  p.row(text_, messages_, text("audit.kind.text"), 1);
  p.row(auto_replies_, messages_, text("audit.auto_replies"));
  p.row(feedback_reports_, messages_, text("audit.feedback_reports"));
  p.row(not_bounces_, messages_, text("audit.not_bounces"));
  p.row(flagged_, messages_, text("audit.flagged"));
  p.row(unreadable_, 0, text("audit.unreadable"));
  if (empty_files_ > 0) p.row(empty_files_, 0, text("audit.empty_files"));

  if (bounces() == 0) {
    out << "\n" << text("audit.no_bounces") << "\n";
  } else {
    p.heading(text("audit.heading.class"));
    const auto rows = class_.top(Tally::kMaxDistinct);
    for (const char* cls : {"permanent", "transient", "success", ""}) {
      const auto it =
          std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.first == cls; });
      if (it == rows.end()) continue;
      p.row(it->second, bounces(), text(std::string("audit.class.") + (*cls ? cls : "none")));
    }

    p.heading(text("audit.heading.recipients"));
    p.row(recipients_, 0, text("audit.recipients"));
    if (without_recipient_ > 0) p.row(without_recipient_, 0, text("audit.without_recipient"));
    if (not_recorded_ > 0) p.row(not_recorded_, 0, text("audit.not_recorded"));
  }

  // One table, with a label per value; percentages of `whole` (0: of the total).
  const auto table = [&](const char* heading, const Tally& t, auto&& label,
                         std::uint64_t whole = 0) {
    if (t.total() == 0) return;
    if (whole == 0) whole = t.total();
    p.heading(text(heading));
    std::uint64_t shown = 0;
    for (const auto& [name, count] : t.top(top_)) {
      p.row(count, whole, label(name));
      shown += count;
    }
    if (shown < t.total()) p.row(t.total() - shown, whole, text("audit.others"));
  };
  const auto plain = [&](const std::string& name) { return name.empty() ? none : name; };
  table("audit.heading.reason", reason_, [&](const std::string& name) {
    if (name.empty()) return none;
    const auto e = catalog.explain_reason(name, lang);
    return e && !e->title.empty() ? name + "  (" + e->title + ")" : name;
  });
  table("audit.heading.provider", provider_, [&](const std::string& name) {
    return name.empty() ? "(" + text("audit.no_provider") + ")" : name;
  });
  table("audit.heading.reply", reply_, plain);
  table("audit.heading.status", status_, plain);
  table("audit.heading.pair", pair_, plain);
  table("audit.heading.domain", domain_, plain);
  table("audit.heading.remote_mta", remote_mta_, plain);
  table(
      "audit.heading.flags", flags_,
      [&](const std::string& name) {
        const std::string about = optional_text("audit.flag." + name);
        return about.empty() ? name : name + "  (" + about + ")";
      },
      messages_);
}

json AuditSummary::to_json() const {
  return {{"files", files_},
          {"bytes", bytes_},
          {"messages", messages_},
          {"bounces", bounces()},
          {"dsn", dsn_},
          {"text", text_},
          {"auto_replies", auto_replies_},
          {"feedback_reports", feedback_reports_},
          {"not_bounces", not_bounces_},
          {"with_flags", flagged_},
          {"unreadable", unreadable_},
          {"empty_files", empty_files_},
          {"recipients", recipients_},
          {"bounces_without_recipient", without_recipient_},
          {"recipients_not_recorded", not_recorded_},
          {"class", table_json(class_, Tally::kMaxDistinct)},
          {"reason", table_json(reason_, top_)},
          {"provider", table_json(provider_, top_)},
          {"reply_code", table_json(reply_, top_)},
          {"status", table_json(status_, top_)},
          {"reply_status", table_json(pair_, top_)},
          {"recipient_domain", table_json(domain_, top_)},
          {"remote_mta", table_json(remote_mta_, top_)},
          {"flags", table_json(flags_, top_, messages_)}};
}
