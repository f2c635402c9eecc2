#include "geodesy.h"

#include <geodesic.h>

#include <cmath>

namespace core {

double geodesicDistance(LonLat a, LonLat b) {
  if (!std::isfinite(a.lon + a.lat + b.lon + b.lat) || std::abs(a.lat) > 90 || std::abs(b.lat) > 90)
    return std::nan("");
  // WGS84: semi-major axis in metres and flattening.
  static const geod_geodesic wgs84 = [] {
    geod_geodesic g;
    geod_init(&g, 6378137.0, 1 / 298.257223563);
    return g;
  }();
  double distance = 0, azimuth1 = 0, azimuth2 = 0;
  geod_inverse(&wgs84, a.lat, a.lon, b.lat, b.lon, &distance, &azimuth1, &azimuth2);
  return distance;
}

}  // namespace core
