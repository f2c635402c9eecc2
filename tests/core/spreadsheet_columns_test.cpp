#include "spreadsheet_columns.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "csv.h"
#include "spreadsheet.h"
#include "test_support.h"

namespace {

using test_support::gazetteer;

std::string geodata(const std::string& name) {
  return test_support::readFile(std::string(CATALYSEURS_GEODATA_DIR) + "/" + name);
}

// The shipped spreadsheet rewritten with only the columns `keep`, in that order.
std::string rewritten(const std::vector<std::string>& keep) {
  const core::CsvTable table = core::parseCsv(geodata("catalyseurs.csv"));
  const auto& header = table.records.at(0).fields;
  std::string out;
  for (const auto& record : table.records) {
    std::vector<std::string> fields;
    for (const auto& name : keep)
      fields.push_back(record.fields.at(std::find(header.begin(), header.end(), name) - header.begin()));
    out += core::csvRecord(fields) + "\n";
  }
  return out;
}

// Columns in reverse order, departement and region left out: the map's file is the same,
// byte for byte, since the commune gives what was left out.
TEST(SpreadsheetColumns, AnyOrderAndTheOptionalColumnsLeftOut) {
  std::vector<std::string> keep;
  for (const auto& c : core::spreadsheetColumnTable())
    if (c.name != "departement" && c.name != "region") keep.insert(keep.begin(), std::string(c.name));
  ASSERT_EQ(keep.size(), 11u);
  ASSERT_EQ(keep.front(), "demo");
  const auto result = core::readSpreadsheet(rewritten(keep), gazetteer());
  ASSERT_TRUE(result.issues.empty()) << result.issues[0].line << " " << result.issues[0].reason;
  EXPECT_EQ(core::toGeoJson(result.catalyseurs), geodata("catalyseurs.geojson"));
  EXPECT_EQ(result.rows, 350u);
  EXPECT_EQ(result.lines.front(), 2u);
}

TEST(SpreadsheetColumns, OnlyDepartementAndRegionMayBeLeftOut) {
  for (const auto& c : core::spreadsheetColumnTable())
    EXPECT_EQ(c.required, c.name != "departement" && c.name != "region") << c.name;
}

TEST(SpreadsheetColumns, SuggestsTheColumnAMisspeltNameMeant) {
  const auto& all = core::spreadsheetColumns();
  EXPECT_EQ(core::suggestColumn("metier", all), "metiers");
  EXPECT_EQ(core::suggestColumn("Métiers", all), "metiers");
  EXPECT_EQ(core::suggestColumn("thématique", all), "thematiques");
  EXPECT_EQ(core::suggestColumn("code insee", all), "code_insee");
  EXPECT_EQ(core::suggestColumn("Code-INSEE", all), "code_insee");
  EXPECT_EQ(core::suggestColumn("département", all), "departement");
  EXPECT_EQ(core::suggestColumn("comune", all), "commune");
  EXPECT_EQ(core::suggestColumn("ID", all), "id");
  EXPECT_EQ(core::suggestColumn("Nom", all), "nom");
  // Too far, or too short to guess from.
  EXPECT_EQ(core::suggestColumn("courriel", all), "");
  EXPECT_EQ(core::suggestColumn("x", all), "");
  EXPECT_EQ(core::suggestColumn("sites web", all), "");
  EXPECT_EQ(core::suggestColumn("nm", all), "nom");
  EXPECT_EQ(core::suggestColumn("xy", all), "");
  // Only among the candidates given: the header's absent columns.
  EXPECT_EQ(core::suggestColumn("metier", {"nom", "site"}), "");
}

TEST(SpreadsheetColumns, ASuggestionOnlyForAColumnTheHeaderLacks) {
  const std::string header = "id,nom,structure,metiers,thematiques,commune,code_insee,territoire,description,site,demo";
  const auto result = core::readSpreadsheet(header + ",metier\n", gazetteer());
  ASSERT_EQ(result.issues.size(), 1u);
  EXPECT_EQ(result.issues[0].reason, "colonne « metier » inconnue");
}

// What a French Excel saves as « CSV »: Windows-1252. Read as such, with the note.
TEST(SpreadsheetColumns, ReadsWindows1252) {
  const auto result = core::readSpreadsheet(test_support::fixture("spreadsheet/windows1252.csv"), gazetteer());
  ASSERT_TRUE(result.issues.empty()) << result.issues[0].line << " " << result.issues[0].reason;
  EXPECT_TRUE(result.converted_from_windows1252);
  ASSERT_EQ(result.catalyseurs.size(), 2u);
  EXPECT_EQ(result.catalyseurs[0].nom, "Café des possibles");
  EXPECT_EQ(result.catalyseurs[0].code_insee, "25056");  // Besançon
  EXPECT_EQ(result.catalyseurs[0].description, "L’œuvre commune : 10 € l’adhésion, « bienvenue » — Noël…");
  EXPECT_EQ(result.catalyseurs[1].nom, "Atelier d’Île-de-France");
  EXPECT_EQ(result.catalyseurs[1].code_insee, "91228");  // Évry-Courcouronnes
  EXPECT_EQ(result.catalyseurs[1].description, "Ça marche à 100 % ™");
  EXPECT_FALSE(core::readSpreadsheet(test_support::fixture("spreadsheet/good.csv"), gazetteer()).converted_from_windows1252);
}

// The template passes the checks as it is: its notes row is skipped, its two rows are valid.
TEST(SpreadsheetTemplate, HeaderNotesAndTwoValidExamples) {
  const std::string text = core::spreadsheetTemplate();
  ASSERT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
  const core::CsvTable table = core::parseCsv(text);
  ASSERT_EQ(table.records.size(), 4u);
  const auto& names = core::spreadsheetColumns();
  EXPECT_TRUE(std::equal(names.begin(), names.end(), table.records[0].fields.begin(), table.records[0].fields.end()));
  const auto& notes = table.records[1].fields;
  ASSERT_EQ(notes.size(), names.size());
  EXPECT_EQ(notes[0].substr(0, 1), "#");
  for (std::size_t i = 0; i < names.size(); ++i) EXPECT_NE(notes[i].find(std::string(names[i]) + " : "), std::string::npos) << notes[i];
  // Each vocabulary in its column's note.
  for (const char* column : {"structure", "metiers", "thematiques"}) {
    const std::string& note = notes[std::find(names.begin(), names.end(), column) - names.begin()];
    for (auto value : core::allowedValues(column)) EXPECT_NE(note.find(value), std::string::npos) << column << " " << value;
  }
  const auto result = core::readSpreadsheet(text, gazetteer());
  ASSERT_TRUE(result.issues.empty()) << result.issues[0].line << " " << result.issues[0].reason;
  EXPECT_EQ(result.rows, 2u);
  ASSERT_EQ(result.catalyseurs.size(), 2u);
  EXPECT_EQ(result.lines, (std::vector<std::size_t>{3, 4}));
  EXPECT_EQ(result.catalyseurs[1].code_insee, "29019");  // Brest, from its name alone
  EXPECT_EQ(result.catalyseurs[1].region, "53");
}

// README « Mettre à jour les données » documents every column and every allowed value.
TEST(SpreadsheetTemplate, ReadmeListsEveryColumnAndValue) {
  const std::string readme = test_support::readFile(std::string(CATALYSEURS_GEODATA_DIR) + "/../README.md");
  const auto start = readme.find("### Les colonnes du tableur");
  ASSERT_NE(start, std::string::npos);
  const std::string section = readme.substr(start, readme.find("\n## ", start) - start);
  for (const auto& c : core::spreadsheetColumnTable()) {
    EXPECT_NE(section.find("| `" + std::string(c.name) + "` |"), std::string::npos) << c.name;
    for (auto value : core::allowedValues(c.name)) EXPECT_NE(section.find("`" + std::string(value) + "`"), std::string::npos) << value;
  }
}

}  // namespace
