// Hierarchical clustering of the map's markers, in the spirit of supercluster: at low zoom,
// markers that would overlap are drawn as one counted bubble.
//
// Everything is built once per filter change. From the finest level down to the coarsest,
// each level greedily merges the items of the level above it that lie within a fixed pixel
// radius of each other, so the clusters form a tree: a cluster at level z is made of items
// of level z + 1, and every level covers every point exactly once. Each level keeps its
// items in a flat array under a packed R-tree (as Flatbush does), so that a view query
// costs about the number of items it returns, not the number of points. Points are put in
// Hilbert-curve order once; every coarser level keeps that order, a cluster taking the place
// of the item it grew from, so no level is ever sorted again.
//
// Levels are discrete: level z is drawn at `base_scale * 2^z` pixels per plane metre, and
// level max_zoom + 1 holds every point on its own. A cluster's leaves occupy one contiguous
// run of a single array, so leaves() costs only what it returns.
//
// Points of different territories never merge: each inset is clustered on its own.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

#include "camera.h"
#include "geometry.h"
#include "territory.h"

namespace core {

struct ClusterOptions {
  // Items closer than this on screen, at the scale of their level, merge. Markers are 13 px
  // wide; 44 px keeps a cluster's bubble clear of its neighbours' without lumping together
  // markers that could be told apart.
  double radius = 44;
  // The finest clustering level, within 0..30. Zooming past it shows every point on its
  // own, so points that remain clustered at it sit on (nearly) the same spot and must be
  // fanned out.
  int max_zoom = 16;
  // The fewest points a cluster may hold. Points at exactly the same position are merged
  // whatever this says: drawn apart, they would hide each other.
  std::uint32_t min_points = 2;
};

struct ClusterPoint {
  Point position;  // plane metres
  Territory territory;
  std::uint32_t id;  // the caller's own, typically an index into its dataset
};

// What is drawn at one spot of one level: a single point or a cluster.
struct ClusterItem {
  // A point's caller id, or a cluster id to pass to ClusterIndex::children() and the like.
  std::uint32_t id = 0;
  std::uint32_t count = 1;  // points it stands for; 1 for a point
  Point position;           // a cluster's is the mean of its points
  Bounds bounds;            // of its points; zoom onto it to take the cluster apart
  Territory territory = Territory::Metropole;

  bool isCluster() const { return count > 1; }
};

namespace detail {

// One item of one level.
struct ClusterNode {
  double x;
  double y;
  std::uint32_t ref;  // the caller id when count == 1, else an index into the clusters
  std::uint32_t count;
};

struct ClusterLevel {
  // Items grouped by territory, each group along a Hilbert curve.
  std::vector<ClusterNode> nodes;
  std::array<std::uint32_t, kTerritoryCount + 1> territory_start{};
  // The R-tree: boxes of runs of 16 nodes, then of runs of 8 of those boxes, and so on up
  // to a single root; tree_start[d] is where depth d (0 = the runs of nodes) begins.
  std::vector<Bounds> boxes;
  std::vector<std::uint32_t> tree_start;
};

struct ClusterRecord {
  Point position;
  Bounds bounds;
  std::uint32_t count;
  std::uint32_t leaf_begin;   // into ClusterIndex::leaf_ids_
  std::uint32_t child_begin;  // into ClusterIndex::children_; ends where the next one begins
  std::uint8_t level;         // where it was formed; its children are one level finer
  Territory territory;
};

}  // namespace detail

class ClusterIndex {
 public:
  using Options = ClusterOptions;

  ClusterIndex() = default;
  // `base_scale` (pixels per plane metre) is the scale of level 0, typically the overview's;
  // when it is not a positive number the index stays empty. Points with a non-finite
  // position or an unknown territory are left out.
  ClusterIndex(std::span<const ClusterPoint> points, double base_scale,
               const ClusterOptions& options = {});

  std::size_t size() const { return leaf_ids_.size(); }  // points indexed
  const ClusterOptions& options() const { return options_; }
  int maxZoom() const { return options_.max_zoom; }
  double baseScale() const { return base_scale_; }
  // Levels run from 0 to leafLevel() = max_zoom + 1, where every point stands alone.
  int leafLevel() const { return options_.max_zoom + 1; }
  double levelScale(int level) const;
  // The level to draw at a camera scale: floor(log2(scale / base_scale)), within
  // [0, leafLevel()].
  int levelForScale(double scale) const;

  // Items of `level` whose position lies in `plane_view`, grouped by territory. Inflate the
  // view by a marker's half-size (in plane metres) to catch markers straddling its edge.
  std::vector<ClusterItem> query(const Bounds& plane_view, int level) const;

  // The items a cluster splits into, one level finer than where it was formed. Empty for an
  // unknown id.
  std::vector<ClusterItem> children(std::uint32_t cluster_id) const;
  // Caller ids of the cluster's points, from `offset`, at most `limit` of them.
  std::vector<std::uint32_t> leaves(std::uint32_t cluster_id,
                                    std::size_t limit = std::numeric_limits<std::size_t>::max(),
                                    std::size_t offset = 0) const;
  // Plane bounds of the cluster's points, for zooming to fit. Empty for an unknown id.
  Bounds bounds(std::uint32_t cluster_id) const;
  // The first level at which the cluster is drawn as several items. Greater than max_zoom
  // means zooming in will not separate its points: fan them out instead. -1 for an unknown
  // id.
  int expansionLevel(std::uint32_t cluster_id) const;

 private:
  ClusterItem clusterItem(std::uint32_t cluster_id) const;

  ClusterOptions options_;
  double base_scale_ = 1;
  std::vector<detail::ClusterLevel> levels_;  // distinct levels only
  std::vector<std::uint32_t> level_slot_;     // level -> levels_, shared where nothing merged
  std::vector<detail::ClusterRecord> clusters_;
  std::vector<detail::ClusterNode> children_;
  std::vector<std::uint32_t> leaf_ids_;  // caller ids, each cluster's a contiguous run
};

// Screen offsets, in pixels, at which to draw `count` markers that share one location:
// on a circle of at least `radius_px` for up to 8 of them, on a spiral beyond. No two
// offsets are closer than `spacing_px` (a marker's width). Deterministic; a single marker
// stays at the centre.
std::vector<Point> fanOut(std::size_t count, double radius_px, double spacing_px = 13);

// The index of the item under the cursor: among those whose screen position lies within
// `radius_px` of `cursor`, the nearest, and on a tie the last one (drawn on top). Linear in
// the number of items.
std::optional<std::size_t> hitTest(std::span<const Point> screen_positions, Point cursor,
                                   double radius_px);
std::optional<std::size_t> hitTest(std::span<const ClusterItem> items, const Camera& camera,
                                   Point cursor, double radius_px);

}  // namespace core
