// Polygon triangulation, done once per region at load time: Dear ImGui only fills convex
// polygons, so concave outlines with holes are drawn as triangle lists instead.
//
// Ear clipping, after joining each hole to the outer ring so that the whole polygon becomes a
// single ring: at the point they share if the hole touches it, otherwise by a doubled
// "bridge" edge. Input comes from real-world data, so the algorithm is defensive rather than
// exact: it always terminates, never reads out of bounds and degrades gracefully on invalid
// (self-intersecting, overlapping) rings.
#pragma once

#include <cstdint>
#include <vector>

#include "geometry.h"

namespace core {

// Triangulates a polygon with holes. Returns vertex indices, three per triangle, into the
// concatenation of polygon.rings in order (ring 0's points, then ring 1's, ...).
//
// - Triangles are wound like the outer ring, and none has zero area.
// - A valid polygon with n points (repeated consecutive points count once, points on a
//   straight line count) and h holes gives n - 2 + 2h triangles; where a hole touches the
//   outer ring or another hole, two fewer per shared vertex, one fewer per vertex touching
//   the middle of an edge.
// - Empty result when the outer ring has fewer than 3 distinct points, zero area, or any
//   coordinate is not finite. Holes that are degenerate or lie outside the outer ring are
//   ignored.
// - Self-intersecting input gives a best-effort result: local twists (two points in the
//   wrong order) are undone, beyond that some triangles may overlap or spill out.
std::vector<std::uint32_t> triangulate(const Polygon& polygon);

// Sum of |area| of triangles vs polygon area, relative: 0 for a perfect triangulation.
// The polygon area is |outer| - sum |holes|. Returns infinity when `indices` is not a whole
// number of triangles, references a point that does not exist, or covers a non-zero area
// while the polygon has none.
double triangulationDeviation(const Polygon& polygon, const std::vector<std::uint32_t>& indices);

}  // namespace core
