#include "clusters.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "camera.h"
#include "clusters_test_support.h"

namespace {

using namespace cluster_test;
using core::ClusterOptions;

TEST(Clusters, EveryLevelCoversEveryPointExactlyOnce) {
  const std::vector<ClusterPoint> points = randomPoints(3000, 1);
  const ClusterIndex index(points, 800.0 / 1.2e6);
  ASSERT_EQ(index.size(), points.size());
  for (int z = 0; z <= index.leafLevel(); ++z) expectLevelCoversPoints(index, points, z);
}

TEST(Clusters, LeafLevelHoldsEveryPointAlone) {
  const std::vector<ClusterPoint> points = randomPoints(500, 2);
  const ClusterIndex index(points, 800.0 / 1.2e6);
  const std::vector<ClusterItem> items = index.query(kEverywhere, index.leafLevel());
  ASSERT_EQ(items.size(), points.size());
  for (const ClusterItem& item : items) {
    EXPECT_FALSE(item.isCluster());
    EXPECT_EQ(item.position.x, points[item.id].position.x);
    EXPECT_EQ(item.position.y, points[item.id].position.y);
  }
}

// Two points `px` pixels apart at level `at`. Each level doubles the distance on screen and
// the radius is 44 px, so they stay one cluster down to the last level where the doubled
// distance is still <= 44, worked out by hand in `last_merged`.
struct PairCase {
  const char* name;
  double px;
  int at;
  int last_merged;  // -1: never merge
};

const PairCase kPairCases[] = {
    {"10px_at_4", 10, 4, 6},     // 10, 20, 40 | 80
    {"44px_at_3", 44, 3, 3},     // exactly the radius still merges
    {"45px_at_3", 45, 3, 2},     // 22.5 at level 2
    {"11px_at_0", 11, 0, 2},     // 11, 22, 44 | 88
    {"10px_at_16", 10, 16, 16},  // merged up to max_zoom, apart only at the leaf level
    {"1px_at_16", 1, 16, 16},    // 1 px at max_zoom is still max_zoom's business
    {"45px_at_0", 45, 0, -1},    // already too far at the coarsest level
    {"far_apart", 100000, 0, -1},
};

class PairTest : public ::testing::TestWithParam<PairCase> {};

TEST_P(PairTest, MergesUpToTheExpectedLevelAndSplitsAfter) {
  const PairCase& c = GetParam();
  const ClusterIndex probe({}, kBase);
  const double metres = c.px / probe.levelScale(c.at);
  const std::vector<ClusterPoint> points = {{{600e3, 6.6e6}, Territory::Metropole, 7},
                                            {{600e3 + metres, 6.6e6}, Territory::Metropole, 9}};
  const ClusterIndex index(points, kBase);
  for (int z = 0; z <= index.leafLevel(); ++z) {
    SCOPED_TRACE("level " + std::to_string(z));
    const std::vector<ClusterItem> items = index.query(kEverywhere, z);
    if (z <= c.last_merged) {
      ASSERT_EQ(items.size(), 1u);
      ASSERT_TRUE(items[0].isCluster());
      EXPECT_EQ(index.expansionLevel(items[0].id), c.last_merged + 1);
      EXPECT_EQ(sorted(index.leaves(items[0].id)), (std::vector<std::uint32_t>{7, 9}));
      EXPECT_DOUBLE_EQ(items[0].position.x, 600e3 + metres / 2);
      const std::vector<ClusterItem> kids = index.children(items[0].id);
      ASSERT_EQ(kids.size(), 2u);
      EXPECT_FALSE(kids[0].isCluster());
      EXPECT_FALSE(kids[1].isCluster());
    } else {
      ASSERT_EQ(items.size(), 2u);
      EXPECT_FALSE(items[0].isCluster());
      EXPECT_FALSE(items[1].isCluster());
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Clusters, PairTest, ::testing::ValuesIn(kPairCases),
                         [](const auto& test) { return std::string(test.param.name); });

// A and B, 0.48 r(5) apart, merge at level 6 into C halfway between them. X lies 0.985 r(5)
// from C but, at sqrt(0.24² + 0.985²) = 1.014 r(5), farther than r(5) from both A and B: its
// only neighbour at level 5 is the cluster C, and it must join it whichever of the two comes
// first. Turned about the centre so that the array order varies.
TEST(Clusters, APointFarFromEveryPointJoinsANearbyCluster) {
  const ClusterIndex probe({}, kBase);
  const double r5 = ClusterOptions{}.radius / probe.levelScale(5);
  const Point centre{500e3, 6.5e6};
  for (int turn = 0; turn < 16; ++turn) {
    SCOPED_TRACE("turn " + std::to_string(turn));
    const double a = turn * 3.14159265358979323846 / 8;
    auto at = [&](double u, double v) {
      return Point{centre.x + (u * std::cos(a) - v * std::sin(a)) * r5,
                   centre.y + (u * std::sin(a) + v * std::cos(a)) * r5};
    };
    const std::vector<ClusterPoint> points = {{at(-0.24, 0), Territory::Metropole, 0},
                                              {at(0.24, 0), Territory::Metropole, 1},
                                              {at(0, 0.985), Territory::Metropole, 2}};
    const ClusterIndex index(points, kBase);
    for (int z = 0; z <= index.leafLevel(); ++z) {
      const std::size_t expected = z <= 5 ? 1 : z == 6 ? 2 : 3;
      EXPECT_EQ(index.query(kEverywhere, z).size(), expected) << "level " << z;
    }
  }
}

TEST(Clusters, TerritoriesNeverMergeEvenOnTheSameSpot) {
  std::vector<ClusterPoint> points;
  const Territory territories[] = {Territory::Metropole, Territory::Guadeloupe,
                                   Territory::Martinique, Territory::NouvelleCaledonie};
  std::uint32_t id = 0;
  for (Territory t : territories) {
    for (int k = 0; k < 3; ++k) points.push_back({{500e3, 6.5e6}, t, id++});
  }
  const ClusterIndex index(points, kBase);
  for (int z = 0; z <= index.maxZoom(); ++z) {
    const std::vector<ClusterItem> items = index.query(kEverywhere, z);
    ASSERT_EQ(items.size(), 4u) << "level " << z;
    std::set<Territory> seen;
    for (const ClusterItem& item : items) {
      EXPECT_EQ(item.count, 3u);
      seen.insert(item.territory);
      for (std::uint32_t leaf : index.leaves(item.id)) {
        EXPECT_EQ(points[leaf].territory, item.territory);
      }
    }
    EXPECT_EQ(seen.size(), 4u);
  }
}

// Stacked points stay one cluster at every level, whatever min_points says, and only the
// leaf level (where they must be fanned out) shows them apart.
class StackTest : public ::testing::TestWithParam<std::uint32_t> {};

TEST_P(StackTest, StaysOneClusterUntilTheLeafLevel) {
  ClusterOptions options;
  options.min_points = GetParam();
  std::vector<ClusterPoint> points;
  for (std::uint32_t id = 10; id < 15; ++id) {
    points.push_back({{652e3, 6.862e6}, Territory::Metropole, id});
  }
  const ClusterIndex index(points, kBase, options);
  for (int z = 0; z <= index.maxZoom(); ++z) {
    const std::vector<ClusterItem> items = index.query(kEverywhere, z);
    ASSERT_EQ(items.size(), 1u) << "level " << z;
    const ClusterItem& c = items[0];
    ASSERT_TRUE(c.isCluster());
    EXPECT_EQ(c.count, 5u);
    EXPECT_EQ(index.expansionLevel(c.id), index.maxZoom() + 1);
    EXPECT_EQ(sorted(index.leaves(c.id)), (std::vector<std::uint32_t>{10, 11, 12, 13, 14}));
    EXPECT_EQ(index.bounds(c.id).width(), 0);
    EXPECT_EQ(index.bounds(c.id).height(), 0);
    EXPECT_EQ(c.position.x, 652e3);
    EXPECT_EQ(c.position.y, 6.862e6);
  }
  EXPECT_EQ(index.query(kEverywhere, index.leafLevel()).size(), 5u);
}

INSTANTIATE_TEST_SUITE_P(Clusters, StackTest, ::testing::Values(2u, 3u, 5u, 6u, 100u));

TEST(Clusters, MinPointsKeepsSmallGroupsApart) {
  // Three points in a row, 10 px apart at level 0: all within the radius of one another.
  const double step = 10 / kBase;
  std::vector<ClusterPoint> points;
  for (std::uint32_t i = 0; i < 3; ++i) {
    points.push_back({{500e3 + i * step, 6.5e6}, Territory::Metropole, i});
  }
  struct Case {
    std::uint32_t min_points;
    std::size_t items_at_0;
  } cases[] = {{2, 1}, {3, 1}, {4, 3}};
  for (const Case& c : cases) {
    ClusterOptions options;
    options.min_points = c.min_points;
    const ClusterIndex index(points, kBase, options);
    EXPECT_EQ(index.query(kEverywhere, 0).size(), c.items_at_0) << "min_points " << c.min_points;
  }
}

TEST(Clusters, ZeroRadiusMergesOnlyTwins) {
  ClusterOptions options;
  options.radius = 0;
  const std::vector<ClusterPoint> points = {{{0, 0}, Territory::Metropole, 0},
                                            {{0, 0}, Territory::Metropole, 1},
                                            {{1e-3, 0}, Territory::Metropole, 2},
                                            {{5e5, 0}, Territory::Metropole, 3}};
  const ClusterIndex index(points, kBase, options);
  for (int z = 0; z <= index.maxZoom(); ++z) {
    const std::vector<ClusterItem> items = index.query(kEverywhere, z);
    ASSERT_EQ(items.size(), 3u) << "level " << z;
    for (const ClusterItem& item : items) {
      if (item.isCluster()) {
        EXPECT_EQ(sorted(index.leaves(item.id)), (std::vector<std::uint32_t>{0, 1}));
      }
    }
  }
}

TEST(Clusters, MaxZoomSetsTheLeafLevel) {
  ClusterOptions options;
  options.max_zoom = 3;
  // 1 px apart at level 3: together down to it, apart only at the leaf level, 4.
  const double metres = 1 / (kBase * 8);
  const std::vector<ClusterPoint> points = {{{0, 0}, Territory::Metropole, 0},
                                            {{metres, 0}, Territory::Metropole, 1}};
  const ClusterIndex index(points, kBase, options);
  EXPECT_EQ(index.leafLevel(), 4);
  const std::vector<ClusterItem> at3 = index.query(kEverywhere, 3);
  ASSERT_EQ(at3.size(), 1u);
  EXPECT_EQ(index.expansionLevel(at3[0].id), 4);
  EXPECT_EQ(index.query(kEverywhere, 4).size(), 2u);
  EXPECT_EQ(index.query(kEverywhere, 99).size(), 2u);  // levels past the leaf level clamp
  EXPECT_EQ(index.levelForScale(kBase * 1024), 4);
}

TEST(Clusters, LeavesPagesThroughOneCluster) {
  std::vector<ClusterPoint> points;
  for (std::uint32_t id = 0; id < 20; ++id) {
    points.push_back({{400e3 + id, 6.7e6}, Territory::Metropole, 100 + id});
  }
  const ClusterIndex index(points, kBase);
  const std::vector<ClusterItem> top = index.query(kEverywhere, 0);
  ASSERT_EQ(top.size(), 1u);
  const std::vector<std::uint32_t> all = index.leaves(top[0].id);
  ASSERT_EQ(all.size(), 20u);
  std::vector<std::uint32_t> paged;
  for (std::size_t offset = 0; offset < 20; offset += 6) {
    const std::vector<std::uint32_t> page = index.leaves(top[0].id, 6, offset);
    EXPECT_EQ(page.size(), std::min<std::size_t>(6, 20 - offset));
    paged.insert(paged.end(), page.begin(), page.end());
  }
  EXPECT_EQ(paged, all);
  EXPECT_TRUE(index.leaves(top[0].id, 5, 20).empty());
  EXPECT_TRUE(index.leaves(top[0].id, 0, 0).empty());
}

TEST(Clusters, UnknownIdsGiveNothing) {
  const ClusterIndex index(randomPoints(50, 3), kBase);
  const std::uint32_t unknown = 1u << 30;
  EXPECT_TRUE(index.children(unknown).empty());
  EXPECT_TRUE(index.leaves(unknown).empty());
  EXPECT_TRUE(index.bounds(unknown).empty());
  EXPECT_EQ(index.expansionLevel(unknown), -1);
}

TEST(Clusters, UnusablePointsAndScalesAreLeftOut) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<ClusterPoint> points = {
      {{1, 2}, Territory::Metropole, 0},
      {{nan, 2}, Territory::Metropole, 1},
      {{1, kInf}, Territory::Metropole, 2},
      {{1, 2}, static_cast<Territory>(200), 3},
  };
  const ClusterIndex index(points, kBase);
  EXPECT_EQ(index.size(), 1u);
  EXPECT_EQ(index.query(kEverywhere, 0).size(), 1u);
  for (double scale : {0.0, -1.0, nan, kInf}) {
    const ClusterIndex none(points, scale);
    EXPECT_EQ(none.size(), 0u);
    EXPECT_TRUE(none.query(kEverywhere, 0).empty());
  }
  const ClusterIndex empty;
  EXPECT_TRUE(empty.query(kEverywhere, 3).empty());
  EXPECT_EQ(empty.levelForScale(2), 1);
}

TEST(Clusters, LevelForScale) {
  const ClusterIndex index({}, kBase);  // max_zoom 16, leaf level 17
  struct Case {
    double ratio;  // scale / base_scale
    int level;
  } cases[] = {
      {0, 0},
      {0.25, 0},
      {1, 0},
      {1.999, 0},
      {2, 1},
      {3, 1},
      {4, 2},
      {65536, 16},
      {131071, 16},
      {131072, 17},
      {1e12, 17},
      {32 * (1 - 1e-13), 5},  // rounding just under 2^5 is still level 5
      {32 * (1 - 1e-6), 4},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(index.levelForScale(c.ratio * kBase), c.level) << "ratio " << c.ratio;
    if (c.ratio >= 1 && c.level < 17) {
      EXPECT_LE(index.levelScale(c.level), c.ratio * kBase * (1 + 1e-12));
    }
  }
  EXPECT_EQ(index.levelForScale(std::numeric_limits<double>::quiet_NaN()), 0);
  EXPECT_EQ(index.levelForScale(kInf), 17);
}

// The items of a view are those of the whole level whose position lies in the view; at the
// leaf level, simply the points in it.
TEST(Clusters, QueryReturnsExactlyTheItemsInTheView) {
  const std::vector<ClusterPoint> points = randomPoints(4000, 4);
  const ClusterIndex index(points, 800.0 / 1.2e6);
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> x(-250e3, 1.25e6);
  std::uniform_real_distribution<double> y(6.05e6, 7.11e6);
  std::uniform_real_distribution<double> size(1, 300e3);
  for (int trial = 0; trial < 40; ++trial) {
    const double x0 = x(rng);
    const double y0 = y(rng);
    const Bounds view = Bounds::of(x0, y0, x0 + size(rng), y0 + size(rng));
    for (int z = 0; z <= index.leafLevel(); ++z) {
      std::vector<std::pair<std::uint32_t, std::uint32_t>> expected;  // (is cluster, id)
      if (z == index.leafLevel()) {
        for (const ClusterPoint& p : points) {
          if (view.contains(p.position)) expected.push_back({0, p.id});
        }
      } else {
        for (const ClusterItem& item : index.query(kEverywhere, z)) {
          if (view.contains(item.position)) expected.push_back({item.isCluster(), item.id});
        }
      }
      std::vector<std::pair<std::uint32_t, std::uint32_t>> got;
      for (const ClusterItem& item : index.query(view, z)) {
        got.push_back({item.isCluster(), item.id});
      }
      std::sort(expected.begin(), expected.end());
      std::sort(got.begin(), got.end());
      ASSERT_EQ(got, expected) << "trial " << trial << " level " << z;
    }
  }
  EXPECT_TRUE(index.query(Bounds{}, 3).empty());
  EXPECT_TRUE(index.query(Bounds::of(-1e9, -1e9, -1e8, -1e8), 3).empty());
}

// Checked by brute force against what greedy clustering promises at each level z, with r
// the radius in plane metres at that level:
// - a cluster formed at z is made of items of z + 1, all within r of one of them (its
//   seed), and all of its territory;
// - an item carried over from z + 1 unmerged had no free neighbour when its turn came: any
//   item of z + 1 within r of it went into a cluster formed at z.
TEST(Clusters, RandomisedAgainstBruteForce) {
  for (std::uint32_t seed : {11u, 12u, 13u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const std::vector<ClusterPoint> points = randomPoints(2500, seed);
    ClusterOptions options;
    options.max_zoom = 12;
    const ClusterIndex index(points, 800.0 / 1.2e6, options);
    for (int z = index.maxZoom(); z >= 0; --z) {
      SCOPED_TRACE("level " + std::to_string(z));
      const double r = options.radius / index.levelScale(z);
      const std::vector<ClusterItem> finer = index.query(kEverywhere, z + 1);
      const std::vector<ClusterItem> items = index.query(kEverywhere, z);
      EXPECT_LE(items.size(), finer.size());
      // Items of z + 1 by (is cluster, id); which cluster formed at z took each.
      std::map<std::pair<bool, std::uint32_t>, std::size_t> finer_index;
      for (std::size_t i = 0; i < finer.size(); ++i) {
        finer_index[{finer[i].isCluster(), finer[i].id}] = i;
      }
      std::vector<bool> merged(finer.size(), false);
      for (const ClusterItem& item : items) {
        if (!item.isCluster() || index.expansionLevel(item.id) != z + 1) continue;
        const std::vector<ClusterItem> kids = index.children(item.id);
        ASSERT_GE(kids.size(), 2u);
        std::uint32_t count = 0;
        bool some_kid_is_a_seed = false;
        for (const ClusterItem& k : kids) {
          const auto found = finer_index.find({k.isCluster(), k.id});
          ASSERT_NE(found, finer_index.end()) << "child not at level z + 1";
          EXPECT_FALSE(merged[found->second]) << "child of two clusters";
          merged[found->second] = true;
          EXPECT_EQ(k.territory, item.territory);
          count += k.count;
          bool all_near = true;
          for (const ClusterItem& other : kids) {
            all_near = all_near && distance(k.position, other.position) <= r;
          }
          some_kid_is_a_seed = some_kid_is_a_seed || all_near;
        }
        EXPECT_EQ(count, item.count);
        EXPECT_TRUE(some_kid_is_a_seed);
      }
      // Every pair of items within r, found by a sweep along x.
      std::vector<std::size_t> by_x(finer.size());
      for (std::size_t i = 0; i < by_x.size(); ++i) by_x[i] = i;
      std::sort(by_x.begin(), by_x.end(), [&](std::size_t a, std::size_t b) {
        return finer[a].position.x < finer[b].position.x;
      });
      for (std::size_t a = 0; a < by_x.size(); ++a) {
        const ClusterItem& fa = finer[by_x[a]];
        for (std::size_t b = a + 1; b < by_x.size(); ++b) {
          const ClusterItem& fb = finer[by_x[b]];
          if (fb.position.x - fa.position.x > r) break;
          if (fa.territory != fb.territory || distance(fa.position, fb.position) > r) continue;
          EXPECT_TRUE(merged[by_x[a]] || merged[by_x[b]]) << "two unmerged items within r";
        }
      }
    }
  }
}

TEST(Clusters, ChildrenSplitTheirClusterOneLevelFiner) {
  const std::vector<ClusterPoint> points = randomPoints(2000, 6);
  const ClusterIndex index(points, 800.0 / 1.2e6);
  for (int z = 0; z <= index.maxZoom(); ++z) {
    for (const ClusterItem& item : index.query(kEverywhere, z)) {
      if (!item.isCluster()) continue;
      const int split = index.expansionLevel(item.id);
      EXPECT_GT(split, z);
      std::vector<std::uint32_t> from_children;
      for (const ClusterItem& k : index.children(item.id)) {
        const std::vector<std::uint32_t> ids = leavesOf(index, k);
        from_children.insert(from_children.end(), ids.begin(), ids.end());
      }
      EXPECT_EQ(sorted(from_children), sorted(index.leaves(item.id)));
      // Until it splits, the cluster is drawn as itself.
      if (split - 1 > z) {
        bool still_there = false;
        for (const ClusterItem& other : index.query(item.bounds.inflated(1), split - 1)) {
          still_there = still_there || (other.isCluster() && other.id == item.id);
        }
        EXPECT_TRUE(still_there);
      }
    }
  }
}

// fanOut: (count, preferred radius).
struct FanCase {
  std::size_t count;
  double radius;
};

class FanOutTest : public ::testing::TestWithParam<FanCase> {};

TEST_P(FanOutTest, KeepsMarkersApartDeterministically) {
  const auto [count, radius] = GetParam();
  const std::vector<Point> offsets = core::fanOut(count, radius);
  ASSERT_EQ(offsets.size(), count);
  double closest = kInf;
  for (std::size_t i = 0; i < count; ++i) {
    for (std::size_t j = i + 1; j < count; ++j) {
      closest = std::min(closest, distance(offsets[i], offsets[j]));
    }
  }
  if (count >= 2) {
    EXPECT_GE(closest, 13.0);
  }
  if (count == 1) {
    EXPECT_EQ(distance(offsets[0], {0, 0}), 0);
  }
  if (count >= 2 && count <= 8) {
    // A circle no smaller than asked for.
    const double r = distance(offsets[0], {0, 0});
    EXPECT_GE(r, radius - 1e-9);
    for (const Point& p : offsets) EXPECT_NEAR(distance(p, {0, 0}), r, 1e-9);
  }
  for (const Point& p : offsets) EXPECT_GE(distance(p, {0, 0}), count >= 2 ? radius - 1e-9 : 0);
  const std::vector<Point> again = core::fanOut(count, radius);
  for (std::size_t i = 0; i < count; ++i) {
    EXPECT_EQ(offsets[i].x, again[i].x);
    EXPECT_EQ(offsets[i].y, again[i].y);
  }
}

INSTANTIATE_TEST_SUITE_P(Clusters, FanOutTest,
                         ::testing::Values(FanCase{0, 20}, FanCase{1, 20}, FanCase{2, 0},
                                           FanCase{2, 20}, FanCase{3, 0}, FanCase{5, 20},
                                           FanCase{8, 0}, FanCase{8, 20}, FanCase{9, 0},
                                           FanCase{9, 20}, FanCase{20, 20}, FanCase{100, 0},
                                           FanCase{100, 30}, FanCase{1000, 20}));

TEST(Clusters, FanOutHonoursALargerSpacing) {
  const std::vector<Point> offsets = core::fanOut(50, 10, 30);
  for (std::size_t i = 0; i < offsets.size(); ++i) {
    for (std::size_t j = i + 1; j < offsets.size(); ++j) {
      EXPECT_GE(distance(offsets[i], offsets[j]), 30.0);
    }
  }
}

TEST(Clusters, HitTestPrefersTheNearestThenTheTopmost) {
  const std::vector<Point> screen = {{100, 100}, {110, 100}, {100, 100}, {300, 300}};
  struct Case {
    Point cursor;
    double radius;
    std::optional<std::size_t> expected;
  } cases[] = {
      {{101, 100}, 8, 2},  // 0 and 2 tie, 2 is drawn on top
      {{108, 100}, 8, 1},  // nearest
      {{104, 100}, 8, 2},  // 4 px from 0/2, 6 px from 1
      {{105, 100}, 8, 2},  // three-way tie at 5 px: the last of them
      {{300, 308}, 8, 3},  // exactly on the radius
      {{300, 308.01}, 8, std::nullopt},
      {{200, 200}, 8, std::nullopt},
      {{100, 100}, -1, std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(core::hitTest(screen, c.cursor, c.radius), c.expected)
        << c.cursor.x << "," << c.cursor.y;
  }
  EXPECT_EQ(core::hitTest(std::vector<Point>{}, {0, 0}, 10), std::nullopt);
}

TEST(Clusters, HitTestItemsThroughTheCamera) {
  core::Camera camera;
  camera.setViewport(800, 600);
  camera.setView({500e3, 6.5e6}, 0.01);  // 1 px = 100 m
  std::vector<ClusterItem> items(3);
  items[0].position = {500e3, 6.5e6};         // screen (400, 300)
  items[1].position = {501e3, 6.5e6};         // (410, 300)
  items[2].position = {500e3, 6.5e6 + 2000};  // (400, 280): plane y grows northwards
  EXPECT_EQ(core::hitTest(items, camera, {401, 300}, 6), std::optional<std::size_t>(0));
  EXPECT_EQ(core::hitTest(items, camera, {408, 300}, 6), std::optional<std::size_t>(1));
  EXPECT_EQ(core::hitTest(items, camera, {400, 282}, 6), std::optional<std::size_t>(2));
  EXPECT_EQ(core::hitTest(items, camera, {400, 290}, 6), std::nullopt);
}

}  // namespace
