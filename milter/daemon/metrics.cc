// Counters and the per-message time histogram (see metrics.h).
#include "metrics.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>

#include "smtp_explain/report.h"

namespace smtp_explain::daemon {
namespace {

constexpr char kSep = '\x1f';

// Prometheus label values: backslash, double quote and newline escaped.
void append_label_value(std::string* out, std::string_view v) {
  for (char c : v) {
    if (c == '\\' || c == '"') {
      out->push_back('\\');
      out->push_back(c);
    } else if (c == '\n') {
      out->append("\\n");
    } else {
      out->push_back(c);
    }
  }
}

std::string number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

void header(std::string* out, std::string_view name, std::string_view type, std::string_view help) {
  out->append("# HELP ").append(name).append(" ").append(help).append("\n");
  out->append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void sample(std::string* out, std::string_view name, std::string_view labels, double v) {
  out->append(name);
  if (!labels.empty()) out->append("{").append(labels).append("}");
  out->append(" ").append(number(v)).append("\n");
}

void simple(std::string* out, std::string_view name, std::string_view type, std::string_view help,
            double v) {
  header(out, name, type, help);
  sample(out, name, "", v);
}

// Label set text for a Series key: names[i]="value i".
std::string labels_of(const std::vector<std::string_view>& names, std::string_view key) {
  std::string out;
  std::size_t i = 0;
  for (std::string_view name : names) {
    std::size_t end = key.find(kSep);
    std::string_view v = key.substr(0, end);
    key = end == std::string_view::npos ? std::string_view() : key.substr(end + 1);
    if (i++ > 0) out.push_back(',');
    out.append(name).append("=\"");
    append_label_value(&out, v);
    out.push_back('"');
  }
  return out;
}

std::string key_of(std::initializer_list<std::string_view> values) {
  std::string key;
  bool first = true;
  for (std::string_view v : values) {
    if (!first) key.push_back(kSep);
    first = false;
    key.append(v);
  }
  return key;
}

std::string_view or_none(std::string_view v) {
  return v.empty() ? std::string_view("none") : v;
}

// Bit i of smtp_explain::Flag -> its name.
std::string_view flag_name(int bit) {
  auto names = flag_names(1u << bit);
  return names.empty() ? std::string_view() : names.front();
}

}  // namespace

// --- DurationHistogram -------------------------------------------------------

const std::array<double, DurationHistogram::kBuckets>& DurationHistogram::bounds() {
  static const std::array<double, kBuckets> b = [] {
    std::array<double, kBuckets> out{};
    // The R10 series (1, 1.25, 1.6, 2, 2.5, 3.15, 4, 5, 6.3, 8) per decade.
    static constexpr double kSteps[10] = {1.0, 1.25, 1.6, 2.0, 2.5, 3.15, 4.0, 5.0, 6.3, 8.0};
    double decade = 1e-6;
    for (int i = 0; i < kBuckets; ++i) {
      out[static_cast<std::size_t>(i)] = kSteps[i % 10] * decade;
      if (i % 10 == 9) decade *= 10;
    }
    return out;
  }();
  return b;
}

void DurationHistogram::observe(std::uint64_t nanoseconds) {
  const auto& b = bounds();
  const double s = static_cast<double>(nanoseconds) * 1e-9;
  // Binary search for the first bound >= s.
  int lo = 0, hi = kBuckets;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (b[static_cast<std::size_t>(mid)] >= s) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  buckets_[static_cast<std::size_t>(lo)].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_ns_.fetch_add(nanoseconds, std::memory_order_relaxed);
}

double DurationHistogram::sum_seconds() const {
  return static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) * 1e-9;
}

std::uint64_t DurationHistogram::cumulative(int i) const {
  std::uint64_t n = 0;
  for (int j = 0; j <= i && j <= kBuckets; ++j) {
    n += buckets_[static_cast<std::size_t>(j)].load(std::memory_order_relaxed);
  }
  return n;
}

double DurationHistogram::quantile(double q) const {
  std::array<std::uint64_t, kBuckets + 1> counts{};
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    counts[i] = buckets_[i].load(std::memory_order_relaxed);
    total += counts[i];
  }
  if (total == 0) return 0;
  const double rank = q * static_cast<double>(total);
  const auto& b = bounds();
  std::uint64_t below = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (static_cast<double>(below + counts[i]) >= rank && counts[i] > 0) {
      if (i == static_cast<std::size_t>(kBuckets)) return b.back();  // in +Inf
      double lower = i == 0 ? 0.0 : b[i - 1];
      double frac = (rank - static_cast<double>(below)) / static_cast<double>(counts[i]);
      return lower + (b[i] - lower) * frac;
    }
    below += counts[i];
  }
  return b.back();
}

// --- Metrics -----------------------------------------------------------------

void Metrics::add_series(Series* s, std::string key, std::uint64_t n) {
  auto it = s->find(key);
  if (it != s->end()) {
    it->second += n;
  } else if (s->size() < kMaxSeries) {
    s->emplace(std::move(key), n);
  } else {
    // Replace each label value by "other", keeping the number of labels.
    std::string other;
    for (char c : key) {
      if (c == kSep) other.append("other").push_back(kSep);
    }
    other.append("other");
    (*s)[other] += n;
  }
}

void Metrics::message_finished(const MessageOutcome& out) {
  if (out.removed > 0) inc(removed_fields_, out.removed);
  if (!out.error.empty()) inc(mta_refusals_);
  for (int bit = 0; bit < 32; ++bit) {
    if ((out.flags & (1u << bit)) != 0) inc(flags_[static_cast<std::size_t>(bit)]);
  }
  if (!out.bounce) {
    inc(not_bounces_);
    return;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  add_series(&bounces_, key_of({to_string(out.kind), or_none(to_string(out.cls))}), 1);
  if (!out.annotated) return;
  add_series(&annotated_, std::string(or_none(to_string(out.cls))), 1);
  for (const RecipientOutcome& r : out.per_recipient) {
    add_series(&recipients_,
               key_of({or_none(to_string(r.cls)), or_none(r.reason), or_none(r.provider)}), 1);
  }
}

void Metrics::internal_error(Stage stage) {
  inc(internal_errors_[static_cast<std::size_t>(stage)]);
}

std::uint64_t Metrics::internal_errors() const {
  std::uint64_t n = 0;
  for (const auto& c : internal_errors_) n += c.load(std::memory_order_relaxed);
  return n;
}

std::string Metrics::prometheus_text(long open_connections, long messages_in_flight) const {
  std::string out;
  out.reserve(8192);
  auto load = [](const std::atomic<std::uint64_t>& c) {
    return static_cast<double>(c.load(std::memory_order_relaxed));
  };
  struct Row {
    const char* name;
    const char* type;
    const char* help;
    double value;
  };
  const Row rows[] = {
      {"smtp_explain_messages_total", "counter",
       "Messages seen (MAIL FROM received by the milter).", load(messages_)},
      {"smtp_explain_header_stage_skips_total", "counter",
       "Messages passed at end of headers: cannot be a bounce, nothing to remove, body not "
       "asked for.",
       load(header_stage_skips_)},
      {"smtp_explain_body_wanted_total", "counter",
       "Messages whose body the milter asked for (a possible bounce or fields to remove).",
       load(body_wanted_)},
      {"smtp_explain_not_bounces_total", "counter",
       "Messages read to the end that turned out not to be bounces.", load(not_bounces_)},
      {"smtp_explain_messages_aborted_total", "counter",
       "Messages the MTA aborted before their end.", load(aborted_)},
      {"smtp_explain_messages_passed_at_stop_total", "counter",
       "Messages that began while the milter was stopping and passed unfiltered.",
       load(passed_at_stop_)},
      {"smtp_explain_inbound_fields_removed_total", "counter",
       "Inbound X-SMTP-Explain* header fields deleted.", load(removed_fields_)},
      {"smtp_explain_mta_refusals_total", "counter",
       "Messages for which the MTA refused a header edit.", load(mta_refusals_)},
      {"smtp_explain_connections_total", "counter", "MTA connections accepted.",
       load(connections_)},
      {"smtp_explain_connections_open", "gauge", "MTA connections open now.",
       static_cast<double>(open_connections)},
      {"smtp_explain_messages_in_flight", "gauge", "Messages between MAIL FROM and their end now.",
       static_cast<double>(messages_in_flight)},
      {"smtp_explain_config_generation", "gauge",
       "Configuration generation in use (1 at start, +1 per successful reload).",
       static_cast<double>(generation_.load())},
      {"process_resident_memory_bytes", "gauge", "Resident memory size in bytes.",
       static_cast<double>(resident_bytes())},
  };
  for (const Row& r : rows) simple(&out, r.name, r.type, r.help, r.value);

  header(&out, "smtp_explain_internal_errors_total", "counter",
         "Internal errors by callback stage; each let its message pass unchanged.");
  for (int s = 0; s < kStageCount; ++s) {
    std::string labels = "stage=\"" + std::string(to_string(static_cast<Stage>(s))) + "\"";
    sample(&out, "smtp_explain_internal_errors_total", labels,
           load(internal_errors_[static_cast<std::size_t>(s)]));
  }
  header(&out, "smtp_explain_parse_flags_total", "counter",
         "Messages with each parser flag; header-too-long, scan-truncated, mime-too-deep, "
         "too-many-parts, long-line and too-many-recipients are limit hits.");
  for (int bit = 0; bit < 32; ++bit) {
    std::string_view name = flag_name(bit);
    if (name.empty()) continue;
    std::string labels = "flag=\"" + std::string(name) + "\"";
    sample(&out, "smtp_explain_parse_flags_total", labels,
           load(flags_[static_cast<std::size_t>(bit)]));
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    header(&out, "smtp_explain_bounces_total", "counter",
           "Bounces recognised at end of message, by kind and class.");
    for (const auto& [key, n] : bounces_) {
      sample(&out, "smtp_explain_bounces_total", labels_of({"kind", "class"}, key),
             static_cast<double>(n));
    }
    header(&out, "smtp_explain_bounces_annotated_total", "counter",
           "Bounces that received X-SMTP-Explain headers, by class.");
    for (const auto& [key, n] : annotated_) {
      sample(&out, "smtp_explain_bounces_annotated_total", labels_of({"class"}, key),
             static_cast<double>(n));
    }
    header(&out, "smtp_explain_recipients_annotated_total", "counter",
           "Failed recipients explained in annotated bounces, by class, reason and provider "
           "rule.");
    for (const auto& [key, n] : recipients_) {
      sample(&out, "smtp_explain_recipients_annotated_total",
             labels_of({"class", "reason", "provider"}, key), static_cast<double>(n));
    }
  }
  const std::string_view h = "smtp_explain_message_duration_seconds";
  header(&out, h, "histogram",
         "Time spent inside the milter's callbacks per message (MAIL FROM to end of headers or "
         "end of message).");
  const auto& b = DurationHistogram::bounds();
  std::string bucket = std::string(h) + "_bucket";
  for (int i = 0; i < DurationHistogram::kBuckets; ++i) {
    sample(&out, bucket, "le=\"" + number(b[static_cast<std::size_t>(i)]) + "\"",
           static_cast<double>(duration_.cumulative(i)));
  }
  sample(&out, bucket, "le=\"+Inf\"",
         static_cast<double>(duration_.cumulative(DurationHistogram::kBuckets)));
  sample(&out, std::string(h) + "_sum", "", duration_.sum_seconds());
  sample(&out, std::string(h) + "_count", "", static_cast<double>(duration_.count()));
  return out;
}

std::vector<std::string> Metrics::log_lines(long open_connections, long messages_in_flight) const {
  std::vector<std::string> lines;
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "metrics: messages=%llu header_stage_skips=%llu body_wanted=%llu "
                "not_bounces=%llu aborted=%llu removed_fields=%llu mta_refusals=%llu "
                "internal_errors=%llu connections=%llu open=%ld in_flight=%ld rss=%llu",
                static_cast<unsigned long long>(messages_.load()),
                static_cast<unsigned long long>(header_stage_skips_.load()),
                static_cast<unsigned long long>(body_wanted_.load()),
                static_cast<unsigned long long>(not_bounces_.load()),
                static_cast<unsigned long long>(aborted_.load()),
                static_cast<unsigned long long>(removed_fields_.load()),
                static_cast<unsigned long long>(mta_refusals_.load()),
                static_cast<unsigned long long>(internal_errors()),
                static_cast<unsigned long long>(connections_.load()), open_connections,
                messages_in_flight, static_cast<unsigned long long>(resident_bytes()));
  lines.emplace_back(buf);
  std::snprintf(buf, sizeof buf,
                "metrics: time per message: count=%llu p50=%.1fus p99=%.1fus mean=%.1fus",
                static_cast<unsigned long long>(duration_.count()), duration_.quantile(0.5) * 1e6,
                duration_.quantile(0.99) * 1e6,
                duration_.count() == 0
                    ? 0.0
                    : duration_.sum_seconds() * 1e6 / static_cast<double>(duration_.count()));
  lines.emplace_back(buf);
  std::string flags = "metrics: parse flags:";
  for (int bit = 0; bit < 32; ++bit) {
    std::uint64_t n = flags_[static_cast<std::size_t>(bit)].load();
    if (n > 0) flags += " " + std::string(flag_name(bit)) + "=" + std::to_string(n);
  }
  lines.push_back(flags);
  std::lock_guard<std::mutex> lock(mutex_);
  // At most kLogSeries entries per line: the endpoint has them all.
  constexpr std::size_t kLogSeries = 40;
  auto family = [&](std::string line, const Series& s) {
    std::size_t shown = 0;
    for (const auto& [key, n] : s) {
      if (shown++ == kLogSeries) {
        line += " (" + std::to_string(s.size() - kLogSeries) + " more)";
        break;
      }
      std::string k = key;
      for (char& c : k) {
        if (c == kSep) c = '/';
      }
      line += " " + k + "=" + std::to_string(n);
    }
    lines.push_back(std::move(line));
  };
  family("metrics: bounces by kind/class:", bounces_);
  family("metrics: annotated by class:", annotated_);
  family("metrics: recipients by class/reason/provider:", recipients_);
  return lines;
}

std::uint64_t resident_bytes() {
  std::ifstream in("/proc/self/statm");
  unsigned long long size = 0, resident = 0;
  if (!(in >> size >> resident)) return 0;
  long page = sysconf(_SC_PAGESIZE);
  return resident * static_cast<std::uint64_t>(page > 0 ? page : 4096);
}

}  // namespace smtp_explain::daemon
