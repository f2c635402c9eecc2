#include "map_view.h"

#include <imgui.h>

#include <cmath>

namespace app {

namespace {

ImU32 color(std::uint32_t rgb, float alpha = 1.0f) {
  return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, static_cast<int>(alpha * 255));
}

// Wheel notches to zoom factor: one notch is ×1.4, enough to cross France in a few turns
// without overshooting.
constexpr float kWheelZoomPerNotch = 0.33647f;  // ln(1.4)

void drawMarker(ImDrawList* dl, ImVec2 c, const MarkerStyle& style) {
  const float r = kMarkerRadius;
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

bool MapView::draw(const core::Scene& scene, const std::vector<core::Catalyseur>& catalyseurs,
                   core::Camera& camera, float origin_x, float origin_y, float width, float height,
                   bool gestures_enabled) {
  origin_x_ = origin_x;
  origin_y_ = origin_y;
  camera.setViewport(width, height);
  bool moved = false;

  ImGui::SetCursorScreenPos({origin_x, origin_y});
  ImGui::InvisibleButton("##map", {width, height});
  const ImGuiIO& io = ImGui::GetIO();
  const core::Point mouse{io.MousePos.x - origin_x, io.MousePos.y - origin_y};
  if (gestures_enabled) {
    if (ImGui::IsItemActive() && (io.MouseDelta.x != 0 || io.MouseDelta.y != 0) &&
        ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f)) {
      camera.panBy(io.MouseDelta.x, io.MouseDelta.y);
      moved = true;
    }
    if (ImGui::IsItemHovered() && io.MouseWheel != 0) {
      camera.zoomAround(mouse, std::exp(io.MouseWheel * kWheelZoomPerNotch));
      moved = true;
    }
    if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
      camera.zoomAround(mouse, 2.0);
      moved = true;
    }
  }

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect({origin_x, origin_y}, {origin_x + width, origin_y + height}, true);
  dl->AddRectFilled({origin_x, origin_y}, {origin_x + width, origin_y + height}, color(colors_.sea));
  drawRegions(dl, scene, camera);
  drawInsets(dl, scene, camera);
  drawMarkers(dl, scene, catalyseurs, camera);
  dl->PopClipRect();
  return moved;
}

void MapView::drawRegions(ImDrawList* dl, const core::Scene& scene, const core::Camera& camera) {
  const core::Bounds visible = camera.visibleBounds();
  const ImU32 land = color(colors_.land);
  const ImU32 border = color(colors_.border);
  const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
  std::vector<ImVec2> screen;
  for (const auto& region : scene.regions) {
    if (!region.bounds.intersects(visible)) continue;
    screen.resize(region.vertices.size());
    for (std::size_t i = 0; i < region.vertices.size(); ++i) {
      const core::Point s = camera.planeToScreen(region.vertices[i]);
      screen[i] = {static_cast<float>(s.x) + origin_x_, static_cast<float>(s.y) + origin_y_};
    }
    // Fill: our own triangulation, written straight into the draw list.
    dl->PrimReserve(static_cast<int>(region.triangles.size()), static_cast<int>(screen.size()));
    const auto base = static_cast<ImDrawIdx>(dl->_VtxCurrentIdx);
    for (const ImVec2& p : screen) dl->PrimWriteVtx(p, uv, land);
    for (std::uint32_t index : region.triangles) dl->PrimWriteIdx(static_cast<ImDrawIdx>(base + index));
    // Borders: each ring as a closed anti-aliased line.
    for (std::size_t r = 0; r + 1 < region.ring_starts.size(); ++r) {
      const auto begin = region.ring_starts[r];
      const auto count = static_cast<int>(region.ring_starts[r + 1] - begin);
      if (count >= 2) dl->AddPolyline(&screen[begin], count, border, ImDrawFlags_Closed, 1.0f);
    }
  }
}

void MapView::drawInsets(ImDrawList* dl, const core::Scene& scene, const core::Camera& camera) {
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
  for (const Box& box : boxes) {
    dl->AddRect(box.top_left, box.bottom_right, frame, 0, 0, 1.0f);
    if (!names && !numbers) continue;
    const std::string_view label = names ? box.territory->name_fr : box.territory->short_label;
    const float height = ImGui::GetTextLineHeight();
    dl->AddText({box.top_left.x, box.top_left.y - height - 3}, title, label.data(), label.data() + label.size());
  }
}

void MapView::drawMarkers(ImDrawList* dl, const core::Scene& scene,
                          const std::vector<core::Catalyseur>& catalyseurs,
                          const core::Camera& camera) {
  const core::Bounds visible = camera.visibleBounds().inflated(kMarkerRadius * 2 / camera.scale());
  for (const auto& marker : scene.markers) {
    if (!visible.contains(marker.plane)) continue;
    const auto& c = catalyseurs[marker.catalyseur];
    const core::Point s = camera.planeToScreen(marker.plane);
    drawMarker(dl, {static_cast<float>(s.x) + origin_x_, static_cast<float>(s.y) + origin_y_},
               markerStyle(c.metiers.empty() ? std::string() : c.metiers.front()));
  }
}

}  // namespace app
