// PhraseSet (see phrase_set.h).
#include "phrase_set.h"

#include "text_util.h"

namespace smtp_explain {
namespace {

inline unsigned char lower_byte(char c) {
  return static_cast<unsigned char>(ascii_lower(c));
}

}  // namespace

PhraseSet::PhraseSet(std::span<const std::string_view> phrases)
    : phrases_(phrases.begin(), phrases.end()) {
  std::array<std::uint32_t, 256> counts{};
  for (std::string_view p : phrases_) {
    if (p.empty()) {
      empty_phrase_ = true;
    } else {
      ++counts[lower_byte(p[0])];
    }
  }
  for (std::size_t b = 0; b < 256; ++b) start_[b + 1] = start_[b] + counts[b];
  ids_.resize(start_[256]);
  std::array<std::uint32_t, 256> fill{};
  for (std::size_t b = 0; b < 256; ++b) fill[b] = start_[b];
  for (std::uint32_t id = 0; id < phrases_.size(); ++id) {
    const std::string_view p = phrases_[id];
    if (!p.empty()) ids_[fill[lower_byte(p[0])]++] = id;
  }
}

bool PhraseSet::matches_at(std::string_view text, std::size_t pos, std::uint32_t id) const {
  const std::string_view p = phrases_[id];
  if (p.size() > text.size() - pos) return false;
  for (std::size_t k = 1; k < p.size(); ++k) {
    if (ascii_lower(text[pos + k]) != ascii_lower(p[k])) return false;
  }
  return true;
}

bool PhraseSet::any_in(std::string_view text) const {
  if (empty_phrase_) return true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char b = lower_byte(text[i]);
    for (std::uint32_t k = start_[b]; k < start_[b + 1]; ++k) {
      if (matches_at(text, i, ids_[k])) return true;
    }
  }
  return false;
}

bool PhraseSet::any_prefix_of(std::string_view text) const {
  if (empty_phrase_) return true;
  if (text.empty()) return false;
  const unsigned char b = lower_byte(text[0]);
  for (std::uint32_t k = start_[b]; k < start_[b + 1]; ++k) {
    if (matches_at(text, 0, ids_[k])) return true;
  }
  return false;
}

std::size_t PhraseSet::first_listed_in(std::string_view text) const {
  std::size_t best = npos;
  for (std::size_t id = 0; id < phrases_.size() && empty_phrase_; ++id) {
    if (phrases_[id].empty()) return id;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char b = lower_byte(text[i]);
    for (std::uint32_t k = start_[b]; k < start_[b + 1]; ++k) {
      const std::uint32_t id = ids_[k];
      if (id < best && matches_at(text, i, id)) best = id;
    }
  }
  return best;
}

}  // namespace smtp_explain
