#include "scene.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace {

using core::Territory;

class SceneTest : public testing::Test {
 protected:
  core::Projector projector;
};

TEST_F(SceneTest, DromAlwaysGetInsetsAndComOnlyWithData) {
  const auto regions = core::loadRegions(test_support::fixture("geojson/regions-mixed.geojson"));
  const auto catalyseurs = core::loadCatalyseurs(test_support::fixture("geojson/catalyseurs-good.geojson"));
  auto scene = core::buildScene(projector, regions.items, catalyseurs.items);
  ASSERT_TRUE(scene) << scene.error().message;
  for (auto t : {Territory::Guadeloupe, Territory::Martinique, Territory::Guyane, Territory::Reunion,
                 Territory::Mayotte})
    EXPECT_TRUE(scene->layout.placed(t));
  EXPECT_TRUE(scene->layout.placed(Territory::NouvelleCaledonie));  // a catalyseur in Nouméa
  EXPECT_FALSE(scene->layout.placed(Territory::PolynesieFrancaise));
  EXPECT_EQ(scene->markers.size(), 3u);
  EXPECT_TRUE(scene->issues.empty());
}

TEST_F(SceneTest, RegionsAreTriangulatedAndPlaced) {
  const auto regions = core::loadRegions(test_support::fixture("geojson/regions-mixed.geojson"));
  auto scene = core::buildScene(projector, regions.items, {});
  ASSERT_TRUE(scene);
  ASSERT_EQ(scene->regions.size(), 2u);
  const auto& reunion = scene->regions[1];
  EXPECT_EQ(reunion.territory, Territory::Reunion);
  // A square with a square hole: 8 vertices, 8 triangles.
  EXPECT_EQ(reunion.vertices.size(), 8u);
  EXPECT_EQ(reunion.triangles.size(), 8u * 3);
  EXPECT_EQ(reunion.ring_starts, (std::vector<std::uint32_t>{0, 4, 8}));
  const auto* inset = scene->layout.inset(Territory::Reunion);
  ASSERT_NE(inset, nullptr);
  for (const auto& v : reunion.vertices) EXPECT_TRUE(inset->frame.contains(v));
  EXPECT_TRUE(scene->home.contains(reunion.bounds.center()));
  EXPECT_TRUE(scene->home.contains(scene->regions[0].bounds.center()));
}

}  // namespace
