// The CLI's subcommands; each takes the arguments after its name and returns
// the process exit status (0 ok, 2 usage or input error).
#pragma once

#include <string>
#include <vector>

// smtp-explain compare CODE CODE [--lang L] [--json]
int run_compare(const std::vector<std::string>& args);
