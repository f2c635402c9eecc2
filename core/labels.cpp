#include "labels.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace core {

namespace {

struct Box {
  double min_x, min_y, max_x, max_y;
  bool overlaps(const Box& o) const { return min_x < o.max_x && o.min_x < max_x && min_y < o.max_y && o.min_y < max_y; }
};

// The kept boxes, filed under every grid cell they touch.
class Grid {
 public:
  explicit Grid(double cell) : cell_(cell) {}

  bool collides(const Box& box) const {
    bool hit = false;
    forEachCell(box, [&](std::int64_t key) {
      const auto it = cells_.find(key);
      if (it == cells_.end()) return;
      for (std::uint32_t k : it->second)
        if (boxes_[k].overlaps(box)) hit = true;
    });
    return hit;
  }

  void insert(const Box& box) {
    const auto k = static_cast<std::uint32_t>(boxes_.size());
    boxes_.push_back(box);
    forEachCell(box, [&](std::int64_t key) { cells_[key].push_back(k); });
  }

 private:
  template <class F>
  void forEachCell(const Box& box, F&& f) const {
    const auto x0 = static_cast<std::int64_t>(std::floor(box.min_x / cell_));
    const auto x1 = static_cast<std::int64_t>(std::floor(box.max_x / cell_));
    const auto y0 = static_cast<std::int64_t>(std::floor(box.min_y / cell_));
    const auto y1 = static_cast<std::int64_t>(std::floor(box.max_y / cell_));
    for (auto x = x0; x <= x1; ++x)
      for (auto y = y0; y <= y1; ++y) f(x * 4'000'037 + y);  // distinct for |cells| < 2^21
  }

  double cell_;
  std::vector<Box> boxes_;
  std::unordered_map<std::int64_t, std::vector<std::uint32_t>> cells_;
};

}  // namespace

std::vector<std::uint32_t> placeLabels(std::span<const LabelCandidate> candidates, double scale,
                                       const LabelOptions& options, std::span<const KeepOut> keep_out,
                                       std::vector<std::uint8_t>* variants, std::span<const Obstacle> obstacles) {
  std::vector<std::uint32_t> placed;
  if (!(scale > 0) || !std::isfinite(scale)) return placed;
  std::vector<std::uint32_t> order(candidates.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return candidates[a].priority < candidates[b].priority; });
  Grid grid(std::max(1.0, options.cell));
  for (const Obstacle& o : obstacles) {
    if (!std::isfinite(o.anchor.x + o.anchor.y + o.radius) || !(o.radius > 0)) continue;
    const double x = o.anchor.x * scale, y = -o.anchor.y * scale;
    grid.insert({x - o.radius, y - o.radius, x + o.radius, y + o.radius});
  }
  for (std::uint32_t i : order) {
    const LabelCandidate& c = candidates[i];
    if (scale < c.min_scale || scale >= c.max_scale) continue;
    const double hw = c.width / 2 + options.padding, hh = c.height / 2 + options.padding;
    if (!std::isfinite(c.anchor.x + c.anchor.y + c.width + c.height) || c.width < 0 || c.height < 0) continue;
    for (std::uint8_t v = 0; v < std::clamp<std::uint8_t>(c.offset_count, 1, 8); ++v) {
      // Screen y grows downwards: the plane's y is negated, the offsets are already on screen.
      const double x = c.anchor.x * scale + c.offsets[v].x, y = -c.anchor.y * scale + c.offsets[v].y;
      const Box box{x - hw, y - hh, x + hw, y + hh};
      const bool trespasses = std::any_of(keep_out.begin(), keep_out.end(), [&](const KeepOut& k) {
        const Box frame{k.plane.min_x * scale, -k.plane.max_y * scale, k.plane.max_x * scale, -k.plane.min_y * scale};
        if (k.zone != c.zone) return box.overlaps(frame);
        return box.min_x < frame.min_x || box.max_x > frame.max_x || box.min_y < frame.min_y || box.max_y > frame.max_y;
      });
      if (trespasses || grid.collides(box)) continue;
      grid.insert(box);
      placed.push_back(i);
      if (variants) variants->push_back(v);
      break;
    }
  }
  return placed;
}

}  // namespace core
