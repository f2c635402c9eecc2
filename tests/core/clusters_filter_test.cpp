// The clusters recounted for a filter (ClusterIndex::setMatching): each drawn item is the
// matching part of an item of the full clustering, counted afresh here by brute force.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "clusters.h"
#include "clusters_test_support.h"

namespace {

using namespace cluster_test;
using core::ClusterOptions;

const double kScale = 800.0 / 1.2e6;  // the overview's, about

// What a filter keeps of randomPoints(): like a métier (a share at random), a region (an
// area), a search (a few), an inset, or the points of the shared address.
enum class Keep { All, None, Third, Area, Ten, One, SharedAddress, Guadeloupe, ThirdTwiceAndUnknown };

struct FilterCase {
  const char* name;
  Keep keep;
};

const FilterCase kFilters[] = {
    {"all", Keep::All},
    {"none", Keep::None},
    {"third", Keep::Third},
    {"area", Keep::Area},
    {"ten", Keep::Ten},
    {"one", Keep::One},
    {"shared_address", Keep::SharedAddress},
    {"guadeloupe", Keep::Guadeloupe},
    {"third_twice_and_unknown", Keep::ThirdTwiceAndUnknown},
};

// The ids a filter gives setMatching(), in no particular order.
std::vector<std::uint32_t> idsKept(const std::vector<ClusterPoint>& points, Keep keep, std::uint32_t seed = 3) {
  std::mt19937 rng(seed);
  std::vector<std::uint32_t> ids;
  const Bounds area = Bounds::of(500e3, 6.3e6, 900e3, 6.7e6);  // takes in the dense patch
  for (const ClusterPoint& p : points) {
    bool kept = false;
    switch (keep) {
      case Keep::All: kept = true; break;
      case Keep::None: break;
      case Keep::Third:
      case Keep::ThirdTwiceAndUnknown: kept = rng() % 3 == 0; break;
      case Keep::Area: kept = p.territory == Territory::Metropole && area.contains(p.position); break;
      case Keep::Ten: kept = rng() % (points.size() / 10) == 0 && ids.size() < 10; break;
      case Keep::One: kept = p.id == points.size() / 2; break;
      case Keep::SharedAddress:
        kept = p.position.x == kSharedAddress.x && p.position.y == kSharedAddress.y;
        break;
      case Keep::Guadeloupe: kept = p.territory == Territory::Guadeloupe; break;
    }
    if (kept) ids.push_back(p.id);
  }
  std::shuffle(ids.begin(), ids.end(), rng);  // the caller's ranking, not the index's order
  if (keep == Keep::ThirdTwiceAndUnknown) {
    const std::size_t n = ids.size();
    for (std::size_t i = 0; i < n; ++i) ids.push_back(ids[i]);
    for (std::uint32_t unknown : {static_cast<std::uint32_t>(points.size()), 1u << 20, 0xffffffffu}) {
      ids.push_back(unknown);
    }
  }
  return ids;
}

std::vector<bool> byId(const std::vector<ClusterPoint>& points, const std::vector<std::uint32_t>& ids) {
  std::vector<bool> matches(points.size(), false);
  for (std::uint32_t id : ids)
    if (id < points.size()) matches[id] = true;
  return matches;
}

// Everything the index says of an item, to compare two indexes with.
struct Said {
  bool cluster;
  std::uint32_t id;
  std::uint32_t count;
  double x, y;
  Bounds bounds;
  std::vector<std::uint32_t> leaves;
  int expansion;
  std::vector<std::pair<bool, std::uint32_t>> children;
  bool operator==(const Said&) const = default;
};

std::vector<Said> sayAll(const ClusterIndex& index, const Bounds& view, int level) {
  std::vector<Said> said;
  for (const ClusterItem& item : index.query(view, level)) {
    Said s{item.isCluster(), item.id, item.count, item.position.x, item.position.y, item.bounds,
           leavesOf(index, item), item.isCluster() ? index.expansionLevel(item.id) : -1, {}};
    if (item.isCluster())
      for (const ClusterItem& k : index.children(item.id)) s.children.push_back({k.isCluster(), k.id});
    said.push_back(std::move(s));
  }
  std::sort(said.begin(), said.end(), [](const Said& a, const Said& b) {
    return std::pair(a.cluster, a.id) < std::pair(b.cluster, b.id);
  });
  return said;
}

class FilterTest : public ::testing::TestWithParam<FilterCase> {
 protected:
  const std::vector<ClusterPoint> points = randomPoints(3000, 21);
  const std::vector<std::uint32_t> ids = idsKept(points, GetParam().keep);
  const std::vector<bool> matches = byId(points, ids);
  const ClusterIndex full{points, kScale};
  ClusterIndex index = [&] {
    ClusterIndex i(points, kScale);
    i.setMatching(ids);
    return i;
  }();
};

// At every level, each item holds the matching points of one item of the full clustering,
// all of them, counted afresh; every full item holding a match gives one item.
TEST_P(FilterTest, EachItemIsTheMatchingPartOfAFullItem) {
  std::size_t matching = 0;
  for (bool m : matches) matching += m;
  EXPECT_EQ(index.matchingCount(), matching);
  EXPECT_EQ(index.size(), points.size());
  for (int z = 0; z <= index.leafLevel(); ++z) {
    expectLevelCoversPoints(index, points, z, matches);
    SCOPED_TRACE("level " + std::to_string(z));
    const std::vector<ClusterItem> full_items = full.query(kEverywhere, z);
    std::vector<std::size_t> owner(points.size());
    std::vector<std::uint32_t> fresh_count(full_items.size(), 0);
    std::size_t holding = 0;
    for (std::size_t f = 0; f < full_items.size(); ++f) {
      for (std::uint32_t id : leavesOf(full, full_items[f])) {
        owner[id] = f;
        fresh_count[f] += matches[id];
      }
      holding += fresh_count[f] > 0;
    }
    const std::vector<ClusterItem> items = index.query(kEverywhere, z);
    EXPECT_EQ(items.size(), holding);
    std::vector<bool> drawn(full_items.size(), false);
    for (const ClusterItem& item : items) {
      const std::vector<std::uint32_t> leaves = leavesOf(index, item);
      ASSERT_FALSE(leaves.empty());
      const std::size_t f = owner[leaves[0]];
      for (std::uint32_t id : leaves) EXPECT_EQ(owner[id], f) << "points of two full items";
      EXPECT_FALSE(drawn[f]) << "a full item drawn twice";
      drawn[f] = true;
      EXPECT_EQ(item.count, fresh_count[f]);
      EXPECT_EQ(item.isCluster(), fresh_count[f] > 1);
      EXPECT_EQ(item.territory, full_items[f].territory);
      EXPECT_TRUE(full_items[f].bounds.encloses(item.bounds));
    }
  }
}

// A cluster's children are its drawn parts at its expansion level: at least two, drawn
// there, together its matching points; until then, the cluster is drawn as itself.
TEST_P(FilterTest, ClustersSplitWhereTheirMatchesDo) {
  for (int z = 0; z <= index.maxZoom(); ++z) {
    SCOPED_TRACE("level " + std::to_string(z));
    for (const ClusterItem& item : index.query(kEverywhere, z)) {
      if (!item.isCluster()) {
        EXPECT_EQ(item.count, 1u);
        continue;
      }
      const int split = index.expansionLevel(item.id);
      EXPECT_GT(split, z);
      ASSERT_LE(split, index.leafLevel());
      const std::vector<ClusterItem> kids = index.children(item.id);
      ASSERT_GE(kids.size(), 2u) << "a click would not take it apart";
      std::vector<std::uint32_t> from_children;
      std::uint32_t count = 0;
      std::vector<std::pair<bool, std::uint32_t>> at_split;
      for (const ClusterItem& other : index.query(item.bounds.inflated(1), split)) {
        at_split.push_back({other.isCluster(), other.id});
      }
      for (const ClusterItem& k : kids) {
        const std::vector<std::uint32_t> ids = leavesOf(index, k);
        from_children.insert(from_children.end(), ids.begin(), ids.end());
        count += k.count;
        EXPECT_NE(std::find(at_split.begin(), at_split.end(), std::pair(k.isCluster(), k.id)), at_split.end())
            << "a child not drawn at the expansion level";
      }
      EXPECT_EQ(count, item.count);
      EXPECT_EQ(sorted(from_children), sorted(index.leaves(item.id)));
      EXPECT_EQ(index.bounds(item.id), item.bounds);
      for (int level = z; level < split; ++level) {
        bool still_there = false;
        for (const ClusterItem& other : index.query(item.bounds.inflated(1), level)) {
          still_there = still_there || (other.isCluster() && other.id == item.id && other.count == item.count);
        }
        EXPECT_TRUE(still_there) << "not drawn as itself at level " << level;
      }
      // Paging through its matching points gives them all, in the same order.
      const std::vector<std::uint32_t> all = index.leaves(item.id);
      std::vector<std::uint32_t> paged;
      for (std::size_t offset = 0; offset < all.size(); offset += 3) {
        const std::vector<std::uint32_t> page = index.leaves(item.id, 3, offset);
        paged.insert(paged.end(), page.begin(), page.end());
      }
      EXPECT_EQ(paged, all);
    }
  }
}

// Views query the recounted boxes: what a view returns is what the whole level has in it.
TEST_P(FilterTest, QueryReturnsExactlyTheMatchingItemsInTheView) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> x(-250e3, 1.25e6);
  std::uniform_real_distribution<double> y(6.05e6, 7.11e6);
  std::uniform_real_distribution<double> size(1, 300e3);
  for (int trial = 0; trial < 30; ++trial) {
    const double x0 = x(rng);
    const double y0 = y(rng);
    const Bounds view = Bounds::of(x0, y0, x0 + size(rng), y0 + size(rng));
    for (int z = 0; z <= index.leafLevel(); ++z) {
      std::vector<std::pair<bool, std::uint32_t>> expected;
      for (const ClusterItem& item : index.query(kEverywhere, z)) {
        if (view.contains(item.position)) expected.push_back({item.isCluster(), item.id});
      }
      if (z == index.leafLevel()) {
        std::vector<std::pair<bool, std::uint32_t>> points_in_view;
        for (const ClusterPoint& p : points) {
          if (matches[p.id] && view.contains(p.position)) points_in_view.push_back({false, p.id});
        }
        std::sort(points_in_view.begin(), points_in_view.end());
        std::sort(expected.begin(), expected.end());
        ASSERT_EQ(expected, points_in_view);
      }
      std::vector<std::pair<bool, std::uint32_t>> got;
      for (const ClusterItem& item : index.query(view, z)) got.push_back({item.isCluster(), item.id});
      std::sort(expected.begin(), expected.end());
      std::sort(got.begin(), got.end());
      ASSERT_EQ(got, expected) << "trial " << trial << " level " << z;
    }
  }
}

// A filter after another says exactly what it says after none: nothing of the last count
// lingers, in the counts, the positions or the boxes.
TEST_P(FilterTest, AFilterForgetsTheOneBefore) {
  for (const FilterCase& before : kFilters) {
    SCOPED_TRACE(std::string("after ") + before.name);
    ClusterIndex again(points, kScale);
    again.setMatching(idsKept(points, before.keep, 9));
    again.setMatching(ids);
    for (int z = 0; z <= index.leafLevel(); z += 3) {
      ASSERT_EQ(sayAll(again, kEverywhere, z), sayAll(index, kEverywhere, z)) << "level " << z;
      const Bounds view = Bounds::of(300e3, 6.4e6, 700e3, 6.9e6);
      ASSERT_EQ(sayAll(again, view, z), sayAll(index, view, z)) << "level " << z;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Clusters, FilterTest, ::testing::ValuesIn(kFilters),
                         [](const auto& test) { return std::string(test.param.name); });

TEST(ClustersFilter, AnIndexMatchesEverythingUntilFiltered) {
  const std::vector<ClusterPoint> points = randomPoints(1500, 8);
  const ClusterIndex fresh(points, kScale);
  ClusterIndex all(points, kScale);
  all.setMatching(idsKept(points, Keep::Third));
  all.setMatching(idsKept(points, Keep::All));
  for (int z = 0; z <= fresh.leafLevel(); ++z) {
    ASSERT_EQ(sayAll(all, kEverywhere, z), sayAll(fresh, kEverywhere, z)) << "level " << z;
  }
}

// A and B merge at level 6 into a cluster that X joins at level 5 (as in
// APointFarFromEveryPointJoinsANearbyCluster): what each filter of two points or fewer
// draws at each level, a bubble until `split` and the points on their own from there.
struct NestedCase {
  const char* name;
  std::vector<std::uint32_t> ids;  // 0 = A, 1 = B, 2 = X
  int split;                       // where the matches stand apart; -1: a single one
};

const NestedCase kNestedCases[] = {
    {"a_and_b", {0, 1}, 7},  // the level-6 cluster's, drawn under its id from level 0
    {"a_and_x", {0, 2}, 6},  // the outer cluster, parts a (alone in its cluster) and x
    {"b_and_x", {2, 1}, 6},
    {"x", {2}, -1},
    {"a", {0}, -1},
};

class NestedTest : public ::testing::TestWithParam<NestedCase> {};

TEST_P(NestedTest, DrawsTheMatchesOfTheClusterThatSplitsThem) {
  const NestedCase& c = GetParam();
  const ClusterIndex probe({}, kBase);
  const double r5 = ClusterOptions{}.radius / probe.levelScale(5);
  const Point centre{500e3, 6.5e6};
  const std::vector<ClusterPoint> points = {{{centre.x - 0.24 * r5, centre.y}, Territory::Metropole, 0},
                                            {{centre.x + 0.24 * r5, centre.y}, Territory::Metropole, 1},
                                            {{centre.x, centre.y + 0.985 * r5}, Territory::Metropole, 2}};
  ClusterIndex index(points, kBase);
  index.setMatching(c.ids);
  Point mean;
  for (std::uint32_t id : c.ids) {
    mean.x += points[id].position.x / static_cast<double>(c.ids.size());
    mean.y += points[id].position.y / static_cast<double>(c.ids.size());
  }
  std::optional<std::uint32_t> cluster_id;
  for (int z = 0; z <= index.leafLevel(); ++z) {
    SCOPED_TRACE("level " + std::to_string(z));
    const std::vector<ClusterItem> items = index.query(kEverywhere, z);
    if (c.split < 0 || z >= c.split) {
      // Every match on its own, exactly where it is.
      ASSERT_EQ(items.size(), c.ids.size());
      for (const ClusterItem& item : items) {
        EXPECT_FALSE(item.isCluster());
        EXPECT_EQ(item.count, 1u);
        EXPECT_EQ(item.position.x, points[item.id].position.x);
        EXPECT_EQ(item.position.y, points[item.id].position.y);
        EXPECT_NE(std::find(c.ids.begin(), c.ids.end(), item.id), c.ids.end());
      }
      continue;
    }
    ASSERT_EQ(items.size(), 1u);
    const ClusterItem& item = items[0];
    ASSERT_TRUE(item.isCluster());
    if (!cluster_id) cluster_id = item.id;
    EXPECT_EQ(item.id, *cluster_id) << "the same bubble until it splits";
    EXPECT_EQ(item.count, c.ids.size());
    EXPECT_DOUBLE_EQ(item.position.x, mean.x);
    EXPECT_DOUBLE_EQ(item.position.y, mean.y);
    EXPECT_EQ(index.expansionLevel(item.id), c.split);
    EXPECT_EQ(sorted(index.leaves(item.id)), sorted(c.ids));
    const std::vector<ClusterItem> kids = index.children(item.id);
    EXPECT_EQ(kids.size(), 2u);
  }
}

INSTANTIATE_TEST_SUITE_P(Clusters, NestedTest, ::testing::ValuesIn(kNestedCases),
                         [](const auto& test) { return std::string(test.param.name); });

// Every cluster id of the full clustering answers for its matching points once filtered:
// one match is no cluster (no children, no expansion) but still has its point and bounds.
TEST(ClustersFilter, ClusterIdsAnswerForTheirMatchingPoints) {
  const std::vector<ClusterPoint> points = {{{652e3, 6.862e6}, Territory::Metropole, 4},
                                            {{652e3, 6.862e6}, Territory::Metropole, 5},
                                            {{652e3 + 3, 6.862e6}, Territory::Metropole, 6}};
  ClusterIndex index(points, kBase);
  const std::vector<ClusterItem> top = index.query(kEverywhere, 0);
  ASSERT_EQ(top.size(), 1u);
  const std::uint32_t id = top[0].id;
  index.setMatching(std::vector<std::uint32_t>{6});
  EXPECT_EQ(index.leaves(id), (std::vector<std::uint32_t>{6}));
  EXPECT_EQ(index.bounds(id), Bounds::of(652e3 + 3, 6.862e6, 652e3 + 3, 6.862e6));
  EXPECT_TRUE(index.children(id).empty());
  EXPECT_EQ(index.expansionLevel(id), -1);
  index.setMatching(std::vector<std::uint32_t>{});
  EXPECT_TRUE(index.leaves(id).empty());
  EXPECT_TRUE(index.bounds(id).empty());
  EXPECT_EQ(index.expansionLevel(id), -1);
  for (int z = 0; z <= index.leafLevel(); ++z) EXPECT_TRUE(index.query(kEverywhere, z).empty());
  // The two on one spot: together until the leaf level, then fanned out.
  index.setMatching(std::vector<std::uint32_t>{5, 4});
  const std::vector<ClusterItem> twins = index.query(kEverywhere, index.maxZoom());
  ASSERT_EQ(twins.size(), 1u);
  EXPECT_EQ(twins[0].count, 2u);
  EXPECT_EQ(index.expansionLevel(twins[0].id), index.leafLevel());
  EXPECT_EQ(twins[0].bounds.width(), 0);
}

TEST(ClustersFilter, AnEmptyIndexTakesAnyFilter) {
  ClusterIndex empty;
  empty.setMatching(std::vector<std::uint32_t>{0, 1, 2});
  EXPECT_EQ(empty.matchingCount(), 0u);
  EXPECT_TRUE(empty.query(kEverywhere, 0).empty());
  ClusterIndex unusable(randomPoints(10, 1), 0.0);
  unusable.setMatching(std::vector<std::uint32_t>{0, 1, 2});
  EXPECT_EQ(unusable.matchingCount(), 0u);
  EXPECT_TRUE(unusable.query(kEverywhere, 0).empty());
}

}  // namespace
