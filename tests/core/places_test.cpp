#include "places.h"

#include <gtest/gtest.h>

#include <cmath>

#include "geodesy.h"
#include "test_support.h"

namespace {

using core::Place;

const core::Gazetteer& gazetteer() {
  static const core::Gazetteer g = [] {
    std::string error;
    auto parsed = core::Gazetteer::parse(test_support::readFile(std::string(CATALYSEURS_GEODATA_DIR) + "/communes.csv"), error);
    if (!parsed) throw std::runtime_error(error);
    return std::move(*parsed);
  }();
  return g;
}

class PlacesTest : public testing::Test {
 protected:
  void SetUp() override {
    index.addCommunes(gazetteer());
    // Names and numbers of the Code officiel géographique.
    index.addDepartement("29", "Finistère", {-4.05, 48.25});
    index.addDepartement("2A", "Corse-du-Sud", {8.98, 41.86});
    index.addDepartement("974", "La Réunion", {55.53, -21.13});
    index.addDepartement("31", "Haute-Garonne", {1.17, 43.3});
  }
  core::PlaceIndex index;
};

std::vector<std::string> codes(const std::vector<const Place*>& places) {
  std::vector<std::string> out;
  for (const Place* p : places) out.push_back(p->code);
  return out;
}

TEST(PlacesFile, TheMapsPlacesFileRanksTheChefsLieux) {
  core::PlaceIndex index;
  std::string error;
  ASSERT_TRUE(index.readCommunes(test_support::readFile(std::string(CATALYSEURS_GEODATA_DIR) + "/lieux.csv"), error)) << error;
  EXPECT_EQ(index.communes().size(), gazetteer().size());  // one row per commune of the gazetteer
  const auto seat = [&](const char* name) { return index.find(name).at(0)->seat; };
  EXPECT_EQ(seat("Rennes"), Place::Seat::Region);        // Bretagne
  EXPECT_EQ(seat("Quimper"), Place::Seat::Departement);  // Finistère
  EXPECT_EQ(seat("Morlaix"), Place::Seat::Arrondissement);
  EXPECT_EQ(index.find("Quimper").at(0)->departement, "29");
  EXPECT_FALSE(index.readCommunes("code_insee,nom\n", error));
  EXPECT_NE(error.find("ligne 1"), std::string::npos);
  EXPECT_FALSE(index.readCommunes("code_insee,nom,lon,lat,population,chef_lieu\n29232,Quimper,x,48,1,\n", error));
  EXPECT_NE(error.find("ligne 2"), std::string::npos);
}

TEST_F(PlacesTest, ACommuneByItsName) {
  const auto found = index.find("Quimper");
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0]->code, "29232");
  EXPECT_EQ(found[0]->departement, "29");
  EXPECT_EQ(found[0]->kind, Place::Kind::Commune);
}

TEST_F(PlacesTest, OneLetterOffStillFindsIt) {
  EXPECT_EQ(codes(index.find("toulouze")), (std::vector<std::string>{"31555"}));  // changed
  EXPECT_EQ(codes(index.find("toulose")), (std::vector<std::string>{"31555"}));   // missing
  EXPECT_EQ(codes(index.find("toulousse")), (std::vector<std::string>{"31555"})); // doubled
  EXPECT_EQ(codes(index.find("tuolouse")), (std::vector<std::string>{"31555"}));  // swapped
  EXPECT_TRUE(index.find("tolouze").empty());                                      // two off
}

TEST_F(PlacesTest, ShortQueriesMustBeExact) {
  EXPECT_FALSE(index.find("Metz").empty());
  EXPECT_TRUE(index.find("Mezt").empty());
}

TEST_F(PlacesTest, ADepartementByNameOrNumber) {
  EXPECT_EQ(codes(index.find("finistere")), (std::vector<std::string>{"29"}));
  EXPECT_EQ(codes(index.find("29")), (std::vector<std::string>{"29"}));
  EXPECT_EQ(codes(index.find("2a")), (std::vector<std::string>{"2A"}));
  EXPECT_EQ(index.find("974")[0]->kind, Place::Kind::Departement);
  EXPECT_TRUE(index.find("99").empty());
}

TEST_F(PlacesTest, NamesheldBySeveralCommunesComeMostPopulousFirst) {
  const auto found = index.find("Saint-Denis");
  ASSERT_GE(found.size(), 2u);
  for (std::size_t i = 1; i < found.size(); ++i) EXPECT_GE(found[i - 1]->population, found[i]->population);
  const auto all = codes(found);
  EXPECT_NE(std::find(all.begin(), all.end(), "93066"), all.end());
  EXPECT_NE(std::find(all.begin(), all.end(), "97411"), all.end());
  EXPECT_LE(found.size(), 3u);
}

TEST_F(PlacesTest, ExactBeforeTypoAndNothingForNonsense) {
  // « Brest » is a commune; communes one letter away from it come after, if any.
  const auto found = index.find("Brest");
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0]->code, "29019");
  EXPECT_TRUE(index.find("").empty());
  EXPECT_TRUE(index.find("zzzzzzqq").empty());
}

TEST(WithinOneEdit, TheFourKindsOfEdit) {
  using core::detail::withinOneEdit;
  EXPECT_TRUE(withinOneEdit("quimper", "quimper"));
  EXPECT_TRUE(withinOneEdit("quimper", "quimpr"));
  EXPECT_TRUE(withinOneEdit("quimper", "quimperr"));
  EXPECT_TRUE(withinOneEdit("quimper", "qiumper"));
  EXPECT_TRUE(withinOneEdit("quimper", "quimpex"));
  EXPECT_FALSE(withinOneEdit("quimper", "qiumpre"));
  EXPECT_FALSE(withinOneEdit("quimper", "quim"));
  EXPECT_TRUE(withinOneEdit("", "a"));
}

// Expected lengths from PROJ's geod command (geod +ellps=WGS84 -I), a separate program.
TEST(Geodesy, DistancesOnTheEllipsoid) {
  EXPECT_NEAR(core::geodesicDistance({2.3522, 48.8566}, {4.8357, 45.7640}), 391712.705, 0.01);    // Paris–Lyon
  EXPECT_NEAR(core::geodesicDistance({-4.1020, 47.9960}, {-4.4861, 48.3904}), 52332.666, 0.01);   // Quimper–Brest
  EXPECT_NEAR(core::geodesicDistance({55.4481, -20.8823}, {55.4781, -21.3393}), 50694.247, 0.01); // Saint-Denis–Saint-Pierre
  EXPECT_EQ(core::geodesicDistance({1, 2}, {1, 2}), 0);
  EXPECT_TRUE(std::isnan(core::geodesicDistance({std::nan(""), 0}, {0, 0})));
  EXPECT_TRUE(std::isnan(core::geodesicDistance({0, 95}, {0, 0})));
}

}  // namespace
