// MapState: the view's commands (camera, keyboard, clicks on clusters, fan-out) and the
// items drawn at the current view.
#include <algorithm>
#include <cmath>

#include "map_state.h"

namespace core {

Changes MapState::viewMoved() {
  spider_.reset();
  items_stale_ = true;
  at_home_ = false;
  if (!list_in_view_) return Change::View;
  refreshList();
  return Change::View | Change::List;
}

void MapState::fitHome() {
  camera_.setScaleLimits(0, 1e9);
  // Clear of the page's controls and of the overlays, as relayout() worked out.
  const Padding& p = overlays_.padding;
  camera_.fit(scene_->home, p.left, p.top, p.right, p.bottom);
  const double home_scale = camera_.scale();
  camera_.setScaleLimits(home_scale * options_.min_zoom, home_scale * options_.max_zoom);
  home_fitted_ = true;
  at_home_ = true;
  spider_.reset();
  items_stale_ = true;
  // Level 0 of the clusters is the widest view one can zoom out to.
  const double base = home_scale * options_.min_zoom;
  if (std::fabs(cluster_base_scale_ - base) > 1e-12 * base) {
    cluster_base_scale_ = base;
    rebuildClusters();
  }
}

Changes MapState::resize(double width, double height) {
  if (!(width > 0) || !(height > 0) || !std::isfinite(width) || !std::isfinite(height)) return Changes::refused();
  if (viewport_known_ && width == camera_.viewportWidth() && height == camera_.viewportHeight()) return {};
  camera_.setViewport(width, height);
  viewport_known_ = true;
  items_stale_ = true;
  // Portrait screens (phones) get the insets in rows under the mainland, so that the
  // mainland can use the whole width.
  const InsetPlacement placement = height > width ? InsetPlacement::South : InsetPlacement::West;
  if (placement != placement_) {
    placement_ = placement;
    if (scene_) {
      rebuildScene();
      refreshMatching();
    }
  }
  Changes changes = relayout();
  if (scene_ && !home_fitted_) fitHome();
  if (list_in_view_) {
    refreshList();
    changes |= Change::List;
  }
  return changes | Change::Drawing;
}

Changes MapState::relayout() {
  OverlayRequest request;
  request.width = camera_.viewportWidth();
  request.height = camera_.viewportHeight();
  request.chrome = chrome_;
  request.sizes = overlay_sizes_;
  request.legend_open = legend_open_;
  if (scene_) request.home = {scene_->home.width(), scene_->home.height()};
  request.padding = std::min(options_.home_padding, std::max(10.0, 0.04 * std::min(request.width, request.height)));
  Changes changes;
  OverlayLayout layout = layoutOverlays(request);
  // The page is told when what it sees moves, not when only the overview's padding does.
  OverlayLayout drawn = layout;
  drawn.padding = overlays_.padding;
  if (!(drawn == overlays_)) changes |= Change::Overlays;
  if (!(layout == overlays_)) labelsUncovered();
  overlays_ = std::move(layout);
  // An overview the user has not moved follows the frame it is in. It is the same view as
  // far as the page's address is concerned: not a View change.
  if (scene_ && home_fitted_ && at_home_) {
    const Point center = camera_.center();
    const double scale = camera_.scale();
    fitHome();
    if (center.x != camera_.center().x || center.y != camera_.center().y || scale != camera_.scale())
      changes |= Change::Drawing;
  }
  return changes;
}

Changes MapState::setChrome(std::vector<Bounds> boxes) {
  for (const Bounds& b : boxes)
    if (!std::isfinite(b.min_x + b.min_y + b.max_x + b.max_y) || b.empty()) return Changes::refused();
  if (boxes == chrome_) return {};
  chrome_ = std::move(boxes);
  labelsUncovered();
  return relayout();
}

Changes MapState::setOverlaySizes(const OverlaySizes& sizes) {
  if (sizes == overlay_sizes_) return {};
  overlay_sizes_ = sizes;
  return relayout();
}

Changes MapState::setLegendOpen(bool open) {
  if (open == legend_open_) return {};
  legend_open_ = open;
  return relayout();
}

Changes MapState::panBy(double dx, double dy) {
  if (!std::isfinite(dx) || !std::isfinite(dy)) return Changes::refused();
  if (dx == 0 && dy == 0) return {};
  camera_.panBy(dx, dy);
  return viewMoved();
}

Changes MapState::zoomAround(Point screen, double factor) {
  if (!(factor > 0) || !std::isfinite(factor)) return Changes::refused();
  camera_.zoomAround(screen, factor);
  return viewMoved();
}

Changes MapState::zoomBy(double factor) {
  return zoomAround({camera_.viewportWidth() / 2, camera_.viewportHeight() / 2}, factor);
}

Changes MapState::wheel(Point screen, double notches) {
  return zoomAround(screen, std::pow(options_.wheel_zoom, notches));
}

Changes MapState::doubleClick(Point screen) { return zoomAround(screen, options_.double_click_zoom); }

Changes MapState::pinch(Point a0, Point b0, Point a1, Point b1) {
  const double d0 = std::hypot(a0.x - b0.x, a0.y - b0.y);
  const double d1 = std::hypot(a1.x - b1.x, a1.y - b1.y);
  const Point m0{(a0.x + b0.x) / 2, (a0.y + b0.y) / 2};
  const Point m1{(a1.x + b1.x) / 2, (a1.y + b1.y) / 2};
  if (!std::isfinite(d0 + d1 + m0.x + m0.y + m1.x + m1.y)) return Changes::refused();
  // Fingers closer than a pixel give no usable ratio: follow the midpoint only.
  if (d0 > 1 && d1 > 1) camera_.zoomAround(m0, d1 / d0);
  camera_.panBy(m1.x - m0.x, m1.y - m0.y);
  return viewMoved();
}

Changes MapState::home() {
  if (!scene_) return Changes::refused();
  Changes changes = viewMoved();  // the fan folds, the list follows…
  fitHome();                      // …and the view is the overview again
  if (list_in_view_) refreshList();
  return changes;
}

Changes MapState::zoomToTerritory(Territory territory) {
  if (!scene_ || !scene_->layout.placed(territory)) return Changes::refused();
  camera_.fit(scene_->territoryBounds(territory), options_.home_padding);
  return viewMoved();
}

Changes MapState::zoomToTerritory(std::string_view slug) {
  const auto territory = territoryFromSlug(slug);
  return territory ? zoomToTerritory(*territory) : Changes::refused();
}

Changes MapState::setView(double x, double y, double pixels_per_km) {
  if (!scene_ || !std::isfinite(x) || !std::isfinite(y) || !std::isfinite(pixels_per_km) || pixels_per_km <= 0)
    return Changes::refused();
  if (!home_fitted_) fitHome();  // the zoom limits and the clusters hang on the overview
  camera_.setView({x, y}, pixels_per_km / 1000);
  return viewMoved();
}

Changes MapState::centerOn(LonLat at, double width_km) {
  if (!scene_ || !(width_km > 0) || !std::isfinite(width_km)) return Changes::refused();
  const auto territory = territoryAt(at.lon, at.lat);
  if (!territory || !scene_->layout.placed(*territory)) return Changes::refused();
  const auto plane = scene_->layout.lonLatToPlane(projector_, *territory, at);
  if (!plane) return Changes::refused();
  // A kilometre of an inset's territory is drawn `scale` plane kilometres long.
  const Inset* inset = scene_->layout.inset(*territory);
  const double plane_metres = width_km * 1000 * (inset ? inset->scale : 1.0);
  if (!home_fitted_) fitHome();
  camera_.setView(*plane, camera_.viewportWidth() / plane_metres);
  return viewMoved();
}

bool MapState::clusterZooms(const ClusterItem& cluster) const {
  const int expansion = clusters_.expansionLevel(cluster.id);
  return expansion >= 0 && expansion <= clusters_.maxZoom();
}

Changes MapState::pointerMoved() {
  if (!crosshair_) return {};
  crosshair_ = false;
  return Change::Drawing;
}

Changes MapState::key(KeyCommand command) {
  if (!scene_) return {};
  const Point center{camera_.viewportWidth() / 2, camera_.viewportHeight() / 2};
  Changes changes;
  if (command != KeyCommand::Escape && !crosshair_) {
    crosshair_ = true;  // the keyboard is in charge: show what Enter would act on
    changes |= Change::Drawing;
  }
  const double pan = options_.key_pan;
  switch (command) {
    case KeyCommand::PanLeft: return changes | panBy(pan, 0);
    case KeyCommand::PanRight: return changes | panBy(-pan, 0);
    case KeyCommand::PanUp: return changes | panBy(0, pan);
    case KeyCommand::PanDown: return changes | panBy(0, -pan);
    case KeyCommand::ZoomIn: return changes | zoomAround(center, options_.key_zoom);
    case KeyCommand::ZoomOut: return changes | zoomAround(center, 1 / options_.key_zoom);
    case KeyCommand::Activate: {
      const auto hit = itemAt(center, options_.crosshair_reach);
      if (!hit) return changes;
      const MapItem item = items()[*hit];  // a copy: activating changes the items
      return changes | activate(item);
    }
    case KeyCommand::Escape:
      if (spider_) {
        spider_.reset();
        items_stale_ = true;
        return Change::Drawing;
      }
      return select(std::nullopt);
  }
  return changes;
}

Changes MapState::activate(const MapItem& drawn) {
  const ClusterItem& item = drawn.item;
  if (!item.isCluster()) return select(item.id);
  const int level = clusters_.levelForScale(camera_.scale());
  const int expansion = clusters_.expansionLevel(item.id);
  if (expansion < 0) return Changes::refused();
  if (expansion > clusters_.maxZoom()) {
    // Zooming cannot separate points that share a location: fan them out.
    spider_ = Spider{item.id, level, item.position, clusters_.leaves(item.id)};
    items_stale_ = true;
    return Change::Drawing;
  }
  camera_.fit(item.bounds.inflated(1), options_.cluster_padding);
  // Always at least one level deeper, so that a click never leaves the cluster whole.
  const int target = std::max(level + 1, expansion);
  if (camera_.scale() < clusters_.levelScale(target))
    camera_.setView(camera_.center(), clusters_.levelScale(target) * 1.01);
  return viewMoved();
}

const std::vector<MapItem>& MapState::items() const {
  if (!items_stale_) return items_;
  items_stale_ = false;
  items_.clear();
  if (!scene_ || clusters_.size() == 0) return items_;
  const int level = clusters_.levelForScale(camera_.scale());
  const Bounds view = camera_.visibleBounds().inflated(options_.item_margin / camera_.scale());
  const auto found = clusters_.query(view, level);
  items_.reserve(found.size());
  for (const auto& item : found) {
    if (spider_ && item.isCluster() && item.id == spider_->cluster_id && level == spider_->level) {
      const Point center = camera_.planeToScreen(spider_->center);
      const auto offsets = fanOut(spider_->leaves.size(), options_.fan_radius);
      for (std::size_t i = 0; i < spider_->leaves.size(); ++i) {
        ClusterItem leaf = item;
        leaf.id = spider_->leaves[i];
        leaf.count = 1;
        items_.push_back({leaf, {center.x + offsets[i].x, center.y + offsets[i].y}, center});
      }
      continue;
    }
    items_.push_back({item, camera_.planeToScreen(item.position), std::nullopt});
  }
  return items_;
}

std::optional<std::size_t> MapState::itemAt(Point screen, double radius) const {
  const auto& drawn = items();
  std::vector<Point> screens;
  screens.reserve(drawn.size());
  for (const auto& d : drawn) screens.push_back(d.screen);
  return hitTest(screens, screen, radius);
}

}  // namespace core
