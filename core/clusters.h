// Hierarchical clustering of the map's markers, in the spirit of supercluster: at low zoom,
// markers that would overlap are drawn as one counted bubble.
//
// The hierarchy is built once over every point, for a dataset and an overview scale. From
// the finest level down to the coarsest, each level greedily merges the items of the level
// above it that lie within a fixed pixel radius of each other, so the clusters form a tree:
// a cluster at level z is made of items of level z + 1, and every level covers every point
// exactly once. Each level keeps its items in a flat array under a packed R-tree (as
// Flatbush does), so that a view query costs about the number of items it returns, not the
// number of points. The build puts points in Hilbert-curve order once; every coarser level
// keeps that order, a cluster taking the place of the item it grew from. Once built, every
// level is put in the leaf order, depth first from the coarsest level: each cluster's
// points are then a run of the leaf level, and each level's nodes come in the order of
// their parents.
//
// Levels are discrete: level z is drawn at `base_scale * 2^z` pixels per plane metre, and
// level max_zoom + 1 holds every point on its own. Points of different territories never
// merge: each inset is clustered on its own.
//
// A filter does not build anything: setMatching() recounts the hierarchy for the points
// that match, bottom-up, level by level through the nodes that hold one (at most the
// matches times the levels), after forgetting the last count the same way: whatever the
// number of points, going from one filter to another costs about what both match. Every
// answer is then for the matching points:
// - An item holding none is not drawn. A cluster holding one is drawn as that point (its
//   id, its position, a count of 1), never as a bubble of one.
// - A cluster's count, position and bounds are those of its matching points: its bubble
//   sits at their mean, where they are, and zooming onto its bounds frames them.
// - A cluster whose matching points all lie in one of its parts is that part as far as
//   the drawing goes: from the level where it formed down to the level where its matching
//   points do split, it is drawn under the id of the cluster that splits them, so that
//   children() and expansionLevel() say where it splits for the points that are drawn, and
//   a click on it always takes it apart.
// - The R-tree boxes are recounted too, bottom-up along each level's tree: a box bounds the
//   drawn positions of the items under it that hold a match, and is empty when none does.
//   Empty boxes are never entered, so a query still costs about what it returns: with ten
//   matches among 100 000 points, it looks at no more than 16 nodes per match and the
//   boxes above them.
//
// What this gives up: the clustering no longer adapts to the filter. Clusters are formed
// over all points, so two matching points that fell in different clusters stay apart
// (where a clustering of the matching points alone might merge them), and a cluster can
// hold matching points further apart than a fresh clustering would let it. Drawn items are
// the full clustering's items, fewer of them, never an empty bubble nor a bubble of one,
// each within the bounds of the points of the cluster it stands for. As a bubble moves to
// the mean of its matching points, where they are, two of them can come closer than in the
// full clustering, by at most how far each moves inside its own cluster. On points gathered
// around towns, a filter keeping a half to a twentieth of them draws fewer overlapping
// bubbles over all levels than the full clustering (fewer items, overlapping fewer
// others), though a single level can have a few more. Drawing bubbles at the full
// clustering's places would rule that out, but away from their points.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <utility>
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

// One item of one level, as the clustering of every point made it.
struct ClusterNode {
  double x;
  double y;
  // A point's place in the leaf order (see ClusterIndex::leaf_ids_) when count == 1, else
  // an index into the clusters.
  std::uint32_t ref;
  std::uint32_t count;
};

struct ClusterLevel {
  // Items in the leaf order (by their first point), so grouped by territory.
  std::vector<ClusterNode> nodes;
  std::array<std::uint32_t, kTerritoryCount + 1> territory_start{};
  // The R-tree: boxes of runs of 16 nodes, then of runs of 8 of those boxes, and so on up
  // to a single root; tree_start[d] is where depth d (0 = the runs of nodes) begins. Once
  // the index is built, each box bounds the drawn positions of the items under it that
  // hold a matching point, and is empty when none does.
  std::vector<Bounds> boxes;
  std::vector<std::uint32_t> tree_start;
  std::vector<std::uint32_t> filled_boxes;  // those not empty, to empty at the next count
  // Where each node is one level coarser (the next level in ClusterIndex::levels_): the
  // same item, or the cluster it joined there. Empty for the coarsest level.
  std::vector<std::uint32_t> parent;
};

struct ClusterRecord {
  std::uint32_t child_begin;  // into ClusterIndex::children_; ends where the next one begins
  std::uint8_t level;         // where it was formed; its children are one level finer
  Territory territory;
};

// A cluster as the matching points make it.
struct ClusterTally {
  Point position;  // the mean of its matching points
  Bounds bounds;   // of its matching points
  std::uint32_t count = 0;
  std::uint32_t first;  // its first matching point, in leaf order
  std::uint32_t shown;  // the cluster drawn for it: itself, or the part holding all its matches
};

}  // namespace detail

class ClusterIndex {
 public:
  using Options = ClusterOptions;

  ClusterIndex() = default;
  // `base_scale` (pixels per plane metre) is the scale of level 0, typically the overview's;
  // when it is not a positive number the index stays empty. Points with a non-finite
  // position or an unknown territory are left out. Every point matches until setMatching().
  ClusterIndex(std::span<const ClusterPoint> points, double base_scale,
               const ClusterOptions& options = {});

  // From now on only the points with these ids count (see the top of this file). Ids
  // unknown to the index are ignored, a repeated one counts once. Ids are meant to be
  // indices into the caller's dataset: they are looked up in a table as long as the
  // largest, and should be distinct (of points sharing an id, only the last one given to
  // the constructor can match).
  void setMatching(std::span<const std::uint32_t> ids);

  std::size_t size() const { return leaf_ids_.size(); }  // points indexed
  std::size_t matchingCount() const { return matched_.size(); }
  const ClusterOptions& options() const { return options_; }
  int maxZoom() const { return options_.max_zoom; }
  double baseScale() const { return base_scale_; }
  // Levels run from 0 to leafLevel() = max_zoom + 1, where every point stands alone.
  int leafLevel() const { return options_.max_zoom + 1; }
  double levelScale(int level) const;
  // The level to draw at a camera scale: floor(log2(scale / base_scale)), within
  // [0, leafLevel()].
  int levelForScale(double scale) const;

  // Items of `level` holding a matching point whose position lies in `plane_view`, grouped
  // by territory. Inflate the view by a marker's half-size (in plane metres) to catch
  // markers straddling its edge.
  std::vector<ClusterItem> query(const Bounds& plane_view, int level) const;

  // The rest answers for a cluster's matching points; a cluster with none is unknown.
  // The items a cluster splits into, at its expansion level. Empty for an unknown id or a
  // cluster holding a single match (no cluster then). Costs the number of its parts,
  // matching or not.
  std::vector<ClusterItem> children(std::uint32_t cluster_id) const;
  // Caller ids of the cluster's matching points, from `offset`, at most `limit` of them.
  std::vector<std::uint32_t> leaves(std::uint32_t cluster_id,
                                    std::size_t limit = std::numeric_limits<std::size_t>::max(),
                                    std::size_t offset = 0) const;
  // Plane bounds of the cluster's matching points, for zooming to fit. Empty for an
  // unknown id.
  Bounds bounds(std::uint32_t cluster_id) const;
  // The first level at which the cluster is drawn as several items. Greater than max_zoom
  // means zooming in will not separate its points: fan them out instead. -1 for an unknown
  // id or a single match.
  int expansionLevel(std::uint32_t cluster_id) const;

 private:
  // Numbers the points depth first and puts every level in that order (see the .cpp).
  void putInLeafOrder(const std::vector<std::uint32_t>& ids_along_curve,
                      const std::vector<std::uint32_t>& first_cluster);
  std::pair<std::size_t, std::size_t> childRange(std::uint32_t cluster_id) const;
  // Recounts for the given points, by their place in the leaf order: sorted, distinct, and
  // already marked in leaf_matches_.
  void recount(std::vector<std::uint32_t> leaves);
  // What node i of `level` draws, or nothing when it holds no matching point.
  std::optional<ClusterItem> drawn(const detail::ClusterLevel& level, std::size_t i) const;

  ClusterOptions options_;
  double base_scale_ = 1;
  std::vector<detail::ClusterLevel> levels_;  // distinct levels only, the leaf level first
  std::vector<std::uint32_t> level_slot_;     // level -> levels_, shared where nothing merged
  std::vector<detail::ClusterRecord> clusters_;
  std::vector<std::uint32_t> children_;  // nodes of the level one finer than their cluster's
  // Caller ids in leaf order: depth first from the coarsest level, so that each cluster's
  // points are a contiguous run.
  std::vector<std::uint32_t> leaf_ids_;
  std::vector<std::uint32_t> leaf_of_id_;  // caller id -> place in the leaf order, or none

  // The count for the matching points.
  std::vector<detail::ClusterTally> tallies_;  // by cluster
  std::vector<std::uint8_t> leaf_matches_;     // by place in the leaf order
  std::vector<std::uint32_t> matched_;         // places of the matching points, in order
  std::vector<std::uint32_t> counted_;         // clusters holding some, to clear next time
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
