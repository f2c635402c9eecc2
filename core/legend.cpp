#include "legend.h"

#include <algorithm>
#include <cmath>

namespace core {

ScaleBar scaleBar(double pixels_per_metre, double max_pixels) {
  ScaleBar bar;
  if (!(pixels_per_metre > 0) || !std::isfinite(pixels_per_metre)) return bar;
  for (double power = 1; power * pixels_per_metre <= max_pixels; power *= 10)
    for (double step : {1.0, 2.0, 5.0})
      if (power * step * pixels_per_metre <= max_pixels) bar.metres = power * step;
  bar.pixels = bar.metres * pixels_per_metre;
  return bar;
}

std::uint32_t choroplethClass(std::uint32_t count, std::uint32_t max) {
  if (count == 0 || max == 0) return 0;
  const std::uint64_t scaled = (std::uint64_t{count} * kChoroplethClassCount - 1) / max;
  return static_cast<std::uint32_t>(std::min<std::uint64_t>(kChoroplethClassCount - 1, scaled));
}

std::vector<CountClass> choroplethLegend(std::uint32_t max) {
  std::vector<CountClass> rows;
  for (std::uint32_t count = 1; count <= max;) {
    const std::uint32_t cls = choroplethClass(count, max);
    // 5c - 1 < (cls + 1) max holds up to c = (cls + 1) max / 5, rounded down.
    const auto high = static_cast<std::uint32_t>(
        std::min<std::uint64_t>(max, (std::uint64_t{cls} + 1) * max / kChoroplethClassCount));
    rows.push_back({cls, count, high});
    if (high == max) break;
    count = high + 1;
  }
  return rows;
}

}  // namespace core
