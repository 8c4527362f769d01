// Metrics: what the milter has done since it started, for a postmaster to
// watch. Counters of messages seen, messages passed at end of headers (no body
// asked for), bounces found and annotated by kind and class, recipients
// annotated by class, reason and provider, inbound fields removed, parser flags
// (the limit hits among them), internal errors by stage, MTA refusals, and a
// histogram of the time spent inside the milter's callbacks per message.
//
// prometheus_text() renders them in the Prometheus text exposition format
// (served by MetricsServer when `metrics` is configured); log_lines() renders a
// short summary for the log (SIGUSR1).
//
// Thread safety: every method may be called from any thread. Plain counters and
// the histogram are relaxed atomics (one increment per event, no lock on the
// path of ordinary mail); the labelled counters, touched only for bounces, sit
// behind a mutex.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "message_state.h"
#include "stage_hook.h"

namespace smtp_explain::daemon {

// A cumulative histogram over fixed bucket bounds (seconds), 10 per decade
// from 1 µs to 10 s, so that p50/p99 read from it are within about 12%.
class DurationHistogram {
 public:
  static constexpr int kBuckets = 71;  // upper bounds; the +Inf bucket is implicit
  static const std::array<double, kBuckets>& bounds();

  void observe(std::uint64_t nanoseconds);
  std::uint64_t count() const { return count_.load(std::memory_order_relaxed); }
  double sum_seconds() const;
  // Cumulative count of observations <= bounds()[i]; i == kBuckets is +Inf.
  std::uint64_t cumulative(int i) const;
  // The q-quantile (0 < q < 1) interpolated within its bucket, as Prometheus'
  // histogram_quantile() does. 0 when empty.
  double quantile(double q) const;

 private:
  std::array<std::atomic<std::uint64_t>, kBuckets + 1> buckets_{};
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_ns_{0};
};

class Metrics {
 public:
  // A message began (MAIL FROM).
  void message_started() { inc(messages_); }
  // The milter's part ended at end of headers: not a possible bounce and no
  // inbound field to remove, the body was not asked for.
  void header_stage_skip() { inc(header_stage_skips_); }
  // The body was asked for (the message may be a bounce).
  void body_wanted() { inc(body_wanted_); }
  void message_aborted() { inc(aborted_); }
  // A message that began while the milter was stopping passed unfiltered.
  void message_passed_at_stop() { inc(passed_at_stop_); }
  // End of message: bounce found, annotation, removals, flags, per recipient.
  void message_finished(const MessageOutcome& outcome);
  void internal_error(Stage stage);
  void connection_opened() { inc(connections_); }
  // Time spent inside the callbacks for one message (envfrom to eoh or eom).
  void message_time(std::uint64_t nanoseconds) { duration_.observe(nanoseconds); }
  void set_generation(unsigned generation) { generation_.store(generation); }

  const DurationHistogram& duration() const { return duration_; }
  std::uint64_t messages() const { return messages_.load(); }
  std::uint64_t header_stage_skips() const { return header_stage_skips_.load(); }
  std::uint64_t internal_errors() const;

  // The whole set in Prometheus text format (version 0.0.4). The gauges are
  // sampled by the caller (ConnectionState::live(), messages_in_flight()).
  std::string prometheus_text(long open_connections, long messages_in_flight = 0) const;
  // A few human-readable lines for the log.
  std::vector<std::string> log_lines(long open_connections, long messages_in_flight = 0) const;

 private:
  // Label values joined by '\x1f' -> count. At most kMaxSeries per family; the
  // rest is counted under the value "other".
  using Series = std::map<std::string, std::uint64_t, std::less<>>;
  static constexpr std::size_t kMaxSeries = 2000;

  static void inc(std::atomic<std::uint64_t>& c, std::uint64_t n = 1) {
    c.fetch_add(n, std::memory_order_relaxed);
  }
  static void add_series(Series* s, std::string key, std::uint64_t n);

  std::atomic<std::uint64_t> messages_{0};
  std::atomic<std::uint64_t> header_stage_skips_{0};
  std::atomic<std::uint64_t> body_wanted_{0};
  std::atomic<std::uint64_t> aborted_{0};
  std::atomic<std::uint64_t> passed_at_stop_{0};
  std::atomic<std::uint64_t> not_bounces_{0};  // body read, no bounce found
  std::atomic<std::uint64_t> removed_fields_{0};
  std::atomic<std::uint64_t> mta_refusals_{0};
  std::atomic<std::uint64_t> connections_{0};
  std::atomic<unsigned> generation_{0};
  std::array<std::atomic<std::uint64_t>, kStageCount> internal_errors_{};
  std::array<std::atomic<std::uint64_t>, 32> flags_{};  // by bit of smtp_explain::Flag
  DurationHistogram duration_;

  mutable std::mutex mutex_;
  Series bounces_;     // kind, class
  Series annotated_;   // class
  Series recipients_;  // class, reason, provider
};

// Process resident set size in bytes (/proc/self/statm), 0 if unknown.
std::uint64_t resident_bytes();

}  // namespace smtp_explain::daemon
