// core::readSpreadsheet on any bytes, with the real gazetteer (geodata/communes.csv): what
// catalyseurs-csv does. Issues come in line order and can be printed to a terminal as they
// are; every row kept passes the validation rules with a unique id; and what is kept writes
// back, as the spreadsheet and as the export, to text that reads as the same entries, and to
// GeoJSON that the map loads whole.
#include <set>

#include "fuzz_support.h"
#include "geojson.h"
#include "spreadsheet.h"

namespace {

const core::Gazetteer& gazetteer() {
  static const core::Gazetteer g = [] {
    std::string error;
    auto parsed = core::Gazetteer::parse(fuzz::readFile(CATALYSEURS_GEODATA_DIR "/communes.csv"), error);
    if (!parsed) fuzz::fail("the gazetteer reads", __FILE__, __LINE__, error);
    return std::move(*parsed);
  }();
  return g;
}

bool same(const core::Catalyseur& a, const core::Catalyseur& b) {
  return a.id == b.id && a.nom == b.nom && a.structure == b.structure && a.metiers == b.metiers &&
         a.thematiques == b.thematiques && a.commune == b.commune && a.code_insee == b.code_insee &&
         a.departement == b.departement && a.region == b.region && a.territoire == b.territoire &&
         a.description == b.description && a.site == b.site && a.demo == b.demo && a.lon == b.lon && a.lat == b.lat;
}

void readsBackTheSame(const std::string& csv, const std::vector<core::Catalyseur>& expected) {
  const auto again = core::readSpreadsheet(csv, gazetteer());
  FUZZ_CHECK_SHOW(again.issues.empty(), again.issues.empty() ? std::string() : again.issues[0].reason);
  FUZZ_CHECK(again.catalyseurs.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) FUZZ_CHECK_SHOW(same(again.catalyseurs[i], expected[i]), expected[i].id);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto result = core::readSpreadsheet(fuzz::text(data, size), gazetteer());
  for (std::size_t i = 0; i < result.issues.size(); ++i) {
    const auto& issue = result.issues[i];
    FUZZ_CHECK(issue.line >= 1 && (i == 0 || issue.line >= result.issues[i - 1].line));
    FUZZ_CHECK_SHOW(!issue.reason.empty() && fuzz::showable(issue.reason), issue.reason);
    FUZZ_CHECK_SHOW(fuzz::showable(issue.column), issue.column);
  }
  std::set<std::string> ids;
  for (const auto& c : result.catalyseurs) {
    FUZZ_CHECK_SHOW(core::validateFields(c).empty() && core::validateLocation(c).empty(), c.id);
    FUZZ_CHECK_SHOW(ids.insert(c.id).second, c.id);
  }
  if (result.catalyseurs.empty()) return 0;

  std::vector<std::uint32_t> rows(result.catalyseurs.size());
  for (std::uint32_t i = 0; i < rows.size(); ++i) rows[i] = i;
  readsBackTheSame(core::toCsv(result.catalyseurs, rows), result.catalyseurs);
  readsBackTheSame(core::toCsvExport(result.catalyseurs, rows, [](std::string_view s) { return std::string(s); }),
                   result.catalyseurs);
  const auto loaded = core::loadCatalyseurs(core::toGeoJson(result.catalyseurs));
  FUZZ_CHECK(!loaded.fatal && loaded.issues.empty() && loaded.items.size() == result.catalyseurs.size());
  return 0;
}
