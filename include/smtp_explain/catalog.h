// The catalog: plain-language explanations of SMTP reply codes, enhanced status
// codes and bounce reasons, in several languages.
//
// Data lives in TOML files, one per language (conf/catalog/<lang>.toml), embedded
// into the binary at build time; a file given at run time overlays them. A
// Catalog is immutable once built: share it as std::shared_ptr<const Catalog>
// and swap the pointer on reload. Thread safety: const methods are safe to call
// from any number of threads.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "smtp_explain/report.h"

namespace smtp_explain {

struct Explanation {
  std::string code;        // normalised: "552", "5.2.2"; or a reason name
  std::string title;
  DeliveryClass cls = DeliveryClass::kNone;
  std::string class_label;  // e.g. "transient negative completion" in the language used
  std::string meaning;
  std::string when;         // when you will see it
  std::string fix;          // what the sender should do
  std::string fix_admin;    // what the administrator should do (may be empty)
  std::string lang;         // language of the text (after fallback)
  bool generic = false;     // unknown code: explained from class digit and subject only
};

class Catalog {
 public:
  // The catalog built into the binary (all shipped languages). Never null.
  static std::shared_ptr<const Catalog> builtin();

  // The built-in catalog overlaid with one TOML file (its [meta] lang names the
  // language it adds or replaces). Returns null and sets *error, naming the file
  // and line, on a parse or schema error.
  static std::shared_ptr<const Catalog> load_file(const std::string& path, std::string* error);
  static std::shared_ptr<const Catalog> load_string(std::string_view toml, std::string_view origin,
                                                    std::string* error);

  // Explains "552", "5.2.2", "550 5.1.1" (status preferred when both are given and
  // the status is not X.0.0). A well-formed code that is not in the catalog is
  // explained from its class digit and subject (generic = true). Returns nullopt
  // only for text that is not a code. Falls back to English for missing text.
  std::optional<Explanation> explain(std::string_view code, std::string_view lang) const;
  std::optional<Explanation> explain_reply(std::string_view reply, std::string_view lang) const;
  std::optional<Explanation> explain_status(std::string_view status, std::string_view lang) const;

  // A bounce reason ("mailboxfull"): title, meaning, fix. nullopt if unknown.
  std::optional<Explanation> explain_reason(std::string_view reason, std::string_view lang) const;

  // A user-interface string (e.g. "more_recipients"), English if missing.
  std::string text(std::string_view key, std::string_view lang) const;

  // Languages available, e.g. {"en", "es", "hi"}.
  std::vector<std::string> languages() const;
  bool has_language(std::string_view lang) const;

  // Called (at most once per language and key kind) when text was missing in a
  // language and English was used instead; the daemon logs it. May be empty.
  void set_fallback_observer(std::function<void(std::string_view lang, std::string_view what)> f) const;

  struct Data;  // implementation detail
  explicit Catalog(std::shared_ptr<Data> data);
  ~Catalog();

 private:
  std::shared_ptr<Data> data_;
};

}  // namespace smtp_explain
