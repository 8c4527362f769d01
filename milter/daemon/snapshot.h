// Snapshot: the configuration, catalog and provider rules the daemon uses,
// built together and never changed afterwards. SnapshotStore holds the current
// one; a connection takes a std::shared_ptr<const Snapshot> when it starts and
// keeps it to the end, so a reload (SIGHUP) never changes what a message in
// flight sees and never frees what it still uses.
// Thread safety: Snapshot is immutable; SnapshotStore's methods are thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "config.h"
#include "smtp_explain/catalog.h"
#include "smtp_explain/providers.h"

namespace smtp_explain::daemon {

struct Snapshot {
  DaemonConfig config;
  std::shared_ptr<const Catalog> catalog;          // never null
  std::shared_ptr<const ProviderRules> providers;  // never null
  unsigned generation = 0;                         // 1 for the first, +1 per reload
};

// Loads the catalog overlay and provider rules the config names (built-in ones
// when it names none) and checks that the configured language exists.
// Returns null and sets *error on failure.
std::shared_ptr<const Snapshot> build_snapshot(const DaemonConfig& config, unsigned generation,
                                               std::string* error);

// Reads the config file (none: defaults) and builds a snapshot from it.
std::shared_ptr<const Snapshot> load_snapshot(const std::string& config_path, unsigned generation,
                                              std::string* error);

class SnapshotStore {
 public:
  explicit SnapshotStore(std::shared_ptr<const Snapshot> initial);
  std::shared_ptr<const Snapshot> current() const;
  void replace(std::shared_ptr<const Snapshot> next);

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const Snapshot> current_;
};

}  // namespace smtp_explain::daemon
