// core::loadCatalyseurs on any bytes: the map's data file. Beyond not crashing, what the
// loader promises: a sound report (fuzz::checkReport); every entry kept passes the
// validation rules, with a unique id; and what is kept writes back to GeoJSON that loads
// again, the same.
#include <cmath>
#include <set>

#include "fuzz_support.h"
#include "geojson.h"
#include "spreadsheet.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto loaded = core::loadCatalyseurs(fuzz::text(data, size));
  if (!fuzz::checkReport(loaded)) return 0;
  std::set<std::string> ids;
  for (const auto& c : loaded.items) {
    FUZZ_CHECK_SHOW(core::validateFields(c).empty(), c.id);
    FUZZ_CHECK_SHOW(core::validateLocation(c).empty(), c.id);
    FUZZ_CHECK_SHOW(ids.insert(c.id).second, c.id);
  }

  const auto again = core::loadCatalyseurs(core::toGeoJson(loaded.items));
  FUZZ_CHECK(!again.fatal);
  FUZZ_CHECK_SHOW(again.issues.empty(), again.issues.empty() ? std::string() : again.issues[0].reason);
  FUZZ_CHECK(again.items.size() == loaded.items.size());
  for (std::size_t i = 0; i < again.items.size(); ++i) {
    const auto& a = loaded.items[i];
    const auto& b = again.items[i];
    FUZZ_CHECK(a.id == b.id && a.nom == b.nom && a.structure == b.structure && a.metiers == b.metiers &&
               a.thematiques == b.thematiques && a.commune == b.commune && a.code_insee == b.code_insee &&
               a.departement == b.departement && a.region == b.region && a.territoire == b.territoire &&
               a.description == b.description && a.site == b.site && a.demo == b.demo);
    // Written with five decimals (a metre): half a unit of the fifth, and what a double adds.
    FUZZ_CHECK(std::abs(a.lon - b.lon) <= 5.000001e-6 && std::abs(a.lat - b.lat) <= 5.000001e-6);
  }
  return 0;
}
