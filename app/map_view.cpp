#include "map_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <vector>

#include "legend.h"
#include "style.h"

namespace app {

namespace {

ImVec2 toImVec(core::Point p) { return {static_cast<float>(p.x), static_cast<float>(p.y)}; }

// Pixels per kilometre from which the départements are outlined: about a region on a phone.
constexpr double kDepartementBordersFrom = 0.9;

ImU32 choroplethFill(std::uint32_t count, std::uint32_t max) {
  if (count == 0 || max == 0) return imColour(kPalette.land);
  return imColour(kChoroplethRamp[core::choroplethClass(count, max)]);
}

}  // namespace

float clusterRadius(std::uint32_t count) { return static_cast<float>(core::clusterRadius(count)); }

MapPointer MapView::readPointer(float width, float height) {
  width_ = width;
  height_ = height;
  MapPointer pointer;
  ImGui::SetCursorScreenPos({0, 0});
  ImGui::InvisibleButton("##map", {width, height});
  const ImGuiIO& io = ImGui::GetIO();
  pointer.over = ImGui::IsItemHovered();
  pointer.position = {io.MousePos.x, io.MousePos.y};
  pointer.click = ImGui::IsItemDeactivated() && io.MouseDragMaxDistanceSqr[0] < 16.0f;
  pointer.dragging = ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f);
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f))
    pointer.drag = {io.MouseDelta.x, io.MouseDelta.y};
  if (pointer.over) {
    pointer.wheel = io.MouseWheel;
    pointer.double_click = ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left);
  }
  return pointer;
}

MapHits MapView::draw(const core::MapState& state, const MapPointer& pointer) {
  MapHits hits;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect({0, 0}, {width_, height_}, true);
  dl->AddRectFilled({0, 0}, {width_, height_}, imColour(kPalette.sea));
  for (const core::SceneRegion& land : state.context().pays)
    if (land.territory == core::Territory::Metropole)
      fillShape(land, state.camera(), imColour(kPalette.pays), imColour(kPalette.pays_border));
  drawInsetFrames(state, false);
  drawRegions(state);
  drawInsetFrames(state, true);
  hits.inset_title = drawLabels(state, pointer.position);
  if (state.regional()) {
    drawRegionLabels(state);
    if (pointer.over) hits.region = state.regionAt(pointer.position);
  } else {
    drawItems(state);
    if (pointer.over && !pointer.dragging) hits.item = state.itemAt(pointer.position, kHitRadius);
  }
  if (state.crosshair()) drawCrosshair();
  dl->PopClipRect();
  return hits;
}

void MapView::fillShape(const core::SceneRegion& shape, const core::Camera& camera, ImU32 fill, ImU32 border) {
  if (!shape.bounds.intersects(camera.visibleBounds())) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  screen_.resize(shape.vertices.size());
  for (std::size_t i = 0; i < shape.vertices.size(); ++i) screen_[i] = toImVec(camera.planeToScreen(shape.vertices[i]));
  if (!shape.triangles.empty()) {
    // The scene's triangles, written straight into the draw list.
    const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
    dl->PrimReserve(static_cast<int>(shape.triangles.size()), static_cast<int>(screen_.size()));
    const auto base = static_cast<ImDrawIdx>(dl->_VtxCurrentIdx);
    for (const ImVec2& p : screen_) dl->PrimWriteVtx(p, uv, fill);
    for (std::uint32_t index : shape.triangles) dl->PrimWriteIdx(static_cast<ImDrawIdx>(base + index));
  }
  // Each ring as a closed anti-aliased line.
  for (std::size_t k = 0; k + 1 < shape.ring_starts.size(); ++k) {
    const auto begin = shape.ring_starts[k];
    const auto count = static_cast<int>(shape.ring_starts[k + 1] - begin);
    if (count >= 2) dl->AddPolyline(&screen_[begin], count, border, ImDrawFlags_Closed, 1.0f);
  }
}

void MapView::drawRegions(const core::MapState& state) {
  const core::Scene& scene = state.scene();
  const core::Camera& camera = state.camera();
  for (std::size_t r = 0; r < scene.regions.size(); ++r) {
    const ImU32 fill = state.regional() ? choroplethFill(state.regionCounts()[r], state.regionalMax()) : imColour(kPalette.land);
    fillShape(scene.regions[r], camera, fill, imColour(kPalette.border));
  }
  // Départements from the regional scale in: thin lines inside the regions' borders.
  if (camera.scale() >= kDepartementBordersFrom / 1000)
    for (const core::SceneRegion& d : state.context().departements)
      fillShape(d, camera, 0, imColour(kPalette.departement_border));
}

void MapView::drawInsetFrames(const core::MapState& state, bool outline) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const core::Camera& camera = state.camera();
  for (const auto& inset : state.scene().layout.insets()) {
    const ImVec2 a = toImVec(camera.planeToScreen({inset.frame.min_x, inset.frame.max_y}));
    const ImVec2 b = toImVec(camera.planeToScreen({inset.frame.max_x, inset.frame.min_y}));
    if (outline) {
      dl->AddRect(a, b, imColour(kPalette.inset_frame), 0, 0, 1.0f);
    } else {
      // Sea over the mainland's neighbours, then the territory's own neighbours, clipped.
      dl->AddRectFilled(a, b, imColour(kPalette.sea));
      dl->PushClipRect(a, b, true);
      for (const core::SceneRegion& land : state.context().pays)
        if (land.territory == inset.territory) fillShape(land, camera, imColour(kPalette.pays), imColour(kPalette.pays_border));
      dl->PopClipRect();
    }
  }
}

void MapView::drawItems(const core::MapState& state) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const auto& d : state.items()) {
    const ImVec2 c = toImVec(d.screen);
    if (d.leg_from) dl->AddLine(toImVec(*d.leg_from), c, imColour(kPalette.leg, 0.8f), 1.5f);
    if (d.item.isCluster()) {
      const float r = clusterRadius(d.item.count);
      dl->AddCircleFilled(c, r + 3, imColour(kPalette.cluster, 0.25f), 32);
      dl->AddCircleFilled(c, r, imColour(kPalette.cluster), 32);
      dl->AddCircle(c, r, IM_COL32(255, 255, 255, 255), 32, 1.5f);
      char count[16];
      std::snprintf(count, sizeof count, "%u", d.item.count);
      const ImVec2 size = ImGui::CalcTextSize(count);
      dl->AddText({c.x - size.x / 2, c.y - size.y / 2}, IM_COL32(255, 255, 255, 255), count);
      continue;
    }
    drawMarker(dl, c, markerStyle(state.primaryMetier(d.item.id)), 1.0f);
  }
  // Hovered and selected markers come last, larger and ringed, so they are never hidden.
  for (const auto index : {state.hovered(), state.selected()}) {
    if (!index) continue;
    const auto at = state.drawnAt(*index);
    if (!at) continue;
    const ImVec2 c = toImVec(*at);
    dl->AddCircle(c, kMarkerRadius * 1.4f + 5, imColour(kPalette.selection), 32, 2.5f);
    drawMarker(dl, c, markerStyle(state.primaryMetier(*index)), 1.4f);
  }
}

void MapView::drawRegionLabels(const core::MapState& state) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& regions = state.scene().regions;
  for (std::size_t r = 0; r < regions.size(); ++r) {
    const ImVec2 c = toImVec(state.camera().planeToScreen(regions[r].label));
    char count[16];
    std::snprintf(count, sizeof count, "%u", state.regionCounts()[r]);
    const ImVec2 size = ImGui::CalcTextSize(count);
    dl->AddRectFilled({c.x - size.x / 2 - 5, c.y - size.y / 2 - 2}, {c.x + size.x / 2 + 5, c.y + size.y / 2 + 2},
                      imColour(kPalette.panel, 0.9f), 4.0f);
    dl->AddText({c.x - size.x / 2, c.y - size.y / 2}, imColour(kPalette.label_ink), count);
  }
}

void MapView::drawCrosshair() {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 c{width_ / 2, height_ / 2};
  const ImU32 ink = imColour(kPalette.link);
  dl->AddCircle(c, 18, ink, 32, 2.0f);
  dl->AddLine({c.x - 26, c.y}, {c.x - 10, c.y}, ink, 2.0f);
  dl->AddLine({c.x + 10, c.y}, {c.x + 26, c.y}, ink, 2.0f);
  dl->AddLine({c.x, c.y - 26}, {c.x, c.y - 10}, ink, 2.0f);
  dl->AddLine({c.x, c.y + 10}, {c.x, c.y + 26}, ink, 2.0f);
}

}  // namespace app
