// What the cluster tests share: random points like the map's, and the checks that hold of
// every level of any index, filtered or not.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "clusters.h"

namespace cluster_test {

using core::Bounds;
using core::ClusterIndex;
using core::ClusterItem;
using core::ClusterPoint;
using core::Point;
using core::Territory;

constexpr double kInf = std::numeric_limits<double>::infinity();
inline const Bounds kEverywhere = Bounds::of(-kInf, -kInf, kInf, kInf);

// A power of two keeps every level's scale, and so every distance below, exact.
constexpr double kBase = 1.0 / 1024;

inline std::vector<std::uint32_t> leavesOf(const ClusterIndex& index, const ClusterItem& item) {
  if (!item.isCluster()) return {item.id};
  return index.leaves(item.id);
}

inline std::vector<std::uint32_t> sorted(std::vector<std::uint32_t> v) {
  std::sort(v.begin(), v.end());
  return v;
}

inline double distance(Point a, Point b) { return std::hypot(a.x - b.x, a.y - b.y); }

// Where the random points' shared address is.
constexpr Point kSharedAddress{652e3, 6.862e6};

// Points spread over a few territories, each in a box of its own as insets are, with some
// stacked on one spot and a dense patch; ids are 0..n-1 in input order.
inline std::vector<ClusterPoint> randomPoints(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> x(100e3, 1.25e6);
  std::uniform_real_distribution<double> y(6.05e6, 7.11e6);
  std::uniform_real_distribution<double> inset(0, 50e3);
  std::uniform_real_distribution<double> patch(0, 200);
  std::uniform_int_distribution<int> kind(0, 9);
  std::vector<ClusterPoint> points;
  for (std::uint32_t i = 0; i < n; ++i) {
    ClusterPoint p{{}, Territory::Metropole, i};
    switch (kind(rng)) {
      case 0:  // Guadeloupe's inset
        p.territory = Territory::Guadeloupe;
        p.position = {-200e3 + inset(rng), 6.5e6 + inset(rng)};
        break;
      case 1:  // Réunion's inset, overlapping Guadeloupe's: territory alone keeps them apart
        p.territory = Territory::Reunion;
        p.position = {-200e3 + inset(rng), 6.5e6 + inset(rng)};
        break;
      case 2:  // one address shared by many
        p.position = kSharedAddress;
        break;
      case 3:  // a dense neighbourhood
        p.position = {800e3 + patch(rng), 6.5e6 + patch(rng)};
        break;
      default:
        p.position = {x(rng), y(rng)};
    }
    points.push_back(p);
  }
  return points;
}

// Checks what must hold of any index at any level: the items cover every matching point
// once and no other, and each item's count, centre, bounds and territory are those of its
// matching points; a single one is drawn as that point. `matches` is by id; empty, every
// point matches.
inline void expectLevelCoversPoints(const ClusterIndex& index, const std::vector<ClusterPoint>& points,
                                    int level, const std::vector<bool>& matches = {}) {
  SCOPED_TRACE("level " + std::to_string(level));
  auto matching = [&](std::uint32_t id) { return matches.empty() || matches[id]; };
  const std::vector<ClusterItem> items = index.query(kEverywhere, level);
  std::vector<int> seen(points.size(), 0);
  std::uint64_t total = 0;
  for (const ClusterItem& item : items) {
    const std::vector<std::uint32_t> ids = leavesOf(index, item);
    ASSERT_EQ(ids.size(), item.count);
    ASSERT_GE(item.count, 1u);
    total += item.count;
    Bounds bounds;
    double sx = 0;
    double sy = 0;
    for (std::uint32_t id : ids) {
      ASSERT_LT(id, points.size());
      EXPECT_TRUE(matching(id)) << "id " << id << " does not match";
      ++seen[id];
      const ClusterPoint& p = points[id];
      EXPECT_EQ(p.territory, item.territory);
      bounds.expand(p.position);
      sx += p.position.x;
      sy += p.position.y;
    }
    EXPECT_EQ(item.bounds, bounds);
    EXPECT_NEAR(item.position.x, sx / static_cast<double>(ids.size()), 1e-6);
    EXPECT_NEAR(item.position.y, sy / static_cast<double>(ids.size()), 1e-6);
    if (item.isCluster()) {
      EXPECT_EQ(index.bounds(item.id), bounds);
    } else {
      EXPECT_EQ(item.position.x, points[item.id].position.x);
      EXPECT_EQ(item.position.y, points[item.id].position.y);
    }
  }
  std::uint64_t expected = 0;
  for (std::uint32_t id = 0; id < points.size(); ++id) {
    expected += matching(id);
    EXPECT_EQ(seen[id], matching(id) ? 1 : 0) << "id " << id;
  }
  EXPECT_EQ(total, expected);
}

}  // namespace cluster_test
