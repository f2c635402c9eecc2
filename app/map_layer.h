// The map's fixed layers (neighbouring land, insets' sea and frames, regions, départements'
// borders) drawn by the GPU from buffers uploaded once per scene (map_mesh.h): a frame costs
// a few GL calls whatever the number of shapes. The layer is painted at its place in the map
// window's ImGui draw list, under the names, markers and overlays ImGui draws after it.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "camera.h"
#include "map_mesh.h"
#include "map_state.h"

struct ImDrawList;
struct ImDrawCmd;

namespace app {

class MapLayer {
 public:
  MapLayer();
  ~MapLayer();
  MapLayer(const MapLayer&) = delete;
  MapLayer& operator=(const MapLayer&) = delete;

  // Brings the GPU's copy up to date (the shapes when they were built again, the regions'
  // colours when the regional view or its counts changed), then queues this frame's drawing
  // into `dl`, seen from the state's camera as it is now.
  void draw(const core::MapState& state, ImDrawList* dl);

  // The GL context was lost and given back: everything is made and uploaded again.
  void restoreGraphics();

 private:
  struct Gpu;  // program, buffers and the GL functions, in map_layer.cpp
  static void paint(const ImDrawList* list, const ImDrawCmd* command);
  void paint(const ImDrawCmd& command) const;
  void upload(const core::MapState& state);
  void recolourRegions(const core::MapState& state);

  std::unique_ptr<Gpu> gpu_;
  std::uint64_t shapes_version_ = 0;
  bool uploaded_ = false;
  // What stays of the mesh once on the GPU: its pieces, not its vertices.
  MapMesh mesh_;
  std::vector<std::uint32_t> region_colours_;  // the fills as uploaded
  std::vector<std::uint32_t> recoloured_;      // one fill's colours, reused
  // This frame's view and what it shows, read when the draw list is painted.
  core::Camera camera_;
  std::vector<core::Bounds> frames_;  // the insets' frames, plane
  std::vector<MapRun> runs_;
};

}  // namespace app
