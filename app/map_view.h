// The map widget: reads the pointer over the map's rectangle, and draws a const
// core::MapState: the fixed layers (land, insets, regions, départements) on the GPU through
// map_layer.h, then with ImGui's draw lists the names, inset titles, markers, clusters, the
// fan-out and the keyboard crosshair. It holds no model state; what the pointer did goes back
// as a MapPointer for input.cpp to turn into commands.
#pragma once

#include <optional>
#include <vector>

#include <imgui.h>

#include "geometry.h"
#include "map_layer.h"
#include "map_state.h"
#include "territory.h"

namespace app {

// What the pointer did over the map during this frame, in CSS pixels from the map's top-left.
struct MapPointer {
  bool over = false;        // the pointer is over the map
  core::Point position;
  core::Point drag;         // movement while the button is held
  float wheel = 0;          // notches
  bool double_click = false;
  bool click = false;       // released within 4 px of where it was pressed
  bool dragging = false;    // moved more than 2 px with the button held: no hover
};

// What lies under the pointer once the map is drawn.
struct MapHits {
  std::optional<std::size_t> item;    // index into MapState::items()
  std::optional<std::size_t> region;  // regional view: index into the scene's regions
  std::optional<core::Territory> inset_title;
};

class MapView {
 public:
  // Claims the map's rectangle for the pointer (ImGui's cursor must be in the map window)
  // and reads what the pointer did there.
  MapPointer readPointer(float width, float height);
  // Draws the state into the current window and finds what is under the pointer.
  MapHits draw(const core::MapState& state, const MapPointer& pointer);
  // The GL context was lost and given back: the GPU's copy of the map is made again.
  void restoreGraphics() { layer_.restoreGraphics(); }

 private:
  void drawItems(const core::MapState& state);
  void drawRegionLabels(const core::MapState& state);
  void drawCrosshair();

  float width_ = 0;
  float height_ = 0;
  MapLayer layer_;
};

// The map's names (MapState::labels) with halos, communes with their dot; the inset title
// under the pointer, if any, drawn as a link. In label_view.cpp.
std::optional<core::Territory> drawLabels(const core::MapState& state, core::Point pointer);

// A cluster's bubble radius grows with the log of its count.
float clusterRadius(std::uint32_t count);

}  // namespace app
