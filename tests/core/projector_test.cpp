#include "projector.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <vector>

#include "test_support.h"

namespace {

using core::LonLat;
using core::Projector;
using core::Territory;

// Reference values come from PROJ's cs2cs with the full database (see
// tests/fixtures/projection/generate.sh); we run with the trimmed one, so this also proves
// the trimming kept every operation that matters.
TEST(Projector, MatchesCs2csInEveryTerritory) {
  Projector projector;
  const auto rows = test_support::readTsv(std::string(CATALYSEURS_FIXTURES_DIR) + "/projection/reference.tsv");
  ASSERT_GE(rows.size(), 29u);
  std::set<std::string> territories;
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 7u);
    const auto territory = core::territoryFromSlug(row[0]);
    ASSERT_TRUE(territory) << row[0];
    territories.insert(row[0]);
    EXPECT_EQ(core::info(*territory).epsg, std::stoi(row[4])) << row[1];
    const auto xy = projector.forward(*territory, {std::stod(row[2]), std::stod(row[3])});
    ASSERT_TRUE(xy) << row[1] << ": " << xy.error().message;
    // cs2cs printed millimetres.
    EXPECT_NEAR(xy->x, std::stod(row[5]), 0.0006) << row[1];
    EXPECT_NEAR(xy->y, std::stod(row[6]), 0.0006) << row[1];
  }
  EXPECT_EQ(territories.size(), core::kTerritoryCount);
}

// The run version must give forward()'s results exactly, in every territory: the scene
// projects its outlines with it, the rest of the core point by point.
TEST(Projector, RunInPlaceMatchesPointByPoint) {
  Projector projector;
  const auto rows = test_support::readTsv(std::string(CATALYSEURS_FIXTURES_DIR) + "/projection/reference.tsv");
  for (const auto& t : core::allTerritories()) {
    std::vector<core::Point> run;
    for (const auto& row : rows)
      if (row[0] == t.slug) run.push_back({std::stod(row[2]), std::stod(row[3])});
    run.push_back(t.lonlat_extent.center());
    const std::vector<core::Point> lonlat = run;
    const auto count = projector.forwardInPlace(t.territory, run);
    ASSERT_TRUE(count) << t.slug << ": " << count.error().message;
    EXPECT_EQ(*count, run.size());
    for (std::size_t i = 0; i < run.size(); ++i) {
      const auto xy = projector.forward(t.territory, {lonlat[i].x, lonlat[i].y});
      ASSERT_TRUE(xy) << t.slug;
      EXPECT_EQ(run[i].x, xy->x) << t.slug << " #" << i;
      EXPECT_EQ(run[i].y, xy->y) << t.slug << " #" << i;
    }
  }
  std::vector<core::Point> none;
  EXPECT_TRUE(projector.forwardInPlace(Territory::Metropole, none));
}

TEST(Projector, RunWithABadPointNamesIt) {
  Projector projector;
  std::vector<core::Point> run{{2, 46}, {3, 47}, {NAN, 45}};
  const auto count = projector.forwardInPlace(Territory::Metropole, run);
  ASSERT_FALSE(count);
  EXPECT_NE(count.error().message.find("point 3"), std::string::npos) << count.error().message;
  // Beyond the projection's reach: the pole is outside Lambert-93's ellipsoidal formulas.
  std::vector<core::Point> far{{2, 46}, {0, -90}};
  const auto outside = projector.forwardInPlace(Territory::Metropole, far);
  ASSERT_FALSE(outside);
  EXPECT_NE(outside.error().message.find("point 2"), std::string::npos) << outside.error().message;
}

TEST(Projector, InverseReturnsTheStartingPoint) {
  Projector projector;
  for (const auto& t : core::allTerritories()) {
    const core::Point c = t.lonlat_extent.center();
    const auto xy = projector.forward(t.territory, {c.x, c.y});
    ASSERT_TRUE(xy) << t.slug;
    const auto back = projector.inverse(t.territory, *xy);
    ASSERT_TRUE(back) << t.slug;
    EXPECT_NEAR(back->lon, c.x, 1e-9) << t.slug;
    EXPECT_NEAR(back->lat, c.y, 1e-9) << t.slug;
  }
}

TEST(Projector, ToulouseInLambert93) {
  // The value TOOLCHAIN notes verified natively and in wasm.
  Projector projector;
  const auto xy = projector.forward(Territory::Metropole, {1.4442, 43.6047});
  ASSERT_TRUE(xy);
  EXPECT_NEAR(xy->x, 574357.820, 0.001);
  EXPECT_NEAR(xy->y, 6279642.972, 0.001);
}

TEST(Projector, NonFiniteInputIsAnErrorNotACrash) {
  Projector projector;
  EXPECT_FALSE(projector.forward(Territory::Metropole, {NAN, 45}));
  EXPECT_FALSE(projector.forward(Territory::Metropole, {2, INFINITY}));
  EXPECT_FALSE(projector.inverse(Territory::Reunion, {NAN, 0}));
}

TEST(Projector, ReportsItsVersion) { EXPECT_EQ(Projector::projVersion(), "9.1.1"); }

}  // namespace
