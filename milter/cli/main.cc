// smtp-explain: entry point; all logic is in run_cli (cli.cc) so tests can drive it.
#include <iostream>
#include <new>

#include "commands.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  try {
    return run_cli(std::vector<std::string>(argv + 1, argv + argc), std::cin, std::cout, std::cerr);
  } catch (const std::bad_alloc&) {
    std::cerr << "smtp-explain: out of memory\n";
    return 3;
  }
}
