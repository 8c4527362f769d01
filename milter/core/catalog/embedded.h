// Data files embedded into the binary at build time (cmake/Embed.cmake):
// the catalog languages and the provider rules, addressed by their path below
// conf/, e.g. "catalog/en.toml" or "providers.toml".
#pragma once

#include <string_view>
#include <vector>

namespace smtp_explain::embedded {

struct File {
  std::string_view name;  // path relative to conf/
  std::string_view data;  // the file's bytes
};

// All embedded files, in no particular order.
const std::vector<File>& files();

// The bytes of one file, or an empty view if it was not embedded.
std::string_view find(std::string_view name);

}  // namespace smtp_explain::embedded
