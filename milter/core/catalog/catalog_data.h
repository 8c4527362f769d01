// Catalog::Data: the in-memory form of the catalog, built once by the loader
// (catalog_load.cc) and read by the lookups (catalog.cc). Every table is a
// pre-built hash map, so a lookup never parses anything.
// Thread safety: immutable after construction, except the fallback observer
// and its "already reported" set, which are guarded by a mutex.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "smtp_explain/catalog.h"

namespace smtp_explain {

// One [reply."NNN"], [status."X.s.d"] or [reason.NAME] entry. Reasons leave
// `when` and `fix_admin` empty.
struct CatalogEntry {
  std::string title;
  std::string meaning;
  std::string when;
  std::string fix;
  std::string fix_admin;
};

struct CatalogSubject {
  std::string title;
  std::string meaning;
};

// All text of one language, merged from its files.
struct CatalogLanguage {
  std::string name;                                      // [meta] name, the language's own name
  std::unordered_map<std::string, CatalogEntry> reply;   // "552"
  std::unordered_map<std::string, CatalogEntry> status;  // "X.2.2"
  std::unordered_map<std::string, CatalogEntry> reason;  // "mailboxfull"
  std::unordered_map<std::string, std::string> class_labels;  // "5"
  std::unordered_map<std::string, CatalogSubject> subjects;   // "2"
  std::unordered_map<std::string, std::string> text;          // "more_recipients", "provider.x.fix"
};

struct Catalog::Data {
  std::map<std::string, CatalogLanguage, std::less<>> languages;  // by ISO 639-1 code

  // Fallback reporting (see Catalog::set_fallback_observer).
  mutable std::mutex observer_mutex;
  mutable std::function<void(std::string_view, std::string_view)> observer;
  mutable std::set<std::pair<std::string, std::string>, std::less<>> reported;
};

// How a file's entries combine with entries already loaded.
enum class CatalogMerge {
  kRejectDuplicates,  // built-in files: a key defined twice is an error
  kOverride,          // run-time overlay: the file's entries replace built-in ones
};

// Parses one catalog TOML file (`origin` names it in errors) and merges it into
// `data`. Returns false and sets *error ("origin:line:column: message") on a
// TOML or schema error; `data` is then unchanged.
bool merge_catalog_file(std::string_view toml, std::string_view origin, CatalogMerge mode,
                        Catalog::Data* data, std::string* error);

// Checks what can only be checked after all files are merged (every language has
// a name; English exists). Returns false and sets *error otherwise.
bool check_catalog_complete(const Catalog::Data& data, std::string* error);

// Loads every embedded catalog/*.toml file. A file that fails to load is left out
// (so a broken translation cannot take English down) and its error is appended
// to *errors, one per line. Used by Catalog::builtin() and by tests.
std::shared_ptr<Catalog::Data> load_builtin_catalog_data(std::string* errors);

// The errors met while building Catalog::builtin(), empty when all files loaded.
const std::string& builtin_catalog_errors();

}  // namespace smtp_explain
