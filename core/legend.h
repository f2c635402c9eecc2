// What the map's scale bar and the regional view's legend say, worked out apart from how
// they are drawn, so that the rounding and the classes are tested natively.
#pragma once

#include <cstdint>
#include <vector>

namespace core {

struct ScaleBar {
  double metres = 1;  // a round length: 1, 2 or 5 times a power of ten
  double pixels = 0;  // its length on screen
};

// The longest round length whose bar is at most `max_pixels` long at `pixels_per_metre`;
// 1 m when even that is longer.
ScaleBar scaleBar(double pixels_per_metre, double max_pixels = 120);

// The regional view colours a region by its count in five classes of equal width up to the
// largest count `max`: class 0 holds counts up to max/5, class 4 those above 4 max/5.
inline constexpr std::uint32_t kChoroplethClassCount = 5;
std::uint32_t choroplethClass(std::uint32_t count, std::uint32_t max);

// One row of the regional legend: the counts from `low` to `high` that fall in `cls`.
struct CountClass {
  std::uint32_t cls;
  std::uint32_t low;
  std::uint32_t high;
  friend bool operator==(const CountClass&, const CountClass&) = default;
};
// The non-empty classes for counts 1..max, lowest first. Empty when max is 0.
std::vector<CountClass> choroplethLegend(std::uint32_t max);

}  // namespace core
