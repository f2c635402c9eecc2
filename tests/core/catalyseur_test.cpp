#include "catalyseur.h"

#include <gtest/gtest.h>

#include <set>
#include <string_view>

#include "text.h"

namespace {

core::Catalyseur valid() {
  core::Catalyseur c;
  c.id = "vivre-les-mureaux";
  c.nom = "PTCE Vivre Les Mureaux";
  c.structure = "association";
  c.metiers = {"dialogue", "experimentation"};
  c.thematiques = {"emploi", "inclusion"};
  c.commune = "Les Mureaux";
  c.code_insee = "78440";
  c.departement = "78";
  c.region = "11";
  c.description = "Projet de territoire pour le plein emploi.";
  c.lon = 1.91;
  c.lat = 48.99;
  return c;
}

bool hasIssue(const std::vector<core::FieldIssue>& issues, const std::string& field) {
  for (const auto& i : issues)
    if (i.field == field) return true;
  return false;
}

TEST(ValidateFields, AcceptsAValidRecord) {
  EXPECT_TRUE(core::validateFields(valid()).empty());
  EXPECT_TRUE(core::validateLocation(valid()).empty());
}

struct BadCase {
  const char* name;
  void (*mutate)(core::Catalyseur&);
  const char* field;
};

class ValidateFieldsRejects : public testing::TestWithParam<BadCase> {};

TEST_P(ValidateFieldsRejects, NamesTheField) {
  auto c = valid();
  GetParam().mutate(c);
  const auto issues = core::validateFields(c);
  EXPECT_TRUE(hasIssue(issues, GetParam().field)) << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(
    Rules, ValidateFieldsRejects,
    testing::Values(
        BadCase{"empty id", [](core::Catalyseur& c) { c.id.clear(); }, "id"},
        BadCase{"id with accent", [](core::Catalyseur& c) { c.id = "réseau"; }, "id"},
        BadCase{"id with double dash", [](core::Catalyseur& c) { c.id = "a--b"; }, "id"},
        BadCase{"empty name", [](core::Catalyseur& c) { c.nom.clear(); }, "nom"},
        BadCase{"name with a tab", [](core::Catalyseur& c) { c.nom = "A\tB"; }, "nom"},
        BadCase{"unknown structure", [](core::Catalyseur& c) { c.structure = "mairie"; }, "structure"},
        BadCase{"no metier", [](core::Catalyseur& c) { c.metiers.clear(); }, "metiers"},
        BadCase{"repeated metier", [](core::Catalyseur& c) { c.metiers = {"lieu", "lieu"}; }, "metiers"},
        BadCase{"unknown thematique", [](core::Catalyseur& c) { c.thematiques = {"sport"}; }, "thematiques"},
        BadCase{"short INSEE code", [](core::Catalyseur& c) { c.code_insee = "7844"; }, "code_insee"},
        BadCase{"INSEE code of another département", [](core::Catalyseur& c) { c.code_insee = "91440"; }, "code_insee"},
        BadCase{"unknown département", [](core::Catalyseur& c) { c.departement = "20"; }, "departement"},
        BadCase{"region of another département", [](core::Catalyseur& c) { c.region = "24"; }, "region"},
        BadCase{"unknown region", [](core::Catalyseur& c) { c.region = "99"; }, "region"},
        BadCase{"description too long", [](core::Catalyseur& c) { c.description = std::string(601, 'a'); }, "description"},
        BadCase{"javascript URL", [](core::Catalyseur& c) { c.site = "javascript:alert(1)"; }, "site"},
        BadCase{"data URL", [](core::Catalyseur& c) { c.site = "data:text/html,x"; }, "site"},
        BadCase{"URL with a space", [](core::Catalyseur& c) { c.site = "https://exa mple.org"; }, "site"},
        BadCase{"URL without host", [](core::Catalyseur& c) { c.site = "https:///chemin"; }, "site"},
        BadCase{"invalid UTF-8", [](core::Catalyseur& c) { c.commune = "Les Mur\xe9" "aux"; }, "commune"}),
    [](const testing::TestParamInfo<BadCase>& info) {
      std::string name = info.param.name;
      for (char& ch : name)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      return name;
    });

TEST(ValidateFields, CountsCharactersNotBytes) {
  auto c = valid();
  c.description = "";
  for (int i = 0; i < 600; ++i) c.description += "é";  // 1 200 bytes, 600 characters
  EXPECT_TRUE(core::validateFields(c).empty());
  c.description += "é";
  EXPECT_TRUE(hasIssue(core::validateFields(c), "description"));
}

TEST(ValidateFields, AcceptsCorsicanAndOverseasCodes) {
  auto c = valid();
  c.code_insee = "2A004";
  c.departement = "2A";
  c.region = "94";
  EXPECT_TRUE(core::validateFields(c).empty());
  c.code_insee = "97411";
  c.departement = "974";
  c.region = "04";
  EXPECT_TRUE(core::validateFields(c).empty());
  c.code_insee = "98818";
  c.departement = "988";
  c.region = "988";
  EXPECT_TRUE(core::validateFields(c).empty());
}

// The two tables are kept apart (territory.cpp, catalyseur.cpp) and published together in
// geodata/schema.json: a département of an unknown region, or a region without any
// département, would be a record that can never validate.
TEST(DepartementRegions, MatchTheRegionTable) {
  std::set<std::string_view> departements, regions_used;
  for (const auto& d : core::departementRegions()) {
    EXPECT_TRUE(departements.insert(d.departement).second) << d.departement << " listed twice";
    EXPECT_NE(core::regionByCode(d.region), nullptr) << d.departement << " → unknown region " << d.region;
    EXPECT_EQ(core::regionOfDepartement(d.departement), d.region);
    regions_used.insert(d.region);
  }
  for (const auto& r : core::allRegions()) EXPECT_TRUE(regions_used.count(r.code)) << r.code << " has no département";
  EXPECT_EQ(core::regionOfDepartement("20"), std::nullopt);
}

TEST(ValidateLocation, PointMustBeInTheRegionsTerritory) {
  auto c = valid();
  c.lon = -61.53;  // Pointe-à-Pitre, while the region is Île-de-France
  c.lat = 16.24;
  EXPECT_TRUE(hasIssue(core::validateLocation(c), "geometry"));
  c.lon = -30;  // mid-Atlantic
  c.lat = 40;
  EXPECT_TRUE(hasIssue(core::validateLocation(c), "geometry"));
  c.lon = 400;
  EXPECT_TRUE(hasIssue(core::validateLocation(c), "geometry"));
}

TEST(IdRegistry, ReportsTheSecondUse) {
  core::IdRegistry ids;
  EXPECT_FALSE(ids.claim("a"));
  EXPECT_FALSE(ids.claim("b"));
  const auto again = ids.claim("a");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->field, "id");
}

// A malformed id is reported as such; the registry does not keep it (a rejected entry's
// 40 MB id would stay in memory for nothing).
TEST(IdRegistry, IgnoresIdsThatAreNotValid) {
  core::IdRegistry ids;
  const std::string huge(40'000'000, 'a');
  EXPECT_FALSE(ids.claim(huge));
  EXPECT_FALSE(ids.claim(huge));
  EXPECT_FALSE(ids.claim("Pas Un Identifiant"));
  EXPECT_FALSE(ids.claim("Pas Un Identifiant"));
}

// A list longer than the allowed values is refused once, in time linear in its length
// (checking each value against the earlier ones made a million values take hours).
TEST(ValidateFields, AHugeListIsOneIssue) {
  auto c = valid();
  c.metiers.assign(1'000'000, "dialogue");
  const auto issues = core::validateFields(c);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].field, "metiers");
  EXPECT_NE(issues[0].reason.find("1000000 valeurs, au plus 4"), std::string::npos) << issues[0].reason;
}

TEST(ValidateFields, ControlCharactersIncludingC1AreRefused) {
  for (std::string nom : {std::string("a\x1b[2Jb"), std::string("a\0b", 3), std::string("a\xC2\x85" "b")}) {
    auto c = valid();
    c.nom = nom;
    const auto issues = core::validateFields(c);
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(issues[0].reason, "caractère de contrôle interdit");
  }
  auto c = valid();
  c.description = "Deux lignes\r\net une tabulation\t.";
  EXPECT_TRUE(core::validateFields(c).empty());
}

TEST(ValidateFields, MessagesShowHostileValuesEscapedAndCut) {
  auto c = valid();
  // A right-to-left override would turn the rest of the message round in a terminal.
  c.structure = "\u202Enoitaicossa" + std::string(150, 'x');
  const auto issues = core::validateFields(c);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].reason.find("\u202E"), std::string::npos) << issues[0].reason;
  EXPECT_NE(issues[0].reason.find("« \\u{202E}noitaicossa"), std::string::npos) << issues[0].reason;
  EXPECT_EQ(issues[0].reason.find(std::string(50, 'x')), std::string::npos) << issues[0].reason;
}

TEST(TextProblem, TheRulesEveryTextShares) {
  EXPECT_EQ(core::textProblem("ok", 10, true), std::nullopt);
  EXPECT_EQ(core::textProblem("", 10, false), std::nullopt);
  EXPECT_EQ(core::textProblem("", 10, true), "champ obligatoire vide");
  EXPECT_EQ(core::textProblem("\xed\xb0\x80", 10, true), "texte qui n’est pas de l’UTF-8 valide");
  EXPECT_EQ(core::textProblem("a\nb", 10, true), "caractère de contrôle interdit");
  EXPECT_EQ(core::textProblem("a\nb", 10, true, true), std::nullopt);
  EXPECT_EQ(core::textProblem("ééé", 2, true), "3 caractères, au plus 2 sont permis");
}

TEST(Text, RecognisesUtf8) {
  EXPECT_TRUE(core::text::isValidUtf8("Réunion œ « » ’"));
  EXPECT_FALSE(core::text::isValidUtf8("R\xe9union"));
  EXPECT_FALSE(core::text::isValidUtf8("\xc3"));            // truncated
  EXPECT_FALSE(core::text::isValidUtf8("\xc0\xaf"));        // overlong
  EXPECT_FALSE(core::text::isValidUtf8("\xed\xa0\x80"));    // surrogate
  EXPECT_EQ(core::text::codePointCount("Réunion"), 7u);
}

}  // namespace
