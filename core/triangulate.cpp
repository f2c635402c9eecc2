#include "triangulate.h"

#include <cmath>
#include <cstddef>
#include <limits>
#include <tuple>  // earcut.hpp uses std::tuple_element without including it
#include <utility>

#include <mapbox/earcut.hpp>

// earcut reads coordinates through mapbox::util::nth, which by default expects a tuple-like
// point; these let it read core::Point.
namespace mapbox::util {
template <>
struct nth<0, core::Point> {
  static double get(const core::Point& p) { return p.x; }
};
template <>
struct nth<1, core::Point> {
  static double get(const core::Point& p) { return p.y; }
};
}  // namespace mapbox::util

namespace core {
namespace {

// Twice the signed area of triangle abc: positive when a, b, c turn counter-clockwise.
double orient(const Point& a, const Point& b, const Point& c) {
  return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

// Twice the signed area of a ring, as a fan from its first point: that keeps the products
// small for coordinates far from the origin (projected metres).
double ringArea(const Ring& ring) {
  double sum = 0;
  for (std::size_t i = 1; i + 1 < ring.size(); ++i) sum += orient(ring[0], ring[i], ring[i + 1]);
  return sum;
}

bool encloses(double ring_area) { return ring_area != 0 && std::isfinite(ring_area); }

// Whether segments ab and cd cross at a single point inside both.
bool cross(const Point& a, const Point& b, const Point& c, const Point& d) {
  const double abc = orient(a, b, c);
  const double abd = orient(a, b, d);
  const double cda = orient(c, d, a);
  const double cdb = orient(c, d, b);
  return ((abc > 0 && abd < 0) || (abc < 0 && abd > 0)) &&
         ((cda > 0 && cdb < 0) || (cda < 0 && cdb > 0));
}

// The usual defect in a real outline is two points in the wrong order, b and c, so that edge
// a -> b crosses edge c -> d. Swapping them undoes the twist: a, b, c, d then form a convex
// quadrilateral, which a -> c -> b -> d goes round without crossing. earcut only looks for
// such crossings once ear clipping is stuck, by which time it may have cut triangles across
// the twist, far beyond it. `index` holds the points' numbers and is swapped along.
void untwist(Ring& ring, std::uint32_t* index) {
  const std::size_t n = ring.size();
  if (n < 4) return;
  for (std::size_t b = 0; b < n; ++b) {
    const std::size_t a = (b + n - 1) % n;
    const std::size_t c = (b + 1) % n;
    const std::size_t d = (b + 2) % n;
    if (cross(ring[a], ring[b], ring[c], ring[d])) {
      std::swap(ring[b], ring[c]);
      std::swap(index[b], index[c]);
    }
  }
}

}  // namespace

std::vector<std::uint32_t> triangulate(const Polygon& polygon) {
  if (polygon.rings.empty()) return {};
  std::size_t total = 0;
  for (const Ring& ring : polygon.rings) {
    total += ring.size();
    for (const Point& p : ring)
      if (!std::isfinite(p.x) || !std::isfinite(p.y)) return {};
  }
  if (total > std::numeric_limits<std::uint32_t>::max()) return {};
  // A zero area also covers rings with fewer than three distinct points.
  const double outer_area = ringArea(polygon.rings[0]);
  if (!encloses(outer_area)) return {};

  // earcut gets a cleaned-up copy: degenerate holes left out (it would make a one-point hole
  // a Steiner point, and bridge to the others for nothing), local twists undone. It numbers
  // the points of the rings it is given in order; `original` maps that back to the caller's.
  std::vector<Ring> rings;
  std::vector<std::uint32_t> original;
  original.reserve(total);
  std::uint32_t first = 0;
  for (std::size_t r = 0; r < polygon.rings.size(); ++r) {
    const Ring& ring = polygon.rings[r];
    if (r == 0 || encloses(ringArea(ring))) {
      const std::size_t start = original.size();
      for (std::uint32_t i = 0; i < ring.size(); ++i) original.push_back(first + i);
      rings.push_back(ring);
      untwist(rings.back(), original.data() + start);
    }
    first += static_cast<std::uint32_t>(ring.size());
  }

  std::vector<std::uint32_t> out = mapbox::earcut<std::uint32_t>(rings);
  for (std::uint32_t& index : out) index = original[index];
  // earcut's triangles all turn counter-clockwise; the caller gets the outer ring's winding.
  if (outer_area < 0)
    for (std::size_t t = 0; t + 2 < out.size(); t += 3) std::swap(out[t + 1], out[t + 2]);
  return out;
}

double triangulationDeviation(const Polygon& polygon, const std::vector<std::uint32_t>& indices) {
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  if (indices.size() % 3 != 0) return kInfinity;
  std::vector<Point> points;
  double area = 0;  // doubled, like the triangles' below
  for (std::size_t i = 0; i < polygon.rings.size(); ++i) {
    const Ring& ring = polygon.rings[i];
    const double a = std::abs(ringArea(ring));
    area += i == 0 ? a : -a;
    points.insert(points.end(), ring.begin(), ring.end());
  }
  double covered = 0;
  for (std::size_t i = 0; i < indices.size(); i += 3) {
    if (indices[i] >= points.size() || indices[i + 1] >= points.size() ||
        indices[i + 2] >= points.size())
      return kInfinity;
    covered += std::abs(orient(points[indices[i]], points[indices[i + 1]], points[indices[i + 2]]));
  }
  if (!(area > 0)) return covered == 0 ? 0 : kInfinity;
  return std::abs(covered - area) / area;
}

}  // namespace core
