// Substring search (see text_search.h).
#include "text_search.h"

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#else
#include <string.h>
#endif

namespace smtp_explain {

std::size_t find_bytes(std::string_view haystack, std::string_view needle, std::size_t from) {
  if (from > haystack.size()) return std::string_view::npos;
  const std::size_t m = needle.size();
  if (m == 0) return from;
  if (m > haystack.size() - from) return std::string_view::npos;
  const char* h = haystack.data();
  const std::size_t last = haystack.size() - m;  // last start position
  if (m == 1) {
    const void* p = std::memchr(h + from, needle[0], haystack.size() - from);
    return p == nullptr ? std::string_view::npos
                        : static_cast<std::size_t>(static_cast<const char*>(p) - h);
  }
  std::size_t i = from;
#if defined(__SSE2__)
  // W. Muła, "SIMD-friendly algorithms for substring searching": blocks of 16
  // start positions whose first and last bytes both match are checked in full.
  const __m128i first = _mm_set1_epi8(needle[0]);
  const __m128i final = _mm_set1_epi8(needle[m - 1]);
  for (; i + 16 <= last + 1; i += 16) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + i));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + i + m - 1));
    unsigned mask = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, final))));
    while (mask != 0) {
      const unsigned bit = static_cast<unsigned>(__builtin_ctz(mask));
      if (std::memcmp(h + i + bit + 1, needle.data() + 1, m - 2) == 0) return i + bit;
      mask &= mask - 1;
    }
  }
  for (; i <= last; ++i) {
    if (h[i] == needle[0] && h[i + m - 1] == needle[m - 1] &&
        std::memcmp(h + i + 1, needle.data() + 1, m - 2) == 0) {
      return i;
    }
  }
  return std::string_view::npos;
#else
  const void* p = memmem(h + i, haystack.size() - i, needle.data(), m);
  return p == nullptr ? std::string_view::npos
                      : static_cast<std::size_t>(static_cast<const char*>(p) - h);
#endif
}

void ascii_lower_in_place(char* text, std::size_t size) {
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, text + i, 8);
    // For each byte: 0x80 where it is 'A'..'Z' (bytes >= 0x80 never are).
    const std::uint64_t ascii = ~w & 0x8080808080808080ull;
    const std::uint64_t ge_a = (w & 0x7f7f7f7f7f7f7f7full) + 0x3f3f3f3f3f3f3f3full;  // >= 'A'
    const std::uint64_t gt_z = (w & 0x7f7f7f7f7f7f7f7full) + 0x2525252525252525ull;  // > 'Z'
    const std::uint64_t upper = ascii & ge_a & ~gt_z & 0x8080808080808080ull;
    w |= upper >> 2;  // 0x80 >> 2 = 0x20, the case bit
    std::memcpy(text + i, &w, 8);
  }
  for (; i < size; ++i) {
    if (text[i] >= 'A' && text[i] <= 'Z') text[i] = static_cast<char>(text[i] + 32);
  }
}

}  // namespace smtp_explain
