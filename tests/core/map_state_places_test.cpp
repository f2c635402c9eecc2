// MapState's list and places: « Autour de Quimper », « Autour de moi », « Dans la zone
// affichée », centring on a place, and the cluster click that never zooms in vain. The data
// is tests/fixtures/geojson/seven-catalyseurs.geojson (see map_state_test.cpp) and the
// shipped gazetteer; distances are checked against PROJ's geod command.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "map_state.h"
#include "test_support.h"

namespace {

using core::Change;
using core::MapState;
using core::Point;
using core::Territory;

class MapStatePlacesTest : public testing::Test {
 protected:
  void SetUp() override { load(test_support::fixture("geojson/seven-catalyseurs.geojson")); }

  void load(const std::string& catalyseurs) {
    core::LoadReport report;
    state.resize(1280, 800);
    state.load(core::DataKind::Regions, test_support::readFile(std::string(CATALYSEURS_GEODATA_DIR) + "/territoires.geojson"), report);
    state.load(core::DataKind::Catalyseurs, catalyseurs, report);
    ASSERT_FALSE(report.fatal);
    state.load(core::DataKind::Places, test_support::readFile(std::string(CATALYSEURS_GEODATA_DIR) + "/lieux.csv"), report);
    ASSERT_FALSE(report.fatal) << *report.fatal;
    ASSERT_GT(report.accepted, 8000u);
  }

  std::uint32_t index(const char* id) const { return *state.indexOf(id); }
  std::string id(std::uint32_t index) const { return state.catalyseurs()[index].id; }
  Point lambert93(double lon, double lat) const { return *projector.forward(Territory::Metropole, {lon, lat}); }
  double visibleWidthMetres() const { return state.camera().viewportWidth() / state.camera().scale(); }

  core::Projector projector;
  MapState state{projector};
};

TEST_F(MapStatePlacesTest, CenterOnShowsAboutTheWidthAsked) {
  EXPECT_TRUE(state.centerOn({4.8357, 45.7640}, 10).has(Change::View));
  const Point lyon = lambert93(4.8357, 45.7640);
  EXPECT_NEAR(state.camera().center().x, lyon.x, 0.01);
  EXPECT_NEAR(state.camera().center().y, lyon.y, 0.01);
  EXPECT_NEAR(visibleWidthMetres(), 10000, 1e-6);
}

TEST_F(MapStatePlacesTest, CenterOnFindsTheInset) {
  ASSERT_TRUE(state.centerOn({55.4481, -20.8823}, 20).has(Change::View));  // Saint-Denis, La Réunion
  const core::Inset* reunion = state.scene().layout.inset(Territory::Reunion);
  ASSERT_NE(reunion, nullptr);
  EXPECT_TRUE(reunion->frame.contains(state.camera().center()));
  EXPECT_NEAR(visibleWidthMetres(), 20000 * reunion->scale, 1e-6);  // a kilometre of it is drawn `scale` long
  EXPECT_TRUE(state.centerOn({-30, 40}, 10).isRefused());           // the Atlantic
  EXPECT_TRUE(state.centerOn({2.35, 48.85}, 0).isRefused());
}

TEST_F(MapStatePlacesTest, ContextLayersArePlacedLikeTheScene) {
  core::LoadReport report;
  state.load(core::DataKind::Context, test_support::readFile(std::string(CATALYSEURS_GEODATA_DIR) + "/contexte.geojson"), report);
  ASSERT_FALSE(report.fatal);
  EXPECT_TRUE(report.issues.empty());
  // 96 mainland départements and the 5 DROM, whose insets always exist.
  EXPECT_EQ(state.context().departements.size(), 101u);
  // Finistère's name sits in Brittany, in Lambert-93 like the rest of the mainland.
  const auto finistere = std::find_if(state.context().departements.begin(), state.context().departements.end(),
                                      [](const core::SceneRegion& d) { return d.code == "29"; });
  ASSERT_NE(finistere, state.context().departements.end());
  const auto region = state.scene().regionAt(finistere->label);
  ASSERT_TRUE(region);
  EXPECT_EQ(state.scene().regions[*region].code, "53");
  // Neighbouring land only for territories that have an inset: Guyane's, not Saint-Martin's.
  bool belgique = false, suriname = false, sint_maarten = false;
  for (const auto& p : state.context().pays) {
    belgique = belgique || p.code == "BE";
    suriname = suriname || p.code == "SR";
    sint_maarten = sint_maarten || p.code == "SX";
    EXPECT_FALSE(p.triangles.empty()) << p.code << " is filled";
  }
  EXPECT_TRUE(belgique && suriname);
  EXPECT_FALSE(sint_maarten);
  // The search knows the départements now.
  state.search("Finistère");
  ASSERT_FALSE(state.placeMatches().empty());
  EXPECT_EQ(state.placeMatches()[0]->kind, core::Place::Kind::Departement);
  EXPECT_EQ(state.placeMatches()[0]->code, "29");
}

TEST_F(MapStatePlacesTest, ASearchNamesThePlace) {
  EXPECT_TRUE(state.search("Quimper").has(Change::Filters));
  ASSERT_FALSE(state.placeMatches().empty());
  EXPECT_EQ(state.placeMatches()[0]->code, "29232");
  EXPECT_TRUE(state.matching().empty());  // no catalyseur in Quimper
  state.search("rennes");
  EXPECT_EQ(state.placeMatches()[0]->code, "35238");
  EXPECT_EQ(state.matching().size(), 1u);  // and one catalyseur there
}

TEST_F(MapStatePlacesTest, AroundAPlaceListsByDistance) {
  state.search("Quimper");
  const auto changes = state.around(std::size_t{0});
  EXPECT_TRUE(changes.has(Change::List));
  EXPECT_TRUE(changes.has(Change::View));
  EXPECT_EQ(state.query(), "");  // every catalyseur the filters keep is listed
  ASSERT_EQ(state.listed().size(), 7u);
  EXPECT_EQ(id(state.listed()[0]), "rennes");
  EXPECT_NEAR(state.distance(index("rennes")), 181015.468, 1);     // geod: Quimper → Rennes
  EXPECT_NEAR(state.distance(index("marseille")), 903502.243, 1);  // geod: Quimper → Marseille
  for (std::size_t i = 1; i < state.listed().size(); ++i)
    EXPECT_LE(state.distance(state.listed()[i - 1]), state.distance(state.listed()[i]));
  ASSERT_TRUE(state.origin());
  EXPECT_EQ(state.origin()->nom, "Quimper");
  EXPECT_EQ(state.origin()->departement, "29");
  EXPECT_TRUE(state.around(std::size_t{5}).isRefused());
}

TEST_F(MapStatePlacesTest, AroundMeOutsideFranceSortsButDoesNotMove) {
  const Point before = state.camera().center();
  const auto changes = state.around(core::LonLat{-0.1276, 51.5072});  // London
  EXPECT_TRUE(changes.has(Change::List));
  EXPECT_FALSE(changes.has(Change::View));
  EXPECT_EQ(state.camera().center().x, before.x);
  EXPECT_EQ(id(state.listed()[0]).substr(0, 5), "paris");
  EXPECT_EQ(state.clearAround(), core::Changes(Change::List));
  EXPECT_EQ(state.listed(), state.matching());
  EXPECT_TRUE(std::isnan(state.distance(0)));
}

TEST_F(MapStatePlacesTest, TheListCanFollowTheView) {
  const Point lyon = lambert93(4.8357, 45.7640);
  state.setView(lyon.x, lyon.y, 150);  // Lyon and Villeurbanne only
  EXPECT_EQ(state.setListInView(true), core::Changes(Change::List));
  EXPECT_EQ(state.listed().size(), 2u);
  EXPECT_EQ(state.matching().size(), 7u);  // the count of what matches does not change
  const auto moved = state.panBy(5000, 0);  // far to the east of Lyon: nothing
  EXPECT_TRUE(moved.has(Change::List));
  EXPECT_TRUE(state.listed().empty());
  state.setListInView(false);
  EXPECT_EQ(state.listed().size(), 7u);
}

TEST_F(MapStatePlacesTest, AClusterThatZoomingCannotSplitFansOut) {
  // Villeurbanne's entry moved to 30 m from Lyon's: apart, but closer than the deepest zoom
  // can separate (44 px at 400 times the overview).
  std::string text = test_support::fixture("geojson/seven-catalyseurs.geojson");
  const std::string from = "[4.8795, 45.7719]", to = "[4.8359, 45.7642]";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), to);
  load(text);
  const Point lyon = lambert93(4.8357, 45.7640);
  state.setView(lyon.x, lyon.y, 1e9);  // as close as the camera goes
  const auto& items = state.items();
  const auto cluster = std::find_if(items.begin(), items.end(), [](const core::MapItem& m) { return m.item.count == 2; });
  ASSERT_NE(cluster, items.end());
  EXPECT_FALSE(state.clusterZooms(cluster->item));
  const double scale = state.camera().scale();
  EXPECT_EQ(state.activate(*cluster), core::Changes(Change::Drawing));
  EXPECT_EQ(state.camera().scale(), scale);
  int fanned = 0;
  for (const auto& item : state.items()) fanned += item.leg_from.has_value();
  EXPECT_EQ(fanned, 2);
}

TEST_F(MapStatePlacesTest, EveryClusterClickSplitsOrFans) {
  // From the overview, clicking the cluster holding Lyon again and again: each click zooms
  // onto it or fans it out, and it comes apart within a few clicks.
  for (int click = 0; click < 6; ++click) {
    const auto& items = state.items();
    const Point lyon = state.camera().planeToScreen(lambert93(4.8357, 45.7640));
    const auto cluster = std::find_if(items.begin(), items.end(), [&](const core::MapItem& m) {
      return m.item.isCluster() && std::hypot(m.screen.x - lyon.x, m.screen.y - lyon.y) < 50;
    });
    if (cluster == items.end()) return;  // apart
    const double scale = state.camera().scale();
    const core::MapItem item = *cluster;
    const auto changes = state.activate(item);
    EXPECT_TRUE(state.clusterZooms(item.item) ? state.camera().scale() > scale : changes.has(Change::Drawing));
  }
  ADD_FAILURE() << "the cluster holding Lyon never came apart";
}

}  // namespace
