#include "map_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string_view>

namespace app {

namespace {

ImU32 color(std::uint32_t rgb, float alpha = 1.0f) {
  return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, static_cast<int>(alpha * 255));
}

// Wheel notches to zoom factor: one notch is ×1.4, enough to cross France in a few turns
// without overshooting.
constexpr float kWheelZoomPerNotch = 0.33647f;  // ln(1.4)

void drawMarker(ImDrawList* dl, ImVec2 c, const MarkerStyle& style, float scale) {
  const float r = kMarkerRadius * scale;
  const ImU32 fill = color(style.rgb);
  const ImU32 outline = IM_COL32(255, 255, 255, 255);
  switch (style.shape) {
    case MarkerShape::Circle:
      dl->AddCircleFilled(c, r, fill, 20);
      dl->AddCircle(c, r, outline, 20, 1.5f);
      break;
    case MarkerShape::Square: {
      const float h = r * 0.86f;
      dl->AddRectFilled({c.x - h, c.y - h}, {c.x + h, c.y + h}, fill);
      dl->AddRect({c.x - h, c.y - h}, {c.x + h, c.y + h}, outline, 0, 0, 1.5f);
      break;
    }
    case MarkerShape::Triangle: {
      const ImVec2 a{c.x, c.y - r * 1.1f}, b{c.x + r, c.y + r * 0.75f}, d{c.x - r, c.y + r * 0.75f};
      dl->AddTriangleFilled(a, b, d, fill);
      dl->AddTriangle(a, b, d, outline, 1.5f);
      break;
    }
    case MarkerShape::Diamond: {
      const float h = r * 1.15f;
      const ImVec2 p[4] = {{c.x, c.y - h}, {c.x + h, c.y}, {c.x, c.y + h}, {c.x - h, c.y}};
      dl->AddConvexPolyFilled(p, 4, fill);
      dl->AddPolyline(p, 4, outline, ImDrawFlags_Closed, 1.5f);
      break;
    }
  }
}

}  // namespace

MarkerStyle markerStyle(const std::string& metier) {
  if (metier == "dialogue") return {0x0072B2, MarkerShape::Circle};         // blue
  if (metier == "experimentation") return {0xD55E00, MarkerShape::Square};  // vermilion
  if (metier == "accompagnement") return {0x009E73, MarkerShape::Triangle}; // bluish green
  if (metier == "lieu") return {0xCC79A7, MarkerShape::Diamond};            // reddish purple
  return {0x555555, MarkerShape::Circle};
}

float clusterRadius(std::uint32_t count) {
  return 11.0f + 3.0f * std::log10(static_cast<float>(std::max<std::uint32_t>(count, 1)));
}

std::uint32_t choroplethColor(std::uint32_t count, std::uint32_t max) {
  // Five classes of a warm ramp (ColorBrewer OrRd), distinct from the blue sea at every
  // step; zero keeps the land colour.
  if (count == 0 || max == 0) return 0xF4F1EA;
  return kChoroplethRamp[choroplethClass(count, max)];
}

std::uint32_t choroplethClass(std::uint32_t count, std::uint32_t max) {
  if (count == 0 || max == 0) return 0;
  return std::min<std::uint32_t>(4, (count * 5 - 1) / max);
}

MapInput MapView::draw(const MapFrame& frame, core::Camera& camera, float origin_x, float origin_y, float width,
                       float height, bool gestures_enabled) {
  origin_x_ = origin_x;
  origin_y_ = origin_y;
  camera.setViewport(width, height);
  MapInput input;

  ImGui::SetCursorScreenPos({origin_x, origin_y});
  ImGui::InvisibleButton("##map", {width, height});
  const bool hovered_map = ImGui::IsItemHovered();
  input.pointer_over_map = hovered_map;
  // A click, not the end of a drag: the pointer stayed within 4 px while pressed.
  const bool released_click = ImGui::IsItemDeactivated() && ImGui::GetIO().MouseDragMaxDistanceSqr[0] < 16.0f;
  const ImGuiIO& io = ImGui::GetIO();
  const core::Point mouse{io.MousePos.x - origin_x, io.MousePos.y - origin_y};
  if (gestures_enabled) {
    if (ImGui::IsItemActive() && (io.MouseDelta.x != 0 || io.MouseDelta.y != 0) &&
        ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f)) {
      camera.panBy(io.MouseDelta.x, io.MouseDelta.y);
      input.moved = true;
    }
    if (hovered_map && io.MouseWheel != 0) {
      camera.zoomAround(mouse, std::exp(io.MouseWheel * kWheelZoomPerNotch));
      input.moved = true;
    }
    if (hovered_map && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
      camera.zoomAround(mouse, 2.0);
      input.moved = true;
    }
  }

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect({origin_x, origin_y}, {origin_x + width, origin_y + height}, true);
  dl->AddRectFilled({origin_x, origin_y}, {origin_x + width, origin_y + height}, color(colors_.sea));
  drawRegions(dl, frame, camera);
  input.inset_title_clicked = drawInsets(dl, *frame.scene, camera, mouse, released_click && hovered_map);

  if (frame.region_counts) {
    drawRegionLabels(dl, frame, camera);
  } else if (frame.drawables) {
    drawItems(dl, frame);
    // The item under the pointer: markers and clusters, nearest first.
    if (hovered_map && !ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
      std::vector<core::Point> screens;
      screens.reserve(frame.drawables->size());
      for (const auto& d : *frame.drawables) screens.push_back(d.screen);
      input.hovered = core::hitTest(screens, mouse, kHitRadius);
      if (released_click && !input.inset_title_clicked) input.clicked = input.hovered;
    }
  }
  if (frame.crosshair) {
    const ImVec2 c{origin_x + width / 2, origin_y + height / 2};
    const ImU32 ink = IM_COL32(11, 92, 173, 255);
    dl->AddCircle(c, 18, ink, 32, 2.0f);
    dl->AddLine({c.x - 26, c.y}, {c.x - 10, c.y}, ink, 2.0f);
    dl->AddLine({c.x + 10, c.y}, {c.x + 26, c.y}, ink, 2.0f);
    dl->AddLine({c.x, c.y - 26}, {c.x, c.y - 10}, ink, 2.0f);
    dl->AddLine({c.x, c.y + 10}, {c.x, c.y + 26}, ink, 2.0f);
  }
  // Regional view: the region under the pointer, for its tooltip.
  if (frame.region_counts && hovered_map) {
    const core::Point plane = camera.screenToPlane(mouse);
    for (std::size_t r = 0; r < frame.scene->regions.size() && !input.region; ++r) {
      const auto& region = frame.scene->regions[r];
      if (!region.bounds.contains(plane)) continue;
      // Even-odd rule over every ring: holes and islands come out right.
      bool inside = false;
      for (std::size_t k = 0; k + 1 < region.ring_starts.size(); ++k) {
        const auto begin = region.ring_starts[k], end = region.ring_starts[k + 1];
        for (auto i = begin, j = end - 1; i < end; j = i++) {
          const auto& a = region.vertices[i];
          const auto& b = region.vertices[j];
          if ((a.y > plane.y) != (b.y > plane.y) && plane.x < (b.x - a.x) * (plane.y - a.y) / (b.y - a.y) + a.x)
            inside = !inside;
        }
      }
      if (inside) input.region = r;
    }
  }
  dl->PopClipRect();
  return input;
}

void MapView::drawRegions(ImDrawList* dl, const MapFrame& frame, const core::Camera& camera) {
  const core::Scene& scene = *frame.scene;
  const core::Bounds visible = camera.visibleBounds();
  std::uint32_t max_count = 0;
  if (frame.region_counts)
    for (auto n : *frame.region_counts) max_count = std::max(max_count, n);
  const ImU32 border = color(colors_.border);
  const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
  std::vector<ImVec2> screen;
  for (std::size_t r = 0; r < scene.regions.size(); ++r) {
    const auto& region = scene.regions[r];
    if (!region.bounds.intersects(visible)) continue;
    const ImU32 fill = frame.region_counts ? color(choroplethColor((*frame.region_counts)[r], max_count))
                                           : color(colors_.land);
    screen.resize(region.vertices.size());
    for (std::size_t i = 0; i < region.vertices.size(); ++i) {
      const core::Point s = camera.planeToScreen(region.vertices[i]);
      screen[i] = {static_cast<float>(s.x) + origin_x_, static_cast<float>(s.y) + origin_y_};
    }
    // Fill: our own triangulation, written straight into the draw list.
    dl->PrimReserve(static_cast<int>(region.triangles.size()), static_cast<int>(screen.size()));
    const auto base = static_cast<ImDrawIdx>(dl->_VtxCurrentIdx);
    for (const ImVec2& p : screen) dl->PrimWriteVtx(p, uv, fill);
    for (std::uint32_t index : region.triangles) dl->PrimWriteIdx(static_cast<ImDrawIdx>(base + index));
    // Borders: each ring as a closed anti-aliased line.
    for (std::size_t k = 0; k + 1 < region.ring_starts.size(); ++k) {
      const auto begin = region.ring_starts[k];
      const auto count = static_cast<int>(region.ring_starts[k + 1] - begin);
      if (count >= 2) dl->AddPolyline(&screen[begin], count, border, ImDrawFlags_Closed, 1.0f);
    }
  }
}

std::optional<core::Territory> MapView::drawInsets(ImDrawList* dl, const core::Scene& scene,
                                                   const core::Camera& camera, core::Point mouse, bool clicked) {
  const ImU32 frame = color(colors_.inset_frame);
  const ImU32 title = color(colors_.inset_title);
  const auto& options = scene.layout.options();
  const float gap_above = static_cast<float>(options.vertical_gap * camera.scale());
  const float gap_beside = static_cast<float>(options.horizontal_gap * camera.scale());

  struct Box {
    const core::TerritoryInfo* territory;
    ImVec2 top_left, bottom_right;
  };
  std::vector<Box> boxes;
  for (const auto& inset : scene.layout.insets()) {
    const core::Point a = camera.planeToScreen({inset.frame.min_x, inset.frame.max_y});
    const core::Point b = camera.planeToScreen({inset.frame.max_x, inset.frame.min_y});
    boxes.push_back({&core::info(inset.territory),
                     {static_cast<float>(a.x) + origin_x_, static_cast<float>(a.y) + origin_y_},
                     {static_cast<float>(b.x) + origin_x_, static_cast<float>(b.y) + origin_y_}});
  }
  // Titles sit in the gap above each frame. All full names, or else all the territories'
  // numbers (« 974 »), or nothing: a mix would read as two kinds of insets.
  auto fits = [&](std::string_view label, const Box& box) {
    const ImVec2 size = ImGui::CalcTextSize(label.data(), label.data() + label.size());
    return size.x <= box.bottom_right.x - box.top_left.x + gap_beside - 4 && size.y + 4 <= gap_above;
  };
  bool names = true, numbers = true;
  for (const Box& box : boxes) {
    names = names && fits(box.territory->name_fr, box);
    numbers = numbers && fits(box.territory->short_label, box);
  }
  std::optional<core::Territory> hit;
  const ImVec2 m{static_cast<float>(mouse.x) + origin_x_, static_cast<float>(mouse.y) + origin_y_};
  for (const Box& box : boxes) {
    dl->AddRect(box.top_left, box.bottom_right, frame, 0, 0, 1.0f);
    if (!names && !numbers) continue;
    const std::string_view label = names ? box.territory->name_fr : box.territory->short_label;
    const ImVec2 size = ImGui::CalcTextSize(label.data(), label.data() + label.size());
    const ImVec2 at{box.top_left.x, box.top_left.y - size.y - 3};
    // The title is a link: clicking it zooms onto the territory.
    const bool over = m.x >= at.x && m.x <= at.x + size.x && m.y >= at.y && m.y <= at.y + size.y;
    dl->AddText(at, over ? IM_COL32(11, 92, 173, 255) : title, label.data(), label.data() + label.size());
    if (over) {
      dl->AddLine({at.x, at.y + size.y}, {at.x + size.x, at.y + size.y}, IM_COL32(11, 92, 173, 255));
      ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      ImGui::SetTooltip("%s", box.territory->name_fr.data());
      if (clicked) hit = box.territory->territory;
    }
  }
  return hit;
}

void MapView::drawItems(ImDrawList* dl, const MapFrame& frame) {
  const auto& catalyseurs = *frame.catalyseurs;
  const ImVec2 o{origin_x_, origin_y_};
  for (const auto& d : *frame.drawables) {
    const ImVec2 c{static_cast<float>(d.screen.x) + o.x, static_cast<float>(d.screen.y) + o.y};
    if (d.leg_from) {
      dl->AddLine({static_cast<float>(d.leg_from->x) + o.x, static_cast<float>(d.leg_from->y) + o.y}, c,
                  IM_COL32(60, 70, 80, 200), 1.5f);
    }
    if (d.item.isCluster()) {
      const float r = clusterRadius(d.item.count);
      dl->AddCircleFilled(c, r + 3, color(colors_.cluster, 0.25f), 32);
      dl->AddCircleFilled(c, r, color(colors_.cluster), 32);
      dl->AddCircle(c, r, IM_COL32(255, 255, 255, 255), 32, 1.5f);
      char count[16];
      std::snprintf(count, sizeof count, "%u", d.item.count);
      const ImVec2 size = ImGui::CalcTextSize(count);
      dl->AddText({c.x - size.x / 2, c.y - size.y / 2}, IM_COL32(255, 255, 255, 255), count);
      continue;
    }
    const auto& c_item = catalyseurs[d.item.id];
    drawMarker(dl, c, markerStyle(c_item.metiers.empty() ? std::string() : c_item.metiers.front()), 1.0f);
  }
  // Hovered and selected markers come last, larger and ringed, so they are never hidden.
  for (auto [index, at] : {std::pair{frame.hovered, frame.hovered_at}, std::pair{frame.selected, frame.selected_at}}) {
    if (!index || !at) continue;
    const ImVec2 c{static_cast<float>(at->x) + o.x, static_cast<float>(at->y) + o.y};
    const auto& c_item = catalyseurs[*index];
    dl->AddCircle(c, kMarkerRadius * 1.4f + 5, color(colors_.selection), 32, 2.5f);
    drawMarker(dl, c, markerStyle(c_item.metiers.empty() ? std::string() : c_item.metiers.front()), 1.4f);
  }
}

void MapView::drawRegionLabels(ImDrawList* dl, const MapFrame& frame, const core::Camera& camera) {
  const auto& regions = frame.scene->regions;
  for (std::size_t r = 0; r < regions.size(); ++r) {
    const core::Point s = camera.planeToScreen(regions[r].label);
    char count[16];
    std::snprintf(count, sizeof count, "%u", (*frame.region_counts)[r]);
    const ImVec2 size = ImGui::CalcTextSize(count);
    const ImVec2 c{static_cast<float>(s.x) + origin_x_, static_cast<float>(s.y) + origin_y_};
    dl->AddRectFilled({c.x - size.x / 2 - 5, c.y - size.y / 2 - 2}, {c.x + size.x / 2 + 5, c.y + size.y / 2 + 2},
                      IM_COL32(255, 255, 255, 230), 4.0f);
    dl->AddText({c.x - size.x / 2, c.y - size.y / 2}, IM_COL32(20, 30, 40, 255), count);
  }
}

}  // namespace app
