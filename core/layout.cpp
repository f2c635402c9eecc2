#include "layout.h"

#include <algorithm>

namespace core {

Result<Bounds> projectedExtent(const Projector& projector, Territory territory, const Bounds& lonlat) {
  constexpr int kSteps = 16;
  Bounds out;
  for (int i = 0; i <= kSteps; ++i) {
    const double t = static_cast<double>(i) / kSteps;
    const double lon = lonlat.min_x + t * lonlat.width();
    const double lat = lonlat.min_y + t * lonlat.height();
    for (LonLat p : {LonLat{lon, lonlat.min_y}, LonLat{lon, lonlat.max_y}, LonLat{lonlat.min_x, lat},
                     LonLat{lonlat.max_x, lat}}) {
      auto xy = projector.forward(territory, p);
      if (!xy) return xy.error();
      out.expand(*xy);
    }
  }
  return out;
}

Result<Layout> Layout::build(const Projector& projector, const std::vector<InsetRequest>& requests,
                             const LayoutOptions& options) {
  Layout layout;
  layout.options_ = options;
  auto mainland = projectedExtent(projector, Territory::Metropole, info(Territory::Metropole).lonlat_extent);
  if (!mainland) return mainland.error();
  layout.mainland_ = *mainland;
  layout.overall_ = *mainland;

  // Insets keep the order of the territory table (DROM first, as on official maps).
  std::vector<InsetRequest> ordered = requests;
  std::sort(ordered.begin(), ordered.end(), [](const InsetRequest& a, const InsetRequest& b) {
    return a.territory < b.territory;
  });
  ordered.erase(std::unique(ordered.begin(), ordered.end(),
                            [](const InsetRequest& a, const InsetRequest& b) {
                              return a.territory == b.territory;
                            }),
                ordered.end());

  struct Sized {
    Territory territory;
    Bounds content;
    double scale;
    double width, height;  // frame size in plane metres
  };
  std::vector<Sized> sized;
  for (const auto& request : ordered) {
    if (request.territory == Territory::Metropole) continue;
    Bounds content = request.content;
    if (content.empty()) {
      auto extent = projectedExtent(projector, request.territory, info(request.territory).lonlat_extent);
      if (!extent) return extent.error();
      content = *extent;
    }
    const double scale = info(request.territory).inset_scale;
    sized.push_back({request.territory, content, scale,
                     std::max(options.min_frame_width, content.width() * scale + 2 * options.padding),
                     content.height() * scale + 2 * options.padding});
  }

  auto place = [&](const Sized& s, const Bounds& frame) {
    Inset inset;
    inset.territory = s.territory;
    inset.content = s.content;
    inset.scale = s.scale;
    inset.frame = frame;
    // Centre the content in its frame.
    const Point frame_center = frame.center();
    const Point content_center = s.content.center();
    inset.offset = {frame_center.x - content_center.x * s.scale, frame_center.y - content_center.y * s.scale};
    layout.overall_.expand(frame);
    layout.insets_.push_back(inset);
  };

  if (options.placement == InsetPlacement::West) {
    // Columns top-down, a new column further west when one is full. Frames in a column
    // share the widest frame's width so that the column reads as one block.
    std::size_t begin = 0;
    double right = options.column_right;
    while (begin < sized.size()) {
      std::size_t end = begin;
      double y = options.column_top;
      double width = 0;
      while (end < sized.size()) {
        const double next = y - (end == begin ? 0 : options.vertical_gap) - sized[end].height;
        if (end > begin && next < options.column_bottom) break;
        y = next;
        width = std::max(width, sized[end].width);
        ++end;
      }
      double top = options.column_top;
      for (std::size_t i = begin; i < end; ++i) {
        place(sized[i], Bounds::of(right - width, top - sized[i].height, right, top));
        top -= sized[i].height + options.vertical_gap;
      }
      right -= width + options.horizontal_gap;
      begin = end;
    }
  } else {
    // Rows left to right, a new row further south when one is full. Frames in a row share
    // the tallest frame's height.
    std::size_t begin = 0;
    double top = options.row_top;
    while (begin < sized.size()) {
      std::size_t end = begin;
      double x = options.row_left;
      double height = 0;
      while (end < sized.size()) {
        const double next = x + (end == begin ? 0 : options.horizontal_gap) + sized[end].width;
        if (end > begin && next > options.row_right) break;
        x = next;
        height = std::max(height, sized[end].height);
        ++end;
      }
      double left = options.row_left;
      for (std::size_t i = begin; i < end; ++i) {
        place(sized[i], Bounds::of(left, top - height, left + sized[i].width, top));
        left += sized[i].width + options.horizontal_gap;
      }
      top -= height + options.vertical_gap;
      begin = end;
    }
  }
  return layout;
}

const Inset* Layout::inset(Territory territory) const {
  for (const auto& i : insets_)
    if (i.territory == territory) return &i;
  return nullptr;
}

bool Layout::placed(Territory territory) const {
  return territory == Territory::Metropole || inset(territory) != nullptr;
}

Point Layout::toPlane(Territory territory, Point projected) const {
  const Inset* i = inset(territory);
  if (!i) return projected;
  return {projected.x * i->scale + i->offset.x, projected.y * i->scale + i->offset.y};
}

PlanePosition Layout::fromPlane(Point plane) const {
  for (const auto& i : insets_)
    if (i.frame.contains(plane))
      return {i.territory, {(plane.x - i.offset.x) / i.scale, (plane.y - i.offset.y) / i.scale}};
  return {Territory::Metropole, plane};
}

Result<Point> Layout::lonLatToPlane(const Projector& projector, Territory territory, LonLat lonlat) const {
  if (!placed(territory)) return Error{std::string(info(territory).name_fr) + " n’a pas d’encart"};
  auto projected = projector.forward(territory, lonlat);
  if (!projected) return projected.error();
  return toPlane(territory, *projected);
}

Result<LonLat> Layout::planeToLonLat(const Projector& projector, Point plane, Territory* territory) const {
  const PlanePosition position = fromPlane(plane);
  if (territory) *territory = position.territory;
  return projector.inverse(position.territory, position.projected);
}

Bounds Layout::territoryBounds(Territory territory) const {
  if (territory == Territory::Metropole) return mainland_;
  const Inset* i = inset(territory);
  return i ? i->frame : Bounds{};
}

}  // namespace core
