// PhraseSet: a fixed list of phrases looked for all at once, ASCII case
// ignored, in one pass over a text: at each position only the phrases that
// start with that byte are compared. For the many-phrases-in-a-short-text
// questions (is this Subject a bounce's? is this sender a delivery agent?),
// where a search per phrase would cost a pass per phrase.
// Thread safety: immutable after construction; build once (a function-local
// static) and share.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>
#include <vector>

namespace smtp_explain {

class PhraseSet {
 public:
  // The phrases must outlive the set (string literals).
  explicit PhraseSet(std::span<const std::string_view> phrases);
  PhraseSet(std::initializer_list<std::string_view> phrases)
      : PhraseSet(std::span<const std::string_view>(phrases.begin(), phrases.size())) {}

  // True if one of the phrases occurs in `text`.
  bool any_in(std::string_view text) const;
  // True if `text` starts with one of the phrases.
  bool any_prefix_of(std::string_view text) const;
  // The index (in list order) of the first listed phrase that occurs in
  // `text`, or npos: a table's "first entry whose phrase occurs" in one pass.
  std::size_t first_listed_in(std::string_view text) const;

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

 private:
  bool matches_at(std::string_view text, std::size_t pos, std::uint32_t id) const;

  std::vector<std::string_view> phrases_;
  // Phrase ids by their lower-cased first byte: begin offsets into ids_.
  std::array<std::uint32_t, 257> start_{};
  std::vector<std::uint32_t> ids_;
  bool empty_phrase_ = false;
};

}  // namespace smtp_explain
