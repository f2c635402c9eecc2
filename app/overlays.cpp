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

constexpr float kPad = 8;  // inside an overlay's box

// One row of a legend: a swatch drawn by `swatch` at the row's left, then its label.
struct LegendRow {
  std::string label;
  std::uint32_t colour;                          // a square swatch…
  const MarkerStyle* marker = nullptr;           // …or a marker
};

struct Legend {
  std::string title;
  std::vector<LegendRow> rows;
};

std::string distance(double metres) {
  return metres >= 1000 ? core::text::groupThousands(static_cast<std::uint64_t>(metres / 1000)) + "\xC2\xA0km"
                        : core::text::groupThousands(static_cast<std::uint64_t>(metres)) + "\xC2\xA0m";
}

ImVec2 textSize(const std::string& text) { return ImGui::CalcTextSize(text.c_str()); }

// The regional view's classes of counts, for regions holding up to `max` catalyseurs.
Legend regionalLegend(const Strings& strings, std::uint32_t max) {
  Legend legend;
  legend.title = strings("regional_view");
  for (const auto& c : core::choroplethLegend(max))
    legend.rows.push_back({c.low == c.high ? core::text::groupThousands(c.low)
                                           : core::text::groupThousands(c.low) + "\xE2\x80\x93" + core::text::groupThousands(c.high),
                           kChoroplethRamp[c.cls]});
  return legend;
}

// The legend of what the map shows: métiers, or the regional view's classes of counts.
Legend legendOf(const core::MapState& state, const Strings& strings, bool regional) {
  if (regional) return regionalLegend(strings, state.regionalMax());
  Legend legend;
  legend.title = strings("legend_title");
  for (std::size_t m = 0; m < core::kMetierSlugs.size(); ++m)
    legend.rows.push_back({strings("metier_short_" + std::string(core::kMetierSlugs[m])), 0, &kMarkerStyles[m]});
  return legend;
}

ImVec2 legendSize(const Legend& legend, std::size_t rows) {
  float width = textSize(legend.title).x;
  for (const auto& r : legend.rows) width = std::max(width, 22 + textSize(r.label).x);
  return {width + 2 * kPad, ImGui::GetTextLineHeight() * (1 + static_cast<float>(rows)) + 12};
}

core::Size boxSize(const std::string& text, float pad_x, float pad_y) {
  const ImVec2 t = textSize(text);
  return {t.x + 2 * pad_x, t.y + 2 * pad_y};
}

// A legend in its box, against the box's bottom right corner.
void drawLegend(const Legend& legend, const core::Bounds& box) {
  ImDrawList* fg = ImGui::GetForegroundDrawList();
  const float line = ImGui::GetTextLineHeight();
  const ImVec2 size = legendSize(legend, legend.rows.size());
  const ImVec2 b{static_cast<float>(box.max_x), static_cast<float>(box.max_y)};
  const ImVec2 a{b.x - size.x, b.y - size.y};
  fg->AddRectFilled(a, b, imColour(kPalette.panel, 0.88f), 6.0f);
  const ImU32 ink = imColour(kPalette.ink);
  fg->AddText({a.x + kPad, a.y + 5}, ink, legend.title.c_str());
  for (std::size_t i = 0; i < legend.rows.size(); ++i) {
    const float y = a.y + 5 + line * static_cast<float>(i + 1);
    if (legend.rows[i].marker)
      drawMarker(fg, {a.x + 15, y + line / 2}, *legend.rows[i].marker, 0.85f);
    else
      fg->AddRectFilled({a.x + 9, y + 2}, {a.x + 21, y + line - 2}, imColour(legend.rows[i].colour));
    fg->AddText({a.x + 26, y}, ink, legend.rows[i].label.c_str());
  }
}

// The bar is as long as a round distance: drawn against the right of its box, which is as
// wide as the longest bar.
void drawScaleBar(const core::MapState& state, const Strings& strings, const core::Bounds& box) {
  const core::ScaleBar bar = core::scaleBar(state.camera().scale());
  const float length = static_cast<float>(bar.pixels);
  const std::string label = distance(bar.metres) + " " + strings("scale_mainland");
  ImDrawList* fg = ImGui::GetForegroundDrawList();
  const float right = static_cast<float>(box.max_x), bottom = static_cast<float>(box.max_y);
  const ImVec2 a{right - std::max(length, textSize(label).x) - 2 * kPad, static_cast<float>(box.min_y)};
  const ImU32 ink = imColour(kPalette.ink);
  fg->AddRectFilled(a, {right, bottom}, imColour(kPalette.panel, 0.84f), 4.0f);
  fg->AddText({a.x + kPad, a.y + 2}, ink, label.c_str());
  const float y = bottom - 6, x0 = a.x + kPad, x1 = x0 + length;
  fg->AddLine({x0, y}, {x1, y}, ink, 2.0f);
  fg->AddLine({x0, y - 5}, {x0, y}, ink, 2.0f);
  fg->AddLine({x1, y - 5}, {x1, y}, ink, 2.0f);
}

// Text centred in a filled box, with an outline when `edge` is given.
void drawLabel(const std::string& text, const core::Bounds& box, std::uint32_t fill, float alpha, std::uint32_t ink,
               float rounding, const std::uint32_t* edge = nullptr, float text_x = -1) {
  ImDrawList* fg = ImGui::GetForegroundDrawList();
  const ImVec2 a{static_cast<float>(box.min_x), static_cast<float>(box.min_y)};
  const ImVec2 b{static_cast<float>(box.max_x), static_cast<float>(box.max_y)};
  fg->AddRectFilled(a, b, imColour(fill, alpha), rounding);
  if (edge) fg->AddRect(a, b, imColour(*edge), rounding);
  const ImVec2 size = textSize(text);
  fg->AddText({text_x >= 0 ? a.x + text_x : (a.x + b.x - size.x) / 2, (a.y + b.y - size.y) / 2}, imColour(ink), text.c_str());
}

// The button the legend collapses into: its name and a chevron pointing where it goes.
void drawLegendToggle(const Strings& strings, const core::Bounds& box, bool open) {
  drawLabel(strings("legend_toggle"), box, kPalette.panel, 0.92f, kPalette.ink, 6.0f, &kPalette.border, kPad);
  ImDrawList* fg = ImGui::GetForegroundDrawList();
  const float cx = static_cast<float>(box.max_x) - kPad - 5, cy = static_cast<float>(box.min_y + box.max_y) / 2;
  const ImU32 ink = imColour(kPalette.ink);
  if (open)
    fg->AddTriangleFilled({cx - 5, cy - 3}, {cx + 5, cy - 3}, {cx, cy + 3}, ink);
  else
    fg->AddTriangleFilled({cx - 5, cy + 3}, {cx + 5, cy + 3}, {cx, cy - 3}, ink);
}

}  // namespace

core::OverlaySizes measureOverlays(const core::MapState& state, const Strings& strings) {
  core::OverlaySizes sizes;
  const float line = ImGui::GetTextLineHeight();
  sizes.attribution = boxSize(strings("attribution"), 8, 4);
  sizes.attribution_short = boxSize(strings("attribution_short"), 8, 4);
  // The longest bar, under the widest label it can have.
  sizes.scale_bar = {std::max(120.0f, textSize("8\xC2\xA0" "888\xC2\xA0km " + strings("scale_mainland")).x) + 2 * kPad, line + 18};
  // Room for either legend, so that switching views does not move the overlays, and for the
  // widest counts the regional one can show whatever the filters: a filter that changed the
  // legend's size would move the overview, and make the map cluster its markers again.
  const ImVec2 metiers = legendSize(legendOf(state, strings, false), core::kMetierSlugs.size());
  const auto most = static_cast<std::uint32_t>(state.catalyseurs().size());
  const ImVec2 regional = legendSize(regionalLegend(strings, most), core::kChoroplethClassCount);
  sizes.legend = {std::max(metiers.x, regional.x), std::max(metiers.y, regional.y)};
  sizes.legend_toggle = boxSize(strings("legend_toggle"), kPad, 5);
  sizes.legend_toggle.width += 16;  // the chevron
  if (state.hasDemoEntries()) {
    sizes.badge = boxSize(strings("demo_badge"), 10, 5);
    sizes.badge_short = boxSize(strings("demo_badge_short"), 10, 5);
  }
  return sizes;
}

void drawOverlays(const core::MapState& state, const Strings& strings) {
  const core::OverlayLayout& o = state.overlays();
  if (o.attribution)
    drawLabel(strings(o.attribution_short ? "attribution_short" : "attribution"), *o.attribution, kPalette.panel, 0.84f,
              kPalette.ink, 0);
  if (o.badge)
    drawLabel(strings(o.badge_short ? "demo_badge_short" : "demo_badge"), *o.badge, kPalette.badge_fill, 0.96f,
              kPalette.badge_ink, 12.0f, &kPalette.badge_edge);
  // Plane metres are Lambert-93 metres on the mainland only (the insets are scaled).
  if (o.scale_bar && state.viewOnMainland()) drawScaleBar(state, strings, *o.scale_bar);
  if (o.legend_toggle) drawLegendToggle(strings, *o.legend_toggle, state.legendOpen());
  if (o.legend && !(state.regional() && state.regionalMax() == 0))
    drawLegend(legendOf(state, strings, state.regional()), *o.legend);
}

std::string drawTooltip(const core::MapState& state, const Strings& strings, const MapHits& hits) {
  std::string text;
  if (hits.inset_title) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    text = strings.territoryName(*hits.inset_title);
  } else if (hits.item) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const core::ClusterItem& item = state.items()[*hits.item].item;
    if (item.isCluster()) {
      // Only a cluster that zooming can split promises a zoom; the others fan out.
      const char* key = state.clusterZooms(item) ? "cluster_tooltip" : "cluster_tooltip_fan";
      text = strings.format(key, {{"n", core::text::groupThousands(item.count)}});
    } else {
      const core::Catalyseur& c = state.catalyseurs()[item.id];
      const core::RegionInfo* region = core::regionByCode(c.region);
      text = c.nom + "\n" + c.commune + ", " + (region ? std::string(region->name_fr) : c.region);
    }
  } else if (hits.region) {
    const auto& region = state.scene().regions[*hits.region];
    const std::string n = core::text::groupThousands(state.regionCounts()[*hits.region]);
    text = strings.format("region_tooltip", {{"region", region.nom}, {"n", n}});
  }
  if (!text.empty()) ImGui::SetTooltip("%s", text.c_str());
  return text;
}

}  // namespace app
