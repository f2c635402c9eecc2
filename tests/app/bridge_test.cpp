// The page's bridge, natively: requests in, replies and snapshots out, as JSON text. The data
// is tests/fixtures/geojson/seven-catalyseurs.geojson (see tests/core/map_state_test.cpp);
// the words are the shipped assets/strings.json.
#include "bridge.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <vector>

#include "geojson.h"
#include "text.h"
#include "../core/test_support.h"

namespace {

using rapidjson::Document;

Document parse(const std::string& text) {
  Document doc;
  doc.Parse(text.c_str());
  EXPECT_FALSE(doc.HasParseError()) << text.substr(0, 200);
  return doc;
}

std::vector<std::string> strings(const rapidjson::Value& array) {
  std::vector<std::string> out;
  for (const auto& v : array.GetArray()) out.emplace_back(v.GetString());
  return out;
}

class BridgeTest : public testing::Test {
 protected:
  BridgeTest() : BridgeTest(core::MapStateOptions{}) {}
  explicit BridgeTest(const core::MapStateOptions& options) : state(projector, options), bridge(state, words) {}

  void SetUp() override {
    ASSERT_TRUE(words.load(test_support::readFile(CATALYSEURS_STRINGS), "fr"));
    state.resize(1280, 800);
    bridge.load(core::DataKind::Regions, test_support::readFile(std::string(CATALYSEURS_GEODATA_DIR) + "/territoires.geojson"));
    const Document loaded = parse(bridge.load(core::DataKind::Catalyseurs, test_support::fixture("geojson/seven-catalyseurs.geojson")).json);
    ASSERT_EQ(loaded["accepted"].GetUint(), 7u);
    first_snapshot = strings(loaded["snapshot"]["changes"]);
    ASSERT_TRUE(loaded["snapshot"].HasMember("dataset"));
  }

  Document call(const std::string& request) { return parse(bridge.call(request).json); }

  core::Projector projector;
  core::MapState state;
  app::Strings words;
  app::Bridge bridge;
  std::vector<std::string> first_snapshot;
};

TEST_F(BridgeTest, LoadingTheDataSendsEverySection) {
  EXPECT_EQ(first_snapshot, (std::vector<std::string>{"data", "filters", "selection", "hover"}));
  const Document d = call(R"({"type":"setRegional","on":false})");  // nothing to change
  EXPECT_TRUE(d["ok"].GetBool());
  EXPECT_TRUE(d["snapshot"].IsNull());
}

TEST_F(BridgeTest, DatasetSectionCarriesTheMarkerLegend) {
  core::LoadReport report;
  const Document d = parse(bridge.load(core::DataKind::Catalyseurs, test_support::fixture("geojson/seven-catalyseurs.geojson")).json);
  const auto& markers = d["snapshot"]["dataset"]["markers"];
  EXPECT_STREQ(markers["dialogue"]["colour"].GetString(), "#0072B2");
  EXPECT_STREQ(markers["lieu"]["shape"].GetString(), "diamond");
  EXPECT_TRUE(d["snapshot"]["dataset"]["demo"].GetBool());
}

TEST_F(BridgeTest, FilterRequestAnswersWithCountsListAndRejections) {
  const Document d = call(R"({"type":"setFilters","filters":{"metiers":["dialogue","licorne"],"region":[]}})");
  EXPECT_TRUE(d["ok"].GetBool());
  EXPECT_EQ(strings(d["rejected"]), (std::vector<std::string>{"licorne"}));
  const auto& snap = d["snapshot"];
  EXPECT_EQ(strings(snap["changes"]), (std::vector<std::string>{"filters"}));
  EXPECT_EQ(snap["matching"].GetUint(), 3u);
  EXPECT_STREQ(snap["count"].GetString(), "3 catalyseurs");
  EXPECT_EQ(snap["list"]["items"].Size(), 3u);
  EXPECT_STREQ(snap["list"]["items"][0]["where"].GetString(), "Paris · Île-de-France");
  // Each group's counts, with region names.
  for (const auto& f : snap["facets"]["region"].GetArray())
    if (std::string(f["value"].GetString()) == "04") {
      EXPECT_EQ(f["count"].GetUint(), 1u);
      EXPECT_STREQ(f["label"].GetString(), "La Réunion");
    }
  EXPECT_FALSE(snap.HasMember("card"));
}

TEST_F(BridgeTest, CardComesWithTheSelection) {
  Document d = call(R"({"type":"select","id":"saint-denis"})");
  ASSERT_TRUE(d["ok"].GetBool());
  const auto& card = d["snapshot"]["card"];
  EXPECT_STREQ(card["nom"].GetString(), "Réseau réunionnais");
  EXPECT_STREQ(card["regionName"].GetString(), "La Réunion");
  EXPECT_EQ(strings(card["metiers"]), (std::vector<std::string>{"dialogue"}));
  EXPECT_STREQ(d["snapshot"]["selected"].GetString(), "saint-denis");
  d = call(R"({"type":"select","id":""})");
  EXPECT_TRUE(d["snapshot"]["card"].IsNull());
}

TEST_F(BridgeTest, RefusedAndUnreadableRequestsSayNotOk) {
  EXPECT_FALSE(call(R"({"type":"select","id":"inconnu"})")["ok"].GetBool());
  EXPECT_FALSE(call(R"({"type":"setView","x":"a","y":0,"scale":1})")["ok"].GetBool());
  EXPECT_FALSE(call(R"({"type":"licorne"})")["ok"].GetBool());
  EXPECT_FALSE(call("pas du json")["ok"].GetBool());
  EXPECT_FALSE(call(R"({"type":"export","format":"xls"})")["ok"].GetBool());
  EXPECT_FALSE(call("[1,2]")["ok"].GetBool());
}

// The page bounds what it sends (the field's maxlength, the address, the host's messages);
// the engine bounds the search text again, whichever request brings it: 200 characters.
TEST_F(BridgeTest, SearchTextIsBoundedWhateverTheRequest) {
  std::string pasted;
  for (int i = 0; i < 50'000; ++i) pasted += "é";
  for (const std::string type : {"search", "restore"}) {
    call(R"({"type":"reset"})");
    const Document d = call(R"({"type":")" + type + R"(","q":")" + pasted + R"("})");
    ASSERT_TRUE(d["ok"].GetBool()) << type;
    const std::string q = d["snapshot"]["q"].GetString();
    EXPECT_EQ(core::text::codePointCount(q), 200u) << type;
    EXPECT_EQ(q, pasted.substr(0, 400)) << type;  // « é » is two bytes
    EXPECT_EQ(d["snapshot"]["matching"].GetUint(), 0u) << type;
  }
}

TEST_F(BridgeTest, RestoreAppliesTheUrlInOneRequest) {
  const Document d = call(R"({"type":"restore","filters":{"metiers":["lieu"],"thematiques":["zzz"]},"q":"paris",)"
                          R"("regional":true,"view":{"x":"nope"},"id":"paris-b"})");
  EXPECT_EQ(strings(d["rejected"]), (std::vector<std::string>{"zzz"}));
  EXPECT_EQ(strings(d["refused"]), (std::vector<std::string>{"view"}));
  const auto& snap = d["snapshot"];
  EXPECT_EQ(snap["matching"].GetUint(), 1u);  // lieu in Paris: paris-b
  EXPECT_TRUE(snap["regional"].GetBool());
  EXPECT_STREQ(snap["selected"].GetString(), "paris-b");
  EXPECT_STREQ(snap["card"]["id"].GetString(), "paris-b");
}

TEST_F(BridgeTest, MapChangesWaitForTheNextSnapshot) {
  bridge.note(core::Change::Drawing);
  EXPECT_EQ(bridge.takeSnapshot(), "");  // the page shows nothing of a redraw
  state.panBy(10, 0);
  bridge.note(core::Change::View);
  const Document d = parse(bridge.takeSnapshot());
  EXPECT_EQ(strings(d["changes"]), (std::vector<std::string>{"view"}));
  EXPECT_FALSE(d.HasMember("list"));
  EXPECT_EQ(bridge.takeSnapshot(), "");  // taken once
}

TEST_F(BridgeTest, StateListsMatchingIdsInListOrder) {
  call(R"({"type":"search","q":"parisien"})");
  const Document d = call(R"({"type":"state","ids":true})");
  EXPECT_EQ(strings(d["state"]["matchingIds"]), (std::vector<std::string>{"paris-a", "paris-b"}));
  EXPECT_STREQ(d["state"]["q"].GetString(), "parisien");
}

TEST_F(BridgeTest, ExportsAreTheMatchingEntries) {
  call(R"({"type":"setFilters","filters":{"structure":["entreprise"]}})");
  const Document geojson = call(R"({"type":"export","format":"geojson"})");
  const auto loaded = core::loadCatalyseurs(geojson["text"].GetString());
  ASSERT_EQ(loaded.items.size(), 2u);
  EXPECT_EQ(loaded.items[0].id, "lyon");  // alphabetical: Coopérative, Forge
  EXPECT_EQ(loaded.items[1].id, "villeurbanne");
  const std::string csv = call(R"({"type":"export","format":"csv"})")["text"].GetString();
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "\xEF\xBB\xBFid,nom,structure,metiers,thematiques,commune,code_insee,departement,region,territoire,"
            "description,site,demo,structure_libelle,region_nom,latitude,longitude");
  // The structure's label in the page's language, the region's name, the fixture's position.
  EXPECT_NE(csv.find("\nlyon,Coopérative lyonnaise,entreprise,experimentation,numerique;emploi,Lyon,69123,69,84,,,,false,"
                     "Entreprise,Auvergne-Rhône-Alpes,45.76400,4.83570\n"),
            std::string::npos);
}

TEST_F(BridgeTest, ProjectAndScreenPosition) {
  const Document d = call(R"({"type":"project","lon":1.4442,"lat":43.6047})");
  EXPECT_STREQ(d["result"]["territory"].GetString(), "metropole");
  EXPECT_NEAR(d["result"]["x"].GetDouble(), 574357.820, 0.01);  // cs2cs, EPSG:4326 → 2154
  EXPECT_TRUE(call(R"({"type":"project","lon":-30,"lat":40})")["result"].IsNull());
  // Rennes stands alone at the overview.
  EXPECT_TRUE(call(R"({"type":"screenPosition","id":"rennes"})")["result"].IsObject());
  EXPECT_TRUE(call(R"({"type":"screenPosition","id":"paris-a"})")["result"].IsNull());  // clustered
}

TEST_F(BridgeTest, ThePagesControlsReachTheLayout) {
  Document d = call(R"({"type":"chrome","boxes":[{"left":1144,"top":12,"right":1268,"bottom":282}]})");
  ASSERT_TRUE(d["ok"].GetBool());
  // The overview is fitted again clear of them, which the page needs not hear about: it is
  // still the overview, and no overlay moved (this map measured none).
  EXPECT_TRUE(d["snapshot"].IsNull());
  d = call(R"({"type":"state","layout":true})");
  const auto& layout = d["state"]["layout"];
  ASSERT_EQ(layout["chrome"].Size(), 1u);
  EXPECT_EQ(layout["chrome"][0]["right"].GetDouble(), 1268);
  // The insets' frames where they are drawn, left of the controls.
  ASSERT_GT(layout["insets"].Size(), 0u);
  for (const auto& inset : layout["insets"].GetArray()) {
    EXPECT_TRUE(inset["territory"].IsString());
    EXPECT_LT(inset["box"]["right"].GetDouble(), 1144);
    EXPECT_GT(inset["box"]["bottom"].GetDouble(), inset["box"]["top"].GetDouble());
  }
  // Boxes that are not four numbers: refused.
  EXPECT_FALSE(call(R"({"type":"chrome","boxes":[{"left":"a","top":0,"right":1,"bottom":1}]})")["ok"].GetBool());
  EXPECT_FALSE(call(R"({"type":"chrome"})")["ok"].GetBool());
}

TEST_F(BridgeTest, TheCollapsedLegendOpensOnRequest) {
  state.resize(400, 300);
  state.setOverlaySizes(test_support::overlaySizes());
  call(R"({"type":"chrome","boxes":[{"left":8,"top":8,"right":392,"bottom":44}]})");
  Document d = call(R"({"type":"state","layout":true})");
  const auto& before = d["state"]["layout"]["overlays"];
  ASSERT_TRUE(before["legendCollapsed"].GetBool());
  EXPECT_FALSE(before["legendOpen"].GetBool());
  EXPECT_TRUE(before["legend"].IsNull());
  const double toggle_top = before["legendToggle"]["top"].GetDouble();

  d = call(R"({"type":"legend","open":true})");
  ASSERT_TRUE(d["ok"].GetBool());
  EXPECT_EQ(strings(d["snapshot"]["changes"]), (std::vector<std::string>{"overlays"}));
  const auto& open = d["snapshot"]["overlays"];
  EXPECT_TRUE(open["legendOpen"].GetBool());
  ASSERT_TRUE(open["legend"].IsObject());
  EXPECT_LE(open["legend"]["bottom"].GetDouble(), toggle_top);
  EXPECT_EQ(open["legendToggle"]["top"].GetDouble(), toggle_top);
  d = call(R"({"type":"legend","open":false})");
  EXPECT_TRUE(d["snapshot"]["overlays"]["legend"].IsNull());
}

class BridgeListTest : public BridgeTest {
 protected:
  BridgeListTest() : BridgeTest(options()) {}
  static core::MapStateOptions options() {
    core::MapStateOptions o;
    o.list_page = 2;
    return o;
  }
};

TEST_F(BridgeListTest, ListSaysHowManyMoreThereAre) {
  Document d = call(R"({"type":"search","q":"a"})");
  const auto& list = d["snapshot"]["list"];
  ASSERT_EQ(list["items"].Size(), 2u);
  const unsigned more = list["more"].GetUint();
  EXPECT_EQ(list["moreText"].GetString(), "Afficher plus (" + std::to_string(more) + " restants)");
  d = call(R"({"type":"showMore"})");
  EXPECT_EQ(strings(d["snapshot"]["changes"]), (std::vector<std::string>{"list"}));
  EXPECT_EQ(d["snapshot"]["list"]["items"].Size(), std::min(4u, 2 + more));
}

TEST_F(BridgeTest, EnglishWordsWhenAsked) {
  const std::string json = test_support::readFile(CATALYSEURS_STRINGS);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("type");
  w.String("strings");
  w.Key("json");
  w.String(json.c_str(), static_cast<rapidjson::SizeType>(json.size()));
  w.Key("lang");
  w.String("en");
  w.EndObject();
  const Document d = call(buffer.GetString());
  EXPECT_TRUE(d["ok"].GetBool());
  EXPECT_STREQ(d["snapshot"]["count"].GetString(), "7 catalysts");
}

// The request parser was recursive: 200 000 nested arrays overflowed the stack.
TEST_F(BridgeTest, DeeplyNestedRequestsAreRefusedNotACrash) {
  const std::string deep = std::string(200'000, '[') + std::string(200'000, ']');
  const Document d = call(deep);
  EXPECT_FALSE(d["ok"].GetBool());
  EXPECT_STREQ(d["error"].GetString(), "requête illisible");
  const Document words = call(R"({"type":"strings","lang":"fr","json":")" + deep + "\"}");
  EXPECT_FALSE(words["ok"].GetBool());
  std::string objects;
  for (int i = 0; i < 100'000; ++i) objects += R"({"a":)";
  const Document o = call(objects + "0" + std::string(100'000, '}'));
  EXPECT_FALSE(o["ok"].GetBool());
}

// A file of many bad entries: the first core::kMaxReportedIssues described, all counted.
TEST_F(BridgeTest, LoadReportCountsTheEntriesItDoesNotDescribe) {
  std::string json = R"({"type":"FeatureCollection","features":[)";
  for (int i = 0; i < 1500; ++i) json += i ? ",{}" : "{}";
  json += "]}";
  const Document d = parse(bridge.load(core::DataKind::Catalyseurs, json).json);
  EXPECT_EQ(d["accepted"].GetUint(), 0u);
  EXPECT_EQ(d["rejected"].GetUint(), 1500u);
  EXPECT_EQ(d["unreported"].GetUint(), 500u);
  EXPECT_EQ(d["issues"].Size(), core::kMaxReportedIssues);
}

}  // namespace
