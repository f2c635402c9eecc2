// The cluster index's build: the clustering of every point, level by level, then the leaf
// order every level is put in.
#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>
#include <utility>

#include "clusters.h"
#include "clusters_tree.h"

namespace core {
namespace detail {

// The deepest level anyone needs: 2^30 times the overview scale is far below a millimetre
// on screen, and the level must fit the byte it is stored in.
constexpr int kMaxMaxZoom = 30;

// Cells per side of the grid the Hilbert curve runs through: fine enough that a run of
// leaves rarely shares a cell, coarse enough that a territory and a position on the curve
// fit in 32 bits.
constexpr std::uint32_t kHilbertSide = 1u << 14;

// Position along a Hilbert curve through a kHilbertSide² grid, from 0 to kHilbertSide² - 1.
std::uint32_t hilbertIndex(std::uint32_t x, std::uint32_t y) {
  constexpr std::uint32_t n = kHilbertSide;
  std::uint32_t d = 0;
  for (std::uint32_t s = n / 2; s > 0; s /= 2) {
    const std::uint32_t rx = (x & s) ? 1 : 0;
    const std::uint32_t ry = (y & s) ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    // Turn the quadrant so that the curve inside it starts and ends where it should.
    if (ry == 0) {
      if (rx == 1) {
        x = n - 1 - x;
        y = n - 1 - y;
      }
      std::swap(x, y);
    }
  }
  return d;
}

// Builds the R-tree over level.nodes as they are ordered.
void packTree(ClusterLevel& level) {
  std::vector<Bounds>& boxes = level.boxes;
  boxes.clear();
  level.tree_start.assign(1, 0);
  const std::size_t n = level.nodes.size();
  boxes.reserve(n / kLeafSize * kFanOut / (kFanOut - 1) + 64);
  for (std::size_t i = 0; i < n; i += kLeafSize) {
    Bounds b;
    for (std::size_t j = i; j < std::min(n, i + kLeafSize); ++j) {
      b.expand(Point{level.nodes[j].x, level.nodes[j].y});
    }
    boxes.push_back(b);
  }
  level.tree_start.push_back(static_cast<std::uint32_t>(boxes.size()));
  for (;;) {
    const std::size_t begin = level.tree_start[level.tree_start.size() - 2];
    const std::size_t end = level.tree_start.back();
    if (end - begin <= 1) break;
    for (std::size_t i = begin; i < end; i += kFanOut) {
      Bounds b;
      for (std::size_t j = i; j < std::min(end, i + kFanOut); ++j) b.expand(boxes[j]);
      boxes.push_back(b);
    }
    level.tree_start.push_back(static_cast<std::uint32_t>(boxes.size()));
  }
}

// A `wake` level (see Builder) for items that must be searched around on every level.
constexpr std::int8_t kAlwaysAwake = 127;

// Everything the build needs while it runs, dropped once the index is made.
//
// Searching around every item on every level would cost a tree search per item per level, yet
// on the finer levels almost all of them find nothing. So a single point only searches from
// its wake level down: the finest level z at which some other single point lies within
// merging distance r(z), known from its nearest neighbour (see wakeLevel()), since single
// points never move. What else can be near it is a cluster, and clusters search around
// themselves on every level, telling each point they find. Clusters are few where levels
// are fine and items many, and items few where clusters are many.
struct Builder {
  Builder(const ClusterOptions& o, std::vector<ClusterRecord>& c, std::vector<std::uint32_t>& ch)
      : options(o), clusters(c), children(ch) {}

  const ClusterOptions& options;
  std::vector<ClusterRecord>& clusters;
  std::vector<std::uint32_t>& children;
  std::vector<std::int8_t> wake;  // of the nodes of the level being merged
  std::vector<std::int8_t> next_wake;
  std::vector<std::uint32_t> parent;  // of the nodes of the level being merged
  std::vector<std::uint8_t> taken;
  std::vector<std::uint32_t> near;
  // Who is within merging distance of whom, as found by the clusters' searches: the
  // neighbours of node i are links[link_start[i] .. link_start[i + 1]).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  std::vector<std::uint32_t> link_start;
  std::vector<std::uint32_t> links;

  // Merges the items of `finer` into those of `level`, each within `radius` plane metres
  // of the first unmerged item of a group. Returns false when nothing merged.
  bool cluster(const ClusterLevel& finer, int level, double radius, ClusterLevel& out) {
    const std::span<const ClusterNode> nodes = finer.nodes;
    const std::size_t clusters_before = clusters.size();
    const double r2 = radius * radius;
    linkClusters(finer, r2);
    taken.assign(nodes.size(), 0);
    parent.assign(nodes.size(), 0);
    out.nodes.clear();
    out.nodes.reserve(nodes.size());
    next_wake.clear();
    next_wake.reserve(nodes.size());
    for (std::size_t t = 0; t < kTerritoryCount; ++t) {
      out.territory_start[t] = static_cast<std::uint32_t>(out.nodes.size());
      const std::size_t begin = finer.territory_start[t];
      const std::size_t end = finer.territory_start[t + 1];
      for (std::size_t i = begin; i < end; ++i) {
        if (taken[i]) continue;
        taken[i] = 1;
        const ClusterNode& seed = nodes[i];
        near.clear();
        std::uint64_t total = seed.count;
        auto consider = [&](std::size_t j) {
          const double dx = nodes[j].x - seed.x;
          const double dy = nodes[j].y - seed.y;
          if (dx * dx + dy * dy > r2) return;
          if (j < begin || j >= end || taken[j]) return;  // other territory, or spoken for
          near.push_back(static_cast<std::uint32_t>(j));
          total += nodes[j].count;
        };
        if (seed.count == 1 && wake[i] >= level) {
          auto enter = [&](const Bounds& b) { return distance2(b, seed.x, seed.y) <= r2; };
          searchTree(finer, enter, consider);
        } else {
          for (std::size_t k = link_start[i]; k < link_start[i + 1]; ++k) consider(links[k]);
        }
        if (!near.empty() && total < options.min_points) {
          // Too few to form a cluster, unless some share the seed's very spot: those would
          // hide each other. The rest stay free to seed or join a group of their own.
          std::erase_if(
              near, [&](std::uint32_t j) { return nodes[j].x != seed.x || nodes[j].y != seed.y; });
        }
        const auto at = static_cast<std::uint32_t>(out.nodes.size());
        parent[i] = at;
        if (near.empty()) {
          out.nodes.push_back(seed);
          next_wake.push_back(wake[i]);
          continue;
        }
        for (std::uint32_t j : near) parent[j] = at;
        // Along the curve, as the seed is before them: the leaf order, depth first, then
        // follows the curve within each cluster, and a run of it stays in a small box.
        std::sort(near.begin(), near.end());
        out.nodes.push_back(merge(nodes, i, level, static_cast<Territory>(t)));
        next_wake.push_back(kAlwaysAwake);
      }
    }
    out.territory_start[kTerritoryCount] = static_cast<std::uint32_t>(out.nodes.size());
    return clusters.size() != clusters_before;
  }

  // Finds, for every cluster of `level`, the items of its territory within sqrt(r2), and
  // lists each pair under both.
  void linkClusters(const ClusterLevel& level, double r2) {
    const std::span<const ClusterNode> nodes = level.nodes;
    pairs.clear();
    for (std::size_t t = 0; t < kTerritoryCount; ++t) {
      const std::size_t begin = level.territory_start[t];
      const std::size_t end = level.territory_start[t + 1];
      for (std::size_t c = begin; c < end; ++c) {
        if (nodes[c].count == 1) continue;
        const double x = nodes[c].x;
        const double y = nodes[c].y;
        auto enter = [&](const Bounds& b) { return distance2(b, x, y) <= r2; };
        searchTree(level, enter, [&](std::size_t j) {
          const double dx = nodes[j].x - x;
          const double dy = nodes[j].y - y;
          if (dx * dx + dy * dy > r2 || j < begin || j >= end || j == c) return;
          pairs.push_back({static_cast<std::uint32_t>(c), static_cast<std::uint32_t>(j)});
          // A cluster neighbour finds this one by its own search.
          if (nodes[j].count == 1) {
            pairs.push_back({static_cast<std::uint32_t>(j), static_cast<std::uint32_t>(c)});
          }
        });
      }
    }
    // Grouped by first node, by counting.
    link_start.assign(nodes.size() + 1, 0);
    for (const auto& [from, to] : pairs) ++link_start[from + 1];
    for (std::size_t i = 0; i < nodes.size(); ++i) link_start[i + 1] += link_start[i];
    links.resize(pairs.size());
    for (const auto& [from, to] : pairs) links[link_start[from]++] = to;
    // Each start was moved to the next one's: move them back.
    for (std::size_t i = nodes.size(); i > 0; --i) link_start[i] = link_start[i - 1];
    link_start[0] = 0;
  }

  ClusterNode merge(std::span<const ClusterNode> nodes, std::size_t seed_index, int level,
                    Territory territory) {
    const ClusterNode& seed = nodes[seed_index];
    clusters.push_back({static_cast<std::uint32_t>(children.size()),
                        static_cast<std::uint8_t>(level), territory});
    // Offsets from the seed rather than absolute sums: exact when all share one spot, and
    // no precision lost to coordinates in the millions.
    double sum_dx = 0;
    double sum_dy = 0;
    std::uint32_t total = 0;
    auto add = [&](std::size_t j) {
      const ClusterNode& n = nodes[j];
      sum_dx += n.count * (n.x - seed.x);
      sum_dy += n.count * (n.y - seed.y);
      total += n.count;
      children.push_back(static_cast<std::uint32_t>(j));
    };
    add(seed_index);
    for (std::uint32_t j : near) {
      taken[j] = 1;
      add(j);
    }
    return {seed.x + sum_dx / total, seed.y + sum_dy / total,
            static_cast<std::uint32_t>(clusters.size() - 1), total};
  }
};

// For each leaf, the distance to the nearest other point of its territory, or `beyond` if
// none is closer. A run of leaves along the curve lies in a small box: the tree is searched
// once per run, for the runs near it, and each leaf then looks only at those.
std::vector<double> nearestNeighbours(const ClusterLevel& leaves, double beyond) {
  const std::span<const ClusterNode> nodes = leaves.nodes;
  std::vector<double> best(nodes.size(), beyond * beyond);  // squared until the end
  std::vector<std::uint32_t> near_runs;
  auto territoryEnd = [&](std::size_t i) {
    return leaves.territory_start[territoryOf(leaves, i) + 1];
  };
  for (std::size_t run = 0; run * kLeafSize < nodes.size(); ++run) {
    const std::size_t first = run * kLeafSize;
    const std::size_t last = std::min(nodes.size(), first + kLeafSize);
    // Pairs within the run give each leaf a first guess, which bounds the search.
    for (std::size_t i = first; i < last; ++i) {
      const std::size_t end = territoryEnd(i);
      for (std::size_t j = i + 1; j < std::min(last, end); ++j) {
        const double dx = nodes[j].x - nodes[i].x;
        const double dy = nodes[j].y - nodes[i].y;
        const double d2 = dx * dx + dy * dy;
        best[i] = std::min(best[i], d2);
        best[j] = std::min(best[j], d2);
      }
    }
    const double reach = std::sqrt(*std::max_element(best.begin() + first, best.begin() + last));
    if (reach == 0) continue;
    const Bounds window = leaves.boxes[run].inflated(reach);
    near_runs.clear();
    searchRuns(
        leaves, [&](const Bounds& b) { return b.intersects(window); },
        [&](std::size_t k) {
          if (k != run) near_runs.push_back(static_cast<std::uint32_t>(k));
        });
    for (std::size_t i = first; i < last; ++i) {
      const std::size_t t = territoryOf(leaves, i);
      const std::size_t begin = leaves.territory_start[t];
      const std::size_t end = leaves.territory_start[t + 1];
      const double x = nodes[i].x;
      const double y = nodes[i].y;
      for (std::uint32_t k : near_runs) {
        if (!(distance2(leaves.boxes[k], x, y) < best[i])) continue;
        const std::size_t kfirst = k * kLeafSize;
        const std::size_t klast = std::min(nodes.size(), kfirst + kLeafSize);
        for (std::size_t j = std::max(kfirst, begin); j < std::min(klast, end); ++j) {
          const double dx = nodes[j].x - x;
          const double dy = nodes[j].y - y;
          best[i] = std::min(best[i], dx * dx + dy * dy);
        }
      }
    }
  }
  for (double& b : best) b = std::sqrt(b);
  return best;
}

// The finest level z at which a point `nearest` metres from the nearest other point has it
// within merging distance r(z) = radius / (base_scale 2^z); -1 if none.
std::int8_t wakeLevel(double nearest, double radius, double base_scale, int max_zoom) {
  if (nearest == 0) return kAlwaysAwake;
  // The slack absorbs rounding: waking early only costs a search.
  const double ratio = radius * (1 + 1e-9) / (base_scale * nearest);
  if (!(ratio >= 1)) return -1;  // also a zero radius, or a point alone
  return static_cast<std::int8_t>(std::min(std::floor(std::log2(ratio)), double(max_zoom)));
}

}  // namespace detail

using detail::ClusterLevel;
using detail::ClusterNode;
using detail::kNone;

ClusterIndex::ClusterIndex(std::span<const ClusterPoint> points, double base_scale,
                           const ClusterOptions& options)
    : options_(options), base_scale_(base_scale) {
  options_.max_zoom = std::clamp(options_.max_zoom, 0, detail::kMaxMaxZoom);
  options_.min_points = std::max<std::uint32_t>(options_.min_points, 2);
  if (!(options_.radius >= 0) || std::isinf(options_.radius)) options_.radius = 0;
  const int leaf_level = leafLevel();
  level_slot_.assign(static_cast<std::size_t>(leaf_level) + 1, 0);
  const bool usable = base_scale > 0 && std::isfinite(base_scale);
  if (!usable) base_scale_ = 1;
  // Counts and positions in the leaf order are 32 bits wide.
  points = points.first(std::min<std::size_t>(points.size(), UINT32_MAX));
  auto accepted = [&](const ClusterPoint& p) {
    return usable && std::isfinite(p.position.x) && std::isfinite(p.position.y) &&
           static_cast<std::size_t>(p.territory) < kTerritoryCount;
  };

  // The finest level: every point on its own, by territory, then along a Hilbert curve
  // through the territory's extent. Until the leaf order is known, a point's ref is its
  // place along the curve.
  std::array<Bounds, kTerritoryCount> extent{};
  std::size_t accepted_count = 0;
  for (const ClusterPoint& p : points) {
    if (!accepted(p)) continue;
    extent[static_cast<std::size_t>(p.territory)].expand(p.position);
    ++accepted_count;
  }
  // Each entry: territory (4 bits), position on the curve (28), input index (32).
  static_assert(kTerritoryCount <= 16 && detail::kHilbertSide * detail::kHilbertSide <= 1u << 28);
  std::vector<std::uint64_t> order;
  order.reserve(accepted_count);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const ClusterPoint& p = points[i];
    if (!accepted(p)) continue;
    const auto t = static_cast<std::size_t>(p.territory);
    const Bounds& e = extent[t];
    auto cell = [](double v, double lo, double size) {
      constexpr double kLast = detail::kHilbertSide - 1;
      return size > 0 ? static_cast<std::uint32_t>(std::min(kLast, (v - lo) / size * kLast)) : 0u;
    };
    const std::uint64_t h = detail::hilbertIndex(cell(p.position.x, e.min_x, e.width()),
                                                 cell(p.position.y, e.min_y, e.height()));
    order.push_back((static_cast<std::uint64_t>(t) << 60) | (h << 32) | i);
  }
  detail::radixSort(order, 32, 64);
  ClusterLevel leaves;
  leaves.nodes.reserve(order.size());
  std::vector<std::uint32_t> ids_along_curve;
  ids_along_curve.reserve(order.size());
  for (std::uint64_t entry : order) {
    const ClusterPoint& p = points[entry & 0xffffffffu];
    const auto along = static_cast<std::uint32_t>(leaves.nodes.size());
    leaves.nodes.push_back({p.position.x, p.position.y, along, 1});
    ids_along_curve.push_back(p.id);
    ++leaves.territory_start[static_cast<std::size_t>(entry >> 60) + 1];
  }
  order = {};
  for (std::size_t t = 0; t < kTerritoryCount; ++t) {
    leaves.territory_start[t + 1] += leaves.territory_start[t];
  }
  detail::packTree(leaves);

  detail::Builder builder(options_, clusters_, children_);
  builder.wake.resize(leaves.nodes.size());
  // Farther than r(0) wakes no level, so there is no need to look farther. With no radius
  // at all, only whether a point has a twin on its very spot matters.
  const double radius0 = options_.radius / levelScale(0);
  const std::vector<double> nearest =
      detail::nearestNeighbours(leaves, radius0 > 0 ? 2 * radius0 : 1);
  for (std::size_t i = 0; i < nearest.size(); ++i) {
    builder.wake[i] =
        detail::wakeLevel(nearest[i], options_.radius, base_scale_, options_.max_zoom);
  }
  levels_.push_back(std::move(leaves));
  level_slot_[static_cast<std::size_t>(leaf_level)] = 0;
  std::vector<std::uint32_t> first_cluster = {0};  // of each level: those formed there follow

  ClusterLevel next;
  for (int z = options_.max_zoom; z >= 0; --z) {
    const std::uint32_t finer_slot = level_slot_[static_cast<std::size_t>(z) + 1];
    const double radius = options_.radius / levelScale(z);
    const auto clusters_before = static_cast<std::uint32_t>(clusters_.size());
    if (builder.cluster(levels_[finer_slot], z, radius, next)) {
      first_cluster.push_back(clusters_before);
      detail::packTree(next);
      levels_[finer_slot].parent = std::move(builder.parent);
      levels_.push_back(std::move(next));
      next = {};
      builder.wake.swap(builder.next_wake);
      level_slot_[static_cast<std::size_t>(z)] = static_cast<std::uint32_t>(levels_.size() - 1);
    } else {
      // Nothing merged: the level is the finer one, item for item.
      level_slot_[static_cast<std::size_t>(z)] = finer_slot;
    }
  }

  putInLeafOrder(ids_along_curve, first_cluster);
  const std::uint32_t largest_id =
      leaf_ids_.empty() ? 0 : *std::max_element(leaf_ids_.begin(), leaf_ids_.end());
  leaf_of_id_.assign(leaf_ids_.empty() ? 0 : std::size_t{largest_id} + 1, kNone);
  const std::size_t n = leaf_ids_.size();
  for (std::uint32_t leaf = 0; leaf < n; ++leaf) leaf_of_id_[leaf_ids_[leaf]] = leaf;

  // The boxes bounded every item for the build; from now on they bound the matching ones.
  for (ClusterLevel& level : levels_) std::fill(level.boxes.begin(), level.boxes.end(), Bounds{});
  tallies_.resize(clusters_.size());
  leaf_matches_.assign(n, 1);
  std::vector<std::uint32_t> everyone(n);
  std::iota(everyone.begin(), everyone.end(), 0u);
  recount(std::move(everyone));
}

// Depth first from the coarsest level, the points come in the leaf order, and each cluster
// starts at its first point. Every level is sorted by where its nodes start: each cluster's
// points are then a run of the leaf level, and a level's nodes come in the order of their
// parents, so that a count walks every level front to back. The coarsest is already in
// that order, and any level stays grouped by territory. Clusters are numbered in the same
// walk, so that a level's clusters come in the order of their tallies too.
void ClusterIndex::putInLeafOrder(const std::vector<std::uint32_t>& ids_along_curve,
                                  const std::vector<std::uint32_t>& first_cluster) {
  const std::size_t n = ids_along_curve.size();
  std::vector<std::uint32_t> leaf_of_along(n);
  std::vector<std::uint32_t> first_leaf(clusters_.size());
  std::vector<std::uint32_t> cluster_order;  // new number to old
  cluster_order.reserve(clusters_.size());
  leaf_ids_.clear();
  leaf_ids_.reserve(n);
  auto visit = [&](auto&& self, const ClusterNode& node) -> void {
    if (node.count == 1) {
      leaf_of_along[node.ref] = static_cast<std::uint32_t>(leaf_ids_.size());
      leaf_ids_.push_back(ids_along_curve[node.ref]);
      return;
    }
    first_leaf[node.ref] = static_cast<std::uint32_t>(leaf_ids_.size());
    cluster_order.push_back(node.ref);
    const ClusterLevel& finer = levels_[level_slot_[clusters_[node.ref].level + 1u]];
    const auto [begin, end] = childRange(node.ref);
    for (std::size_t i = begin; i < end; ++i) self(self, finer.nodes[children_[i]]);
  };
  for (const ClusterNode& node : levels_.back().nodes) visit(visit, node);

  // From the coarsest level, so that the parents of a level are renumbered before it.
  std::vector<std::uint32_t> coarser_index;  // the level above's, old to new
  std::vector<std::uint32_t> index;
  std::vector<std::uint64_t> keys;
  for (std::size_t k = levels_.size(); k-- > 0;) {
    ClusterLevel& level = levels_[k];
    const auto count = static_cast<std::uint32_t>(level.nodes.size());
    keys.clear();
    keys.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
      ClusterNode& node = level.nodes[i];
      if (node.count == 1) node.ref = leaf_of_along[node.ref];
      const std::uint64_t first = node.count == 1 ? node.ref : first_leaf[node.ref];
      keys.push_back(first << 32 | i);
    }
    detail::radixSort(keys, 32, 32 + static_cast<int>(std::bit_width(n)));
    index.resize(count);
    std::vector<ClusterNode> nodes(count);
    std::vector<std::uint32_t> parent(level.parent.size());
    for (std::uint32_t j = 0; j < count; ++j) {
      const auto i = static_cast<std::uint32_t>(keys[j]);
      index[i] = j;
      nodes[j] = level.nodes[i];
      if (!parent.empty()) parent[j] = coarser_index[level.parent[i]];
    }
    level.nodes = std::move(nodes);
    level.parent = std::move(parent);
    // The clusters formed at the level above are made of this one's nodes.
    if (k + 1 < levels_.size()) {
      const std::size_t formed_end = k + 2 < levels_.size() ? first_cluster[k + 2] : clusters_.size();
      for (std::uint32_t c = first_cluster[k + 1]; c < formed_end; ++c) {
        const auto [begin, end] = childRange(c);
        for (std::size_t i = begin; i < end; ++i) children_[i] = index[children_[i]];
      }
    }
    coarser_index.swap(index);
  }

  std::vector<std::uint32_t> number(clusters_.size());  // old to new
  std::vector<detail::ClusterRecord> records;
  std::vector<std::uint32_t> children;
  records.reserve(clusters_.size());
  children.reserve(children_.size());
  for (std::uint32_t old : cluster_order) {
    number[old] = static_cast<std::uint32_t>(records.size());
    const auto [begin, end] = childRange(old);
    records.push_back(clusters_[old]);
    records.back().child_begin = static_cast<std::uint32_t>(children.size());
    children.insert(children.end(), children_.begin() + static_cast<std::ptrdiff_t>(begin),
                    children_.begin() + static_cast<std::ptrdiff_t>(end));
  }
  clusters_ = std::move(records);
  children_ = std::move(children);
  for (ClusterLevel& level : levels_) {
    for (ClusterNode& node : level.nodes) {
      if (node.count > 1) node.ref = number[node.ref];
    }
  }
}

}  // namespace core
