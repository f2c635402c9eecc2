// The map widget: draws a core::Scene through a core::Camera with ImGui's draw lists and
// turns pointer input over the map into camera moves. It holds no model state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "camera.h"
#include "catalyseur.h"
#include "scene.h"

struct ImDrawList;

namespace app {

// A marker's look encodes the catalyseur's primary (first) métier twice, by colour and by
// shape, so that colour is never the only cue. Colours are from the Okabe–Ito palette,
// which stays distinct under the common colour-vision deficiencies.
enum class MarkerShape { Circle, Square, Triangle, Diamond };
struct MarkerStyle {
  std::uint32_t rgb;  // 0xRRGGBB
  MarkerShape shape;
};
MarkerStyle markerStyle(const std::string& metier);

struct MapColors {
  std::uint32_t sea = 0xDCE8F0;
  std::uint32_t land = 0xF4F1EA;
  std::uint32_t border = 0x9AA5B1;
  std::uint32_t inset_frame = 0x6B7785;
  std::uint32_t inset_title = 0x1F2933;
};

class MapView {
 public:
  // Draws the map in the screen rectangle [origin, origin + size] (CSS pixels) and applies
  // pan, wheel and double-click zoom to `camera`. Returns true when the camera moved.
  bool draw(const core::Scene& scene, const std::vector<core::Catalyseur>& catalyseurs,
            core::Camera& camera, float origin_x, float origin_y, float width, float height,
            bool gestures_enabled);

  const MapColors& colors() const { return colors_; }

 private:
  void drawRegions(ImDrawList* dl, const core::Scene& scene, const core::Camera& camera);
  void drawInsets(ImDrawList* dl, const core::Scene& scene, const core::Camera& camera);
  void drawMarkers(ImDrawList* dl, const core::Scene& scene,
                   const std::vector<core::Catalyseur>& catalyseurs, const core::Camera& camera);

  MapColors colors_;
  float origin_x_ = 0;
  float origin_y_ = 0;
};

// Marker radius in CSS pixels.
inline constexpr float kMarkerRadius = 6.5f;

}  // namespace app
