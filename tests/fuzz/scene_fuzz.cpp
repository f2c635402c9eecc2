// The map built from any basemap bytes: core::loadRegions, then core::buildScene (PROJ
// projection, inset layout, earcut triangulation) with the seven catalyseurs of the test
// fixtures. Every triangle must name vertices that exist, every vertex be finite, and the
// region lookup must answer at every vertex. An odd-sized input lays the insets out in rows
// (portrait screens), an even-sized one in a column.
#include <cmath>

#include "fuzz_support.h"
#include "geojson.h"
#include "scene.h"

namespace {

struct World {
  core::Projector projector;
  std::vector<core::Catalyseur> catalyseurs =
      core::loadCatalyseurs(fuzz::readFile(CATALYSEURS_FIXTURES_DIR "/geojson/seven-catalyseurs.geojson")).items;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const World world;
  const auto regions = core::loadRegions(fuzz::text(data, size));
  const auto options = size % 2 ? core::LayoutOptions::portrait() : core::LayoutOptions{};
  const auto scene = core::buildScene(world.projector, regions.items, world.catalyseurs, options);
  if (!scene) {
    FUZZ_CHECK_SHOW(fuzz::showable(scene.error().message), scene.error().message);
    return 0;
  }
  FUZZ_CHECK(scene->markers.size() + scene->issues.size() >= world.catalyseurs.size());
  for (const auto& region : scene->regions) {
    FUZZ_CHECK(region.triangles.size() % 3 == 0);
    for (auto index : region.triangles) FUZZ_CHECK(index < region.vertices.size());
    FUZZ_CHECK(!region.ring_starts.empty() && region.ring_starts.front() == 0 &&
               region.ring_starts.back() == region.vertices.size());
    for (std::size_t r = 1; r < region.ring_starts.size(); ++r) FUZZ_CHECK(region.ring_starts[r - 1] <= region.ring_starts[r]);
    for (const auto& v : region.vertices) {
      FUZZ_CHECK(std::isfinite(v.x) && std::isfinite(v.y));
      (void)scene->regionAt(v);
    }
    FUZZ_CHECK(std::isfinite(region.label.x) && std::isfinite(region.label.y));
  }
  for (const auto& marker : scene->markers) FUZZ_CHECK(std::isfinite(marker.plane.x) && std::isfinite(marker.plane.y));
  return 0;
}
