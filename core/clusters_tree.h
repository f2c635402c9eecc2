// The packed R-tree under each level of the cluster index (clusters.h), and the helpers its
// build and its queries share.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "clusters.h"

namespace core::detail {

// Nodes per box at the bottom of the R-tree, and boxes per box above. Small boxes pay off:
// most searches during the build are for a tiny disk, and each box looked at costs about
// what a node does.
constexpr std::size_t kLeafSize = 16;
constexpr std::size_t kFanOut = 8;

// No such point, cluster or node.
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// Sorts values by their bits from `low` up to `high`, in passes of 11 bits of a radix
// sort: linear, where std::sort would cost more than the rest of the first level, or of a
// count.
template <class T>
void radixSort(std::vector<T>& values, int low, int high) {
  constexpr int kBits = 11;
  std::vector<T> scratch(values.size());
  std::vector<std::size_t> count(std::size_t{1} << kBits);
  for (int shift = low; shift < high; shift += kBits) {
    std::fill(count.begin(), count.end(), 0);
    for (T v : values) ++count[(v >> shift) & (count.size() - 1)];
    std::size_t sum = 0;
    for (std::size_t& c : count) sum += std::exchange(c, sum);
    for (T v : values) scratch[count[(v >> shift) & (count.size() - 1)]++] = v;
    values.swap(scratch);
  }
}

// Calls visit(k) for each bottom box k (over nodes [k kLeafSize, (k + 1) kLeafSize)) that
// `enter` accepts, along with all the boxes above it. `enter` may tighten as visit() learns
// more.
template <class Enter, class Visit>
void searchRuns(const ClusterLevel& level, Enter&& enter, Visit&& visit) {
  if (level.nodes.empty()) return;
  struct Entry {
    std::size_t depth;
    std::size_t index;
  };
  // Depth first, each box leaves at most kFanOut - 1 siblings waiting, and 2^32 nodes make
  // a tree at most 32 deep.
  Entry stack[kFanOut * 32];
  std::size_t top = 0;
  const std::size_t root_depth = level.tree_start.size() - 2;
  if (!enter(level.boxes[level.tree_start[root_depth]])) return;
  stack[top++] = {root_depth, 0};
  while (top > 0) {
    const Entry e = stack[--top];
    if (e.depth == 0) {
      visit(e.index);
      continue;
    }
    const std::size_t below = level.tree_start[e.depth - 1];
    const std::size_t count = level.tree_start[e.depth] - below;
    const std::size_t first = e.index * kFanOut;
    const std::size_t last = std::min(count, first + kFanOut);
    // Pushed last to first, so that nodes come out in array order: neighbours in the
    // array are neighbours on the map, and then in cache too.
    for (std::size_t c = last; c-- > first;) {
      if (enter(level.boxes[below + c])) stack[top++] = {e.depth - 1, c};
    }
  }
}

// Calls visit(i) for the nodes of `level` under the boxes that `enter` accepts; visit()
// makes the exact test.
template <class Enter, class Visit>
void searchTree(const ClusterLevel& level, Enter&& enter, Visit&& visit) {
  searchRuns(level, enter, [&](std::size_t k) {
    const std::size_t last = std::min(level.nodes.size(), (k + 1) * kLeafSize);
    for (std::size_t i = k * kLeafSize; i < last; ++i) visit(i);
  });
}

// Squared distance from p to the nearest point of box b.
inline double distance2(const Bounds& b, double x, double y) {
  const double dx = x < b.min_x ? b.min_x - x : x > b.max_x ? x - b.max_x : 0;
  const double dy = y < b.min_y ? b.min_y - y : y > b.max_y ? y - b.max_y : 0;
  return dx * dx + dy * dy;
}

// The territory of node i, as an index into level.territory_start.
inline std::size_t territoryOf(const ClusterLevel& level, std::size_t i) {
  const auto next = std::upper_bound(level.territory_start.begin(), level.territory_start.end(),
                                     static_cast<std::uint32_t>(i));
  return static_cast<std::size_t>(next - level.territory_start.begin() - 1);
}

}  // namespace core::detail
