// The GeoJSON loaders fed hostile files, made here rather than committed when they are big:
// each gives a named French error or loads what is valid, and none crashes. How long the
// big ones take is measured by hand (README, « Mesures »), never timed here.
#include "geojson.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "scene.h"

namespace {

using Properties = std::vector<std::pair<std::string, std::string>>;

// A valid catalyseur in Toulouse. Each of `changes` (a name, then a value as JSON text)
// replaces the property of that name, or is added.
std::string catalyseur(const std::string& id, const std::string& coordinates = "[1.4442,43.6047]",
                       const Properties& changes = {}) {
  Properties properties{{"id", "\"" + id + "\""},  {"nom", R"("Le Catalyseur")"},  {"structure", R"("academique")"},
                        {"metiers", R"(["lieu"])"}, {"commune", R"("Toulouse")"},   {"code_insee", R"("31555")"},
                        {"departement", R"("31")"}, {"region", R"("76")"},          {"description", R"("Un lieu.")"},
                        {"demo", "false"}};
  for (const auto& [name, value] : changes) {
    auto it = std::find_if(properties.begin(), properties.end(), [&](const auto& p) { return p.first == name; });
    if (it != properties.end())
      it->second = value;
    else
      properties.emplace_back(name, value);
  }
  std::string props;
  for (const auto& [name, value] : properties) props += (props.empty() ? "\"" : ",\"") + name + "\":" + value;
  return R"({"type":"Feature","geometry":{"type":"Point","coordinates":)" + coordinates + R"(},"properties":{)" +
         props + "}}";
}

// A region of Corsica with the given outer ring, as JSON positions.
std::string region(const std::string& ring, const std::string& nom = "Corse", const std::string& code = "94") {
  return R"({"type":"Feature","properties":{"code":")" + code + R"(","nom":")" + nom +
         R"(","territoire":"metropole"},"geometry":{"type":"Polygon","coordinates":[)" + ring + "]}}";
}

const std::string kSquare = "[[8.6,41.4],[9.5,41.4],[9.5,43.0],[8.6,43.0],[8.6,41.4]]";

std::string collection(const std::vector<std::string>& features) {
  std::string out = R"({"type":"FeatureCollection","features":[)";
  for (std::size_t i = 0; i < features.size(); ++i) out += (i ? "," : "") + features[i];
  return out + "]}";
}

std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// RapidJSON's recursive parser overflowed the stack at 200 000 levels (100 000 under
// AddressSanitizer); the loaders now read iteratively.
TEST(HostileGeoJson, NestingTwoHundredThousandLevelsDeepIsRefusedNotACrash) {
  const std::string deep = nested(200'000);
  for (const auto& fatal : {core::loadCatalyseurs(deep).fatal, core::loadRegions(deep).fatal}) {
    ASSERT_TRUE(fatal);
    EXPECT_EQ(*fatal, "le fichier n’est pas une FeatureCollection GeoJSON");
  }
  std::string objects;
  for (int i = 0; i < 100'000; ++i) objects += R"({"a":)";
  objects += "0" + std::string(100'000, '}');
  EXPECT_TRUE(core::loadCatalyseurs(objects).fatal);
}

TEST(HostileGeoJson, DeepNestingInsideAFeatureOnlyCostsThatFeature) {
  const auto loaded = core::loadCatalyseurs(collection(
      {catalyseur("a", "[1.4442,43.6047]", {{"extra", nested(100'000)}}), catalyseur("b", nested(100'000))}));
  ASSERT_FALSE(loaded.fatal) << *loaded.fatal;
  ASSERT_EQ(loaded.items.size(), 1u);  // an unknown property is ignored, however deep
  EXPECT_EQ(loaded.items[0].id, "a");
  ASSERT_EQ(loaded.issues.size(), 1u);
  EXPECT_EQ(loaded.issues[0].id, "b");
  EXPECT_EQ(loaded.issues[0].reason, "geometry : coordonnées invalides");
}

TEST(HostileGeoJson, AFortyMegabyteDescriptionSinksOnlyItsFeature) {
  const auto loaded = core::loadCatalyseurs(
      collection({catalyseur("a"), catalyseur("b", "[1.4442,43.6047]", {{"description", "\"" + std::string(40'000'000, 'x') + "\""}}),
                  catalyseur("c")}));
  ASSERT_FALSE(loaded.fatal);
  ASSERT_EQ(loaded.items.size(), 2u);
  ASSERT_EQ(loaded.issues.size(), 1u);
  EXPECT_EQ(loaded.issues[0].index, 1u);
  EXPECT_EQ(loaded.issues[0].reason, "description : 40000000 caractères, au plus 600 sont permis");
}

// A million bad features: the first kMaxReportedIssues are described, the others counted.
TEST(HostileGeoJson, AMillionTinyFeaturesAreCountedNotAllDescribed) {
  std::string json = R"({"type":"FeatureCollection","features":[)";
  for (int i = 0; i < 1'000'000; ++i) json += i ? ",{}" : "{}";
  json += "]}";
  const auto loaded = core::loadCatalyseurs(json);
  ASSERT_FALSE(loaded.fatal);
  EXPECT_TRUE(loaded.items.empty());
  ASSERT_EQ(loaded.issues.size(), core::kMaxReportedIssues);
  EXPECT_EQ(loaded.unreported, 1'000'000 - core::kMaxReportedIssues);
  EXPECT_EQ(loaded.issues.back().index, core::kMaxReportedIssues - 1);
  EXPECT_EQ(loaded.issues[0].reason, "l’entrée n’est pas une Feature");
}

TEST(HostileGeoJson, AHundredThousandSmallValidFeaturesAllLoad) {
  std::vector<std::string> features;
  for (int i = 0; i < 100'000; ++i) features.push_back(catalyseur("c" + std::to_string(i)));
  const auto loaded = core::loadCatalyseurs(collection(features));
  ASSERT_FALSE(loaded.fatal);
  EXPECT_TRUE(loaded.issues.empty());
  EXPECT_EQ(loaded.items.size(), 100'000u);
}

TEST(HostileGeoJson, MoreValidEntriesThanTheMapTakesRefuseTheFile) {
  std::vector<std::string> features;
  for (std::size_t i = 0; i <= core::kMaxCatalyseurs; ++i) features.push_back(catalyseur("c" + std::to_string(i)));
  const auto refused = core::loadCatalyseurs(collection(features));
  ASSERT_TRUE(refused.fatal);
  EXPECT_EQ(*refused.fatal, "plus de 250\u202F000 catalyseurs valides : la carte n’en affiche pas autant");
  EXPECT_TRUE(refused.items.empty());
  // Exactly at the cap, the file loads.
  features.pop_back();
  features.push_back("{}");  // not valid: counted, not kept
  const auto taken = core::loadCatalyseurs(collection(features));
  ASSERT_FALSE(taken.fatal);
  EXPECT_EQ(taken.items.size(), core::kMaxCatalyseurs);
}

// One number past the doubles' range used to make the whole file unreadable.
TEST(HostileGeoJson, NonFiniteAndHugeCoordinatesSinkOnlyTheirFeature) {
  const std::vector<std::string> bad{"[NaN,43.6]", "[1.44,Infinity]", "[-Infinity,43.6]", "[1e308,43.6]",
                                     "[1e400,43.6]", "[-1e400,43.6]", "[1.44,0.5e309]",
                                     "[1" + std::string(400, '0') + ",43.6]", "[0e999,43.6]"};
  std::vector<std::string> features{catalyseur("first")};
  for (std::size_t i = 0; i < bad.size(); ++i) features.push_back(catalyseur("bad" + std::to_string(i), bad[i]));
  // A huge number where no number is read is no problem at all; in a string it is text.
  features.push_back(catalyseur("last", "[1.4442,43.6047]", {{"extra", "[1e400,-2E+99999]"}, {"note", R"("1e400")"}}));
  const auto loaded = core::loadCatalyseurs(collection(features));
  ASSERT_FALSE(loaded.fatal) << *loaded.fatal;
  ASSERT_EQ(loaded.items.size(), 2u);
  EXPECT_EQ(loaded.items[0].id, "first");
  EXPECT_EQ(loaded.items[1].id, "last");
  ASSERT_EQ(loaded.issues.size(), bad.size());
  for (std::size_t i = 0; i < bad.size(); ++i) {
    EXPECT_EQ(loaded.issues[i].id, "bad" + std::to_string(i));
    EXPECT_EQ(loaded.issues[i].reason, "geometry : coordonnées invalides") << bad[i];
  }
  const auto regions = core::loadRegions(collection({region("[[1e400,41.4],[9.5,41.4],[9.5,43.0],[1e400,41.4]]"), region(kSquare)}));
  ASSERT_FALSE(regions.fatal);
  ASSERT_EQ(regions.items.size(), 1u);
  ASSERT_EQ(regions.issues.size(), 1u);
  EXPECT_EQ(regions.issues[0].reason, "position invalide dans un polygone");
}

TEST(HostileGeoJson, ParseErrorsStayFatalAndFrenchAfterAHugeNumber) {
  const auto loaded = core::loadCatalyseurs(R"({"type":"FeatureCollection","features":[1e400,)");
  ASSERT_TRUE(loaded.fatal);
  EXPECT_TRUE(contains(*loaded.fatal, "fichier illisible, ligne 1, colonne ")) << *loaded.fatal;
  EXPECT_TRUE(loaded.items.empty());
  EXPECT_TRUE(loaded.issues.empty());
  const auto escape = core::loadCatalyseurs(R"({"type":"FeatureCollection","features":["\x"]})");
  ASSERT_TRUE(escape.fatal);
  EXPECT_TRUE(contains(*escape.fatal, "séquence d’échappement inconnue")) << *escape.fatal;
}

TEST(HostileGeoJson, RingsOfOnePointAndSelfIntersectingRings) {
  const auto loaded = core::loadRegions(collection({region("[[8.6,41.4]]"), region("[]"),
                                                    // a bow tie: its two edges cross in the middle
                                                    region("[[8.6,41.4],[9.5,43.0],[9.5,41.4],[8.6,43.0],[8.6,41.4]]")}));
  ASSERT_FALSE(loaded.fatal);
  ASSERT_EQ(loaded.issues.size(), 2u);
  EXPECT_EQ(loaded.issues[0].reason, "anneau de polygone de moins de quatre positions");
  EXPECT_EQ(loaded.issues[1].reason, "anneau de polygone de moins de quatre positions");
  ASSERT_EQ(loaded.items.size(), 1u);
  // The bow tie is drawn as best it can be: whole triangles on its own points.
  core::Projector projector;
  const auto scene = core::buildScene(projector, loaded.items, {});
  ASSERT_TRUE(scene) << scene.error().message;
  ASSERT_EQ(scene->regions.size(), 1u);
  EXPECT_EQ(scene->regions[0].triangles.size() % 3, 0u);
  for (auto index : scene->regions[0].triangles) EXPECT_LT(index, scene->regions[0].vertices.size());
}

// Triangulating 400 000 vertices took minutes: a region that big is refused when it is read.
TEST(HostileGeoJson, ARegionOfTwoMillionVerticesIsRefused) {
  std::string ring = "[";
  for (int i = 0; i < 2'000'000; ++i) ring += "[9." + std::to_string(i % 1000) + ",42." + std::to_string(i / 1000) + "],";
  ring += "[9.0,42.0]]";
  const auto loaded = core::loadRegions(collection({region(ring), region(kSquare, "Corse du Sud")}));
  ASSERT_FALSE(loaded.fatal);
  ASSERT_EQ(loaded.items.size(), 1u);
  EXPECT_EQ(loaded.items[0].nom, "Corse du Sud");
  ASSERT_EQ(loaded.issues.size(), 1u);
  EXPECT_EQ(loaded.issues[0].reason, "région de plus de 50\u202F000 sommets, trop détaillée pour être dessinée");
}

TEST(HostileGeoJson, TheWholeBasemapHasAVertexBudgetToo) {
  // Six regions of 45 000 vertices each: the sixth would pass 250 000.
  std::string ring = "[";
  for (int i = 0; i < 44'999; ++i) ring += "[9." + std::to_string(i % 1000) + ",42." + std::to_string(i / 1000) + "],";
  ring += "[9.0,42.0]]";
  const auto loaded = core::loadRegions(collection(std::vector<std::string>(6, region(ring))));
  ASSERT_FALSE(loaded.fatal);
  EXPECT_EQ(loaded.items.size(), 5u);
  ASSERT_EQ(loaded.issues.size(), 1u);
  EXPECT_EQ(loaded.issues[0].index, 5u);
  EXPECT_TRUE(contains(loaded.issues[0].reason, "250\u202F000 sommets au total")) << loaded.issues[0].reason;
}

// Region names were not checked at all; they reach a tooltip and the page.
TEST(HostileGeoJson, RegionNamesFollowTheTextRules) {
  const auto loaded = core::loadRegions(collection({region(kSquare, R"(\ud800)"), region(kSquare, R"(\udfff)"),
                                                    region(kSquare, R"(a\u0000b)"), region(kSquare, R"(\u001b[2J)"),
                                                    region(kSquare, ""), region(kSquare, std::string(201, 'x')),
                                                    region(kSquare, R"(Corse \ud83c\udfdd)")}));
  ASSERT_FALSE(loaded.fatal) << *loaded.fatal;
  ASSERT_EQ(loaded.issues.size(), 6u);
  EXPECT_EQ(loaded.issues[0].reason, "nom : texte qui n’est pas de l’UTF-8 valide");
  EXPECT_EQ(loaded.issues[1].reason, "nom : texte qui n’est pas de l’UTF-8 valide");
  EXPECT_EQ(loaded.issues[2].reason, "nom : caractère de contrôle interdit");
  EXPECT_EQ(loaded.issues[3].reason, "nom : caractère de contrôle interdit");
  EXPECT_EQ(loaded.issues[4].reason, "nom : champ obligatoire vide");
  EXPECT_EQ(loaded.issues[5].reason, "nom : 201 caractères, au plus 200 sont permis");
  ASSERT_EQ(loaded.items.size(), 1u);
  EXPECT_EQ(loaded.items[0].nom, "Corse \U0001F3DD");  // a real pair is a real character
}

TEST(HostileGeoJson, LoneSurrogatesAndOverlongUtf8InCatalyseurNames) {
  const auto loaded = core::loadCatalyseurs(collection({catalyseur("a", "[1.4442,43.6047]", {{"nom", R"("\ud83d")"}}),
                                                        catalyseur("b", "[1.4442,43.6047]", {{"nom", R"("x\ude00")"}}),
                                                        catalyseur("c", "[1.4442,43.6047]", {{"nom", R"("\ud83d\ud83d")"}}),
                                                        catalyseur("d", "[1.4442,43.6047]", {{"nom", R"("\ud83d\ude00")"}})}));
  ASSERT_FALSE(loaded.fatal) << *loaded.fatal;
  ASSERT_EQ(loaded.issues.size(), 3u);
  for (const auto& issue : loaded.issues) EXPECT_EQ(issue.reason, "nom : texte qui n’est pas de l’UTF-8 valide");
  ASSERT_EQ(loaded.items.size(), 1u);
  EXPECT_EQ(loaded.items[0].nom, "\U0001F600");
  // Bytes that are not UTF-8 (here an overlong « / ») are a file saved in the wrong encoding.
  const auto overlong = core::loadCatalyseurs(collection({catalyseur("e", "[1.4442,43.6047]", {{"nom", "\"a\xC0\xAF\""}})}));
  ASSERT_TRUE(overlong.fatal);
  EXPECT_TRUE(contains(*overlong.fatal, "texte qui n’est pas de l’UTF-8 valide")) << *overlong.fatal;
}

TEST(HostileGeoJson, ControlCharactersAndNulInIdsAndTypes) {
  const auto loaded = core::loadCatalyseurs(
      collection({catalyseur(R"(a\u0000b)"), catalyseur(R"(\u001b]0;x\u0007)"),
                  R"({"type":"Feature\u0000","geometry":{},"properties":{"id":"t"}})"}));
  ASSERT_FALSE(loaded.fatal);
  ASSERT_EQ(loaded.issues.size(), 3u);
  EXPECT_EQ(loaded.issues[0].id, "");  // an id is shown only when it shows as it is
  EXPECT_EQ(loaded.issues[0].reason, "id : caractère de contrôle interdit");
  EXPECT_EQ(loaded.issues[1].id, "");
  EXPECT_EQ(loaded.issues[2].id, "t");
  EXPECT_EQ(loaded.issues[2].reason, "l’entrée n’est pas une Feature");
}

TEST(HostileGeoJson, TopLevelInAnyOrderWithTheFirstKeyWinning) {
  const auto after = core::loadCatalyseurs(R"({"features":[)" + catalyseur("a") + R"(],"type":"FeatureCollection"})");
  ASSERT_FALSE(after.fatal) << *after.fatal;
  EXPECT_EQ(after.items.size(), 1u);
  const auto twice = core::loadCatalyseurs(R"({"type":"FeatureCollection","features":[)" + catalyseur("a") +
                                           R"(],"features":[)" + catalyseur("b") + "," + catalyseur("c") + "]}");
  ASSERT_EQ(twice.items.size(), 1u);
  EXPECT_EQ(twice.items[0].id, "a");
  const auto untyped = core::loadCatalyseurs(R"({"features":[)" + catalyseur("a") + "]}");
  ASSERT_TRUE(untyped.fatal);
  EXPECT_TRUE(untyped.items.empty());
  const auto not_array = core::loadCatalyseurs(R"({"type":"FeatureCollection","features":{"0":{}}})");
  ASSERT_TRUE(not_array.fatal);
  EXPECT_EQ(*not_array.fatal, "la FeatureCollection n’a pas de tableau « features »");
  const auto bom = core::loadCatalyseurs("\xEF\xBB\xBF" + collection({catalyseur("a")}));
  ASSERT_FALSE(bom.fatal) << *bom.fatal;
  EXPECT_EQ(bom.items.size(), 1u);
}

TEST(HostileGeoJson, ATruncatedFileKeepsNothingAndSaysWhere) {
  const std::string whole = collection({catalyseur("a"), catalyseur("b")});
  const auto loaded = core::loadCatalyseurs(whole.substr(0, whole.size() - 40));
  ASSERT_TRUE(loaded.fatal);
  EXPECT_TRUE(contains(*loaded.fatal, "fichier illisible, ligne 1")) << *loaded.fatal;
  EXPECT_TRUE(loaded.items.empty());
  EXPECT_TRUE(loaded.issues.empty());
}

TEST(HostileGeoJson, AHugeListOfValuesIsOneShortIssue) {
  std::string list = "[";
  for (int i = 0; i < 1'000'000; ++i) list += i ? R"(,"lieu")" : R"("lieu")";
  list += "]";
  const auto loaded = core::loadCatalyseurs(collection({catalyseur("a", "[1.4442,43.6047]", {{"metiers", list}})}));
  ASSERT_EQ(loaded.issues.size(), 1u);
  EXPECT_LT(loaded.issues[0].reason.size(), 200u);
  EXPECT_TRUE(contains(loaded.issues[0].reason, "metiers")) << loaded.issues[0].reason;
}

}  // namespace
