// BounceParser: collects what a milter hands over stage by stage
// (message_builder.h), decides at end of headers whether the body is wanted
// (bounce_gate.h) and which families are the candidates (family.h), and at
// finish() walks the MIME structure, reads delivery-status fields
// (dsn_reader.h) or runs the candidates' scanners, then turns what was found
// into a Report (dsn_reconcile.h).
#include "smtp_explain/parser.h"

#include <algorithm>
#include <optional>

#include "bounce_gate.h"
#include "dsn_reader.h"
#include "dsn_reconcile.h"
#include "family.h"
#include "header_splitter.h"
#include "message_builder.h"
#include "text_util.h"

namespace smtp_explain {

struct BounceParser::Impl {
  explicit Impl(const Limits& l) : limits(l), builder(l) {}

  Limits limits;
  std::optional<std::string> envelope;
  MessageBuilder builder;
  GateVerdict verdict;
  FamilySet candidates;
  bool eoh_done = false;
  bool wanted = false;
  bool finished = false;

  void decide();
  Report finish();
};

void BounceParser::Impl::decide() {
  eoh_done = true;
  verdict = evaluate_headers(builder.headers(), envelope);
  wanted = verdict.wanted() && !verdict.auto_reply_only();
  if (wanted) candidates = claimed_families(builder.headers());
}

Report BounceParser::Impl::finish() {
  Report report;
  if (!eoh_done) decide();
  if (!wanted) {
    if (verdict.auto_reply_only()) report.kind = Kind::kAutoReply;
    report.flags = builder.flags();
    return report;
  }
  Message msg = builder.finish();

  // ARF first: a feedback report also carries the original message.
  if (verdict.feedback_report || iequals(msg.report_type, "feedback-report")) {
    report.kind = Kind::kFeedbackReport;
    report.flags = msg.flags;
    return report;
  }

  const std::size_t cap = limits.max_recipients * 2;
  FoundList found(cap);
  DsnFields dsn;
  dsn.recipients = FoundList(cap);
  Kind kind = Kind::kNotBounce;
  for (std::string_view part : msg.delivery_status) {
    if (dsn.recipients.size() >= cap) break;
    read_delivery_status(part, &dsn);
  }
  if (dsn.recipients.empty() && msg.delivery_status.empty() && has_dsn_fields(msg.text)) {
    read_delivery_status(msg.error_text, &dsn);  // DSN fields written as text
  }
  if (dsn.malformed && !msg.delivery_status.empty()) msg.flags |= kFlagMalformedDsn;
  if (!dsn.recipients.empty()) {
    kind = Kind::kDsn;
    found = std::move(dsn.recipients);
    report.reporting_mta = one_line(dsn.reporting_mta, 255);
    enrich_from_text(msg, candidates, &found);
    run_refiners(msg, candidates, &found);  // family knowledge (family.h)
  } else if (verdict.auto_reply) {
    report.kind = Kind::kAutoReply;
    report.flags = msg.flags;
    return report;
  } else if (!run_scanners(msg, candidates, &found).empty()) {
    kind = Kind::kText;
  }

  finalize_recipients(found, limits, &report);
  report.flags |= msg.flags;
  if (!report.recipients.empty()) {
    report.kind = kind;
    report.bounce = true;
  } else if (verdict.auto_reply) {
    report.kind = Kind::kAutoReply;
  }
  return report;
}

BounceParser::BounceParser(const Limits& limits) : impl_(std::make_unique<Impl>(limits)) {}
BounceParser::~BounceParser() = default;
BounceParser::BounceParser(BounceParser&&) noexcept = default;
BounceParser& BounceParser::operator=(BounceParser&&) noexcept = default;

void BounceParser::envelope_sender(std::string_view sender) {
  impl_->envelope = std::string(trim(sender).substr(0, 512));
}

void BounceParser::header(std::string_view name, std::string_view value) {
  if (impl_->eoh_done) return;
  impl_->builder.header(name, value);
}

bool BounceParser::end_of_headers() {
  if (!impl_->eoh_done) impl_->decide();
  return impl_->wanted;
}

void BounceParser::body(std::string_view chunk) {
  Impl& p = *impl_;
  if (!p.eoh_done || !p.wanted || p.finished) return;
  p.builder.body(chunk);
}

Report BounceParser::finish() {
  Impl& p = *impl_;
  if (p.finished) return Report{};
  p.finished = true;
  return p.finish();
}

Report parse_message(std::string_view message, const Limits& limits) {
  BounceParser parser(limits);
  const auto field = [&](std::string_view name, std::string_view value) {
    parser.header(name, value);
  };
  const auto body = [&](std::string_view piece) {
    if (parser.end_of_headers()) parser.body(piece);
  };
  split_message(message, limits, field, body);
  parser.end_of_headers();
  return parser.finish();
}

}  // namespace smtp_explain
