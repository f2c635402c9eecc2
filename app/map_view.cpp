#include "map_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <vector>

#include "style.h"

namespace app {

namespace {

ImVec2 toImVec(core::Point p) { return {static_cast<float>(p.x), static_cast<float>(p.y)}; }

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
  // Over the window's clear colour, the sea.
  layer_.draw(state, dl);
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
