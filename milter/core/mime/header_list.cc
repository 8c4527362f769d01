// HeaderList lookups (see header_list.h).
#include "header_list.h"

#include <cstring>

#include "text_search.h"

namespace smtp_explain {
namespace {

inline char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

}  // namespace

bool HeaderList::same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i] && lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

namespace {

// Names of equal hash (header_name_hash is over the lower-cased bytes), compared
// eight bytes at a time with the ASCII case bit ignored: bytes that differ only
// in that bit and are not letters would have hashed differently.
inline bool same_hashed_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  std::size_t i = 0;
  for (; i + 8 <= a.size(); i += 8) {
    std::uint64_t x;
    std::uint64_t y;
    std::memcpy(&x, a.data() + i, 8);
    std::memcpy(&y, b.data() + i, 8);
    if (((x ^ y) & ~0x2020202020202020ull) != 0) return false;
  }
  for (; i < a.size(); ++i) {
    if (((a[i] ^ b[i]) & ~0x20) != 0) return false;
  }
  return true;
}

}  // namespace

void HeaderList::add(std::string_view name, std::string_view value, std::size_t offset) {
  const std::uint32_t hash = header_name_hash(name);
  fields_.push_back(MimeField{name, value, offset, hash});
  const auto index = static_cast<std::uint32_t>(fields_.size());
  for (std::size_t slot = hash % kSlots;; slot = (slot + 1) % kSlots) {
    const std::uint32_t s = slots_[slot];
    if (s == 0) {
      if (names_ >= kMaxNames) {
        overflow_ = true;  // found by the linear scan in first()
        return;
      }
      slots_[slot] = index;
      ++names_;
      return;
    }
    const MimeField& f = fields_[s - 1];
    if (f.hash == hash && same_hashed_name(f.name, name)) return;  // not the first of its name
  }
}

const MimeField* HeaderList::first(const HeaderKey& key) const {
  for (std::size_t slot = key.hash % kSlots;; slot = (slot + 1) % kSlots) {
    const std::uint32_t s = slots_[slot];
    if (s == 0) break;
    const MimeField& f = fields_[s - 1];
    if (f.hash == key.hash && same_hashed_name(f.name, key.name)) return &f;
  }
  if (overflow_) {
    for (const MimeField& f : fields_) {
      if (f.hash == key.hash && same_name(f.name, key.name)) return &f;
    }
  }
  return nullptr;
}

std::vector<std::string_view> HeaderList::all(const HeaderKey& key) const {
  std::vector<std::string_view> out;
  any_of(key, [&](std::string_view v) {
    out.push_back(v);
    return false;
  });
  return out;
}

std::string_view HeaderList::received_lower() const {
  if (!received_lower_) {
    std::string text;
    any_of("Received", [&](std::string_view v) {
      if (!text.empty()) text.push_back('\n');
      text.append(v);
      return false;
    });
    ascii_lower_in_place(text.data(), text.size());
    received_lower_ = std::move(text);
  }
  return *received_lower_;
}

}  // namespace smtp_explain
