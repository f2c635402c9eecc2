#include "report.h"

#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include "../core/test_support.h"

namespace {

rapidjson::Document parsed(const std::string& json) {
  rapidjson::Document d;
  d.Parse(json.c_str());
  EXPECT_FALSE(d.HasParseError()) << json;
  return d;
}

// The page's GeoJSON is the command's: for the shipped spreadsheet, the shipped file.
TEST(CheckerReport, ShippedSpreadsheetGivesTheShippedGeoJson) {
  const auto report = checker::check(
      test_support::readFile(std::string(CATALYSEURS_GEODATA_DIR) + "/catalyseurs.csv"), test_support::gazetteer());
  EXPECT_EQ(report.geojson, test_support::readFile(std::string(CATALYSEURS_GEODATA_DIR) + "/catalyseurs.geojson"));
  const auto d = parsed(report.json);
  EXPECT_EQ(d["rows"].GetUint(), 350u);
  EXPECT_EQ(d["valid"].GetUint(), 350u);
  EXPECT_EQ(d["rejected"].GetUint(), 0u);
  EXPECT_EQ(d["issues"].Size(), 0u);
  ASSERT_EQ(d["table"].Size(), 350u);
  EXPECT_EQ(d["table"][0]["line"].GetUint(), 2u);
  EXPECT_TRUE(d["table"][0]["ok"].GetBool());
  EXPECT_STREQ(d["table"][0]["region"].GetString(), "Île-de-France");  // Charenton-le-Pont
}

// A rejected row keeps its line and its cells as written; no GeoJSON while any row is bad.
TEST(CheckerReport, RejectedRowsAndLinesTheReaderCouldNotSplit) {
  const std::string header = "nom,id,structure,metiers,thematiques,commune,code_insee,territoire,description,site,demo\n";
  const auto report = checker::check(header +
                                         "Un,un,association,dialogue,,Toulouse,,,,,true\n"
                                         "Deux,deux,mairie,dialogue,,Toulouse,,,,,true\n"
                                         "Trois,tr\"ois,association,dialogue,,Toulouse,,,,,true\n",
                                     test_support::gazetteer());
  EXPECT_TRUE(report.geojson.empty());
  const auto d = parsed(report.json);
  EXPECT_EQ(d["rows"].GetUint(), 3u);
  EXPECT_EQ(d["valid"].GetUint(), 1u);
  EXPECT_EQ(d["rejected"].GetUint(), 2u);
  ASSERT_EQ(d["table"].Size(), 3u);
  EXPECT_STREQ(d["table"][0]["commune"].GetString(), "Toulouse");
  EXPECT_STREQ(d["table"][0]["region"].GetString(), "Occitanie");
  EXPECT_FALSE(d["table"][1]["ok"].GetBool());
  EXPECT_STREQ(d["table"][1]["id"].GetString(), "deux");
  EXPECT_EQ(d["table"][2]["line"].GetUint(), 4u);  // the stray quote's line, without cells
  EXPECT_STREQ(d["table"][2]["id"].GetString(), "");
  ASSERT_EQ(d["issues"].Size(), 2u);
  EXPECT_STREQ(d["issues"][0]["column"].GetString(), "structure");
}

TEST(CheckerReport, SaysWhenTheFileWasWindows1252) {
  const auto d = parsed(checker::check(test_support::fixture("spreadsheet/windows1252.csv"), test_support::gazetteer()).json);
  EXPECT_TRUE(d["converted"].GetBool());
  EXPECT_STREQ(d["table"][0]["nom"].GetString(), "Café des possibles");
}

}  // namespace
