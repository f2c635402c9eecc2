#include "overlays.h"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "legend.h"
#include "style.h"
#include "text.h"

namespace app {

namespace {

constexpr float kMargin = 10;  // CSS pixels between an overlay and the map's edge
constexpr float kPad = 8;      // inside an overlay's box

// One row of a legend: a swatch drawn by `swatch` at the row's left, then its label.
struct LegendRow {
  std::string label;
  std::uint32_t colour;                          // a square swatch…
  const MarkerStyle* marker = nullptr;           // …or a marker
};

std::string distance(double metres) {
  return metres >= 1000 ? core::text::groupThousands(static_cast<std::uint64_t>(metres / 1000)) + "\xC2\xA0km"
                        : core::text::groupThousands(static_cast<std::uint64_t>(metres)) + "\xC2\xA0m";
}

// A titled legend box whose bottom right corner is at (right, bottom).
void drawLegend(const std::string& title, const std::vector<LegendRow>& rows, float right, float bottom) {
  ImDrawList* fg = ImGui::GetForegroundDrawList();
  const float line = ImGui::GetTextLineHeight();
  float width = ImGui::CalcTextSize(title.c_str()).x;
  for (const auto& r : rows) width = std::max(width, 22 + ImGui::CalcTextSize(r.label.c_str()).x);
  const float height = line * (1 + static_cast<float>(rows.size())) + 12;
  const ImVec2 a{right - width - 2 * kPad, bottom - height};
  fg->AddRectFilled(a, {right, bottom}, imColour(kPalette.panel, 0.88f), 6.0f);
  const ImU32 ink = imColour(kPalette.ink);
  fg->AddText({a.x + kPad, a.y + 5}, ink, title.c_str());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const float y = a.y + 5 + line * static_cast<float>(i + 1);
    if (rows[i].marker)
      drawMarker(fg, {a.x + 15, y + line / 2}, *rows[i].marker, 0.85f);
    else
      fg->AddRectFilled({a.x + 9, y + 2}, {a.x + 21, y + line - 2}, imColour(rows[i].colour));
    fg->AddText({a.x + 26, y}, ink, rows[i].label.c_str());
  }
}

// Returns the top of what it drew.
float drawScaleBar(const core::MapState& state, const Strings& strings, float right, float bottom) {
  const core::ScaleBar bar = core::scaleBar(state.camera().scale());
  const float length = static_cast<float>(bar.pixels);
  const std::string label = distance(bar.metres) + " " + strings("scale_mainland");
  ImDrawList* fg = ImGui::GetForegroundDrawList();
  const float line = ImGui::GetTextLineHeight();
  const float box_width = std::max(length, ImGui::CalcTextSize(label.c_str()).x) + 2 * kPad;
  const ImVec2 a{right - box_width, bottom - line - 18};
  const ImU32 ink = imColour(kPalette.ink);
  fg->AddRectFilled(a, {right, bottom}, imColour(kPalette.panel, 0.84f), 4.0f);
  fg->AddText({a.x + kPad, a.y + 2}, ink, label.c_str());
  const float y = bottom - 6, x0 = a.x + kPad, x1 = x0 + length;
  fg->AddLine({x0, y}, {x1, y}, ink, 2.0f);
  fg->AddLine({x0, y - 5}, {x0, y}, ink, 2.0f);
  fg->AddLine({x1, y - 5}, {x1, y}, ink, 2.0f);
  return a.y;
}

void drawBadge(const std::string& text, float left, float bottom) {
  ImDrawList* fg = ImGui::GetForegroundDrawList();
  const ImVec2 size = ImGui::CalcTextSize(text.c_str());
  const ImVec2 at{left + 10, bottom - size.y - 16};
  const ImVec2 a{at.x - 10, at.y - 5}, b{at.x + size.x + 10, at.y + size.y + 5};
  fg->AddRectFilled(a, b, imColour(kPalette.badge_fill, 0.96f), 12.0f);
  fg->AddRect(a, b, imColour(kPalette.badge_edge), 12.0f);
  fg->AddText(at, imColour(kPalette.badge_ink), text.c_str());
}

}  // namespace

void drawOverlays(const core::MapState& state, const Strings& strings, float width, float height) {
  ImDrawList* fg = ImGui::GetForegroundDrawList();
  const float line = ImGui::GetTextLineHeight();
  const float right = width - kMargin;

  // Bottom right, stacked upwards: attribution, scale bar, legend.
  const std::string attribution = strings("attribution");
  const float attribution_width = ImGui::CalcTextSize(attribution.c_str()).x;
  fg->AddRectFilled({width - attribution_width - 16, height - line - 8}, {width, height}, imColour(kPalette.panel, 0.84f));
  fg->AddText({width - attribution_width - 10, height - line - 5}, imColour(kPalette.ink), attribution.c_str());
  float bottom = height - line - 12;
  // Plane metres are Lambert-93 metres on the mainland only (the insets are scaled).
  if (state.viewOnMainland()) bottom = drawScaleBar(state, strings, right, bottom) - 6;

  // Bottom left. On a narrow screen the badge goes above the attribution so both stay readable.
  if (state.hasDemoEntries()) drawBadge(strings("demo_badge"), kMargin, width < 600 ? height - line - 14 : height);

  std::vector<LegendRow> rows;
  if (state.regional()) {
    if (state.regionalMax() == 0) return;
    for (const auto& c : core::choroplethLegend(state.regionalMax()))
      rows.push_back({c.low == c.high ? core::text::groupThousands(c.low)
                                      : core::text::groupThousands(c.low) + "\xE2\x80\x93" + core::text::groupThousands(c.high),
                      kChoroplethRamp[c.cls]});
    drawLegend(strings("regional_view"), rows, right, bottom);
    return;
  }
  for (std::size_t m = 0; m < core::kMetierSlugs.size(); ++m)
    rows.push_back({strings("metier_short_" + std::string(core::kMetierSlugs[m])), 0, &kMarkerStyles[m]});
  drawLegend(strings("legend_title"), rows, right, bottom);
}

void drawTooltip(const core::MapState& state, const Strings& strings, const MapHits& hits) {
  if (hits.inset_title) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImGui::SetTooltip("%s", std::string(strings.territoryName(*hits.inset_title)).c_str());
  } else if (hits.item) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const core::ClusterItem& item = state.items()[*hits.item].item;
    if (item.isCluster()) {
      ImGui::SetTooltip("%s", strings.format("cluster_tooltip", {{"n", core::text::groupThousands(item.count)}}).c_str());
    } else {
      const core::Catalyseur& c = state.catalyseurs()[item.id];
      const core::RegionInfo* region = core::regionByCode(c.region);
      ImGui::SetTooltip("%s\n%s, %s", c.nom.c_str(), c.commune.c_str(),
                        region ? std::string(region->name_fr).c_str() : c.region.c_str());
    }
  } else if (hits.region) {
    const auto& region = state.scene().regions[*hits.region];
    const std::string n = core::text::groupThousands(state.regionCounts()[*hits.region]);
    ImGui::SetTooltip("%s", strings.format("region_tooltip", {{"region", region.nom}, {"n", n}}).c_str());
  }
}

}  // namespace app
