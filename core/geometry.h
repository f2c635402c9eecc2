// Plain geometry types shared by the whole core. Coordinates are doubles: lon/lat in
// degrees before projection, metres after.
#pragma once

#include <algorithm>
#include <limits>
#include <vector>

namespace core {

struct Point {
  double x = 0;
  double y = 0;
};

using Ring = std::vector<Point>;  // not closed: the last point differs from the first

struct Polygon {
  std::vector<Ring> rings;  // rings[0] is the outer ring, the rest are holes; any winding
};

// Axis-aligned box. A default-constructed Bounds is empty and absorbs the first point.
struct Bounds {
  double min_x = std::numeric_limits<double>::infinity();
  double min_y = std::numeric_limits<double>::infinity();
  double max_x = -std::numeric_limits<double>::infinity();
  double max_y = -std::numeric_limits<double>::infinity();

  static Bounds of(double min_x, double min_y, double max_x, double max_y) {
    return Bounds{min_x, min_y, max_x, max_y};
  }
  bool empty() const { return !(min_x <= max_x && min_y <= max_y); }
  double width() const { return empty() ? 0 : max_x - min_x; }
  double height() const { return empty() ? 0 : max_y - min_y; }
  Point center() const { return {(min_x + max_x) / 2, (min_y + max_y) / 2}; }
  bool contains(Point p) const {
    return p.x >= min_x && p.x <= max_x && p.y >= min_y && p.y <= max_y;
  }
  bool encloses(const Bounds& o) const {
    return !empty() && !o.empty() && o.min_x >= min_x && o.max_x <= max_x && o.min_y >= min_y && o.max_y <= max_y;
  }
  bool intersects(const Bounds& o) const {
    return !empty() && !o.empty() && o.min_x <= max_x && o.max_x >= min_x &&
           o.min_y <= max_y && o.max_y >= min_y;
  }
  void expand(Point p) {
    min_x = std::min(min_x, p.x);
    min_y = std::min(min_y, p.y);
    max_x = std::max(max_x, p.x);
    max_y = std::max(max_y, p.y);
  }
  void expand(const Bounds& o) {
    if (o.empty()) return;
    expand(Point{o.min_x, o.min_y});
    expand(Point{o.max_x, o.max_y});
  }
  Bounds inflated(double margin) const {
    return empty() ? *this : of(min_x - margin, min_y - margin, max_x + margin, max_y + margin);
  }
  friend bool operator==(const Bounds&, const Bounds&) = default;
};

}  // namespace core
