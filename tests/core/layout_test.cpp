#include "layout.h"

#include <gtest/gtest.h>

#include <cmath>

#include "test_support.h"

namespace {

using core::Territory;

class LayoutTest : public testing::Test {
 protected:
  core::Projector projector;

  core::Layout build(std::vector<Territory> territories) {
    std::vector<core::Layout::InsetRequest> requests;
    for (auto t : territories) requests.push_back({t, {}});
    auto layout = core::Layout::build(projector, requests);
    EXPECT_TRUE(layout) << layout.error().message;
    return *layout;
  }
};

TEST_F(LayoutTest, MainlandIsLambert93Itself) {
  const auto layout = build({Territory::Guadeloupe});
  const core::Point toulouse{574357.820, 6279642.972};
  const auto plane = layout.toPlane(Territory::Metropole, toulouse);
  EXPECT_DOUBLE_EQ(plane.x, toulouse.x);
  EXPECT_DOUBLE_EQ(plane.y, toulouse.y);
  const auto back = layout.fromPlane(plane);
  EXPECT_EQ(back.territory, Territory::Metropole);
}

TEST_F(LayoutTest, InsetsKeepTheirScaleAndDoNotOverlap) {
  const auto layout = build({Territory::Guadeloupe, Territory::Martinique, Territory::Guyane,
                             Territory::Reunion, Territory::Mayotte, Territory::NouvelleCaledonie,
                             Territory::PolynesieFrancaise, Territory::WallisEtFutuna,
                             Territory::SaintPierreEtMiquelon, Territory::SaintMartin,
                             Territory::SaintBarthelemy});
  ASSERT_EQ(layout.insets().size(), 11u);
  // West of Ouessant (Lambert-93 x ≈ 100 km): no inset may cover mainland France.
  for (const auto& inset : layout.insets()) EXPECT_LT(inset.frame.max_x, 100e3);
  for (std::size_t i = 0; i < layout.insets().size(); ++i)
    for (std::size_t j = i + 1; j < layout.insets().size(); ++j)
      EXPECT_FALSE(layout.insets()[i].frame.intersects(layout.insets()[j].frame));

  // Two points 1 km apart in Guadeloupe's CRS are 1.5 km apart in the plane (DESIGN §4).
  const auto a = layout.toPlane(Territory::Guadeloupe, {650000, 1780000});
  const auto b = layout.toPlane(Territory::Guadeloupe, {651000, 1780000});
  EXPECT_NEAR(std::hypot(b.x - a.x, b.y - a.y), 1500, 1e-6);
  const auto c = layout.toPlane(Territory::Guyane, {300000, 500000});
  const auto d = layout.toPlane(Territory::Guyane, {300000, 501000});
  EXPECT_NEAR(std::hypot(d.x - c.x, d.y - c.y), 350, 1e-6);
}

TEST_F(LayoutTest, ContentSitsInsideItsFrame) {
  const auto layout = build({Territory::Reunion, Territory::Mayotte});
  for (const auto& inset : layout.insets()) {
    const auto lo = layout.toPlane(inset.territory, {inset.content.min_x, inset.content.min_y});
    const auto hi = layout.toPlane(inset.territory, {inset.content.max_x, inset.content.max_y});
    EXPECT_TRUE(inset.frame.contains(lo));
    EXPECT_TRUE(inset.frame.contains(hi));
  }
}

// Every reference point goes lon/lat → plane → lon/lat, and lands in its own territory.
TEST_F(LayoutTest, RoundTripsThroughThePlane) {
  std::vector<Territory> all;
  for (const auto& t : core::allTerritories()) all.push_back(t.territory);
  const auto layout = build(all);
  const auto rows = test_support::readTsv(std::string(CATALYSEURS_FIXTURES_DIR) + "/projection/reference.tsv");
  for (const auto& row : rows) {
    const auto territory = *core::territoryFromSlug(row[0]);
    const core::LonLat lonlat{std::stod(row[2]), std::stod(row[3])};
    const auto plane = layout.lonLatToPlane(projector, territory, lonlat);
    ASSERT_TRUE(plane) << row[1];
    EXPECT_TRUE(layout.territoryBounds(territory).contains(*plane)) << row[1];
    Territory found = Territory::Metropole;
    const auto back = layout.planeToLonLat(projector, *plane, &found);
    ASSERT_TRUE(back) << row[1];
    EXPECT_EQ(found, territory) << row[1];
    EXPECT_NEAR(back->lon, lonlat.lon, 1e-9) << row[1];
    EXPECT_NEAR(back->lat, lonlat.lat, 1e-9) << row[1];
  }
}

TEST_F(LayoutTest, TerritoryWithoutInsetIsRefused) {
  const auto layout = build({Territory::Guadeloupe});
  EXPECT_FALSE(layout.placed(Territory::NouvelleCaledonie));
  EXPECT_FALSE(layout.lonLatToPlane(projector, Territory::NouvelleCaledonie, {166.45, -22.27}));
}

TEST_F(LayoutTest, ManyInsetsWrapIntoASecondColumn) {
  core::LayoutOptions tall;
  tall.column_bottom = 6.8e6;  // a short column forces wrapping
  std::vector<core::Layout::InsetRequest> requests;
  for (auto t : {Territory::Guadeloupe, Territory::Martinique, Territory::Guyane, Territory::Reunion,
                 Territory::Mayotte})
    requests.push_back({t, {}});
  auto layout = core::Layout::build(projector, requests, tall);
  ASSERT_TRUE(layout);
  double min_right = 1e300, max_right = -1e300;
  for (const auto& inset : layout->insets()) {
    min_right = std::min(min_right, inset.frame.max_x);
    max_right = std::max(max_right, inset.frame.max_x);
  }
  EXPECT_LT(min_right, max_right);  // two distinct columns
}

}  // namespace

namespace {

TEST_F(LayoutTest, SouthPlacementPutsRowsUnderTheMainland) {
  const auto south = core::LayoutOptions::portrait();
  std::vector<core::Layout::InsetRequest> requests;
  for (const auto& t : core::allTerritories())
    if (t.territory != Territory::Metropole) requests.push_back({t.territory, {}});
  auto layout = core::Layout::build(projector, requests, south);
  ASSERT_TRUE(layout);
  ASSERT_EQ(layout->insets().size(), core::kTerritoryCount - 1);
  // Bonifacio, the southernmost mainland point, is at Lambert-93 y ≈ 6.05e6 (cs2cs).
  for (const auto& inset : layout->insets()) {
    EXPECT_LT(inset.frame.max_y, 6.04e6) << core::info(inset.territory).slug;
    EXPECT_GE(inset.frame.min_x, south.row_left);
    EXPECT_LE(inset.frame.max_x, south.row_right);
    EXPECT_GE(inset.frame.width(), south.min_frame_width);
  }
  for (std::size_t i = 0; i < layout->insets().size(); ++i)
    for (std::size_t j = i + 1; j < layout->insets().size(); ++j)
      EXPECT_FALSE(layout->insets()[i].frame.intersects(layout->insets()[j].frame));
  // Round trip through a southern inset.
  const auto plane = layout->lonLatToPlane(projector, Territory::Reunion, {55.4481, -20.8789});
  ASSERT_TRUE(plane);
  Territory found = Territory::Metropole;
  const auto back = layout->planeToLonLat(projector, *plane, &found);
  ASSERT_TRUE(back);
  EXPECT_EQ(found, Territory::Reunion);
  EXPECT_NEAR(back->lon, 55.4481, 1e-9);
}

}  // namespace
