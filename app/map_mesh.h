// The map's fixed layers as one mesh for the GPU, built once per scene: the mainland's
// neighbouring land, each inset's sea and neighbours, the regions, the départements' borders
// and the insets' frames, in the order they are painted. Vertices stay in plane coordinates:
// the camera only moves and scales the plane, so the GPU places them with two numbers per
// frame. A border is a strip whose vertices carry their own offset in CSS pixels, so that it
// keeps its width on screen at every scale, with the same one-pixel anti-aliased profile as
// the interface's lines. Pieces (a shape's fill and border, an inset's sea…) are culled
// against the view and drawn as runs of consecutive indices.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "camera.h"
#include "geometry.h"
#include "scene.h"

namespace app {

// Pixels per kilometre from which the départements are outlined: about a region on a phone.
inline constexpr double kDepartementBordersFrom = 0.9;

struct MapVertex {
  float x, y;                // plane metres from the mesh's origin
  float offset_x, offset_y;  // CSS pixels added on screen, along the plane's axes (y north)
  float across;              // -1 to 1 across a border, 0 in a fill: the border's fading edge
};

struct MapPiece {
  std::uint32_t first_index = 0;
  std::uint32_t index_count = 0;
  std::optional<core::Bounds> cull;          // drawn while these plane bounds meet the view; none: always
  std::optional<std::size_t> clip_to_inset;  // drawn inside this inset's frame only
  bool departement = false;                  // drawn from kDepartementBordersFrom in
};

// The vertices a region's fill colour is on, so that the regional view recolours only them.
struct RegionFill {
  std::uint32_t first_vertex = 0;
  std::uint32_t vertex_count = 0;
};

struct MapMesh {
  // Plane point the vertices are measured from: the middle of the whole drawing, so that
  // single-precision floats keep well under a pixel at the deepest zoom.
  core::Point origin;
  std::vector<MapVertex> vertices;
  std::vector<std::uint32_t> colours;  // one per vertex, bytes R, G, B, A in memory
  std::vector<std::uint32_t> indices;  // triangles
  std::vector<MapPiece> pieces;        // in painting order
  std::vector<RegionFill> region_fills;  // per scene region
};

// The scene's regions are filled with the land colour; the regional view recolours them.
MapMesh buildMapMesh(const core::Scene& scene, const core::SceneContext& context);

// A colour as the mesh stores it: bytes R, G, B, A of 0xRRGGBB at `alpha` (0–1).
std::uint32_t meshColour(std::uint32_t rgb, float alpha = 1.0f);

// A region's fill: the land colour outside the regional view and for a region with no
// catalyseur, else its class on the choropleth ramp.
std::uint32_t regionFillColour(bool regional, std::uint32_t count, std::uint32_t max);

// Consecutive indices drawn in one call, clipped to an inset's frame or only to the map.
struct MapRun {
  std::uint32_t first_index = 0;
  std::uint32_t index_count = 0;
  std::optional<std::size_t> clip_to_inset;
};

// The runs to draw at this view: pieces that meet it, merged where they follow each other.
void visibleRuns(const MapMesh& mesh, const core::Camera& camera, std::vector<MapRun>& runs);

}  // namespace app
