#include "spreadsheet.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "geojson.h"
#include "query.h"
#include "test_support.h"

namespace {

namespace fs = std::filesystem;

using test_support::gazetteer;

std::vector<std::string> badCases() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(std::string(CATALYSEURS_FIXTURES_DIR) + "/spreadsheet/bad"))
    if (entry.path().extension() == ".csv") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

class BadSpreadsheet : public testing::TestWithParam<std::string> {};

// Each fixture lists the exact (line, column) of every problem it contains; the reader
// must report those and nothing else.
TEST_P(BadSpreadsheet, ReportsExactLinesAndColumns) {
  const std::string base = std::string(CATALYSEURS_FIXTURES_DIR) + "/spreadsheet/bad/" + GetParam();
  const auto result = core::readSpreadsheet(test_support::readFile(base + ".csv"), gazetteer());
  const auto expected = test_support::readTsv(base + ".expected");
  ASSERT_FALSE(expected.empty());
  std::string reported;
  for (const auto& i : result.issues)
    reported += std::to_string(i.line) + " [" + i.column + "] " + i.reason + "\n";
  ASSERT_EQ(result.issues.size(), expected.size()) << reported;
  for (std::size_t k = 0; k < expected.size(); ++k) {
    const auto& want = expected[k];
    // readTsv drops an empty middle cell's tab run: "1\t\tvide" gives {"1", "", "vide"}.
    ASSERT_EQ(want.size(), 3u) << GetParam();
    EXPECT_EQ(result.issues[k].line, std::stoul(want[0])) << reported;
    EXPECT_EQ(result.issues[k].column, want[1]) << reported;
    EXPECT_NE(result.issues[k].reason.find(want[2]), std::string::npos) << reported;
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BadSpreadsheet, testing::ValuesIn(badCases()),
                         [](const testing::TestParamInfo<std::string>& info) { return info.param; });

TEST(Spreadsheet, HasAtLeastTwentyDistinctBadCases) { EXPECT_GE(badCases().size(), 20u); }

TEST(Spreadsheet, ReadsBomCrlfMultilineAndGeocodes) {
  const auto result = core::readSpreadsheet(
      test_support::fixture("spreadsheet/good.csv"), gazetteer());
  std::string reported;
  for (const auto& i : result.issues) reported += std::to_string(i.line) + " " + i.reason + "\n";
  ASSERT_TRUE(result.issues.empty()) << reported;
  ASSERT_EQ(result.catalyseurs.size(), 5u);
  const auto& lyon = result.catalyseurs[1];
  EXPECT_EQ(lyon.code_insee, "69123");  // found by name within département 69
  EXPECT_EQ(lyon.region, "84");
  EXPECT_EQ(lyon.metiers, (std::vector<std::string>{"lieu", "dialogue"}));
  EXPECT_EQ(lyon.description, "Texte, avec virgule et « guillemets »");
  const auto& reunion = result.catalyseurs[2];
  EXPECT_EQ(reunion.description, "Sur deux\r\nlignes, avec « guillemets » et œuvre.");
  EXPECT_NEAR(reunion.lat, -20.88, 0.05);
  const auto& saint_denis_93 = result.catalyseurs[3];
  EXPECT_EQ(saint_denis_93.code_insee, "93066");  // "SAINT-DENIS" + département 93
  EXPECT_EQ(saint_denis_93.commune, "SAINT-DENIS");
  const auto& noumea = result.catalyseurs[4];
  EXPECT_EQ(noumea.region, "988");
  EXPECT_EQ(noumea.site, "http://example.org/cinq?x=1#y");
}

// The same spreadsheet with old Mac line ends (a lone CR, in the quoted cells too) and
// with its byte-order mark reads the same.
TEST(Spreadsheet, CrOnlyLineEndsReadTheSame) {
  std::string csv = test_support::fixture("spreadsheet/good.csv");
  const auto lf = core::readSpreadsheet(csv, gazetteer());
  std::string cr;
  for (std::size_t i = 0; i < csv.size(); ++i)
    if (csv[i] == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') continue;
    else cr += csv[i] == '\n' ? '\r' : csv[i];
  const auto result = core::readSpreadsheet(cr, gazetteer());
  ASSERT_TRUE(result.issues.empty()) << result.issues[0].line << " " << result.issues[0].reason;
  ASSERT_EQ(result.catalyseurs.size(), lf.catalyseurs.size());
  EXPECT_EQ(result.catalyseurs[2].description, "Sur deux\rlignes, avec « guillemets » et œuvre.");
}

TEST(Spreadsheet, NulAndEscapeInCellsAreNamedAtTheirLineAndColumn) {
  const std::string header =
      "id,nom,structure,metiers,thematiques,commune,code_insee,departement,region,territoire,description,site,demo\n";
  const std::string row = "un,Réseau fictif,association,dialogue,emploi,Toulouse,31555,31,76,,Texte.,,true\n";
  std::string nul = row;
  nul.replace(nul.find("fictif"), 6, std::string("fic\0tif", 7));
  const auto bad = core::readSpreadsheet(header + nul + "\x1b[2J" + row, gazetteer());
  ASSERT_EQ(bad.issues.size(), 2u);
  EXPECT_EQ(bad.issues[0].line, 2u);
  EXPECT_EQ(bad.issues[0].column, "nom");
  EXPECT_EQ(bad.issues[0].reason, "caractère de contrôle interdit");
  EXPECT_EQ(bad.issues[1].line, 3u);
  EXPECT_EQ(bad.issues[1].column, "id");
  EXPECT_EQ(bad.issues[1].reason, "caractère de contrôle interdit");
}

// Found by fuzzing: with an unreadable header, a bad row's message came before the header's.
TEST(Spreadsheet, IssuesStayInLineOrderWhenTheHeaderIsUnreadable) {
  const auto result = core::readSpreadsheet(std::string("id\0,nom\nx\"y\n", 12), gazetteer());
  ASSERT_EQ(result.issues.size(), 2u);
  EXPECT_EQ(result.issues[0].line, 1u);
  EXPECT_EQ(result.issues[1].line, 2u);
}

// Values quoted in messages reach a terminal: their control characters show escaped.
TEST(Spreadsheet, QuotedValuesInMessagesAreEscaped) {
  const std::string header =
      "id,nom,structure,metiers,thematiques,commune,code_insee,departement,region,territoire,description,site,demo\n";
  const auto result = core::readSpreadsheet(
      header + "un,Réseau fictif,association,dialogue,emploi,Ville\x1b]0;titre\x07,,,,,Texte.,,true\n", gazetteer());
  ASSERT_EQ(result.issues.size(), 1u);
  EXPECT_EQ(result.issues[0].column, "commune");
  EXPECT_EQ(result.issues[0].reason.find('\x1b'), std::string::npos) << result.issues[0].reason;
  EXPECT_NE(result.issues[0].reason.find("Ville\\u{001B}]0;titre\\u{0007}"), std::string::npos) << result.issues[0].reason;
}

// The shipped spreadsheet converts cleanly, and the map's loader accepts the result.
TEST(Spreadsheet, ShippedDataRoundTripsThroughTheLoader) {
  const auto result = core::readSpreadsheet(
      test_support::readFile(std::string(CATALYSEURS_GEODATA_DIR) + "/catalyseurs.csv"), gazetteer());
  ASSERT_TRUE(result.issues.empty()) << result.issues[0].line << " " << result.issues[0].reason;
  EXPECT_EQ(result.catalyseurs.size(), 350u);
  const auto loaded = core::loadCatalyseurs(core::toGeoJson(result.catalyseurs));
  ASSERT_FALSE(loaded.fatal);
  EXPECT_TRUE(loaded.issues.empty());
  EXPECT_EQ(loaded.items.size(), 350u);

  const auto shipped = core::loadCatalyseurs(
      test_support::readFile(std::string(CATALYSEURS_GEODATA_DIR) + "/catalyseurs.geojson"));
  ASSERT_FALSE(shipped.fatal);
  EXPECT_TRUE(shipped.issues.empty());
  EXPECT_EQ(shipped.items.size(), 350u);
}

TEST(Gazetteer, RejectsAMalformedFile) {
  std::string error;
  EXPECT_FALSE(core::Gazetteer::parse("code_insee,nom\n", error));
  EXPECT_NE(error.find("ligne 1"), std::string::npos);
  EXPECT_FALSE(core::Gazetteer::parse(
      "code_insee,nom,departement,region,lon,lat,population\n31555,Toulouse,31,76,x,43.6,1\n", error));
  EXPECT_NE(error.find("ligne 2"), std::string::npos);
}

TEST(Gazetteer, FindsByCodeAndByFoldedName) {
  const auto& g = gazetteer();
  ASSERT_NE(g.byCode("31555"), nullptr);
  EXPECT_EQ(g.byCode("31555")->nom, "Toulouse");
  EXPECT_EQ(g.byName("CHARENTON LE PONT").size(), 1u);
  EXPECT_EQ(g.byName("saint-denis").size(), 2u);
  EXPECT_EQ(g.byName("saint-denis", "974").size(), 1u);
}

}  // namespace

namespace {

std::vector<std::uint32_t> allRows(std::size_t n) {
  std::vector<std::uint32_t> rows(n);
  for (std::uint32_t i = 0; i < n; ++i) rows[i] = i;
  return rows;
}

// The writer is the reader's inverse: the directory's own spreadsheet comes back byte for
// byte (it was written by the demo generator, a separate program).
TEST(CsvExport, WritesTheDirectorysSpreadsheetBack) {
  const std::string text = test_support::readFile(std::string(CATALYSEURS_GEODATA_DIR) + "/catalyseurs.csv");
  const auto read = core::readSpreadsheet(text, gazetteer());
  ASSERT_TRUE(read.issues.empty());
  EXPECT_EQ(core::toCsv(read.catalyseurs, allRows(read.catalyseurs.size())), text);
}

TEST(CsvExport, WritesTheChosenRowsInTheirOrder) {
  const auto read = core::readSpreadsheet(
      test_support::readFile(std::string(CATALYSEURS_GEODATA_DIR) + "/catalyseurs.csv"), gazetteer());
  const std::vector<std::uint32_t> rows{5, 2};
  const std::string csv = core::toCsv(read.catalyseurs, rows);
  const auto back = core::readSpreadsheet(csv, gazetteer());
  ASSERT_TRUE(back.issues.empty());
  ASSERT_EQ(back.catalyseurs.size(), 2u);
  EXPECT_EQ(back.catalyseurs[0].id, read.catalyseurs[5].id);
  EXPECT_EQ(back.catalyseurs[1].id, read.catalyseurs[2].id);
  EXPECT_EQ(core::toGeoJson(back.catalyseurs), core::toGeoJson(read.catalyseurs, rows));
}

// What a spreadsheet program gets: a byte-order mark, then the directory's columns and the
// derived ones. It still reads back into the same catalyseurs.
TEST(CsvExport, AddsLabelsAndPositionAndStillReadsBack) {
  const auto read = core::readSpreadsheet(
      test_support::readFile(std::string(CATALYSEURS_GEODATA_DIR) + "/catalyseurs.csv"), gazetteer());
  const auto rows = allRows(read.catalyseurs.size());
  const std::string csv = core::toCsvExport(read.catalyseurs, rows, [](std::string_view s) { return "<" + std::string(s) + ">"; });
  ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(csv.substr(3, csv.find('\n') - 3),
            "id,nom,structure,metiers,thematiques,commune,code_insee,departement,region,territoire,description,site,"
            "demo,structure_libelle,region_nom,latitude,longitude");
  // Le Centsept, Lyon: its label, its region's name and the gazetteer's position of Lyon.
  const auto& lyon = read.catalyseurs[*core::Catalog(read.catalyseurs).match({}, "Centsept").begin()];
  char tail[96];
  std::snprintf(tail, sizeof tail, ",<%s>,Auvergne-Rhône-Alpes,%.5f,%.5f\n", lyon.structure.c_str(), lyon.lat, lyon.lon);
  EXPECT_NE(csv.find(lyon.id + ","), std::string::npos);
  EXPECT_NE(csv.find(tail), std::string::npos) << tail;
  const auto back = core::readSpreadsheet(csv, gazetteer());
  EXPECT_TRUE(back.issues.empty()) << back.issues.front().reason;
  EXPECT_EQ(core::toGeoJson(back.catalyseurs), core::toGeoJson(read.catalyseurs));
}

// Derived columns are ignored wherever they are, like the others in any order; named twice,
// they are reported as any other column would be.
TEST(CsvExport, DerivedColumnsAnywhereButOnce) {
  const std::string header = "id,nom,structure,metiers,thematiques,commune,code_insee,departement,region,territoire,description,site,demo";
  const std::string row = "x,Nom,association,lieu,,Lyon,69123,69,84,,,,false";
  for (const std::string& extra : {std::string(",structure_libelle,region_nom"), std::string(",region_nom,latitude")}) {
    auto ok = core::readSpreadsheet(header + extra + "\n" + row + ",n'importe,quoi\n", gazetteer());
    EXPECT_TRUE(ok.issues.empty()) << extra;
    EXPECT_EQ(ok.catalyseurs.size(), 1u) << extra;
  }
  auto first = core::readSpreadsheet("latitude," + header + "\n12," + row + "\n", gazetteer());
  EXPECT_TRUE(first.issues.empty());
  auto twice = core::readSpreadsheet(header + ",latitude,latitude\n" + row + ",1,2\n", gazetteer());
  ASSERT_EQ(twice.issues.size(), 1u);
  EXPECT_EQ(twice.issues[0].line, 1u);
  EXPECT_EQ(twice.issues[0].column, "latitude");
  EXPECT_EQ(twice.issues[0].reason, "colonne en double : colonnes 14 et 15");
}

}  // namespace
