// The cluster index's count for the matching points, and what it answers; the build is in
// clusters_build.cpp.
#include "clusters.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <utility>

#include "clusters_tree.h"

namespace core {
namespace detail {

// The index of the nearest of `count` screen positions within `radius` of `cursor`; `<=`
// lets a later one, drawn on top, win a tie.
template <class PositionAt>
std::optional<std::size_t> nearestWithin(std::size_t count, Point cursor, double radius,
                                         PositionAt&& position_at) {
  std::optional<std::size_t> best;
  if (!(radius >= 0)) return best;
  double best_d2 = radius * radius;
  for (std::size_t i = 0; i < count; ++i) {
    const Point p = position_at(i);
    const double dx = p.x - cursor.x;
    const double dy = p.y - cursor.y;
    const double d2 = dx * dx + dy * dy;
    if (d2 <= best_d2) {
      best_d2 = d2;
      best = i;
    }
  }
  return best;
}

}  // namespace detail

using detail::ClusterLevel;
using detail::ClusterNode;
using detail::ClusterTally;
using detail::kNone;

namespace {

// Adds to boxes of `level` what `part(0 .. count - 1)` puts in them, as (box, bounds)
// pairs, and lists those it fills. Parts come in the order of their boxes, so that each
// box is written once.
template <class Part>
void fillBoxes(ClusterLevel& level, std::size_t count, Part&& part) {
  std::size_t box = 0;
  Bounds bounds;
  auto flush = [&] {
    if (bounds.empty()) return;
    if (level.boxes[box].empty()) level.filled_boxes.push_back(static_cast<std::uint32_t>(box));
    level.boxes[box].expand(bounds);
    bounds = {};
  };
  for (std::size_t k = 0; k < count; ++k) {
    const auto [in, b] = part(k);
    if (in != box) flush();
    box = in;
    bounds.expand(b);
  }
  flush();
}

}  // namespace

std::pair<std::size_t, std::size_t> ClusterIndex::childRange(std::uint32_t cluster_id) const {
  const std::size_t end = cluster_id + 1 < clusters_.size() ? clusters_[cluster_id + 1].child_begin
                                                            : children_.size();
  return {clusters_[cluster_id].child_begin, end};
}

void ClusterIndex::setMatching(std::span<const std::uint32_t> ids) {
  // The last count goes first: it marked the points, clusters and boxes holding a match.
  for (std::uint32_t c : counted_) tallies_[c].count = 0;
  counted_.clear();
  for (std::uint32_t leaf : matched_) leaf_matches_[leaf] = 0;
  for (ClusterLevel& level : levels_) {
    for (std::uint32_t box : level.filled_boxes) level.boxes[box] = Bounds{};
    level.filled_boxes.clear();
  }
  std::vector<std::uint32_t> leaves;
  leaves.reserve(std::min(ids.size(), size()));
  for (std::uint32_t id : ids) {
    const std::uint32_t leaf = id < leaf_of_id_.size() ? leaf_of_id_[id] : kNone;
    if (leaf == kNone || leaf_matches_[leaf]) continue;
    leaf_matches_[leaf] = 1;
    leaves.push_back(leaf);
  }
  detail::radixSort(leaves, 0, static_cast<int>(std::bit_width(size())));
  recount(std::move(leaves));
}

// Level by level from the leaves, only through the nodes holding a match: each goes on to
// its parent, which is the same item (a point, or a cluster formed at a finer level) or a
// cluster formed there, whose tally it adds to. A level's boxes are filled from its nodes,
// then each depth of its tree from the one below. Nodes come in the leaf order, and so do
// their parents and their boxes: each level is walked front to back, and each box is
// reached by one run of nodes or boxes, and written once.
void ClusterIndex::recount(std::vector<std::uint32_t> leaves) {
  matched_ = std::move(leaves);
  std::vector<std::uint32_t> holding = matched_;  // nodes of the level at hand; leaves first
  std::vector<std::uint32_t> coarser;
  for (std::size_t k = 0; k < levels_.size(); ++k) {
    ClusterLevel& level = levels_[k];
    fillBoxes(level, holding.size(), [&](std::size_t h) {
      const ClusterNode& n = level.nodes[holding[h]];
      const Point at = n.count == 1 ? Point{n.x, n.y} : tallies_[n.ref].position;
      return std::pair{holding[h] / detail::kLeafSize, Bounds::of(at.x, at.y, at.x, at.y)};
    });
    for (std::size_t depth = 0, from = 0; depth + 2 < level.tree_start.size(); ++depth) {
      const std::size_t to = level.filled_boxes.size();
      fillBoxes(level, to - from, [&, from, depth](std::size_t f) {
        const std::uint32_t box = level.filled_boxes[from + f];
        const std::size_t up = level.tree_start[depth + 1] + (box - level.tree_start[depth]) / detail::kFanOut;
        return std::pair{up, level.boxes[box]};
      });
      from = to;
    }
    if (k + 1 == levels_.size()) break;
    const ClusterLevel& up = levels_[k + 1];
    coarser.clear();
    for (std::uint32_t i : holding) {
      const std::uint32_t p = level.parent[i];
      const ClusterNode& to = up.nodes[p];
      const ClusterNode& n = level.nodes[i];
      if (to.ref == n.ref && to.count == n.count) {  // the same point, or the same cluster
        coarser.push_back(p);
        continue;
      }
      ClusterTally part;
      if (n.count == 1) {
        part = {{n.x, n.y}, Bounds::of(n.x, n.y, n.x, n.y), 1, n.ref, kNone};
      } else {
        part = tallies_[n.ref];
      }
      ClusterTally& t = tallies_[to.ref];
      if (t.count == 0) {
        // A part that is a cluster of several matches stands for this one until another
        // part joins it.
        t = part;
        if (part.count < 2) t.shown = to.ref;
        coarser.push_back(p);
        counted_.push_back(to.ref);
        continue;
      }
      // A running mean: exact where all share one spot, and no sum of large coordinates.
      t.count += part.count;
      const double w = static_cast<double>(part.count) / t.count;
      t.position = {t.position.x + (part.position.x - t.position.x) * w,
                    t.position.y + (part.position.y - t.position.y) * w};
      t.bounds.expand(part.bounds);
      t.first = std::min(t.first, part.first);
      t.shown = to.ref;
    }
    holding.swap(coarser);
  }
}

double ClusterIndex::levelScale(int level) const { return std::ldexp(base_scale_, level); }

int ClusterIndex::levelForScale(double scale) const {
  if (!(scale > 0)) return 0;
  if (std::isinf(scale)) return leafLevel();
  // A hair of slack so that a scale computed as base * 2^z, give or take rounding, lands
  // on level z rather than the one below.
  const double level = std::floor(std::log2(scale / base_scale_) + 1e-9);
  return static_cast<int>(std::clamp(level, 0.0, static_cast<double>(leafLevel())));
}

std::optional<ClusterItem> ClusterIndex::drawn(const ClusterLevel& level, std::size_t i) const {
  const ClusterNode& n = level.nodes[i];
  std::uint32_t leaf = n.ref;
  Territory territory;
  if (n.count == 1) {
    if (!leaf_matches_[leaf]) return std::nullopt;
    territory = static_cast<Territory>(detail::territoryOf(level, i));
  } else {
    const ClusterTally& t = tallies_[n.ref];
    territory = clusters_[n.ref].territory;
    if (t.count == 0) return std::nullopt;
    if (t.count > 1) return ClusterItem{t.shown, t.count, t.position, t.bounds, territory};
    leaf = t.first;  // a single match: drawn as that point
  }
  const ClusterNode& p = levels_[0].nodes[leaf];
  return ClusterItem{leaf_ids_[leaf], 1, {p.x, p.y}, Bounds::of(p.x, p.y, p.x, p.y), territory};
}

std::vector<ClusterItem> ClusterIndex::query(const Bounds& plane_view, int level) const {
  std::vector<ClusterItem> items;
  if (level_slot_.empty() || plane_view.empty()) return items;
  level = std::clamp(level, 0, leafLevel());
  const ClusterLevel& l = levels_[level_slot_[static_cast<std::size_t>(level)]];
  auto enter = [&](const Bounds& b) { return b.intersects(plane_view); };
  detail::searchTree(l, enter, [&](std::size_t i) {
    const std::optional<ClusterItem> item = drawn(l, i);
    if (item && plane_view.contains(item->position)) items.push_back(*item);
  });
  return items;
}

std::vector<ClusterItem> ClusterIndex::children(std::uint32_t cluster_id) const {
  std::vector<ClusterItem> items;
  if (cluster_id >= tallies_.size() || tallies_[cluster_id].count < 2) return items;
  // The cluster that splits its matching points: itself, or the part holding them all.
  const std::uint32_t c = tallies_[cluster_id].shown;
  const ClusterLevel& finer = levels_[level_slot_[clusters_[c].level + 1u]];
  const auto [begin, end] = childRange(c);
  for (std::size_t i = begin; i < end; ++i) {
    if (auto item = drawn(finer, children_[i])) items.push_back(*item);
  }
  return items;
}

std::vector<std::uint32_t> ClusterIndex::leaves(std::uint32_t cluster_id, std::size_t limit,
                                                std::size_t offset) const {
  if (cluster_id >= tallies_.size()) return {};
  const ClusterTally& t = tallies_[cluster_id];
  if (offset >= t.count) return {};
  const std::size_t n = std::min<std::size_t>(limit, t.count - offset);
  // Its matching points are a run of the matching ones, as its points are of all.
  auto first = std::lower_bound(matched_.begin(), matched_.end(), t.first) +
               static_cast<std::ptrdiff_t>(offset);
  std::vector<std::uint32_t> ids;
  ids.reserve(n);
  for (std::size_t k = 0; k < n; ++k) ids.push_back(leaf_ids_[*first++]);
  return ids;
}

Bounds ClusterIndex::bounds(std::uint32_t cluster_id) const {
  return cluster_id < tallies_.size() && tallies_[cluster_id].count > 0 ? tallies_[cluster_id].bounds
                                                                         : Bounds{};
}

int ClusterIndex::expansionLevel(std::uint32_t cluster_id) const {
  // A cluster splits one level finer than where it formed; one whose matches all lie in
  // one part splits where that part does.
  if (cluster_id >= tallies_.size() || tallies_[cluster_id].count < 2) return -1;
  return clusters_[tallies_[cluster_id].shown].level + 1;
}

std::vector<Point> fanOut(std::size_t count, double radius_px, double spacing_px) {
  std::vector<Point> offsets;
  if (count == 0) return offsets;
  offsets.reserve(count);
  if (count == 1) {
    offsets.push_back({0, 0});
    return offsets;
  }
  constexpr double kPi = 3.14159265358979323846;
  // A sliver over the asked spacing, so that rounding cannot bring two markers under it.
  const double s = std::max(0.0, spacing_px) * (1 + 1e-9);
  radius_px = std::isfinite(radius_px) ? std::max(0.0, radius_px) : 0;
  if (count <= 8) {
    // Neighbours on the circle are a chord 2 R sin(pi / n) apart.
    const double n = static_cast<double>(count);
    const double r = std::max(radius_px, s / (2 * std::sin(kPi / n)));
    for (std::size_t k = 0; k < count; ++k) {
      // From the top, clockwise on screen (y grows downwards).
      const double a = -kPi / 2 + 2 * kPi * static_cast<double>(k) / n;
      offsets.push_back({r * std::cos(a), r * std::sin(a)});
    }
    return offsets;
  }
  // An Archimedean spiral r = r0 + b θ. Each step turns by the angle whose chord at the
  // current radius is s; since the radius only grows, any two markers less than half a turn
  // apart are then at least s apart. Markers between half a turn and three quarters apart
  // are at least r √2 ≥ s apart as r ≥ s; beyond three quarters of a turn, the radius alone
  // has grown by b · 3π/2 = s.
  const double b = 2 * s / (3 * kPi);
  const double r0 = std::max(radius_px, s);
  double theta = 0;
  for (std::size_t k = 0; k < count; ++k) {
    const double r = r0 + b * theta;
    const double a = -kPi / 2 + theta;
    offsets.push_back({r * std::cos(a), r * std::sin(a)});
    theta += 2 * std::asin(std::min(1.0, s / (2 * r)));
  }
  return offsets;
}

std::optional<std::size_t> hitTest(std::span<const Point> screen_positions, Point cursor,
                                   double radius_px) {
  return detail::nearestWithin(screen_positions.size(), cursor, radius_px,
                               [&](std::size_t i) { return screen_positions[i]; });
}

std::optional<std::size_t> hitTest(std::span<const ClusterItem> items, const Camera& camera,
                                   Point cursor, double radius_px) {
  return detail::nearestWithin(items.size(), cursor, radius_px, [&](std::size_t i) {
    return camera.planeToScreen(items[i].position);
  });
}

}  // namespace core
