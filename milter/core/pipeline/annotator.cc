// The pipeline from a message to its header fields (see annotator.h).
#include "smtp_explain/annotator.h"

#include <utility>

#include "header_splitter.h"

namespace smtp_explain {

Annotator::Annotator(std::shared_ptr<const Catalog> catalog,
                     std::shared_ptr<const ProviderRules> rules, AnnotatorOptions options)
    : catalog_(std::move(catalog)), rules_(std::move(rules)), options_(std::move(options)) {}

Annotator::Annotator(AnnotatorOptions options)
    : Annotator(Catalog::builtin(), ProviderRules::builtin(), std::move(options)) {}

Report Annotator::parse(std::string_view message) const {
  Report report = parse_message(message, options_.limits);
  if (report.bounce && !report.recipients.empty()) rules_->apply(&report);
  return report;
}

Annotation Annotator::annotate(Report report) const {
  Annotation a;
  a.report = std::move(report);
  if (!a.report.bounce || a.report.recipients.empty()) return a;
  rules_->apply(&a.report);
  a.texts.reserve(a.report.recipients.size());
  for (const Recipient& r : a.report.recipients) {
    a.texts.push_back(rules_->explain(r, *catalog_, options_.language));
  }
  RenderOptions render;
  render.max_recipients = options_.max_header_recipients;
  std::string more = catalog_->text("more_recipients", options_.language);
  if (!more.empty() && more != "more_recipients") render.more_text = std::move(more);
  a.headers = render_headers(a.report, a.texts, render);
  return a;
}

Annotation Annotator::annotate(std::string_view message) const {
  Feed feed(*this);
  const auto field = [&](std::string_view name, std::string_view value) {
    feed.header(name, value);
  };
  const auto body = [&](std::string_view piece) {
    if (feed.end_of_headers()) feed.body(piece);
  };
  split_message(message, options_.limits, field, body);
  feed.end_of_headers();
  return feed.finish();
}

Annotator::Feed::Feed(const Annotator& annotator)
    : annotator_(&annotator), parser_(annotator.options_.limits) {}

void Annotator::Feed::envelope_sender(std::string_view sender) {
  parser_.envelope_sender(sender);
}

void Annotator::Feed::header(std::string_view name, std::string_view value) {
  parser_.header(name, value);
}

bool Annotator::Feed::end_of_headers() {
  return parser_.end_of_headers();
}

void Annotator::Feed::body(std::string_view chunk) {
  parser_.body(chunk);
}

Annotation Annotator::Feed::finish() {
  return annotator_->annotate(parser_.finish());
}

}  // namespace smtp_explain
