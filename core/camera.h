// The view onto the plane: which plane point is at the centre of the viewport and how many
// screen pixels a plane metre takes. Screen y grows downwards; plane y grows northwards.
#pragma once

#include "geometry.h"

namespace core {

class Camera {
 public:
  // Viewport size in CSS pixels (device-independent).
  void setViewport(double width, double height);
  double viewportWidth() const { return width_; }
  double viewportHeight() const { return height_; }

  Point planeToScreen(Point plane) const;
  Point screenToPlane(Point screen) const;

  // Moves the content by (dx, dy) screen pixels, as a drag does.
  void panBy(double dx, double dy);
  // Multiplies the scale by `factor`, keeping the plane point under `screen` in place.
  void zoomAround(Point screen, double factor);
  // Largest scale at which `plane` fits the viewport with `padding` pixels on each side.
  void fit(const Bounds& plane, double padding) { fit(plane, padding, padding, padding, padding); }
  // The same with a margin per side, for overlays that cover part of the viewport.
  void fit(const Bounds& plane, double left, double top, double right, double bottom);
  // The scale range zooming is held to; the current scale is clamped into it.
  void setScaleLimits(double min_scale, double max_scale);

  void setView(Point center, double scale);
  Point center() const { return center_; }
  double scale() const { return scale_; }  // screen pixels per plane metre
  Bounds visibleBounds() const;

 private:
  double clampScale(double s) const;

  double width_ = 1;
  double height_ = 1;
  Point center_{};
  double scale_ = 1e-3;
  double min_scale_ = 0;
  double max_scale_ = 1e9;
};

}  // namespace core
