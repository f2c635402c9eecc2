#include "style.h"

#include <imgui.h>

namespace app {

std::uint32_t imColour(std::uint32_t rgb, float alpha) {
  return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, static_cast<int>(alpha * 255));
}

void drawMarker(ImDrawList* dl, const ImVec2& c, const MarkerStyle& style, float scale) {
  const float r = kMarkerRadius * scale;
  const ImU32 fill = imColour(style.rgb);
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

}  // namespace app
