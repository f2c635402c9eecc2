#include "geojson.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace {

using test_support::fixture;

TEST(LoadCatalyseurs, ReadsEveryPropertyOfValidFeatures) {
  const auto loaded = core::loadCatalyseurs(fixture("geojson/catalyseurs-good.geojson"));
  ASSERT_FALSE(loaded.fatal) << *loaded.fatal;
  EXPECT_TRUE(loaded.issues.empty());
  ASSERT_EQ(loaded.items.size(), 3u);
  const auto& first = loaded.items[0];
  EXPECT_EQ(first.id, "le-catalyseur");
  EXPECT_EQ(first.structure, "academique");
  EXPECT_EQ(first.metiers, (std::vector<std::string>{"lieu", "accompagnement"}));
  EXPECT_DOUBLE_EQ(first.lon, 1.4442);
  EXPECT_DOUBLE_EQ(first.lat, 43.6047);
  EXPECT_FALSE(first.demo);
  const auto& second = loaded.items[1];
  EXPECT_EQ(second.nom, "Réseau fictif de La Réunion");
  EXPECT_EQ(second.site, "https://example.org/reunion");
  EXPECT_EQ(second.territoire, "Nord de La Réunion");
  EXPECT_TRUE(second.demo);
  EXPECT_TRUE(loaded.items[2].thematiques.empty());
}

// Each bad feature is reported at its own index with a reason naming the faulty field,
// and the good features around them are kept.
TEST(LoadCatalyseurs, ReportsEachBadFeatureAndKeepsTheRest) {
  const auto loaded = core::loadCatalyseurs(fixture("geojson/catalyseurs-mixed.geojson"));
  ASSERT_FALSE(loaded.fatal);
  const auto expected = test_support::readTsv(std::string(CATALYSEURS_FIXTURES_DIR) +
                                              "/geojson/catalyseurs-mixed.expected.tsv");
  ASSERT_EQ(loaded.issues.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(loaded.issues[i].index, std::stoul(expected[i][0]));
    EXPECT_NE(loaded.issues[i].reason.find(expected[i][1]), std::string::npos)
        << "feature " << expected[i][0] << ": " << loaded.issues[i].reason;
  }
  ASSERT_EQ(loaded.items.size(), 2u);
  EXPECT_EQ(loaded.items[0].id, "le-catalyseur");
  EXPECT_EQ(loaded.items[1].id, "demo-reunion");
}

TEST(LoadCatalyseurs, UnreadableDocumentsAreFatalWithAPosition) {
  const auto not_json = core::loadCatalyseurs(fixture("geojson/not-json.geojson"));
  ASSERT_TRUE(not_json.fatal);
  EXPECT_NE(not_json.fatal->find("ligne 4"), std::string::npos) << *not_json.fatal;
  EXPECT_TRUE(not_json.items.empty());

  const auto feature = core::loadCatalyseurs(fixture("geojson/not-a-collection.geojson"));
  ASSERT_TRUE(feature.fatal);
  EXPECT_NE(feature.fatal->find("FeatureCollection"), std::string::npos);

  const auto empty = core::loadCatalyseurs(fixture("geojson/empty.geojson"));
  ASSERT_TRUE(empty.fatal);
  EXPECT_NE(empty.fatal->find("vide"), std::string::npos) << *empty.fatal;

  const auto latin1 = core::loadCatalyseurs(fixture("geojson/bad-utf8.geojson"));
  ASSERT_TRUE(latin1.fatal);
  EXPECT_NE(latin1.fatal->find("UTF-8"), std::string::npos) << *latin1.fatal;
}

TEST(LoadCatalyseurs, RoundTripsThroughItsOwnWriter) {
  const auto loaded = core::loadCatalyseurs(fixture("geojson/catalyseurs-good.geojson"));
  std::string collection = R"({"type":"FeatureCollection","features":[)";
  for (std::size_t i = 0; i < loaded.items.size(); ++i) {
    if (i) collection += ",";
    collection += core::toGeoJsonFeature(loaded.items[i]);
  }
  collection += "]}";
  const auto again = core::loadCatalyseurs(collection);
  ASSERT_FALSE(again.fatal);
  ASSERT_TRUE(again.issues.empty()) << again.issues[0].reason;
  ASSERT_EQ(again.items.size(), loaded.items.size());
  for (std::size_t i = 0; i < loaded.items.size(); ++i) {
    EXPECT_EQ(again.items[i].id, loaded.items[i].id);
    EXPECT_EQ(again.items[i].nom, loaded.items[i].nom);
    EXPECT_EQ(again.items[i].site, loaded.items[i].site);
    EXPECT_EQ(again.items[i].thematiques, loaded.items[i].thematiques);
    EXPECT_NEAR(again.items[i].lon, loaded.items[i].lon, 5e-6);
    EXPECT_EQ(again.items[i].demo, loaded.items[i].demo);
  }
}

TEST(LoadRegions, ReadsPolygonsWithHolesAndMultiPolygons) {
  const auto loaded = core::loadRegions(fixture("geojson/regions-mixed.geojson"));
  ASSERT_FALSE(loaded.fatal);
  ASSERT_EQ(loaded.items.size(), 2u);
  const auto& corse = loaded.items[0];
  EXPECT_EQ(corse.code, "94");
  EXPECT_EQ(corse.territory, core::Territory::Metropole);
  ASSERT_EQ(corse.polygons.size(), 2u);
  EXPECT_EQ(corse.polygons[0].rings[0].size(), 4u);  // closing point dropped
  const auto& reunion = loaded.items[1];
  EXPECT_EQ(reunion.nom, "La Réunion");
  EXPECT_EQ(reunion.territory, core::Territory::Reunion);
  ASSERT_EQ(reunion.polygons.size(), 1u);
  EXPECT_EQ(reunion.polygons[0].rings.size(), 2u);

  ASSERT_EQ(loaded.issues.size(), 3u);
  EXPECT_EQ(loaded.issues[0].index, 2u);
  EXPECT_NE(loaded.issues[0].reason.find("non fermé"), std::string::npos) << loaded.issues[0].reason;
  EXPECT_EQ(loaded.issues[1].index, 3u);
  EXPECT_NE(loaded.issues[1].reason.find("incohérent"), std::string::npos) << loaded.issues[1].reason;
  EXPECT_EQ(loaded.issues[2].index, 4u);
  EXPECT_NE(loaded.issues[2].reason.find("Polygon"), std::string::npos) << loaded.issues[2].reason;
}

// The basemap the map ships must load whole.
TEST(LoadRegions, ShippedBasemapLoadsWithoutIssues) {
  const auto loaded = core::loadRegions(test_support::readFile(std::string(CATALYSEURS_GEODATA_DIR) + "/territoires.geojson"));
  ASSERT_FALSE(loaded.fatal) << *loaded.fatal;
  EXPECT_TRUE(loaded.issues.empty()) << loaded.issues[0].reason;
  // 13 mainland regions and 5 DROM at least; COM outlines on top.
  EXPECT_GE(loaded.items.size(), 18u);
}

}  // namespace

namespace {

TEST(LoadCatalyseurs, NamesABrokenFeatureByItsId) {
  const auto loaded = core::loadCatalyseurs(
      R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"sans-geometrie"}}]})");
  ASSERT_EQ(loaded.issues.size(), 1u);
  EXPECT_EQ(loaded.issues[0].id, "sans-geometrie");
  EXPECT_NE(loaded.issues[0].reason.find("géométrie"), std::string::npos);
}

}  // namespace
