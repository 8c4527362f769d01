// Annotator: the one pipeline from a message to the X-SMTP-Explain* header
// fields, shared by the milter, the smtp-explain command, the corpus test and
// the benchmarks, so that what is tested and measured is what the milter
// writes.
//
//   Annotator annotator(catalog, rules, options);   // or Annotator(options): built-ins
//   Annotator::Feed feed = annotator.start();
//   feed.envelope_sender("");                        // optional; "" is the null sender <>
//   feed.header("From", "MAILER-DAEMON@example.org"); // once per top-level field
//   if (feed.end_of_headers()) {                     // false: cannot be a bounce
//     feed.body(chunk); ...                          // any chunking, any line ending
//   }
//   Annotation a = feed.finish();                    // a.headers: the fields to add
//
// Stages: the parser (parser.h) reads the message into a Report; the provider
// rules (providers.h) refine each recipient's reason and pick its text; the
// catalog (catalog.h) explains the codes in the chosen language; render_headers
// (headers.h) writes the fields. end_of_headers() is the header stage's
// decision: when it returns false the message cannot be a bounce, its body
// need not be read, and finish() will return no fields (a milter may then end
// its part of the message at end of headers).
//
// For a whole message in memory, annotate() splits it with the one header
// splitter and feeds the stages in order.
// Thread safety: an Annotator is immutable and may be shared; each Feed is one
// message, used by one thread at a time.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "smtp_explain/catalog.h"
#include "smtp_explain/headers.h"
#include "smtp_explain/limits.h"
#include "smtp_explain/parser.h"
#include "smtp_explain/providers.h"
#include "smtp_explain/report.h"

namespace smtp_explain {

struct AnnotatorOptions {
  Limits limits;                           // parser bounds (limits.h)
  std::string language = "en";             // catalog language of the explanations
  std::size_t max_header_recipients = 20;  // per-recipient header lines before "N more"
};

struct Annotation {
  Report report;                     // provider rules applied
  std::vector<RecipientText> texts;  // one per report.recipients entry
  std::vector<HeaderField> headers;  // the fields to add; empty unless a bounce
};

class Annotator {
 public:
  // REQUIRES: catalog and rules are not null.
  Annotator(std::shared_ptr<const Catalog> catalog, std::shared_ptr<const ProviderRules> rules,
            AnnotatorOptions options = AnnotatorOptions{});
  // The built-in catalog and provider rules.
  explicit Annotator(AnnotatorOptions options = AnnotatorOptions{});

  // One message, fed stage by stage.
  class Feed {
   public:
    // REQUIRES: `annotator` outlives the Feed.
    explicit Feed(const Annotator& annotator);
    void envelope_sender(std::string_view sender);
    void header(std::string_view name, std::string_view value);
    // Returns true if the message may be a bounce and its body is wanted.
    bool end_of_headers();
    void body(std::string_view chunk);
    // REQUIRES: called once, last.
    Annotation finish();

   private:
    const Annotator* annotator_;
    BounceParser parser_;
  };

  // REQUIRES: the Annotator outlives the Feed.
  Feed start() const { return Feed(*this); }

  // A whole message in memory (LF, CRLF or CR line endings, an mbox "From "
  // line tolerated).
  Annotation annotate(std::string_view message) const;

  // Explanations and header fields for a Report: provider rules applied to
  // it, then explained and rendered (what finish() does after parsing).
  Annotation annotate(Report report) const;

  // The Report alone (provider rules applied: refined reasons, rule ids),
  // without explanations or header fields.
  Report parse(std::string_view message) const;

  const AnnotatorOptions& options() const { return options_; }
  const Catalog& catalog() const { return *catalog_; }
  const ProviderRules& rules() const { return *rules_; }

 private:
  std::shared_ptr<const Catalog> catalog_;
  std::shared_ptr<const ProviderRules> rules_;
  AnnotatorOptions options_;
};

}  // namespace smtp_explain
