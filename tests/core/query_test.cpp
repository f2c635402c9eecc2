#include "query.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "geojson.h"
#include "test_support.h"

namespace {

core::Catalyseur make(std::string id, std::string nom, std::string structure, std::vector<std::string> metiers,
                      std::vector<std::string> thematiques, std::string commune, std::string region,
                      std::string description = "", std::string territoire = "") {
  core::Catalyseur c;
  c.id = std::move(id);
  c.nom = std::move(nom);
  c.structure = std::move(structure);
  c.metiers = std::move(metiers);
  c.thematiques = std::move(thematiques);
  c.commune = std::move(commune);
  c.region = std::move(region);
  c.description = std::move(description);
  c.territoire = std::move(territoire);
  return c;
}

std::vector<core::Catalyseur> sample() {
  return {
      make("a", "Réseau des Hauts", "association", {"dialogue"}, {"emploi"}, "Saint-Denis", "04"),
      make("b", "Atelier du Port", "entreprise", {"lieu", "dialogue"}, {"culture"}, "Le Port", "04",
           "Tiers-lieu ouvert à La Réunion"),
      make("c", "Cœur de ville", "collectivite", {"experimentation"}, {"habitat", "emploi"}, "Lyon", "84"),
      make("d", "Coeur d’Auvergne", "association", {"accompagnement"}, {"emploi"}, "Clermont-Ferrand", "84",
           "", "Réunion des villages"),
      make("e", "Réunion fictive", "academique", {"accompagnement", "experimentation"}, {"education"}, "Paris", "11"),
      make("f", "Fabrique", "association", {"lieu"}, {}, "Nouméa", "988", "Rencontres en province Sud"),
  };
}

std::vector<std::string> ids(const std::vector<core::Catalyseur>& all, const std::vector<std::uint32_t>& indices) {
  std::vector<std::string> out;
  for (auto i : indices) out.push_back(all[i].id);
  return out;
}

TEST(Search, IgnoresAccentsAndCase) {
  const auto all = sample();
  core::Catalog catalog(all);
  const auto a = catalog.match({}, "reunion");
  EXPECT_EQ(a, catalog.match({}, "RÉUNION"));
  EXPECT_EQ(a, catalog.match({}, "Réunion"));
  EXPECT_EQ(catalog.match({}, "cœur"), catalog.match({}, "coeur"));
  EXPECT_EQ(ids(all, catalog.match({}, "coeur")), (std::vector<std::string>{"d", "c"}));  // alphabetical: « coeur d auvergne » < « coeur de ville »
}

TEST(Search, RanksNameThenPlaceThenOtherFields) {
  const auto all = sample();
  core::Catalog catalog(all);
  // e: in its name; b and a: region « La Réunion » (alphabetical: « Atelier » first);
  // d: only in its territoire.
  EXPECT_EQ(ids(all, catalog.match({}, "reunion")), (std::vector<std::string>{"e", "b", "a", "d"}));
  // Every word must match somewhere.
  EXPECT_EQ(ids(all, catalog.match({}, "tiers reunion")), (std::vector<std::string>{"b"}));
  EXPECT_TRUE(catalog.match({}, "introuvable").empty());
  EXPECT_EQ(catalog.match({}, "   ").size(), all.size());
}

TEST(Filters, OrWithinAGroupAndAcrossGroups) {
  const auto all = sample();
  core::Catalog catalog(all);
  core::Filters f;
  f.metiers = {"lieu", "experimentation"};
  EXPECT_EQ(ids(all, catalog.match(f, "")), (std::vector<std::string>{"b", "c", "f", "e"}));
  f.region = {"84"};
  EXPECT_EQ(ids(all, catalog.match(f, "")), (std::vector<std::string>{"c"}));
  f.region = {"84", "04"};
  f.thematiques = {"emploi"};
  EXPECT_EQ(ids(all, catalog.match(f, "")), (std::vector<std::string>{"c"}));
}

// Brute force, written independently of the Catalog: counts for each value with its own
// group ignored.
std::size_t bruteCount(const std::vector<core::Catalyseur>& all, const core::Filters& f, const std::string& group,
                       const std::string& value) {
  auto any = [](const std::vector<std::string>& have, const std::vector<std::string>& want) {
    if (want.empty()) return true;
    for (const auto& w : want)
      if (std::find(have.begin(), have.end(), w) != have.end()) return true;
    return false;
  };
  std::size_t n = 0;
  for (const auto& c : all) {
    const bool m = group == "metiers" ? any(c.metiers, {value}) : any(c.metiers, f.metiers);
    const bool t = group == "thematiques" ? any(c.thematiques, {value}) : any(c.thematiques, f.thematiques);
    const bool s = group == "structure" ? c.structure == value : any({c.structure}, f.structure);
    const bool r = group == "region" ? c.region == value : any({c.region}, f.region);
    if (m && t && s && r) ++n;
  }
  return n;
}

void expectFacetsMatchBruteForce(const std::vector<core::Catalyseur>& all, const core::Filters& f) {
  core::Catalog catalog(all);
  const auto facets = catalog.facets(f, "");
  for (const auto& [group, counts] : {std::pair{"metiers", &facets.metiers}, std::pair{"thematiques", &facets.thematiques},
                                      std::pair{"structure", &facets.structure}, std::pair{"region", &facets.region}})
    for (const auto& fc : *counts) EXPECT_EQ(fc.count, bruteCount(all, f, group, fc.value)) << group << " " << fc.value;
}

TEST(Facets, CountTheOtherGroupsOnly) {
  const auto all = sample();
  core::Filters f;
  f.metiers = {"accompagnement"};
  core::Catalog catalog(all);
  const auto facets = catalog.facets(f, "");
  // Métiers ignore their own selection: 2 catalyseurs have « dialogue ».
  EXPECT_EQ(facets.metiers[0].value, "dialogue");
  EXPECT_EQ(facets.metiers[0].count, 2u);
  // Other groups count within the selection (d and e): « 84 » has d only.
  const auto r84 = std::find_if(facets.region.begin(), facets.region.end(), [](auto& r) { return r.value == "84"; });
  EXPECT_EQ(r84->count, 1u);
  expectFacetsMatchBruteForce(all, f);
}

TEST(Facets, MatchBruteForceOnTheShippedDataForRandomFilters) {
  const auto loaded = core::loadCatalyseurs(
      test_support::readFile(std::string(CATALYSEURS_GEODATA_DIR) + "/catalyseurs.geojson"));
  ASSERT_EQ(loaded.items.size(), 350u);
  std::mt19937 rng(7);
  auto pick = [&](const auto& values, std::vector<std::string>& out) {
    for (const auto& v : values)
      if (rng() % 4 == 0) out.emplace_back(v);
  };
  for (int round = 0; round < 40; ++round) {
    core::Filters f;
    pick(core::metierValues(), f.metiers);
    pick(core::thematiqueValues(), f.thematiques);
    pick(core::structureValues(), f.structure);
    std::vector<std::string_view> codes;
    for (const auto& r : core::allRegions()) codes.push_back(r.code);
    pick(codes, f.region);
    expectFacetsMatchBruteForce(loaded.items, f);
    // And the match count is the brute-force count with every group applied.
    core::Catalog catalog(loaded.items);
    std::size_t expected = 0;
    for (const auto& c : loaded.items) {
      auto any = [](const std::vector<std::string>& have, const std::vector<std::string>& want) {
        if (want.empty()) return true;
        for (const auto& w : want)
          if (std::find(have.begin(), have.end(), w) != have.end()) return true;
        return false;
      };
      const bool ok = any(c.metiers, f.metiers) && any(c.thematiques, f.thematiques) && any({c.structure}, f.structure) &&
           any({c.region}, f.region);
      if (ok) ++expected;
    }
    EXPECT_EQ(catalog.match(f, "").size(), expected);
  }
}

// A catalog that has searched before, and may search only what its last text matched, answers
// what a catalog searching for the first time does, whatever was typed before.
void expectSameAsFresh(core::Catalog& used, const std::vector<core::Catalyseur>& all, const core::Filters& f,
                       const std::string& text) {
  core::Catalog fresh(all);
  const auto expected = fresh.select(f, text);
  const auto got = used.select(f, text);
  EXPECT_EQ(got.matching, expected.matching) << "« " << text << " »";
  for (const auto& [a, b] : {std::pair{&got.facets.metiers, &expected.facets.metiers},
                             std::pair{&got.facets.region, &expected.facets.region}})
    for (std::size_t i = 0; i < a->size(); ++i) EXPECT_EQ((*a)[i].count, (*b)[i].count) << "« " << text << " »";
}

TEST(Search, TypingOnErasingAndEditingGiveWhatAFreshSearchGives) {
  const auto loaded = core::loadCatalyseurs(
      test_support::readFile(std::string(CATALYSEURS_GEODATA_DIR) + "/catalyseurs.geojson"));
  core::Catalog catalog(loaded.items);
  core::Filters lieu;
  lieu.metiers = {"lieu"};
  // Typed on, erased, words added, reordered, joined, split, replaced; filters in between.
  const std::vector<std::pair<std::string, core::Filters>> script = {
      {"l", {}},          {"ly", {}},         {"lyo", {}},        {"lyon", {}},         {"lyon", lieu},
      {"lyon ", lieu},    {"lyon t", lieu},   {"lyon ti", {}},    {"lyo", {}},          {"", {}},
      {"reu", {}},        {"réun", {}},       {"RÉUNION", {}},    {"union", {}},        {"tiers union", {}},
      {"union tiers", {}}, {"uniontiers", {}}, {"union ti ers", {}}, {"tiers", lieu},     {"tier", lieu},
      {"a", {}},          {"a b", {}},        {"ab", {}},         {"b", {}},            {"zzz", {}},
      {"zzzz", {}},       {"zz", {}},         {"ville", {}},      {"ville de", {}},     {"de ville", lieu},
  };
  for (const auto& [text, filters] : script) expectSameAsFresh(catalog, loaded.items, filters, text);
}

TEST(Search, RandomEditsGiveWhatAFreshSearchGives) {
  const auto loaded = core::loadCatalyseurs(
      test_support::readFile(std::string(CATALYSEURS_GEODATA_DIR) + "/catalyseurs.geojson"));
  core::Catalog catalog(loaded.items);
  std::mt19937 rng(11);
  const std::string letters = "aeinorstul ";
  std::string text;
  for (int step = 0; step < 300; ++step) {
    const unsigned what = rng() % 6;
    if (what < 3 || text.empty()) text += letters[rng() % letters.size()];  // typing on, the common case
    else if (what == 3) text.pop_back();
    else if (what == 4) text.insert(rng() % (text.size() + 1), 1, letters[rng() % letters.size()]);
    else text.erase(rng() % text.size(), 1);
    if (text.size() > 12) text.erase(0, 6);
    expectSameAsFresh(catalog, loaded.items, {}, text);
  }
}

TEST(Filters, SanitizeDropsUnknownAndRepeatedValues) {
  core::Filters f;
  f.metiers = {"lieu", "cuisine", "lieu"};
  f.region = {"11", "99"};
  std::vector<std::string> rejected;
  const auto clean = core::Catalog::sanitize(f, &rejected);
  EXPECT_EQ(clean.metiers, (std::vector<std::string>{"lieu"}));
  EXPECT_EQ(clean.region, (std::vector<std::string>{"11"}));
  EXPECT_EQ(rejected, (std::vector<std::string>{"cuisine", "99"}));
}

}  // namespace
