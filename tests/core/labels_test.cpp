#include "labels.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace {

using core::LabelCandidate;
using core::Point;

LabelCandidate label(double x, double y, double w, double h, std::uint32_t priority) {
  LabelCandidate c;
  c.anchor = {x, y};
  c.width = w;
  c.height = h;
  c.priority = priority;
  return c;
}

std::vector<LabelCandidate> scattered(std::uint32_t seed, std::size_t n) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<double> where(0, 200000), width(20, 120);
  std::uniform_int_distribution<std::uint32_t> rank(0, 50);
  std::vector<LabelCandidate> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(label(where(random), where(random), width(random), 14, rank(random)));
  return out;
}

// The boxes as drawn at `scale`, grown by the padding on each side, overlap.
bool overlap(const LabelCandidate& a, const LabelCandidate& b, double scale, double padding) {
  const double dx = std::abs(a.anchor.x - b.anchor.x) * scale, dy = std::abs(a.anchor.y - b.anchor.y) * scale;
  return dx < (a.width + b.width) / 2 + 2 * padding && dy < (a.height + b.height) / 2 + 2 * padding;
}

TEST(Labels, TheHigherPriorityWinsWhateverTheOrder) {
  // 1 px per metre: boxes 40 px wide, 10 px apart.
  const std::vector<LabelCandidate> a{label(0, 0, 40, 12, 5), label(10, 0, 40, 12, 1)};
  EXPECT_EQ(core::placeLabels(a, 1.0), (std::vector<std::uint32_t>{1}));
  const std::vector<LabelCandidate> b{label(10, 0, 40, 12, 1), label(0, 0, 40, 12, 5)};
  EXPECT_EQ(core::placeLabels(b, 1.0), (std::vector<std::uint32_t>{0}));
}

TEST(Labels, ZoomingInMakesRoom) {
  const std::vector<LabelCandidate> c{label(0, 0, 40, 12, 0), label(100, 0, 40, 12, 1)};
  EXPECT_EQ(core::placeLabels(c, 0.2).size(), 1u);  // 20 px apart: one of them
  EXPECT_EQ(core::placeLabels(c, 1.0).size(), 2u);  // 100 px apart: both
}

TEST(Labels, PaddingKeepsNeighboursApart) {
  // 40 px boxes 42 px apart: 2 px of gap, less than twice the 3 px padding.
  const std::vector<LabelCandidate> c{label(0, 0, 40, 12, 0), label(42, 0, 40, 12, 1)};
  EXPECT_EQ(core::placeLabels(c, 1.0).size(), 1u);
  EXPECT_EQ(core::placeLabels(c, 1.0, {.padding = 0.5}).size(), 2u);
}

TEST(Labels, ScaleRangeAndBadInputAreSkipped) {
  std::vector<LabelCandidate> c{label(0, 0, 40, 12, 0), label(1000, 0, 40, 12, 0), label(std::nan(""), 0, 40, 12, 0)};
  c[0].min_scale = 2;
  c[1].max_scale = 1;
  EXPECT_TRUE(core::placeLabels(c, 1.0).size() == 0u);
  EXPECT_EQ(core::placeLabels(c, 0.5), (std::vector<std::uint32_t>{1}));
  EXPECT_TRUE(core::placeLabels(c, 0).empty());
}

TEST(Labels, NoTwoPlacedLabelsOverlap) {
  const auto c = scattered(7, 3000);
  for (double scale : {0.002, 0.01, 0.05}) {
    const auto placed = core::placeLabels(c, scale);
    ASSERT_FALSE(placed.empty());
    for (std::size_t i = 0; i < placed.size(); ++i)
      for (std::size_t j = i + 1; j < placed.size(); ++j)
        ASSERT_FALSE(overlap(c[placed[i]], c[placed[j]], scale, 3)) << placed[i] << " and " << placed[j];
  }
}

TEST(Labels, EveryLeftOutLabelHadAReason) {
  // Greedy and maximal: each candidate left out overlaps one placed before it.
  const auto c = scattered(11, 2000);
  const double scale = 0.01;
  const auto placed = core::placeLabels(c, scale);
  std::vector<bool> shown(c.size());
  for (auto i : placed) shown[i] = true;
  for (std::uint32_t i = 0; i < c.size(); ++i) {
    if (shown[i]) continue;
    const bool blocked = std::any_of(placed.begin(), placed.end(), [&](std::uint32_t k) {
      return (c[k].priority < c[i].priority || (c[k].priority == c[i].priority && k < i)) && overlap(c[k], c[i], scale, 3);
    });
    EXPECT_TRUE(blocked) << "label " << i << " was left out with room for it";
  }
}

TEST(Labels, AnOffsetMovesTheBox) {
  // Two dots 30 px apart with names 40 px wide: centred they collide, side by side they fit.
  std::vector<LabelCandidate> c{label(0, 0, 40, 12, 0), label(30, 0, 40, 12, 1)};
  EXPECT_EQ(core::placeLabels(c, 1.0).size(), 1u);
  c[0].offsets[0] = {-30, 0};
  c[1].offsets[0] = {30, 0};
  EXPECT_EQ(core::placeLabels(c, 1.0).size(), 2u);
}

TEST(Labels, TheFirstOffsetThatFits) {
  // The second name would sit on the first; its second offset, below, is free.
  std::vector<LabelCandidate> c{label(0, 0, 40, 12, 0), label(0, 0, 40, 12, 1)};
  c[1].offsets = {core::Point{0, 0}, core::Point{0, 20}};
  c[1].offset_count = 2;
  std::vector<std::uint8_t> variants;
  EXPECT_EQ(core::placeLabels(c, 1.0, {}, {}, &variants), (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(variants, (std::vector<std::uint8_t>{0, 1}));
}

TEST(Labels, KeepOutAreasOfOtherZones) {
  std::vector<LabelCandidate> c{label(0, 0, 40, 12, 0), label(0, 200, 40, 12, 0)};
  c[1].zone = 1;
  const std::vector<core::KeepOut> inset{{core::Bounds::of(-50, 150, 50, 250), 1}};  // around the second
  EXPECT_EQ(core::placeLabels(c, 1.0, {}, inset), (std::vector<std::uint32_t>{0, 1}));
  c[0].anchor = {0, 160};  // the first one (zone 0) moves into zone 1's area
  EXPECT_EQ(core::placeLabels(c, 1.0, {}, inset), (std::vector<std::uint32_t>{1}));
  c[1].anchor = {40, 200};  // zone 1's own name would stick out of its area
  EXPECT_TRUE(core::placeLabels(c, 1.0, {}, inset).empty());
}

TEST(Labels, PanningChangesNothing) {
  auto c = scattered(3, 1500);
  const auto before = core::placeLabels(c, 0.02);
  for (auto& l : c) l.anchor = {l.anchor.x + 123456.7, l.anchor.y - 98765.4};
  EXPECT_EQ(core::placeLabels(c, 0.02), before);
}

}  // namespace
