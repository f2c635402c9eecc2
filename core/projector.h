// Projects WGS84 lon/lat into the legal CRS of each territory, and back, with PROJ.
// proj.h stays inside projector.cpp: callers see only our types.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>

#include "error.h"
#include "geometry.h"
#include "territory.h"

namespace core {

struct LonLat {
  double lon = 0;
  double lat = 0;
};

class Projector {
 public:
  // Projects with the PROJ pipelines of core/projection_pipelines.inc, which PROJ chose
  // from its database at build time: nothing is read at run time, neither proj.db nor the
  // network. Throws core::Exception if PROJ cannot create them.
  Projector();
  ~Projector();
  Projector(const Projector&) = delete;
  Projector& operator=(const Projector&) = delete;

  // Easting/northing in metres in the territory's CRS (TerritoryInfo::epsg).
  Result<Point> forward(Territory territory, LonLat lonlat) const;
  Result<LonLat> inverse(Territory territory, Point projected) const;
  // Projects a run of points in place, from lon/lat (x = lon, y = lat) to the territory's
  // CRS, in one PROJ call: what forward() gives point by point, without its cost per call.
  // On failure the run is left partly projected and the error names the first bad point.
  Result<std::size_t> forwardInPlace(Territory territory, std::span<Point> points) const;

  // The PROJ version in use, e.g. "9.1.1".
  static std::string projVersion();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace core
