// TextArena: stable storage for the text of one message (header values,
// unfolded or decoded copies). Bytes are handed out from 4 KiB blocks that never
// move, so string_views into them stay valid for the arena's lifetime, also
// when the arena itself is moved. One or two allocations serve a typical
// message's header block instead of two strings per field.
// Thread safety: one arena per message, used by one thread at a time.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace smtp_explain {

class TextArena {
 public:
  TextArena() = default;
  TextArena(TextArena&&) noexcept = default;
  TextArena& operator=(TextArena&&) noexcept = default;
  TextArena(const TextArena&) = delete;
  TextArena& operator=(const TextArena&) = delete;

  // Room for `n` bytes that stays where it is. The caller may write fewer and
  // give the rest back with give_back() before the next allocate().
  char* allocate(std::size_t n) {
    if (n > left_) {
      const std::size_t size = std::max(n, kBlockBytes);
      // Uninitialised: every byte handed out is written by the caller first
      // (make_unique<char[]> would zero 4 KiB per block, per message).
      blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));
      next_ = blocks_.back().get();
      left_ = size;
    }
    char* p = next_;
    next_ += n;
    left_ -= n;
    return p;
  }

  // Returns the last `unused` bytes of the latest allocate().
  void give_back(std::size_t unused) {
    next_ -= unused;
    left_ += unused;
  }

  // A stable copy of `text`.
  std::string_view copy(std::string_view text) {
    if (text.empty()) return {};
    char* p = allocate(text.size());
    std::memcpy(p, text.data(), text.size());
    return {p, text.size()};
  }

 private:
  static constexpr std::size_t kBlockBytes = 4096;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;
  std::size_t left_ = 0;
};

}  // namespace smtp_explain
