// HeaderList: the header fields of a message (or of the returned original),
// in order, with case-insensitive lookup by name.
//
// Lookups are by HeaderKey: the name and a hash of its lower-case form. A key
// written as a string literal ("Subject") is hashed at compile time, so the
// dozens of header questions the families ask at end of headers cost one
// probe of a small hash table each, with no string hashing at run time.
// Names not known at compile time use HeaderKey::of(name).
//
// The list holds views: the names and values must outlive it (the message's
// TextArena or body owns them). Thread safety: immutable once built.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smtp_explain {

// ASCII case-insensitive FNV-1a.
constexpr std::uint32_t header_name_hash(std::string_view name) {
  std::uint32_t h = 2166136261u;
  for (char c : name) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    h = (h ^ static_cast<unsigned char>(lower)) * 16777619u;
  }
  return h;
}

struct HeaderKey {
  std::string_view name;
  std::uint32_t hash = 0;

  // A literal name, hashed at compile time: headers.get("Subject").
  template <std::size_t N>
  consteval HeaderKey(const char (&literal)[N])  // NOLINT: implicit on purpose
      : name(literal, N - 1), hash(header_name_hash(std::string_view(literal, N - 1))) {}

  // A name known only at run time.
  static HeaderKey of(std::string_view name) { return HeaderKey(name, header_name_hash(name)); }

 private:
  constexpr HeaderKey(std::string_view n, std::uint32_t h) : name(n), hash(h) {}
};

// One header field. `name` as written; `value` unfolded, RFC 2047-decoded,
// trimmed. `offset` is where the field starts in the text it came from.
struct MimeField {
  std::string_view name;
  std::string_view value;
  std::size_t offset = 0;
  std::uint32_t hash = 0;  // header_name_hash(name)
};

class HeaderList {
 public:
  // Appends a field; `name` and `value` must outlive the list.
  void add(std::string_view name, std::string_view value, std::size_t offset = 0);

  // The value of the first field called key.name (any case), or empty.
  std::string_view get(const HeaderKey& key) const {
    const MimeField* f = first(key);
    return f == nullptr ? std::string_view{} : f->value;
  }
  // True if a field called key.name (any case) is present, even if empty.
  bool has(const HeaderKey& key) const { return first(key) != nullptr; }

  // Calls fn(value) for every field called key.name, in order, until fn
  // returns true; returns whether it did.
  template <typename Fn>
  bool any_of(const HeaderKey& key, Fn&& fn) const {
    for (const MimeField& f : fields_) {
      if (f.hash == key.hash && same_name(f.name, key.name) && fn(f.value)) return true;
    }
    return false;
  }

  // All values of fields called key.name, in order (e.g. "Received").
  std::vector<std::string_view> all(const HeaderKey& key) const;

  // Every Received field's value, ASCII lower-cased, joined by LF: made on
  // first use and kept, so the families' Received tests are one search each.
  std::string_view received_lower() const;

  const std::vector<MimeField>& fields() const { return fields_; }
  bool empty() const { return fields_.empty(); }

  static bool same_name(std::string_view a, std::string_view b);

 private:
  const MimeField* first(const HeaderKey& key) const;

  // Open addressing, linear probing: index + 1 of the first field of each
  // name (0 = empty slot). Names past the table's capacity are found by a
  // scan of the fields (`overflow_`).
  static constexpr std::size_t kSlots = 128;
  static constexpr std::size_t kMaxNames = 96;
  static constexpr std::size_t kInitialFields = 32;
  std::vector<MimeField> fields_;
  std::array<std::uint32_t, kSlots> slots_{};
  std::size_t names_ = 0;
  bool overflow_ = false;
  mutable std::optional<std::string> received_lower_;
};

}  // namespace smtp_explain
