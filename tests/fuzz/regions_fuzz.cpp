// core::loadRegions on any bytes: the basemap file. A sound report (fuzz::checkReport);
// every region kept has a known code, a territory that agrees with it, a name that can be
// shown, rings of at least three finite lon/lat points, and the vertex bounds hold.
#include <cmath>

#include "catalyseur.h"
#include "fuzz_support.h"
#include "geojson.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto loaded = core::loadRegions(fuzz::text(data, size));
  if (!fuzz::checkReport(loaded)) return 0;
  std::size_t total = 0;
  for (const auto& region : loaded.items) {
    const auto territory = core::territoryOfRegionCode(region.code);
    FUZZ_CHECK_SHOW(territory && *territory == region.territory, region.code);
    FUZZ_CHECK_SHOW(!core::textProblem(region.nom, core::kMaxName, true), region.nom);
    FUZZ_CHECK(!region.polygons.empty());
    std::size_t vertices = 0;
    for (const auto& polygon : region.polygons) {
      FUZZ_CHECK(!polygon.rings.empty());
      for (const auto& ring : polygon.rings) {
        FUZZ_CHECK(ring.size() >= 3);
        vertices += ring.size() + 1;
        for (const auto& p : ring)
          FUZZ_CHECK(std::isfinite(p.x) && std::isfinite(p.y) && std::abs(p.x) <= 180 && std::abs(p.y) <= 90);
      }
    }
    FUZZ_CHECK(vertices <= core::kMaxRegionVertices);
    total += vertices;
  }
  FUZZ_CHECK(total <= core::kMaxBasemapVertices);
  return 0;
}
