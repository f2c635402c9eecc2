#include "overlay_layout.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <utility>

namespace core {

namespace {

constexpr double kEdge = 10;  // between an overlay and the map's edge
constexpr double kGap = 6;    // between two overlays, or an overlay and a control
// Each box the overview must clear is cleared by a band along one of two edges: 2^n choices,
// so only the first few boxes are weighed (a page sends two or three, the overlays are five).
constexpr std::size_t kMaxWeighed = 12;

enum class Anchor { Left, Right };

// Closer than `gap` on both axes. A box placed exactly `gap` away does not overlap, whatever
// the rounding of the subtraction that put it there.
bool overlaps(const Bounds& a, const Bounds& b, double gap) {
  constexpr double e = 1e-6;
  return a.min_x < b.max_x + gap - e && b.min_x < a.max_x + gap - e && a.min_y < b.max_y + gap - e &&
         b.min_y < a.max_y + gap - e;
}

// The part of `box` inside the viewport; empty when none is.
Bounds clipped(const Bounds& box, double width, double height) {
  const Bounds c = Bounds::of(std::max(box.min_x, 0.0), std::max(box.min_y, 0.0), std::min(box.max_x, width),
                              std::min(box.max_y, height));
  return c.width() > 0 && c.height() > 0 ? c : Bounds{};
}

class Placer {
 public:
  explicit Placer(const OverlayRequest& request) : r_(request) {
    for (const Bounds& box : request.chrome)
      if (const Bounds c = clipped(box, r_.width, r_.height); !c.empty()) taken_.push_back(c);
  }

  // A box of `size` in its bottom corner, `edge` from the side and its bottom at `bottom`,
  // moved up past whatever it would overlap; nullopt when it reaches the top first, or when
  // it is too wide, unless `clip` lets it run off the left edge.
  std::optional<Bounds> stacked(Size size, Anchor anchor, double edge, double bottom, bool clip = false) const {
    if (size.empty()) return std::nullopt;
    double x = anchor == Anchor::Right ? r_.width - edge - size.width : edge;
    if (x < 0 || x + size.width > r_.width) {
      if (!clip) return std::nullopt;
      x = 0;
    }
    for (;;) {
      const Bounds box = Bounds::of(x, bottom - size.height, x + size.width, bottom);
      if (box.min_y < 0) return std::nullopt;
      bool hit = false;
      for (const Bounds& t : taken_) {
        if (!overlaps(box, t, kGap)) continue;
        hit = true;
        bottom = std::min(bottom, t.min_y - kGap);
      }
      if (!hit) return box;
    }
  }

  // The same box in the bottom row instead, from the `anchor` corner along the row past what
  // is there.
  std::optional<Bounds> beside(Size size, Anchor anchor, double bottom) const {
    if (size.empty()) return std::nullopt;
    double x = anchor == Anchor::Right ? r_.width - kEdge - size.width : kEdge;
    for (;;) {
      if (x < kEdge || x + size.width > r_.width - kEdge) return std::nullopt;
      const Bounds box = Bounds::of(x, bottom - size.height, x + size.width, bottom);
      bool hit = false;
      for (const Bounds& t : taken_) {
        if (!overlaps(box, t, kGap)) continue;
        hit = true;
        x = anchor == Anchor::Right ? std::min(x, t.min_x - kGap - size.width) : std::max(x, t.max_x + kGap);
      }
      if (!hit) return box;
    }
  }

  // Stacked in its corner, or, for a one-line box (`row` given), in the bottom row from the
  // `row` corner, when that leaves a larger overview: one-line overlays share the bottom row,
  // the legend stands in its corner.
  std::optional<Bounds> place(Size size, Anchor anchor, double bottom, std::optional<Anchor> row) const {
    const auto up = stacked(size, anchor, kEdge, bottom);
    const auto along = row ? beside(size, *row, bottom) : std::nullopt;
    if (!up || !along) return up ? up : along;
    return clear({*along}).second > clear({*up}).second * (1 + 1e-9) ? along : up;
  }

  void take(const std::optional<Bounds>& box) {
    if (box) taken_.push_back(*box);
  }

  // The overview's best padding with `extra` boxes taken too, and the scale it gives.
  std::pair<Padding, double> clear(std::initializer_list<Bounds> extra = {}) const {
    std::vector<Bounds> boxes = taken_;
    boxes.insert(boxes.end(), extra.begin(), extra.end());
    return clearOf(boxes);
  }

 private:
  // Every choice of band per box, along its nearer side edge or its nearer top or bottom
  // edge: the one that leaves the largest overview wins, and among equals the one with the
  // least padding.
  std::pair<Padding, double> clearOf(const std::vector<Bounds>& boxes) const {
    const double w = r_.width, h = r_.height, pad = r_.padding;
    const std::size_t n = std::min(boxes.size(), kMaxWeighed);
    Padding best;
    double best_scale = -1, best_total = std::numeric_limits<double>::infinity();
    for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
      Padding p{pad, pad, pad, pad};
      for (std::size_t i = 0; i < boxes.size(); ++i) {
        const Bounds& b = boxes[i];
        // Boxes beyond the weighed ones take their thinner band.
        const bool side = i < n ? ((mask >> i) & 1) != 0 : std::min(b.max_x, w - b.min_x) < std::min(b.max_y, h - b.min_y);
        if (side && b.center().x < w / 2) p.left = std::max(p.left, b.max_x + pad);
        else if (side) p.right = std::max(p.right, w - b.min_x + pad);
        else if (b.center().y < h / 2) p.top = std::max(p.top, b.max_y + pad);
        else p.bottom = std::max(p.bottom, h - b.min_y + pad);
      }
      // Before the scene, the area left stands for the overview's size.
      const double scale = r_.home.empty() ? std::max(0.0, w - p.left - p.right) * std::max(0.0, h - p.top - p.bottom)
                                           : overviewScale(r_.home, w, h, p);
      const double total = p.left + p.top + p.right + p.bottom;
      if (scale > best_scale * (1 + 1e-9) || (scale >= best_scale * (1 - 1e-9) && total < best_total)) {
        best = p;
        best_scale = std::max(best_scale, scale);
        best_total = total;
      }
    }
    return {best, best_scale};
  }

  const OverlayRequest& r_;
  std::vector<Bounds> taken_;
};

// The overview as near the viewport's centre as `p` lets it be: on an axis it does not fill,
// padding moves from one side to the other.
Padding centred(const OverlayRequest& r, Padding p) {
  const double scale = overviewScale(r.home, r.width, r.height, p);
  const auto centre = [](double size, double& low, double& high, double length) {
    const double half = length / 2, least = low + half, most = size - high - half;
    if (!(least <= most)) return;
    const double c = std::clamp(size / 2, least, most);
    low = c - half;
    high = size - c - half;
  };
  if (scale > 0) {
    centre(r.width, p.left, p.right, r.home.width * scale);
    centre(r.height, p.top, p.bottom, r.home.height * scale);
  }
  return p;
}

struct Candidate {
  OverlayLayout layout;
  double scale;
};

struct Choice {
  bool attribution_short;
  bool badge_short;
  bool scale_bar;
};

Candidate layoutWith(const OverlayRequest& r, Choice choice, bool legend_open) {
  const bool attribution_short = choice.attribution_short, badge_short = choice.badge_short;
  const OverlaySizes& s = r.sizes;
  Placer placer(r);
  OverlayLayout l;
  l.attribution_short = attribution_short;
  l.badge_short = badge_short;
  // The credits are owed: flush in the corner, always drawn, cut off only when even the
  // short ones are wider than the map.
  const Size credits = attribution_short ? s.attribution_short : s.attribution;
  l.attribution = placer.stacked(credits, Anchor::Right, 0, r.height, true);
  placer.take(l.attribution);
  l.badge = placer.place(badge_short ? s.badge_short : s.badge, Anchor::Left, r.height - kEdge, Anchor::Left);
  placer.take(l.badge);

  const double bottom = r.height - kEdge;
  if (choice.scale_bar) {
    // Above the credits, or at the left of the bottom row, as many maps have it.
    l.scale_bar = placer.place(s.scale_bar, Anchor::Right, bottom, Anchor::Left);
    if (!l.scale_bar) return {l, -1};
    placer.take(l.scale_bar);
  }

  const auto open = placer.place(s.legend, Anchor::Right, bottom, std::nullopt);
  const auto toggle = placer.place(s.legend_toggle, Anchor::Right, bottom, Anchor::Right);
  if (open && (!toggle || placer.clear({*open}).second >= kGiveWay * placer.clear({*toggle}).second)) {
    l.legend = open;
    placer.take(open);
  } else if (toggle) {
    l.legend_collapsed = true;
    l.legend_toggle = toggle;
    placer.take(toggle);
    if (legend_open) {
      l.legend = placer.stacked(s.legend, Anchor::Right, r.width - toggle->max_x, toggle->min_y - kGap);
      placer.take(l.legend);
    }
  }
  const auto [padding, scale] = placer.clear();
  l.padding = centred(r, padding);
  return {l, credits.width > r.width ? -1 : scale};
}

}  // namespace

double overviewScale(Size home, double width, double height, const Padding& padding) {
  if (home.empty()) return 0;
  const double w = std::max(1.0, width - padding.left - padding.right);
  const double h = std::max(1.0, height - padding.top - padding.bottom);
  return std::min(w / home.width, h / home.height);
}

OverlayLayout layoutOverlays(const OverlayRequest& request) {
  // The full texts unless a short one gives a larger overview; the scale bar unless the best
  // layout with it is much smaller than the best without.
  std::optional<std::pair<Candidate, Choice>> best[2];  // without, with the scale bar
  for (const bool bar : {false, true})
    for (const bool attribution_short : {false, true}) {
      if (attribution_short && request.sizes.attribution_short.empty()) continue;
      for (const bool badge_short : {false, true}) {
        if (badge_short && request.sizes.badge_short.empty()) continue;
        const Choice choice{attribution_short, badge_short, bar};
        Candidate c = layoutWith(request, choice, false);
        if (!best[bar] || c.scale > best[bar]->first.scale * (1 + 1e-9)) best[bar] = {std::move(c), choice};
      }
    }
  const bool bar = best[1]->first.scale > 0 && best[1]->first.scale >= kGiveWay * best[0]->first.scale;
  const auto& [chosen, choice] = *best[bar];
  // Whether the legend is collapsed does not hang on whether it is open: the layout is
  // chosen closed, and the open legend then takes its place above the toggle.
  return request.legend_open && chosen.layout.legend_collapsed ? layoutWith(request, choice, true).layout : chosen.layout;
}

}  // namespace core
