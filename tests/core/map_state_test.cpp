// The map's policies, natively: what each command does to the state. Expected values come
// from the geometry of the data written below (positions projected with PROJ on their own,
// counts by hand), never from MapState's own output.
#include "map_state.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include "test_support.h"
#include "text.h"

namespace {

using core::Change;
using core::Changes;
using core::KeyCommand;
using core::MapState;
using core::Point;
using core::Territory;

// tests/fixtures/geojson/seven-catalyseurs.geojson: Paris twice at the very same spot (they
// can only be fanned out), Lyon and Villeurbanne 3.5 km apart (one cluster at the overview,
// two markers close up), and one entry in each of Brittany (Rennes, accompagnement then
// dialogue), Provence (Marseille, fictitious) and La Réunion (Saint-Denis).
constexpr std::size_t kEntries = 7;

std::string catalyseursFixture() { return test_support::fixture("geojson/seven-catalyseurs.geojson"); }

class MapStateTest : public testing::Test {
 protected:
  void SetUp() override { loadAll(state); }

  void loadAll(MapState& s, double width = 1280, double height = 800) {
    s.resize(width, height);
    core::LoadReport report;
    s.load(core::DataKind::Regions, test_support::readFile(std::string(CATALYSEURS_GEODATA_DIR) + "/territoires.geojson"), report);
    ASSERT_FALSE(report.fatal);
    s.load(core::DataKind::Catalyseurs, catalyseursFixture(), report);
    ASSERT_FALSE(report.fatal) << *report.fatal;
    ASSERT_EQ(report.accepted, kEntries);
    ASSERT_TRUE(s.ready());
  }

  std::uint32_t index(const char* id) const { return *state.indexOf(id); }

  // Lambert-93 metres: the mainland's plane coordinates are its legal CRS's.
  Point lambert93(double lon, double lat) const { return *projector.forward(Territory::Metropole, {lon, lat}); }

  std::vector<std::string> matchingIds() const {
    std::vector<std::string> ids;
    for (auto i : state.matching()) ids.push_back(state.catalyseurs()[i].id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  // The drawn item standing for a catalyseur: its own marker, or the cluster holding it.
  std::optional<core::MapItem> itemHolding(std::uint32_t catalyseur, std::uint32_t count) const {
    for (const auto& item : state.items()) {
      if (item.item.count != count) continue;
      const Point s = state.camera().planeToScreen(positionOf(catalyseur));
      if (std::hypot(item.screen.x - s.x, item.screen.y - s.y) < 60) return item;
    }
    return std::nullopt;
  }

  Point positionOf(std::uint32_t catalyseur) const {
    for (const auto& m : state.scene().markers)
      if (m.catalyseur == catalyseur) return m.plane;
    ADD_FAILURE() << "no marker for " << catalyseur;
    return {};
  }

  Point center() const { return {state.camera().viewportWidth() / 2, state.camera().viewportHeight() / 2}; }

  core::Projector projector;
  MapState state{projector};
};

// ---- Data -----------------------------------------------------------------------------

TEST_F(MapStateTest, SceneWaitsForBothFiles) {
  MapState s(projector);
  core::LoadReport report;
  s.resize(800, 600);
  s.load(core::DataKind::Catalyseurs, catalyseursFixture(), report);
  EXPECT_EQ(report.accepted, kEntries);
  EXPECT_FALSE(s.ready());
  EXPECT_TRUE(s.home().isRefused());
}

TEST_F(MapStateTest, InvalidEntriesAreReportedAndTheRestKept) {
  std::string text = catalyseursFixture();
  const std::size_t at = text.find("\"entreprise\"");  // Lyon's, the third entry
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 12, "\"fondation\"");  // not a structure
  MapState s(projector);
  core::LoadReport report;
  s.load(core::DataKind::Catalyseurs, text, report);
  EXPECT_EQ(report.accepted, kEntries - 1);
  ASSERT_EQ(report.issues.size(), 1u);
  EXPECT_EQ(report.issues[0].index, 2u);
  EXPECT_FALSE(s.indexOf("lyon"));
  EXPECT_TRUE(s.indexOf("villeurbanne"));
}

TEST_F(MapStateTest, UnreadableRegionsAreFatal) {
  MapState s(projector);
  core::LoadReport report;
  s.load(core::DataKind::Regions, "{ pas du json", report);
  EXPECT_TRUE(report.fatal);
}

TEST_F(MapStateTest, PrimaryMetierIsTheFirstListed) {
  EXPECT_EQ(state.primaryMetier(index("rennes")), core::Metier::Accompagnement);
  EXPECT_EQ(state.primaryMetier(index("lyon")), core::Metier::Experimentation);
  EXPECT_TRUE(state.hasDemoEntries());  // Marseille's entry is fictitious
}

// ---- Filters, search, counts ----------------------------------------------------------

TEST_F(MapStateTest, FiltersOrWithinAGroupAndAndAcross) {
  EXPECT_EQ(state.setFilters({{"dialogue"}, {}, {}, {}}), Changes(Change::Filters));
  EXPECT_EQ(matchingIds(), (std::vector<std::string>{"paris-a", "rennes", "saint-denis"}));
  state.setFilters({{"dialogue", "lieu"}, {}, {}, {}});
  EXPECT_EQ(matchingIds(), (std::vector<std::string>{"marseille", "paris-a", "paris-b", "rennes", "saint-denis"}));
  state.setFilters({{"dialogue", "lieu"}, {}, {}, {"11"}});
  EXPECT_EQ(matchingIds(), (std::vector<std::string>{"paris-a", "paris-b"}));
}

TEST_F(MapStateTest, SameFiltersChangeNothing) {
  state.setFilters({{"lieu"}, {}, {}, {}});
  EXPECT_FALSE(state.setFilters({{"lieu"}, {}, {}, {}}).any());
  EXPECT_FALSE(state.search("").any());
}

TEST_F(MapStateTest, UnknownFilterValuesAreDroppedAndReported) {
  std::vector<std::string> rejected;
  state.setFilters({{"dialogue", "licorne"}, {}, {"fondation"}, {"99"}}, &rejected);
  EXPECT_EQ(rejected, (std::vector<std::string>{"licorne", "fondation", "99"}));
  EXPECT_EQ(state.filters().metiers, (std::vector<std::string>{"dialogue"}));
  EXPECT_TRUE(state.filters().structure.empty());
  EXPECT_EQ(state.matching().size(), 3u);
}

TEST_F(MapStateTest, FacetCountsIgnoreTheirOwnGroup) {
  state.setFilters({{"dialogue"}, {}, {}, {}});
  auto count = [](const std::vector<core::FacetCount>& counts, std::string_view value) {
    for (const auto& c : counts)
      if (c.value == value) return c.count;
    return std::size_t{999};
  };
  const auto& f = state.facets();
  // Métiers as if none were ticked: every entry counts once per métier it has.
  EXPECT_EQ(count(f.metiers, "dialogue"), 3u);
  EXPECT_EQ(count(f.metiers, "experimentation"), 2u);
  EXPECT_EQ(count(f.metiers, "accompagnement"), 1u);
  EXPECT_EQ(count(f.metiers, "lieu"), 2u);
  // Regions among the dialogue entries only.
  EXPECT_EQ(count(f.region, "11"), 1u);
  EXPECT_EQ(count(f.region, "53"), 1u);
  EXPECT_EQ(count(f.region, "04"), 1u);
  EXPECT_EQ(count(f.region, "84"), 0u);
}

TEST_F(MapStateTest, SearchIgnoresAccentsAndCase) {
  EXPECT_TRUE(state.search("RÉUNION").has(Change::Filters));
  EXPECT_EQ(matchingIds(), (std::vector<std::string>{"saint-denis"}));
  state.search("cooperative");
  EXPECT_EQ(matchingIds(), (std::vector<std::string>{"lyon"}));
}

// A pasted page of text is cut to kMaxSearchChars characters, never inside one.
TEST_F(MapStateTest, SearchTextIsCutToTwoHundredCharacters) {
  std::string text = "réunion ";
  while (core::text::codePointCount(text) < 190) text += "é";
  text += std::string(9, 'x') + "€";  // the 200th character is three bytes long
  const std::string cut = text;
  for (int i = 0; i < 100'000; ++i) text += "œ";
  state.search(text);
  EXPECT_EQ(state.query(), cut);
  EXPECT_EQ(core::text::codePointCount(state.query()), core::kMaxSearchChars);
  EXPECT_TRUE(core::text::isValidUtf8(state.query()));
  // The same search again, however long the rest: nothing changes.
  EXPECT_FALSE(state.search(cut + "zzz").has(Change::Filters));
  state.search("RÉUNION");
  EXPECT_EQ(matchingIds(), (std::vector<std::string>{"saint-denis"}));
}

TEST_F(MapStateTest, RegionCountsFollowTheFilters) {
  auto countOf = [&](std::string_view code) {
    for (std::size_t r = 0; r < state.scene().regions.size(); ++r)
      if (state.scene().regions[r].code == code) return state.regionCounts()[r];
    return 999u;
  };
  EXPECT_EQ(countOf("11"), 2u);
  EXPECT_EQ(countOf("84"), 2u);
  EXPECT_EQ(countOf("04"), 1u);
  EXPECT_EQ(countOf("76"), 0u);
  EXPECT_EQ(state.regionalMax(), 2u);
  state.setFilters({{}, {}, {"entreprise"}, {}});
  EXPECT_EQ(countOf("11"), 0u);
  EXPECT_EQ(countOf("84"), 2u);
}

TEST_F(MapStateTest, ResetClearsFiltersSearchAndRegionalView) {
  state.setFilters({{"lieu"}, {}, {}, {}});
  state.search("paris");
  state.setRegional(true);
  const Changes changes = state.reset();
  EXPECT_TRUE(changes.has(Change::Filters));
  EXPECT_TRUE(changes.has(Change::Regional));
  EXPECT_TRUE(state.filters().empty());
  EXPECT_EQ(state.query(), "");
  EXPECT_FALSE(state.regional());
  EXPECT_EQ(state.matching().size(), kEntries);
  EXPECT_FALSE(state.reset().any());
}

TEST_F(MapStateTest, ListShowsOnePageMoreAtATime) {
  core::MapStateOptions options;
  options.list_page = 2;
  MapState s(projector, options);
  loadAll(s);
  EXPECT_EQ(s.listPage().size(), 2u);
  EXPECT_EQ(s.showMore(), Changes(Change::List));
  EXPECT_EQ(s.listPage().size(), 4u);
  s.showMore();
  s.showMore();
  EXPECT_EQ(s.listPage().size(), kEntries);
  EXPECT_FALSE(s.showMore().any());
  s.search("paris");  // a new result starts from the first page again
  s.search("");
  EXPECT_EQ(s.listPage().size(), 2u);
}

// ---- Selection and hover --------------------------------------------------------------

TEST_F(MapStateTest, UnknownIdIsRefused) {
  EXPECT_TRUE(state.selectId("inconnu").isRefused());
  EXPECT_FALSE(state.selected());
  EXPECT_TRUE(state.selectId("lyon").has(Change::Selection));
  EXPECT_EQ(state.selected(), index("lyon"));
  EXPECT_TRUE(state.selectId("").has(Change::Selection));
  EXPECT_FALSE(state.selected());
}

TEST_F(MapStateTest, OpeningACardBringsAnOffScreenMarkerIntoView) {
  const Point lyon = lambert93(4.8357, 45.7640);
  state.setView(lambert93(-1.6778, 48.1173).x, lambert93(-1.6778, 48.1173).y, 100);  // close on Rennes
  const double scale = state.camera().scale();
  const Changes changes = state.selectId("lyon");
  EXPECT_TRUE(changes.has(Change::View));
  EXPECT_NEAR(state.camera().center().x, lyon.x, 0.01);
  EXPECT_NEAR(state.camera().center().y, lyon.y, 0.01);
  EXPECT_DOUBLE_EQ(state.camera().scale(), scale);
}

TEST_F(MapStateTest, OpeningACardLeavesAVisibleMarkerWhereItIs) {
  const Point before = state.camera().center();
  EXPECT_EQ(state.selectId("lyon"), Changes(Change::Selection));
  EXPECT_EQ(state.camera().center().x, before.x);
}

TEST_F(MapStateTest, ACardNeverHidesItsMarker) {
  // The card's place on the right of the map, over Lyon as the overview shows it.
  const Point lyon = state.camera().planeToScreen(lambert93(4.8357, 45.7640));
  const double right = std::max(lyon.x + 200, 1280.0 - 24);
  state.setCardSlot(core::Bounds::of(lyon.x - 100, 12, right, 788));
  const double scale = state.camera().scale();
  EXPECT_TRUE(state.selectId("lyon").has(Change::View));
  const auto at = state.drawnAt(index("lyon"));
  ASSERT_TRUE(at);
  // Just out of the card, on its left, the nearest way out: the map moves as little as it can.
  EXPECT_NEAR(at->x, lyon.x - 100 - 40, 1e-6);
  EXPECT_NEAR(at->y, lyon.y, 1e-6);
  EXPECT_DOUBLE_EQ(state.camera().scale(), scale);
  // A marker already clear of the card stays where it is: Villeurbanne, by Lyon.
  const Point villeurbanne = *state.drawnAt(index("villeurbanne"));
  EXPECT_EQ(state.selectId("villeurbanne"), Changes(Change::Selection));
  EXPECT_NEAR(state.drawnAt(index("villeurbanne"))->x, villeurbanne.x, 1e-9);
}

TEST_F(MapStateTest, MapHoverGoesWithThePointerButListHoverStays) {
  state.hoverId("rennes", core::HoverSource::Map);
  EXPECT_EQ(state.pointerLeft(), Changes(Change::Hover));
  EXPECT_FALSE(state.hovered());
  state.hoverId("rennes", core::HoverSource::List);
  EXPECT_FALSE(state.pointerLeft().any());
  EXPECT_EQ(state.hovered(), index("rennes"));
}

// ---- View -----------------------------------------------------------------------------

// The overview's box on screen.
core::Bounds homeOnScreen(const MapState& s) {
  const core::Bounds home = s.scene().home;
  const Point a = s.camera().planeToScreen({home.min_x, home.max_y});
  const Point b = s.camera().planeToScreen({home.max_x, home.min_y});
  return core::Bounds::of(a.x, a.y, b.x, b.y);
}

bool overlap(const core::Bounds& a, const core::Bounds& b) {
  return a.min_x < b.max_x && b.min_x < a.max_x && a.min_y < b.max_y && b.min_y < a.max_y;
}

TEST_F(MapStateTest, OverviewKeepsClearOfTheControlsAndTheOverlays) {
  const core::Bounds controls = core::Bounds::of(1144, 12, 1268, 282);  // a column at the top right
  state.setChrome({controls});
  state.setOverlaySizes(test_support::overlaySizes());
  const core::OverlayLayout& o = state.overlays();
  ASSERT_TRUE(o.attribution && o.scale_bar && o.legend && o.badge);
  const core::Bounds home = homeOnScreen(state);
  // 24 px from the edges, from the controls and from every overlay.
  EXPECT_GE(home.min_x, 24 - 1e-6);
  EXPECT_GE(home.min_y, 24 - 1e-6);
  EXPECT_LE(home.max_x, 1280 - 24 + 1e-6);
  EXPECT_LE(home.max_y, 800 - 24 + 1e-6);
  for (const auto& box : {controls, *o.attribution, *o.scale_bar, *o.legend, *o.badge})
    EXPECT_FALSE(overlap(home, box.inflated(24 - 1e-6)));
  // As large as that allows: tight against the padding on one axis.
  const core::Padding& p = o.padding;
  const bool tight_x = std::abs(home.width() - (1280 - p.left - p.right)) < 1e-6;
  const bool tight_y = std::abs(home.height() - (800 - p.top - p.bottom)) < 1e-6;
  EXPECT_TRUE(tight_x || tight_y);
}

TEST_F(MapStateTest, AnUnmovedOverviewFollowsItsFrame) {
  const double scale = state.camera().scale();
  // A bar of controls across the top: the overview moves down and shrinks, and that is no
  // move of the user's (the address keeps no view for it).
  const Changes changes = state.setChrome({core::Bounds::of(0, 0, 1280, 200)});
  EXPECT_TRUE(changes.has(Change::Drawing));
  EXPECT_FALSE(changes.has(Change::View));
  EXPECT_LT(state.camera().scale(), scale);
  EXPECT_GE(homeOnScreen(state).min_y, 200 + 24 - 1e-6);
  // A larger window: still the overview, fitted again.
  state.resize(1600, 1000);
  EXPECT_GE(homeOnScreen(state).min_y, 200 + 24 - 1e-6);
  EXPECT_NEAR(homeOnScreen(state).max_y, 1000 - 24, 1e-6);
  // Once the user has moved the map, the frame changing leaves the view alone.
  state.panBy(10, 0);
  const Point center = state.camera().center();
  const double moved_scale = state.camera().scale();
  EXPECT_FALSE(state.setChrome({}).has(Change::Drawing));
  EXPECT_EQ(state.camera().center().x, center.x);
  EXPECT_EQ(state.camera().scale(), moved_scale);
  // « Vue d’ensemble » fits it again, clear of what covers the map then.
  state.home();
  EXPECT_NEAR(homeOnScreen(state).min_y, 24, 1e-6);
}

TEST_F(MapStateTest, ASmallMapCollapsesItsLegendAndOpensItOnRequest) {
  MapState s(projector);
  loadAll(s, 400, 300);
  s.setChrome({core::Bounds::of(8, 8, 96, 44), core::Bounds::of(184, 8, 392, 44)});
  EXPECT_TRUE(s.setOverlaySizes(test_support::overlaySizes()).has(Change::Overlays));
  ASSERT_TRUE(s.overlays().legend_collapsed);
  EXPECT_FALSE(s.overlays().legend);
  const double scale = s.camera().scale();
  // Opened, it takes room above its toggle, and the overview makes room for it.
  EXPECT_TRUE(s.setLegendOpen(true).has(Change::Overlays));
  ASSERT_TRUE(s.overlays().legend);
  EXPECT_TRUE(s.legendOpen());
  EXPECT_LT(s.camera().scale(), scale);
  EXPECT_FALSE(overlap(homeOnScreen(s), *s.overlays().legend));
  EXPECT_FALSE(s.setLegendOpen(true).any());
  EXPECT_TRUE(s.setLegendOpen(false).has(Change::Overlays));
  EXPECT_NEAR(s.camera().scale(), scale, scale * 1e-12);
}

TEST_F(MapStateTest, SmallMapsKeepLessPaddingRoundTheOverview) {
  // 4 % of the shorter side, at least 10 px, at most 24.
  for (const auto [width, height, padding] : {std::tuple{400.0, 300.0, 12.0}, std::tuple{200.0, 150.0, 10.0}, std::tuple{1600.0, 1000.0, 24.0}}) {
    MapState s(projector);
    loadAll(s, width, height);
    const core::Bounds home = homeOnScreen(s);
    // Tight on one axis, with the padding on both sides.
    const bool tight_x = std::abs(home.min_x - padding) < 1e-6 && std::abs(width - home.max_x - padding) < 1e-6;
    const bool tight_y = std::abs(home.min_y - padding) < 1e-6 && std::abs(height - home.max_y - padding) < 1e-6;
    EXPECT_TRUE(tight_x || tight_y) << width << " × " << height;
  }
}

TEST_F(MapStateTest, ControlsThatAreNotBoxesAreRefused) {
  EXPECT_TRUE(state.setChrome({core::Bounds::of(0, 0, std::nan(""), 10)}).isRefused());
  EXPECT_TRUE(state.setChrome({core::Bounds::of(10, 10, 0, 0)}).isRefused());
  EXPECT_TRUE(state.chrome().empty());
}

TEST_F(MapStateTest, PortraitScreensPutTheInsetsUnderTheMainland) {
  MapState s(projector);
  loadAll(s, 390, 844);
  const core::Bounds mainland = s.scene().territoryBounds(Territory::Metropole);
  ASSERT_FALSE(s.scene().layout.insets().empty());
  for (const auto& inset : s.scene().layout.insets()) EXPECT_LT(inset.frame.max_y, mainland.min_y);
  // Turning the screen puts them back in a column west of the mainland.
  s.resize(844, 390);
  for (const auto& inset : s.scene().layout.insets()) EXPECT_LT(inset.frame.max_x, mainland.min_x);
}

TEST_F(MapStateTest, TheShapesVersionChangesOnlyWhenTheShapesAreBuiltAgain) {
  MapState s(projector);
  loadAll(s);
  const auto loaded = s.shapesVersion();
  s.panBy(30, 10);
  s.zoomBy(2);
  s.setRegional(true);
  s.search("Lyon");
  s.resize(1200, 800);  // still landscape: the same layout
  EXPECT_EQ(s.shapesVersion(), loaded);
  s.resize(390, 844);  // the insets move under the mainland
  const auto turned = s.shapesVersion();
  EXPECT_NE(turned, loaded);
  core::LoadReport report;
  s.load(core::DataKind::Context, test_support::readFile(std::string(CATALYSEURS_GEODATA_DIR) + "/contexte.geojson"), report);
  ASSERT_FALSE(report.fatal);
  EXPECT_NE(s.shapesVersion(), turned);
  ASSERT_FALSE(s.context().departements.empty());
}

TEST_F(MapStateTest, ArrowKeysPanByAFixedDistanceAndShowTheCrosshair) {
  const Point before = state.camera().center();
  const double scale = state.camera().scale();
  EXPECT_TRUE(state.key(KeyCommand::PanLeft).has(Change::View));
  // The content moves right by 80 px: the centre is 80 px further west.
  EXPECT_NEAR(state.camera().center().x, before.x - 80 / scale, 1e-6);
  state.key(KeyCommand::PanUp);
  EXPECT_NEAR(state.camera().center().y, before.y + 80 / scale, 1e-6);
  EXPECT_TRUE(state.crosshair());
  EXPECT_EQ(state.pointerMoved(), Changes(Change::Drawing));
  EXPECT_FALSE(state.crosshair());
}

TEST_F(MapStateTest, PlusAndMinusZoomAroundTheCentre) {
  const double scale = state.camera().scale();
  const Point middle = state.camera().screenToPlane(center());
  state.key(KeyCommand::ZoomIn);
  EXPECT_NEAR(state.camera().scale(), scale * 1.6, scale * 1e-9);
  EXPECT_NEAR(state.camera().screenToPlane(center()).x, middle.x, 1e-6);
  state.key(KeyCommand::ZoomOut);
  EXPECT_NEAR(state.camera().scale(), scale, scale * 1e-9);
}

TEST_F(MapStateTest, ZoomIsHeldBetweenAQuarterOfTheOverviewAndFourHundredTimesIt) {
  const double home = state.camera().scale();
  state.zoomBy(1e6);
  EXPECT_NEAR(state.camera().scale(), home * 400, home * 1e-9);
  state.zoomBy(1e-9);
  EXPECT_NEAR(state.camera().scale(), home / 4, home * 1e-12);
  EXPECT_TRUE(state.zoomBy(0).isRefused());
  EXPECT_TRUE(state.zoomBy(std::nan("")).isRefused());
}

TEST_F(MapStateTest, WheelAndDoubleClickKeepThePointUnderThePointer) {
  const Point pointer{300, 200};
  const Point anchor = state.camera().screenToPlane(pointer);
  const double scale = state.camera().scale();
  state.wheel(pointer, 1);
  EXPECT_NEAR(state.camera().scale(), scale * 1.4, scale * 1e-9);
  state.doubleClick(pointer);
  EXPECT_NEAR(state.camera().scale(), scale * 2.8, scale * 1e-9);
  const Point after = state.camera().screenToPlane(pointer);
  EXPECT_NEAR(after.x, anchor.x, 1e-6);
  EXPECT_NEAR(after.y, anchor.y, 1e-6);
}

TEST_F(MapStateTest, PinchZoomsByTheRatioOfFingerDistances) {
  const double scale = state.camera().scale();
  const Point middle{150, 100};
  const Point anchor = state.camera().screenToPlane(middle);
  state.pinch({100, 100}, {200, 100}, {50, 100}, {250, 100});  // 100 px apart, then 200
  EXPECT_NEAR(state.camera().scale(), scale * 2, scale * 1e-9);
  EXPECT_NEAR(state.camera().screenToPlane(middle).x, anchor.x, 1e-6);
  EXPECT_NEAR(state.camera().screenToPlane(middle).y, anchor.y, 1e-6);
}

TEST_F(MapStateTest, TwoFingersMovingTogetherPan) {
  const double scale = state.camera().scale();
  const Point before = state.camera().center();
  state.pinch({100, 100}, {200, 100}, {130, 110}, {230, 110});
  EXPECT_NEAR(state.camera().scale(), scale, scale * 1e-12);
  EXPECT_NEAR(state.camera().center().x, before.x - 30 / scale, 1e-6);
  EXPECT_NEAR(state.camera().center().y, before.y + 10 / scale, 1e-6);
}

TEST_F(MapStateTest, HomeComesBackToTheOverview) {
  const Point center0 = state.camera().center();
  const double scale0 = state.camera().scale();
  state.panBy(300, -120);
  state.zoomBy(7);
  EXPECT_EQ(state.home(), Changes(Change::View));
  EXPECT_DOUBLE_EQ(state.camera().scale(), scale0);
  EXPECT_NEAR(state.camera().center().x, center0.x, 1e-6);
  EXPECT_NEAR(state.camera().center().y, center0.y, 1e-6);
}

TEST_F(MapStateTest, SetViewTakesTheUrlsUnitsAndRefusesNonsense) {
  EXPECT_TRUE(state.setView(650000, 6860000, 12.5).has(Change::View));
  EXPECT_DOUBLE_EQ(state.camera().center().x, 650000);
  EXPECT_DOUBLE_EQ(state.camera().center().y, 6860000);
  EXPECT_DOUBLE_EQ(state.camera().scale(), 0.0125);  // 12.5 px per km
  EXPECT_TRUE(state.setView(std::nan(""), 0, 1).isRefused());
  EXPECT_TRUE(state.setView(0, 0, -1).isRefused());
  EXPECT_DOUBLE_EQ(state.camera().center().x, 650000);
}

TEST_F(MapStateTest, TerritoryZoomFitsItsInset) {
  EXPECT_TRUE(state.zoomToTerritory(std::string_view("reunion")).has(Change::View));
  const core::Inset* inset = state.scene().layout.inset(Territory::Reunion);
  ASSERT_NE(inset, nullptr);
  const Point a = state.camera().planeToScreen({inset->frame.min_x, inset->frame.max_y});
  const Point b = state.camera().planeToScreen({inset->frame.max_x, inset->frame.min_y});
  EXPECT_GE(a.x, 24 - 1e-6);
  EXPECT_LE(b.x, 1280 - 24 + 1e-6);
  EXPECT_GE(a.y, 24 - 1e-6);
  EXPECT_LE(b.y, 800 - 24 + 1e-6);
  EXPECT_FALSE(state.viewOnMainland());  // the scale bar does not apply here
  EXPECT_TRUE(state.zoomToTerritory(std::string_view("atlantide")).isRefused());
  // No catalyseur in Polynesia: it has no inset to zoom onto.
  EXPECT_TRUE(state.zoomToTerritory(Territory::PolynesieFrancaise).isRefused());
}

TEST_F(MapStateTest, RegionUnderThePointerHonoursTheOutlines) {
  const Point lyon = state.camera().planeToScreen(lambert93(4.8357, 45.7640));
  const auto region = state.regionAt(lyon);
  ASSERT_TRUE(region);
  EXPECT_EQ(state.scene().regions[*region].code, "84");
  // The Bay of Biscay, off the Landes coast, is sea.
  EXPECT_FALSE(state.regionAt(state.camera().planeToScreen(lambert93(-3.0, 45.0))));
}

// ---- Clusters and fan-out -------------------------------------------------------------

TEST_F(MapStateTest, ClickOnAClusterZoomsUntilItsPointsStandApart) {
  const auto cluster = itemHolding(index("lyon"), 2);
  ASSERT_TRUE(cluster) << "Lyon and Villeurbanne should share a bubble at the overview";
  const double scale = state.camera().scale();
  EXPECT_TRUE(state.activate(*cluster).has(Change::View));
  EXPECT_GT(state.camera().scale(), scale * 2);  // at least one level deeper
  EXPECT_TRUE(itemHolding(index("lyon"), 1));
  EXPECT_TRUE(itemHolding(index("villeurbanne"), 1));
}

TEST_F(MapStateTest, PointsSharingALocationFanOutAroundIt) {
  const auto cluster = itemHolding(index("paris-a"), 2);
  ASSERT_TRUE(cluster);
  const double scale = state.camera().scale();
  EXPECT_EQ(state.activate(*cluster), Changes(Change::Drawing));
  EXPECT_DOUBLE_EQ(state.camera().scale(), scale);  // zooming would not help: no zoom
  int fanned = 0;
  for (const auto& item : state.items()) {
    if (!item.leg_from) continue;
    ++fanned;
    // Two markers on a circle of 22 px, the first straight above the shared spot.
    EXPECT_NEAR(std::hypot(item.screen.x - cluster->screen.x, item.screen.y - cluster->screen.y), 22, 1e-6);
  }
  EXPECT_EQ(fanned, 2);
  EXPECT_TRUE(state.screenPosition(index("paris-b")));
  // Escape folds the fan first, then closes the card.
  state.selectId("rennes");
  EXPECT_EQ(state.key(KeyCommand::Escape), Changes(Change::Drawing));
  EXPECT_FALSE(state.screenPosition(index("paris-b")));
  EXPECT_TRUE(state.selected());
  EXPECT_TRUE(state.key(KeyCommand::Escape).has(Change::Selection));
  EXPECT_FALSE(state.selected());
}

TEST_F(MapStateTest, MovingTheMapFoldsTheFan) {
  state.activate(*itemHolding(index("paris-a"), 2));
  state.panBy(5, 0);
  for (const auto& item : state.items()) EXPECT_FALSE(item.leg_from);
}

TEST_F(MapStateTest, ClickOnAMarkerOpensItsCard) {
  state.setView(lambert93(-1.6778, 48.1173).x, lambert93(-1.6778, 48.1173).y, 50);
  const auto marker = itemHolding(index("rennes"), 1);
  ASSERT_TRUE(marker);
  EXPECT_TRUE(state.activate(*marker).has(Change::Selection));
  EXPECT_EQ(state.selected(), index("rennes"));
}

TEST_F(MapStateTest, EnterOpensWhatIsUnderTheCrosshair) {
  const Point rennes = lambert93(-1.6778, 48.1173);
  state.setView(rennes.x + 500, rennes.y, 10);  // 5 px east of Rennes at 10 px/km
  EXPECT_TRUE(state.key(KeyCommand::Activate).has(Change::Selection));
  EXPECT_EQ(state.selected(), index("rennes"));
  state.setView(rennes.x + 5000, rennes.y, 10);  // 50 px away: out of reach
  state.selectId("");
  EXPECT_FALSE(state.key(KeyCommand::Activate).has(Change::Selection));
}

TEST_F(MapStateTest, ClusteredMarkersHaveNoScreenPositionButADrawnSpot) {
  EXPECT_FALSE(state.screenPosition(index("lyon")));
  const auto at = state.drawnAt(index("lyon"));
  ASSERT_TRUE(at);
  const Point expected = state.camera().planeToScreen(lambert93(4.8357, 45.7640));
  EXPECT_NEAR(at->x, expected.x, 0.01);
  EXPECT_NEAR(at->y, expected.y, 0.01);
}

TEST_F(MapStateTest, VisibleCountFollowsTheView) {
  EXPECT_EQ(state.visibleCount(), kEntries);
  const Point lyon = lambert93(4.8357, 45.7640);
  state.setView(lyon.x, lyon.y, 150);  // ±4.3 km by ±2.7 km: Lyon and Villeurbanne only
  EXPECT_EQ(state.visibleCount(), 2u);
  state.setFilters({{"dialogue"}, {}, {}, {}});
  EXPECT_EQ(state.visibleCount(), 0u);
}

// What the overview draws for a filter or a search: the clusters are those of every
// catalyseur, recounted. Each expected item by its catalyseurs, placed at their mean.
struct DrawnCase {
  const char* name;
  core::Filters filters;
  const char* search;
  std::vector<std::vector<const char*>> items;
};

const DrawnCase kDrawnCases[] = {
    {"none", {}, "", {{"paris-a", "paris-b"}, {"lyon", "villeurbanne"}, {"rennes"}, {"marseille"}, {"saint-denis"}}},
    {"dialogue", {{"dialogue"}, {}, {}, {}}, "", {{"paris-a"}, {"rennes"}, {"saint-denis"}}},
    {"lieu", {{"lieu"}, {}, {}, {}}, "", {{"paris-b"}, {"marseille"}}},
    {"experimentation", {{"experimentation"}, {}, {}, {}}, "", {{"lyon", "villeurbanne"}}},
    {"ile_de_france", {{}, {}, {}, {"11"}}, "", {{"paris-a", "paris-b"}}},
    {"search_forge", {}, "forge", {{"villeurbanne"}}},
    {"search_cooperative", {}, "cooperative", {{"lyon"}}},
    {"search_nothing", {}, "zzzz", {}},
};

class MapStateDrawnTest : public MapStateTest, public testing::WithParamInterface<DrawnCase> {};

TEST_P(MapStateDrawnTest, TheOverviewDrawsTheMatchesOfEachBubble) {
  const DrawnCase& c = GetParam();
  state.setFilters(c.filters);
  state.search(c.search);
  std::vector<bool> found(c.items.size(), false);
  ASSERT_EQ(state.items().size(), c.items.size());
  for (const core::MapItem& drawn : state.items()) {
    bool matched = false;
    for (std::size_t e = 0; e < c.items.size(); ++e) {
      const auto& ids = c.items[e];
      Point mean;
      for (const char* id : ids) {
        mean.x += positionOf(index(id)).x / static_cast<double>(ids.size());
        mean.y += positionOf(index(id)).y / static_cast<double>(ids.size());
      }
      const Point at = state.camera().planeToScreen(mean);
      if (std::hypot(drawn.screen.x - at.x, drawn.screen.y - at.y) > 0.01 || drawn.item.count != ids.size()) continue;
      if (ids.size() == 1 && drawn.item.id != index(ids[0])) continue;
      EXPECT_FALSE(found[e]) << "drawn twice";
      found[e] = matched = true;
      EXPECT_EQ(drawn.item.isCluster(), ids.size() > 1);
    }
    EXPECT_TRUE(matched) << "unexpected item of " << drawn.item.count << " at " << drawn.screen.x << "," << drawn.screen.y;
  }
  std::size_t visible = 0;
  for (const auto& ids : c.items) visible += ids.size();
  EXPECT_EQ(state.visibleCount(), visible);
}

INSTANTIATE_TEST_SUITE_P(MapState, MapStateDrawnTest, testing::ValuesIn(kDrawnCases),
                         [](const auto& test) { return std::string(test.param.name); });

// The one catalyseur a search leaves of a bubble is its own marker: a click opens its card.
TEST_F(MapStateTest, TheOneMatchOfABubbleIsAMarkerThatOpensItsCard) {
  state.search("forge");
  ASSERT_EQ(state.items().size(), 1u);
  const core::MapItem drawn = state.items()[0];
  EXPECT_FALSE(state.clusterZooms(drawn.item));
  EXPECT_TRUE(state.screenPosition(index("villeurbanne")));
  EXPECT_TRUE(state.activate(drawn).has(Change::Selection));
  EXPECT_EQ(state.selected(), index("villeurbanne"));
  // The search cleared, the bubble is back, whole.
  state.search("");
  EXPECT_TRUE(itemHolding(index("lyon"), 2));
  EXPECT_FALSE(state.screenPosition(index("villeurbanne")));
}

// Paris's two entries share a spot: together they fan out, one alone opens its card.
TEST_F(MapStateTest, AFilteredBubbleFansOutOnlyWhatMatches) {
  state.setFilters({{}, {}, {}, {"11", "84"}});
  const auto paris = itemHolding(index("paris-a"), 2);
  ASSERT_TRUE(paris);
  EXPECT_EQ(state.activate(*paris), Changes(Change::Drawing));
  int fanned = 0;
  for (const auto& item : state.items()) fanned += item.leg_from.has_value();
  EXPECT_EQ(fanned, 2);
  // A filter change folds the fan; with only one of them left there is nothing to fan out.
  state.setFilters({{"lieu"}, {}, {}, {"11", "84"}});
  for (const auto& item : state.items()) EXPECT_FALSE(item.leg_from);
  const auto alone = itemHolding(index("paris-b"), 1);
  ASSERT_TRUE(alone);
  EXPECT_EQ(alone->item.id, index("paris-b"));
  EXPECT_TRUE(state.activate(*alone).has(Change::Selection));
}

TEST_F(MapStateTest, RegionalViewIsAToggle) {
  EXPECT_EQ(state.setRegional(true), Changes(Change::Regional));
  EXPECT_TRUE(state.regional());
  EXPECT_FALSE(state.setRegional(true).any());
}

}  // namespace
