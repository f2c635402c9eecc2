// Distances on the WGS84 ellipsoid, for « 63 km » in a list sorted by distance. PROJ's
// geodesic routines (Karney's algorithm) do the work; their header stays in geodesy.cpp.
#pragma once

#include "projector.h"

namespace core {

// The length of the shortest path between two points on the ellipsoid, in metres; NaN when a
// coordinate is not a finite longitude/latitude.
double geodesicDistance(LonLat a, LonLat b);

}  // namespace core
