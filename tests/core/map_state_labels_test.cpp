// The map's names (MapState::labels): what is named at which scale, never two over each
// other, nothing of the mainland inside an inset, every overseas inset titled by a name, and
// panning that moves no name. Text is measured as 7 px per character at 15 px; expected names
// come from the gazetteer and the COG (geodata/lieux.csv, contexte.geojson), not from the map.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include "map_state.h"
#include "test_support.h"
#include "text.h"

namespace {

using core::LabelKind;
using core::MapState;
using core::Territory;

std::string geodata(const char* name) { return test_support::readFile(std::string(CATALYSEURS_GEODATA_DIR) + "/" + name); }

class MapStateLabelsTest : public testing::Test {
 protected:
  void load(MapState& s, double width, double height) {
    core::LoadReport report;
    s.resize(width, height);
    s.load(core::DataKind::Regions, geodata("territoires.geojson"), report);
    s.load(core::DataKind::Catalyseurs, test_support::fixture("geojson/seven-catalyseurs.geojson"), report);
    s.load(core::DataKind::Context, geodata("contexte.geojson"), report);
    s.load(core::DataKind::Places, geodata("lieux.csv"), report);
    s.setTextMeasure({[](std::string_view t) { return 7.0 * static_cast<double>(core::text::codePointCount(t)); }, 15, 18});
  }
  void SetUp() override { load(state, 1280, 800); }

  std::set<std::string> named(LabelKind kind) const {
    std::set<std::string> out;
    for (const auto& l : state.labels())
      if (l.kind == kind) out.emplace(l.text);
    return out;
  }

  core::Projector projector;
  MapState state{projector};
};

bool overlap(const core::DrawnLabel& a, const core::DrawnLabel& b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

void expectNoOverlap(const MapState& s) {
  const auto& labels = s.labels();
  for (std::size_t i = 0; i < labels.size(); ++i)
    for (std::size_t j = i + 1; j < labels.size(); ++j)
      EXPECT_FALSE(overlap(labels[i], labels[j])) << labels[i].text << " over " << labels[j].text;
}

TEST_F(MapStateLabelsTest, TheOverviewNamesRegionsAndTheirCapitals) {
  const auto regions = named(LabelKind::Region);
  EXPECT_GE(regions.size(), 10u) << "most of the 13 mainland regions";
  for (const char* r : {"Bretagne", "Occitanie", "Grand Est", "Nouvelle-Aquitaine"}) EXPECT_TRUE(regions.count(r)) << r;
  EXPECT_TRUE(named(LabelKind::Departement).empty()) << "départements come at the regional scale";
  // Regions' chefs-lieux, by the COG (lieux.csv), where the region's own name leaves room.
  std::size_t capitals = 0;
  for (const char* c : {"Lyon", "Marseille", "Toulouse", "Bordeaux", "Nantes", "Rennes", "Lille", "Strasbourg", "Dijon",
                        "Rouen", "Orléans", "Ajaccio", "Paris"})
    capitals += named(LabelKind::Commune).count(c);
  EXPECT_GE(capitals, 5u);
  EXPECT_TRUE(named(LabelKind::Pays).count("Espagne"));
  expectNoOverlap(state);
}

TEST_F(MapStateLabelsTest, EveryOverseasInsetIsTitledByAName) {
  for (auto [width, height] : {std::pair{1280.0, 800.0}, std::pair{390.0, 844.0}}) {
    MapState s(projector);
    load(s, width, height);
    std::set<std::string> titles;
    for (const auto& l : s.labels())
      if (l.kind == LabelKind::Territoire) titles.emplace(l.text);
    for (Territory t : {Territory::Guadeloupe, Territory::Martinique, Territory::Guyane, Territory::Reunion, Territory::Mayotte}) {
      const auto& info = core::info(t);
      EXPECT_TRUE(titles.count(std::string(info.name_fr)) || titles.count(std::string(info.short_fr)) ||
                  titles.count(std::string(info.tiny_fr)))
          << info.name_fr << " at " << width << "×" << height;
    }
    expectNoOverlap(s);
  }
}

TEST_F(MapStateLabelsTest, DepartementsAtTheRegionalScale) {
  state.centerOn({-2.9, 48.2}, 300);  // Brittany
  const auto departements = named(LabelKind::Departement);
  for (const char* d : {"Finistère", "Morbihan", "Ille-et-Vilaine", "Côtes-d’Armor"}) EXPECT_TRUE(departements.count(d)) << d;
  EXPECT_TRUE(named(LabelKind::Region).empty());
  const auto communes = named(LabelKind::Commune);
  for (const char* c : {"Rennes", "Quimper", "Vannes"}) EXPECT_TRUE(communes.count(c)) << c;  // préfectures
  expectNoOverlap(state);
}

TEST_F(MapStateLabelsTest, EveryCommuneCloseUp) {
  // 25 km across Quimper: the préfecture and the small communes around it, down to those of
  // about a thousand inhabitants (the gazetteer's smallest).
  state.centerOn({-4.10, 48.00}, 25);
  const auto communes = named(LabelKind::Commune);
  for (const char* c : {"Quimper", "Ergué-Gabéric", "Plomelin", "Pluguffan"}) EXPECT_TRUE(communes.count(c)) << c;
  expectNoOverlap(state);
}

TEST_F(MapStateLabelsTest, TheDromAreNamedInsideTheirInsets) {
  state.centerOn({55.50, -21.0}, 80);  // La Réunion
  EXPECT_TRUE(named(LabelKind::Commune).count("Saint-Denis"));
  expectNoOverlap(state);
}

TEST_F(MapStateLabelsTest, PanningMovesNoName) {
  state.centerOn({2.35, 48.85}, 120);
  auto before = state.labels();
  state.panBy(3, -2);
  const auto& after = state.labels();
  ASSERT_FALSE(before.empty());
  std::size_t same = 0;
  for (const auto& b : before)
    for (const auto& a : after)
      if (a.text == b.text && std::abs(a.x - b.x - 3) < 1e-6 && std::abs(a.y - b.y + 2) < 1e-6) ++same;
  EXPECT_GE(same + 2, before.size()) << "only names at the viewport's edge may come or go";
}

TEST_F(MapStateLabelsTest, NoMainlandNameInsideAnInset) {
  const auto& insets = state.scene().layout.insets();
  for (const auto& l : state.labels()) {
    if (l.kind == LabelKind::Territoire) continue;
    for (const auto& inset : insets) {
      const core::Point a = state.camera().planeToScreen({inset.frame.min_x, inset.frame.max_y});
      const core::Point b = state.camera().planeToScreen({inset.frame.max_x, inset.frame.min_y});
      const bool inside = l.x < b.x && a.x < l.x + l.width && l.y < b.y && a.y < l.y + l.height;
      if (inside) EXPECT_EQ(l.territory, inset.territory) << l.text << " inside the inset of " << core::info(inset.territory).slug;
    }
  }
}

TEST_F(MapStateLabelsTest, NoMeasureNoNames) {
  MapState s(projector);
  core::LoadReport report;
  s.resize(800, 600);
  s.load(core::DataKind::Regions, geodata("territoires.geojson"), report);
  s.load(core::DataKind::Catalyseurs, test_support::fixture("geojson/seven-catalyseurs.geojson"), report);
  EXPECT_TRUE(s.labels().empty());
  EXPECT_TRUE(s.setTextMeasure({}).isRefused());
}

}  // namespace

// With the shipped directory: its markers and bubbles are drawn over the names, so the names
// make room for them. A marker is 13 px wide; a bubble 11 px in radius, 3 more per tenfold.
class MapStateLabelsAroundMarkersTest : public MapStateLabelsTest {
 protected:
  void SetUp() override {
    core::LoadReport report;
    state.resize(1280, 800);
    state.load(core::DataKind::Regions, geodata("territoires.geojson"), report);
    state.load(core::DataKind::Catalyseurs, geodata("catalyseurs.geojson"), report);
    state.load(core::DataKind::Context, geodata("contexte.geojson"), report);
    state.load(core::DataKind::Places, geodata("lieux.csv"), report);
    state.setTextMeasure({[](std::string_view t) { return 7.0 * static_cast<double>(core::text::codePointCount(t)); }, 15, 18});
  }

  // Names drawn over a marker or a bubble (the disc against the name's box).
  std::vector<std::string> namesOverMarkers() const {
    std::vector<std::string> out;
    for (const auto& l : state.labels()) {
      for (const auto& d : state.items()) {
        const double r = d.item.count > 1 ? 11 + 3 * std::log10(static_cast<double>(d.item.count)) : 6.5;
        const double nx = std::clamp(d.screen.x, l.x, l.x + l.width), ny = std::clamp(d.screen.y, l.y, l.y + l.height);
        if (std::hypot(nx - d.screen.x, ny - d.screen.y) < r)
          out.push_back(std::string(l.text) + (d.item.count > 1 ? " over a bubble" : " over a marker"));
      }
    }
    return out;
  }
};

TEST_F(MapStateLabelsAroundMarkersTest, TheOverviewNamesNothingUnderABubble) {
  EXPECT_EQ(namesOverMarkers(), std::vector<std::string>{});
  // About half the 13 mainland regions: Île-de-France and the Nord are covered in bubbles.
  EXPECT_GE(named(LabelKind::Region).size(), 6u) << "regions' names find room off their bubbles";
  expectNoOverlap(state);
}

TEST_F(MapStateLabelsAroundMarkersTest, ACommuneWithACatalyseurIsNamedBesideItsMarker) {
  state.centerOn({-1.68, 48.11}, 20);  // Rennes, two catalyseurs
  EXPECT_EQ(namesOverMarkers(), std::vector<std::string>{});
  EXPECT_TRUE(named(LabelKind::Commune).count("Rennes"));
  state.centerOn({4.84, 45.76}, 40);  // Lyon
  EXPECT_EQ(namesOverMarkers(), std::vector<std::string>{});
  EXPECT_TRUE(named(LabelKind::Commune).count("Lyon"));
}

TEST_F(MapStateLabelsAroundMarkersTest, NamesMakeRoomAgainWhenTheFiltersChangeTheMarkers) {
  state.centerOn({2.35, 48.85}, 150);
  const auto before = named(LabelKind::Commune);
  core::Filters only;
  only.metiers = {"lieu"};
  state.setFilters(only);
  EXPECT_EQ(namesOverMarkers(), std::vector<std::string>{});
  EXPECT_GE(named(LabelKind::Commune).size(), before.size()) << "fewer markers leave at least as much room";
}

TEST_F(MapStateLabelsAroundMarkersTest, AFarPanMakesRoomForTheMarkersItBrings) {
  state.centerOn({-1.68, 48.11}, 60);
  for (int i = 0; i < 30; ++i) state.panBy(-200, 0);  // eastwards, far beyond where it started
  EXPECT_EQ(namesOverMarkers(), std::vector<std::string>{});
}

TEST_F(MapStateLabelsTest, NoNameUnderThePageControlsOrTheOverlays) {
  state.centerOn({4.84, 45.76}, 30);  // Lyon: names everywhere
  const core::Bounds controls = core::Bounds::of(1180, 0, 1280, 400);
  auto under = [&](const core::Bounds& b) {
    std::vector<std::string> out;
    for (const auto& l : state.labels())
      if (core::Bounds::of(l.x, l.y, l.x + l.width, l.y + l.height).intersects(b)) out.emplace_back(l.text);
    return out;
  };
  ASSERT_FALSE(under(controls).empty()) << "names there before the controls come";
  state.setChrome({controls});
  EXPECT_EQ(under(controls), std::vector<std::string>{});
  state.setOverlaySizes({.attribution = {200, 18}, .attribution_short = {80, 18}, .scale_bar = {100, 24}});
  ASSERT_TRUE(state.overlays().attribution.has_value());
  EXPECT_EQ(under(*state.overlays().attribution), std::vector<std::string>{});
}
