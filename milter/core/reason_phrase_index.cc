// Phrase index over all reason tables: see reason_phrase_index.h.
#include "reason_phrase_index.h"

#include <array>
#include <cstring>

#include "reason_match.h"
#include "reason_names.h"
#include "reason_phrases.h"

namespace smtp_explain::reason_detail {
namespace {

constexpr std::size_t kBuckets = 4096;

std::size_t bucket_of(unsigned char a, unsigned char b) {
  return ((static_cast<std::size_t>(a) * 67u) ^ b) % kBuckets;
}

struct IndexedPhrase {
  std::string_view head;  // literal text before the first '*' (>= 2 bytes here)
  std::string_view rest;  // after the first '*', or empty when there is none
  bool has_gap = false;
};

struct Range {
  std::uint32_t begin = 0, end = 0;  // phrase ids [begin, end)
};

struct ReasonEntry {
  std::string_view name;
  Range include, exclude;
};

struct Index {
  std::vector<std::string_view> phrases;    // by id
  std::vector<IndexedPhrase> parts;         // by id
  std::vector<std::uint32_t> slow;          // ids whose head is < 2 bytes: phrase_in()
  std::vector<std::uint32_t> bucket_start;  // kBuckets + 1 offsets into bucket_ids
  std::vector<std::uint32_t> bucket_ids;
  std::vector<ReasonEntry> reasons;

  Range add(Phrases list) {
    Range r;
    r.begin = static_cast<std::uint32_t>(phrases.size());
    for (std::string_view p : list) phrases.push_back(p);
    r.end = static_cast<std::uint32_t>(phrases.size());
    return r;
  }

  Index() {
    for (std::string_view name : kReasonNames) {
      ReasonEntry e;
      e.name = name;
      e.include = add(phrases_for(name));
      e.exclude = add(excluded_phrases(name));
      reasons.push_back(e);
    }
    std::vector<std::uint32_t> counts(kBuckets + 1, 0);
    parts.resize(phrases.size());
    for (std::uint32_t id = 0; id < phrases.size(); ++id) {
      const std::string_view p = phrases[id];
      const std::size_t star = p.find('*');
      IndexedPhrase& ip = parts[id];
      ip.head = p.substr(0, star);
      ip.has_gap = star != std::string_view::npos;
      ip.rest = ip.has_gap ? p.substr(star + 1) : std::string_view{};
      if (ip.head.size() < 2) {
        if (!p.empty()) slow.push_back(id);  // an empty phrase never matches
        continue;
      }
      ++counts[bucket_of(static_cast<unsigned char>(ip.head[0]),
                         static_cast<unsigned char>(ip.head[1]))];
    }
    bucket_start.assign(kBuckets + 1, 0);
    for (std::size_t b = 0; b < kBuckets; ++b) bucket_start[b + 1] = bucket_start[b] + counts[b];
    bucket_ids.resize(bucket_start[kBuckets]);
    std::vector<std::uint32_t> fill(bucket_start.begin(), bucket_start.end() - 1);
    for (std::uint32_t id = 0; id < phrases.size(); ++id) {
      const IndexedPhrase& ip = parts[id];
      if (ip.head.size() < 2) continue;
      bucket_ids[fill[bucket_of(static_cast<unsigned char>(ip.head[0]),
                                static_cast<unsigned char>(ip.head[1]))]++] = id;
    }
  }
};

const Index& index() {
  static const Index kIndex;
  return kIndex;
}

bool test(const std::vector<std::uint64_t>& bits, std::uint32_t id) {
  return (bits[id / 64] >> (id % 64)) & 1u;
}

bool any_in(const std::vector<std::uint64_t>& bits, Range r) {
  for (std::uint32_t id = r.begin; id < r.end; ++id) {
    if (test(bits, id)) return true;
  }
  return false;
}

}  // namespace

PhraseHits::PhraseHits(std::string_view text) {
  const Index& ix = index();
  hit_.assign((ix.phrases.size() + 63) / 64, 0);
  if (text.empty()) return;  // reason_matches() is false for an empty text
  for (std::uint32_t id : ix.slow) {
    if (phrase_in(text, ix.phrases[id])) hit_[id / 64] |= std::uint64_t{1} << (id % 64);
  }
  const char* data = text.data();
  const std::size_t n = text.size();
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const std::size_t b =
        bucket_of(static_cast<unsigned char>(data[i]), static_cast<unsigned char>(data[i + 1]));
    for (std::uint32_t k = ix.bucket_start[b]; k < ix.bucket_start[b + 1]; ++k) {
      const std::uint32_t id = ix.bucket_ids[k];
      if (test(hit_, id)) continue;
      const IndexedPhrase& ip = ix.parts[id];
      if (ip.head.size() > n - i || std::memcmp(data + i, ip.head.data(), ip.head.size()) != 0) {
        continue;
      }
      // Same rule as phrase_in(): the rest must follow within the gap bound.
      if (ip.has_gap && !gap_rest_at(text, i + ip.head.size(), ip.rest)) continue;
      hit_[id / 64] |= std::uint64_t{1} << (id % 64);
    }
  }
}

std::optional<bool> PhraseHits::matches(std::string_view reason) const {
  for (const ReasonEntry& e : index().reasons) {
    if (e.name != reason) continue;
    if (hit_.empty() || !any_in(hit_, e.include)) return false;
    return !any_in(hit_, e.exclude);
  }
  return std::nullopt;
}

}  // namespace smtp_explain::reason_detail
