#include "legend.h"

#include <gtest/gtest.h>

namespace {

using core::CountClass;

struct ScaleCase {
  double pixels_per_km;
  double metres;  // the longest of 1, 2, 5 × 10^k metres that fits in 120 px
};

class ScaleBarTest : public testing::TestWithParam<ScaleCase> {};

TEST_P(ScaleBarTest, RoundsDownToOneTwoOrFive) {
  const auto [pixels_per_km, metres] = GetParam();
  const core::ScaleBar bar = core::scaleBar(pixels_per_km / 1000);
  EXPECT_DOUBLE_EQ(bar.metres, metres);
  EXPECT_NEAR(bar.pixels, metres * pixels_per_km / 1000, 1e-9);
  if (metres > 1) EXPECT_LE(bar.pixels, 120 + 1e-9);
}

INSTANTIATE_TEST_SUITE_P(Scales, ScaleBarTest,
                         testing::Values(ScaleCase{1, 100000},      // 100 km = 100 px
                                         ScaleCase{12.3, 5000},     // 10 km would be 123 px
                                         ScaleCase{0.5, 200000},    // 200 km = 100 px
                                         ScaleCase{0.2, 500000},    // 500 km = 100 px
                                         ScaleCase{1200, 100},      // 100 m = 120 px exactly
                                         ScaleCase{400000, 1}));    // closer than a metre

TEST(ScaleBar, NoScaleGivesNoBar) {
  EXPECT_DOUBLE_EQ(core::scaleBar(0).pixels, 0);
  EXPECT_DOUBLE_EQ(core::scaleBar(-1).pixels, 0);
}

TEST(Choropleth, ClassesAreFifthsOfTheLargestCount) {
  // 5c - 1 < (k + 1) · 10: two counts per class.
  EXPECT_EQ(core::choroplethLegend(10),
            (std::vector<CountClass>{{0, 1, 2}, {1, 3, 4}, {2, 5, 6}, {3, 7, 8}, {4, 9, 10}}));
  EXPECT_EQ(core::choroplethClass(10, 10), 4u);
  EXPECT_EQ(core::choroplethClass(2, 10), 0u);
  EXPECT_EQ(core::choroplethClass(3, 10), 1u);
}

TEST(Choropleth, SmallMaximaLeaveClassesOut) {
  // max 3: 1 → (5-1)/3 = 1, 2 → 9/3 = 3, 3 → 14/3 = 4.
  EXPECT_EQ(core::choroplethLegend(3), (std::vector<CountClass>{{1, 1, 1}, {3, 2, 2}, {4, 3, 3}}));
  EXPECT_EQ(core::choroplethLegend(1), (std::vector<CountClass>{{4, 1, 1}}));
  EXPECT_TRUE(core::choroplethLegend(0).empty());
}

TEST(Choropleth, LargeCountsDoNotOverflow) {
  EXPECT_EQ(core::choroplethClass(4000000000u, 4000000000u), 4u);
  EXPECT_EQ(core::choroplethClass(1, 4000000000u), 0u);
}

}  // namespace
