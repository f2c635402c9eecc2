// The sizes of what the map draws for its catalyseurs, in CSS pixels: the renderer draws them
// at these sizes and the names on the map make room for them.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace core {

inline constexpr double kMarkerRadius = 6.5;

// A cluster's bubble grows with the log of its count: 11 px for two, 20 for a thousand.
inline double clusterRadius(std::uint32_t count) {
  return 11.0 + 3.0 * std::log10(static_cast<double>(std::max<std::uint32_t>(count, 1)));
}

}  // namespace core
