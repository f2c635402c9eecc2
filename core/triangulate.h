// Polygon triangulation, done once per region at load time: Dear ImGui only fills convex
// polygons, so concave outlines with holes are drawn as triangle lists instead.
//
// The triangulation is mapbox's earcut (ear clipping, holes joined to the outer ring by
// bridges). Like earcut, it is meant to be fast and robust on real-world data rather than
// exact: it always terminates and never reads out of bounds, but on invalid input
// (self-intersecting, overlapping rings) it only gives a best effort. Its time grows with the
// square of the number of points on detailed outlines (tests/bench/triangulate_bench.cpp:
// 0.4 s for a 50 000-point comb or star); the loader bounds what a region may have
// (core::kMaxRegionVertices).
#pragma once

#include <cstdint>
#include <vector>

#include "geometry.h"

namespace core {

// Triangulates a polygon with holes. Returns vertex indices, three per triangle, into the
// concatenation of polygon.rings in order (ring 0's points, then ring 1's, ...).
//
// - Triangles are wound like the outer ring. For valid input none has zero area.
// - A valid polygon with n points (repeated consecutive points count once) and h holes gives
//   n - 2 + 2h triangles; where a hole touches the outer ring or another hole, two fewer per
//   shared vertex, one fewer per vertex touching the middle of an edge. Points on a straight
//   line usually count too, but earcut may drop one, which then lies on a triangle's edge
//   rather than at a corner (no area is lost): one triangle fewer each. It does so where a
//   bridge to a hole continues an edge in a straight line, and when it finds no ear left.
// - Empty result when the outer ring has fewer than 3 distinct points, zero area, or any
//   coordinate is not finite. Holes with fewer than 3 distinct points or zero area are ignored.
// - Self-intersecting input: local twists (two consecutive points in the wrong order, the usual
//   defect in a real outline) are undone first. Beyond that the result is earcut's best
//   effort: some triangles may overlap, spill out or be missing, and a hole lying outside the
//   outer ring is either left out or joined to it across the outside.
std::vector<std::uint32_t> triangulate(const Polygon& polygon);

// Sum of |area| of triangles vs polygon area, relative: 0 for a perfect triangulation.
// The polygon area is |outer| - sum |holes|. Returns infinity when `indices` is not a whole
// number of triangles, references a point that does not exist, or covers a non-zero area
// while the polygon has none.
double triangulationDeviation(const Polygon& polygon, const std::vector<std::uint32_t>& indices);

}  // namespace core
