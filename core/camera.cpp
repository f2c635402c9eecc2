#include "camera.h"

#include <algorithm>
#include <cmath>

namespace core {

void Camera::setViewport(double width, double height) {
  width_ = std::max(1.0, width);
  height_ = std::max(1.0, height);
}

Point Camera::planeToScreen(Point plane) const {
  return {(plane.x - center_.x) * scale_ + width_ / 2, (center_.y - plane.y) * scale_ + height_ / 2};
}

Point Camera::screenToPlane(Point screen) const {
  return {(screen.x - width_ / 2) / scale_ + center_.x, center_.y - (screen.y - height_ / 2) / scale_};
}

void Camera::panBy(double dx, double dy) {
  center_.x -= dx / scale_;
  center_.y += dy / scale_;
}

void Camera::zoomAround(Point screen, double factor) {
  if (!(factor > 0) || !std::isfinite(factor)) return;
  const Point anchor = screenToPlane(screen);
  scale_ = clampScale(scale_ * factor);
  // Solve planeToScreen(anchor) == screen for the new centre.
  center_.x = anchor.x - (screen.x - width_ / 2) / scale_;
  center_.y = anchor.y + (screen.y - height_ / 2) / scale_;
}

void Camera::fit(const Bounds& plane, double left, double top, double right, double bottom) {
  if (plane.empty()) return;
  const double w = std::max(1.0, width_ - left - right);
  const double h = std::max(1.0, height_ - top - bottom);
  const double sx = plane.width() > 0 ? w / plane.width() : max_scale_;
  const double sy = plane.height() > 0 ? h / plane.height() : max_scale_;
  scale_ = clampScale(std::min(sx, sy));
  // Centre the bounds in the padded area, not in the whole viewport.
  const Point c = plane.center();
  center_ = {c.x - (left - right) / 2 / scale_, c.y + (top - bottom) / 2 / scale_};
}

void Camera::setScaleLimits(double min_scale, double max_scale) {
  min_scale_ = min_scale;
  max_scale_ = std::max(min_scale, max_scale);
  scale_ = clampScale(scale_);
}

void Camera::setView(Point center, double scale) {
  if (std::isfinite(center.x) && std::isfinite(center.y)) center_ = center;
  if (std::isfinite(scale) && scale > 0) scale_ = clampScale(scale);
}

Bounds Camera::visibleBounds() const {
  const Point a = screenToPlane({0, 0});
  const Point b = screenToPlane({width_, height_});
  return Bounds::of(std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x), std::max(a.y, b.y));
}

double Camera::clampScale(double s) const { return std::clamp(s, min_scale_, max_scale_); }

}  // namespace core
