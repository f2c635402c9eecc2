// The map widget: draws a core::Scene and the current markers and clusters through a
// core::Camera with ImGui's draw lists, and turns pointer input over the map into camera
// moves and item hits. It holds no model state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "camera.h"
#include "catalyseur.h"
#include "clusters.h"
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
  std::uint32_t cluster = 0x1F4E79;
  std::uint32_t selection = 0x111111;
};

// One thing drawn on the map: a catalyseur's marker (item.count == 1, item.id = its index
// in the dataset) or a cluster (item.id = cluster id).
struct MapDrawable {
  core::ClusterItem item;
  core::Point screen;                  // centre, CSS pixels from the map's top-left
  std::optional<core::Point> leg_from; // a fanned-out marker's line back to its location
};

struct MapFrame {
  const core::Scene* scene = nullptr;
  const std::vector<core::Catalyseur>* catalyseurs = nullptr;
  const std::vector<MapDrawable>* drawables = nullptr;
  // Catalyseur indices, and where to draw them on top of everything, even when their
  // marker is inside a cluster: the card and the list always point at a visible spot.
  std::optional<std::uint32_t> selected;
  std::optional<std::uint32_t> hovered;
  std::optional<core::Point> selected_at;
  std::optional<core::Point> hovered_at;
  // Regional view: matching catalyseurs per scene region; markers are not drawn.
  const std::vector<std::uint32_t>* region_counts = nullptr;
  bool crosshair = false;
};

struct MapInput {
  bool moved = false;                    // the camera changed
  bool pointer_over_map = false;
  std::optional<std::size_t> clicked;    // index into drawables
  std::optional<std::size_t> hovered;    // index into drawables
  std::optional<std::size_t> region;     // regional view: index into scene regions
  std::optional<core::Territory> inset_title_clicked;
};

class MapView {
 public:
  // Draws the map in the screen rectangle [origin, origin + size] (CSS pixels) and applies
  // pan, wheel and double-click zoom to `camera` when gestures are enabled.
  MapInput draw(const MapFrame& frame, core::Camera& camera, float origin_x, float origin_y, float width,
                float height, bool gestures_enabled);

  const MapColors& colors() const { return colors_; }

 private:
  void drawRegions(ImDrawList* dl, const MapFrame& frame, const core::Camera& camera);
  std::optional<core::Territory> drawInsets(ImDrawList* dl, const core::Scene& scene,
                                            const core::Camera& camera, core::Point mouse, bool clicked);
  void drawItems(ImDrawList* dl, const MapFrame& frame);
  void drawRegionLabels(ImDrawList* dl, const MapFrame& frame, const core::Camera& camera);

  MapColors colors_;
  float origin_x_ = 0;
  float origin_y_ = 0;
};

// Marker radius and the pointer's reach around it, in CSS pixels.
inline constexpr float kMarkerRadius = 6.5f;
inline constexpr float kHitRadius = 14.0f;
// A cluster's bubble radius grows with the log of its count.
float clusterRadius(std::uint32_t count);

// The regional view's colours: five classes of equal width up to `max`.
inline constexpr std::uint32_t kChoroplethRamp[5] = {0xFDD49E, 0xFDBB84, 0xFC8D59, 0xE34A33, 0xB30000};
std::uint32_t choroplethClass(std::uint32_t count, std::uint32_t max);  // 0..4
std::uint32_t choroplethColor(std::uint32_t count, std::uint32_t max);

}  // namespace app
