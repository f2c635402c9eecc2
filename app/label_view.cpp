#include <imgui.h>

#include "map_view.h"
#include "style.h"

namespace app {

namespace {

struct LabelStyle {
  std::uint32_t ink;
  bool dot;  // a commune's place, under its name
};

LabelStyle styleOf(core::LabelKind kind) {
  switch (kind) {
    case core::LabelKind::Pays: return {kPalette.label_pays, false};
    case core::LabelKind::Region: return {kPalette.label_region, false};
    case core::LabelKind::Departement: return {kPalette.label_departement, false};
    case core::LabelKind::Commune: return {kPalette.label_commune, true};
    case core::LabelKind::Territoire: return {kPalette.inset_title, false};
  }
  return {kPalette.ink, false};
}

// Text with a light halo, so that it reads over borders, fills and other lines.
void haloText(ImDrawList* dl, ImFont* font, float size, ImVec2 at, ImU32 ink, std::string_view text) {
  const ImU32 halo = imColour(kPalette.halo, 0.85f);
  for (const ImVec2 d : {ImVec2{-1, 0}, ImVec2{1, 0}, ImVec2{0, -1}, ImVec2{0, 1}, ImVec2{-1, -1}, ImVec2{1, 1},
                         ImVec2{-1, 1}, ImVec2{1, -1}})
    dl->AddText(font, size, {at.x + d.x, at.y + d.y}, halo, text.data(), text.data() + text.size());
  dl->AddText(font, size, at, ink, text.data(), text.data() + text.size());
}

}  // namespace

std::optional<core::Territory> drawLabels(const core::MapState& state, core::Point pointer) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* font = ImGui::GetFont();
  std::optional<core::Territory> title_under_pointer;
  for (const core::DrawnLabel& l : state.labels()) {
    const LabelStyle style = styleOf(l.kind);
    ImU32 ink = imColour(style.ink);
    const auto size = static_cast<float>(l.size);
    // A line of text is as high as its font size, centred in the label's box.
    const ImVec2 at{static_cast<float>(l.x), static_cast<float>(l.y + (l.height - l.size) / 2)};
    if (l.kind == core::LabelKind::Territoire) {
      // An inset's title is a link: clicking it zooms onto the territory.
      const bool over = pointer.x >= l.x && pointer.x <= l.x + l.width && pointer.y >= l.y && pointer.y <= l.y + l.height;
      if (over) {
        ink = imColour(kPalette.link);
        title_under_pointer = l.territory;
        dl->AddLine({at.x, static_cast<float>(l.y + l.height)}, {static_cast<float>(l.x + l.width), static_cast<float>(l.y + l.height)}, ink);
      }
      dl->AddText(font, size, at, ink, l.text.data(), l.text.data() + l.text.size());
      continue;
    }
    if (style.dot) {
      const ImVec2 c{static_cast<float>(l.anchor.x), static_cast<float>(l.anchor.y)};
      dl->AddCircleFilled(c, 2.6f, imColour(kPalette.halo), 12);
      dl->AddCircleFilled(c, 1.8f, ink, 12);
    }
    haloText(dl, font, size, at, ink, l.text);
  }
  return title_under_pointer;
}

}  // namespace app
