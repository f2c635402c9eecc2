// Everything the map draws, in plane coordinates, computed once when data arrives:
// projected and triangulated region shapes, inset frames, and one marker per catalyseur.
// Rendering code only transforms these to the screen.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalyseur.h"
#include "geojson.h"
#include "layout.h"
#include "projector.h"

namespace core {

struct SceneRegion {
  std::string code;
  std::string nom;
  Territory territory;
  std::vector<Point> vertices;             // plane; every ring of every polygon, in order
  std::vector<std::uint32_t> ring_starts;  // index of each ring's first vertex, then size()
  std::vector<std::uint32_t> triangles;    // three vertex indices per filled triangle
  Bounds bounds;
  Point label;  // where the regional view writes its count: centre of the largest ring
};

struct SceneMarker {
  std::uint32_t catalyseur;  // index into the dataset
  Territory territory;
  Point plane;
};

struct Scene {
  Layout layout;
  std::vector<SceneRegion> regions;
  std::vector<SceneMarker> markers;
  std::vector<FeatureIssue> issues;  // items that could not be projected
  Bounds home;                       // what « Vue d’ensemble » shows

  // What is drawn of a territory: its regions and markers (mainland), or its inset frame.
  Bounds territoryBounds(Territory territory) const;
  // The region whose outline holds a plane point (holes and islands counted), if any.
  std::optional<std::size_t> regionAt(Point plane) const;
};

// The context layers as the map draws them: neighbouring land, filled and muted, and the
// départements, outlined and named. Their label is where the name goes.
struct SceneContext {
  std::vector<SceneRegion> pays;
  std::vector<SceneRegion> departements;
};

// The context placed with a scene's layout; shapes of a territory without an inset are left
// out, and those that cannot be projected reported.
SceneContext buildContext(const Projector& projector, const Layout& layout, const std::vector<ContextShape>& shapes,
                          std::vector<FeatureIssue>* issues = nullptr);

// Insets: every DROM always, a COM only when a catalyseur is there (DESIGN §4).
Result<Scene> buildScene(const Projector& projector, const std::vector<RegionShape>& regions,
                         const std::vector<Catalyseur>& catalyseurs, const LayoutOptions& options = {});

}  // namespace core
