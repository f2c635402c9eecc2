// Where the map's overlays go — attribution, scale bar, legend or the button it collapses
// into, demonstration badge — and how much room the overview leaves them and the page's own
// controls over the map, worked out from their sizes apart from how they are drawn, so that
// « nothing overlaps anything » is a policy tested natively.
//
// Screen boxes are core::Bounds in CSS pixels from the map's top-left, y growing downwards
// (min_y is the top edge).
#pragma once

#include <optional>
#include <vector>

#include "geometry.h"

namespace core {

struct Size {
  double width = 0;
  double height = 0;
  bool empty() const { return !(width > 0 && height > 0); }
  friend bool operator==(const Size&, const Size&) = default;
};

// Measured by the front end, in CSS pixels. An empty size is never drawn.
struct OverlaySizes {
  Size attribution;
  Size attribution_short;  // the same credits in fewer words, for narrow maps
  Size scale_bar;          // the widest the bar and its label get, so that zooming never moves it
  Size legend;             // open, the larger of the two legends (métiers, regional view)
  Size legend_toggle;      // the button the legend collapses into
  Size badge;              // the demonstration badge; empty without demonstration entries
  Size badge_short;
  friend bool operator==(const OverlaySizes&, const OverlaySizes&) = default;
};

// The overview's padding on each side of the viewport.
struct Padding {
  double left = 0;
  double top = 0;
  double right = 0;
  double bottom = 0;
  friend bool operator==(const Padding&, const Padding&) = default;
};

struct OverlayLayout {
  // Where each overlay is drawn; nullopt when it is not drawn.
  std::optional<Bounds> attribution;
  std::optional<Bounds> scale_bar;
  std::optional<Bounds> legend;
  std::optional<Bounds> legend_toggle;
  std::optional<Bounds> badge;
  bool attribution_short = false;
  bool badge_short = false;
  // The legend is behind its toggle: shown above it only once opened.
  bool legend_collapsed = false;
  // The overview fits inside this padding: clear of the page's controls and of the overlays.
  Padding padding;
  friend bool operator==(const OverlayLayout&, const OverlayLayout&) = default;
};

struct OverlayRequest {
  double width = 0;
  double height = 0;
  // The page's controls over the map (buttons, the panel's handle): nothing goes under them.
  std::vector<Bounds> chrome;
  OverlaySizes sizes;
  bool legend_open = false;  // the user opened the collapsed legend
  Size home;                 // the overview's extent in plane metres; empty before the scene
  double padding = 24;       // the least space between the overview and anything else
};

// Each overlay in its corner (attribution flush bottom right, scale bar and legend stacked
// above it, badge bottom left), moved up past whatever it would overlap, dropped when there
// is no room. The scale bar, and the legend unless the user opened it, give way to the map:
// they are left out (the legend behind its toggle) when keeping the overview clear of them
// would shrink it below kGiveWay of its size without them. Short texts are used when they
// make the overview larger.
OverlayLayout layoutOverlays(const OverlayRequest& request);

inline constexpr double kGiveWay = 0.85;

// The scale, in pixels per plane metre, at which `home` fits the viewport inside `padding`.
double overviewScale(Size home, double width, double height, const Padding& padding);

}  // namespace core
