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

ImU32 choroplethFill(std::uint32_t count, std::uint32_t max) {
  if (count == 0 || max == 0) return imColour(kPalette.land);
  return imColour(kChoroplethRamp[core::choroplethClass(count, max)]);
}

}  // namespace

float clusterRadius(std::uint32_t count) {
  return 11.0f + 3.0f * std::log10(static_cast<float>(std::max<std::uint32_t>(count, 1)));
}

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

MapHits MapView::draw(const core::MapState& state, const MapPointer& pointer, const Strings& strings) {
  MapHits hits;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect({0, 0}, {width_, height_}, true);
  dl->AddRectFilled({0, 0}, {width_, height_}, imColour(kPalette.sea));
  drawRegions(state);
  hits.inset_title = drawInsets(state, pointer.position, strings);
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

void MapView::drawRegions(const core::MapState& state) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const core::Scene& scene = state.scene();
  const core::Camera& camera = state.camera();
  const core::Bounds visible = camera.visibleBounds();
  const ImU32 border = imColour(kPalette.border);
  const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
  std::vector<ImVec2> screen;
  for (std::size_t r = 0; r < scene.regions.size(); ++r) {
    const auto& region = scene.regions[r];
    if (!region.bounds.intersects(visible)) continue;
    const ImU32 fill = state.regional() ? choroplethFill(state.regionCounts()[r], state.regionalMax())
                                        : imColour(kPalette.land);
    screen.resize(region.vertices.size());
    for (std::size_t i = 0; i < region.vertices.size(); ++i) screen[i] = toImVec(camera.planeToScreen(region.vertices[i]));
    // Fill: the scene's triangles, written straight into the draw list.
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

std::optional<core::Territory> MapView::drawInsets(const core::MapState& state, core::Point pointer,
                                                   const Strings& strings) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const core::Scene& scene = state.scene();
  const core::Camera& camera = state.camera();
  const auto& options = scene.layout.options();
  const float gap_above = static_cast<float>(options.vertical_gap * camera.scale());
  const float gap_beside = static_cast<float>(options.horizontal_gap * camera.scale());

  struct Box {
    const core::TerritoryInfo* territory;
    ImVec2 top_left, bottom_right;
  };
  std::vector<Box> boxes;
  for (const auto& inset : scene.layout.insets())
    boxes.push_back({&core::info(inset.territory), toImVec(camera.planeToScreen({inset.frame.min_x, inset.frame.max_y})),
                     toImVec(camera.planeToScreen({inset.frame.max_x, inset.frame.min_y}))});
  // Titles sit in the gap above each frame. All full names, or else all the territories'
  // numbers (« 974 »), or nothing: a mix would read as two kinds of insets.
  auto fits = [&](std::string_view label, const Box& box) {
    const ImVec2 size = ImGui::CalcTextSize(label.data(), label.data() + label.size());
    return size.x <= box.bottom_right.x - box.top_left.x + gap_beside - 4 && size.y + 4 <= gap_above;
  };
  bool names = true, numbers = true;
  for (const Box& box : boxes) {
    names = names && fits(strings.territoryName(box.territory->territory), box);
    numbers = numbers && fits(box.territory->short_label, box);
  }
  std::optional<core::Territory> under_pointer;
  const ImU32 link = imColour(kPalette.link);
  for (const Box& box : boxes) {
    dl->AddRect(box.top_left, box.bottom_right, imColour(kPalette.inset_frame), 0, 0, 1.0f);
    if (!names && !numbers) continue;
    const std::string_view label = names ? strings.territoryName(box.territory->territory) : box.territory->short_label;
    const ImVec2 size = ImGui::CalcTextSize(label.data(), label.data() + label.size());
    const ImVec2 at{box.top_left.x, box.top_left.y - size.y - 3};
    // The title is a link: clicking it zooms onto the territory.
    const bool over = pointer.x >= at.x && pointer.x <= at.x + size.x && pointer.y >= at.y && pointer.y <= at.y + size.y;
    dl->AddText(at, over ? link : imColour(kPalette.inset_title), label.data(), label.data() + label.size());
    if (over) {
      dl->AddLine({at.x, at.y + size.y}, {at.x + size.x, at.y + size.y}, link);
      under_pointer = box.territory->territory;
    }
  }
  return under_pointer;
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
