// Building and swapping configuration snapshots (see snapshot.h).
#include "snapshot.h"

#include <utility>

namespace smtp_explain::daemon {

std::shared_ptr<const Snapshot> build_snapshot(const DaemonConfig& config, unsigned generation,
                                               std::string* error) {
  auto snap = std::make_shared<Snapshot>();
  snap->config = config;
  snap->generation = generation;
  std::string why;
  if (config.catalog_file.empty()) {
    snap->catalog = Catalog::builtin();
  } else {
    snap->catalog = Catalog::load_file(config.catalog_file, &why);
    if (!snap->catalog) {
      *error = "catalog_file: " + (why.empty() ? config.catalog_file + ": cannot load" : why);
      return nullptr;
    }
  }
  if (config.providers_file.empty()) {
    snap->providers = ProviderRules::builtin();
  } else {
    snap->providers = ProviderRules::load_file(config.providers_file, &why);
    if (!snap->providers) {
      *error = "providers_file: " + (why.empty() ? config.providers_file + ": cannot load" : why);
      return nullptr;
    }
  }
  if (!snap->catalog->has_language(config.language)) {
    std::string known;
    for (const std::string& l : snap->catalog->languages()) {
      known += known.empty() ? l : ", " + l;
    }
    *error =
        "language \"" + config.language + "\" is not in the catalog (available: " + known + ")";
    return nullptr;
  }
  return snap;
}

std::shared_ptr<const Snapshot> load_snapshot(const std::string& config_path, unsigned generation,
                                              std::string* error) {
  DaemonConfig config;
  if (!config_path.empty() && !load_config_file(config_path, &config, error)) return nullptr;
  return build_snapshot(config, generation, error);
}

SnapshotStore::SnapshotStore(std::shared_ptr<const Snapshot> initial)
    : current_(std::move(initial)) {}

std::shared_ptr<const Snapshot> SnapshotStore::current() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return current_;
}

void SnapshotStore::replace(std::shared_ptr<const Snapshot> next) {
  std::shared_ptr<const Snapshot> old;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    old = std::exchange(current_, std::move(next));
  }
  // `old` is released here, outside the lock; connections still holding it keep it alive.
}

}  // namespace smtp_explain::daemon
