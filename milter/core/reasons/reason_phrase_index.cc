// Phrase index over all reason tables: see reason_phrase_index.h.
#include "reason_phrase_index.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "reason_match.h"
#include "reason_phrases.h"

namespace smtp_explain::reason_detail {
namespace {

constexpr std::size_t kBuckets = 4096;

// The first four bytes of `p` as one number (byte order irrelevant: text and
// phrases are read alike).
std::uint32_t quad_at(const char* p) {
  std::uint32_t q;
  std::memcpy(&q, p, sizeof q);
  return q;
}

std::size_t bucket_of_quad(std::uint32_t q) {
  return (q * 2654435761u) >> 20;  // top 12 bits: kBuckets
}

std::size_t bucket_of_pair(unsigned char a, unsigned char b) {
  return ((static_cast<std::size_t>(a) * 67u) ^ b) % kBuckets;
}

struct IndexedPhrase {
  std::string_view head;  // literal text before the first '*' (>= 2 bytes here)
  std::string_view rest;  // after the first '*', or empty when there is none
  bool has_gap = false;
  std::uint32_t quad = 0;  // quad_at(head) when head has >= 4 bytes
};

struct Range {
  std::uint32_t begin = 0, end = 0;  // phrase ids [begin, end)
};

struct ReasonEntry {
  Range include, exclude;
};

// Phrase ids bucketed by a hash of their heads' first bytes.
struct Buckets {
  std::vector<std::uint32_t> start;  // kBuckets + 1 offsets into ids
  std::vector<std::uint32_t> ids;

  // `bucket` gives the bucket of an id, or kBuckets for none.
  template <typename BucketOf>
  void build(std::size_t count, BucketOf bucket) {
    std::vector<std::uint32_t> counts(kBuckets, 0);
    for (std::uint32_t id = 0; id < count; ++id) {
      if (std::size_t b = bucket(id); b < kBuckets) ++counts[b];
    }
    start.assign(kBuckets + 1, 0);
    for (std::size_t b = 0; b < kBuckets; ++b) start[b + 1] = start[b] + counts[b];
    ids.resize(start[kBuckets]);
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (std::uint32_t id = 0; id < count; ++id) {
      if (std::size_t b = bucket(id); b < kBuckets) ids[fill[b]++] = id;
    }
  }
};

struct Index {
  std::vector<std::string_view> phrases;  // by id
  std::vector<IndexedPhrase> parts;       // by id
  std::vector<std::uint32_t> slow;        // ids whose head is < 2 bytes: phrase_in()
  // Heads of 4 bytes or more, by their first four bytes: many phrases share
  // their first two ("in", "re"), few their first four.
  Buckets by_quad;
  Buckets by_pair;                                  // heads of 2 or 3 bytes, by their first two
  std::array<ReasonEntry, kReasonCount> reasons{};  // by Reason

  Range add(Phrases list) {
    Range r;
    r.begin = static_cast<std::uint32_t>(phrases.size());
    for (std::string_view p : list) phrases.push_back(p);
    r.end = static_cast<std::uint32_t>(phrases.size());
    return r;
  }

  Index() {
    for (std::size_t r = 0; r < kReasonCount; ++r) {
      reasons[r].include = add(phrases_for(static_cast<Reason>(r)));
      reasons[r].exclude = add(excluded_phrases(static_cast<Reason>(r)));
    }
    parts.resize(phrases.size());
    for (std::uint32_t id = 0; id < phrases.size(); ++id) {
      const std::string_view p = phrases[id];
      const std::size_t star = p.find('*');
      IndexedPhrase& ip = parts[id];
      ip.head = p.substr(0, star);
      ip.has_gap = star != std::string_view::npos;
      ip.rest = ip.has_gap ? p.substr(star + 1) : std::string_view{};
      if (ip.head.size() >= 4) ip.quad = quad_at(ip.head.data());
      if (ip.head.size() < 2 && !p.empty()) slow.push_back(id);  // an empty phrase never matches
    }
    by_quad.build(phrases.size(), [&](std::uint32_t id) {
      const IndexedPhrase& ip = parts[id];
      return ip.head.size() >= 4 ? bucket_of_quad(ip.quad) : kBuckets;
    });
    by_pair.build(phrases.size(), [&](std::uint32_t id) {
      const IndexedPhrase& ip = parts[id];
      if (ip.head.size() < 2 || ip.head.size() >= 4) return kBuckets;
      return bucket_of_pair(static_cast<unsigned char>(ip.head[0]),
                            static_cast<unsigned char>(ip.head[1]));
    });
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
  // A word at a time: the range's bits in each word are tested at once.
  std::uint32_t id = r.begin;
  while (id < r.end) {
    const std::uint32_t first = id % 64;
    const std::uint32_t last = std::min<std::uint32_t>(64, first + (r.end - id));  // exclusive
    std::uint64_t mask = ~std::uint64_t{0} << first;
    if (last < 64) mask &= (std::uint64_t{1} << last) - 1;
    if ((bits[id / 64] & mask) != 0) return true;
    id += last - first;
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
  // Same rule as phrase_in(): the rest must follow within the gap bound.
  auto hit_at = [&](std::size_t i, std::uint32_t id) {
    const IndexedPhrase& ip = ix.parts[id];
    if (ip.has_gap && !gap_rest_at(text, i + ip.head.size(), ip.rest)) return;
    hit_[id / 64] |= std::uint64_t{1} << (id % 64);
  };
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (i + 4 <= n) {
      const std::uint32_t q = quad_at(data + i);
      const std::size_t b = bucket_of_quad(q);
      for (std::uint32_t k = ix.by_quad.start[b]; k < ix.by_quad.start[b + 1]; ++k) {
        const std::uint32_t id = ix.by_quad.ids[k];
        const IndexedPhrase& ip = ix.parts[id];
        if (ip.quad != q || test(hit_, id) || ip.head.size() > n - i ||
            std::memcmp(data + i + 4, ip.head.data() + 4, ip.head.size() - 4) != 0) {
          continue;
        }
        hit_at(i, id);
      }
    }
    const std::size_t b = bucket_of_pair(static_cast<unsigned char>(data[i]),
                                         static_cast<unsigned char>(data[i + 1]));
    for (std::uint32_t k = ix.by_pair.start[b]; k < ix.by_pair.start[b + 1]; ++k) {
      const std::uint32_t id = ix.by_pair.ids[k];
      if (test(hit_, id)) continue;
      const IndexedPhrase& ip = ix.parts[id];
      if (ip.head.size() > n - i || std::memcmp(data + i, ip.head.data(), ip.head.size()) != 0) {
        continue;
      }
      hit_at(i, id);
    }
  }
}

bool PhraseHits::matches(Reason reason) const {
  const ReasonEntry& e = index().reasons[static_cast<std::size_t>(reason)];
  if (hit_.empty() || !any_in(hit_, e.include)) return false;
  return !any_in(hit_, e.exclude);
}

}  // namespace smtp_explain::reason_detail
