// The callback fault-injection seam (see stage_hook.h).
#include "stage_hook.h"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>

namespace smtp_explain::daemon {
namespace {
std::atomic<StageHook> g_hook{nullptr};
}  // namespace

std::string_view to_string(Stage stage) {
  switch (stage) {
    case Stage::kConnectionSetup:
      return "connection-setup";
    case Stage::kNegotiate:
      return "negotiate";
    case Stage::kEnvfrom:
      return "envfrom";
    case Stage::kHeader:
      return "header";
    case Stage::kEndOfHeaders:
      return "eoh";
    case Stage::kBody:
      return "body";
    case Stage::kEndOfMessage:
      return "eom";
    case Stage::kAbort:
      return "abort";
    case Stage::kClose:
      return "close";
  }
  return "unknown";
}

void set_stage_hook(StageHook hook) {
  g_hook.store(hook);
}

namespace {
std::atomic<int> g_delay_stage{-1};
std::atomic<int> g_delay_ms{0};
void delay_hook(Stage stage) {
  if (static_cast<int>(stage) == g_delay_stage.load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(g_delay_ms.load()));
  }
}
}  // namespace

bool install_test_delay(const char* spec, std::string* error) {
  if (spec == nullptr || *spec == '\0') return true;
  std::string_view s(spec);
  const std::size_t colon = s.find(':');
  int stage = -1;
  for (int i = 0; colon != std::string_view::npos && i < kStageCount; ++i) {
    if (to_string(static_cast<Stage>(i)) == s.substr(0, colon)) stage = i;
  }
  long ms = 0;
  if (stage >= 0) {
    const std::string digits(s.substr(colon + 1));
    char* end = nullptr;
    ms = std::strtol(digits.c_str(), &end, 10);
    if (digits.empty() || *end != '\0' || ms <= 0 || ms > 3'600'000) stage = -1;
  }
  if (stage < 0) {
    *error = "must be STAGE:MILLISECONDS (1-3600000), not \"" + std::string(s) + "\"";
    return false;
  }
  g_delay_stage = stage;
  g_delay_ms = static_cast<int>(ms);
  set_stage_hook(&delay_hook);
  return true;
}

void run_stage_hook(Stage stage) {
  if (StageHook hook = g_hook.load(std::memory_order_relaxed)) hook(stage);
}

}  // namespace smtp_explain::daemon
