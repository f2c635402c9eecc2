#include "scene.h"

#include <array>
#include <cmath>

#include "triangulate.h"

namespace core {

namespace {

// Regions are projected once into their territory's CRS; the layout places them later.
struct ProjectedShape {
  const RegionShape* shape;
  std::vector<Polygon> polygons;
  Bounds bounds;
};

Result<ProjectedShape> project(const Projector& projector, const RegionShape& shape) {
  ProjectedShape out{&shape, {}, {}};
  out.polygons.reserve(shape.polygons.size());
  for (const auto& polygon : shape.polygons) {
    Polygon projected;
    projected.rings.reserve(polygon.rings.size());
    for (const auto& ring : polygon.rings) {
      Ring r(ring.begin(), ring.end());
      auto projected_count = projector.forwardInPlace(shape.territory, r);
      if (!projected_count) return projected_count.error();
      for (const auto& xy : r) out.bounds.expand(xy);
      projected.rings.push_back(std::move(r));
    }
    out.polygons.push_back(std::move(projected));
  }
  return out;
}

// Area-weighted centroid of the largest outer ring: inside for the compact shapes of
// regions, and on the main island for the archipelagos.
Point labelPoint(const SceneRegion& region) {
  double best_area = 0;
  Point best = region.bounds.center();
  for (std::size_t r = 0; r + 1 < region.ring_starts.size(); ++r) {
    const auto begin = region.ring_starts[r], end = region.ring_starts[r + 1];
    double area = 0, cx = 0, cy = 0;
    for (auto i = begin; i < end; ++i) {
      const Point& a = region.vertices[i];
      const Point& b = region.vertices[i + 1 < end ? i + 1 : begin];
      const double cross = a.x * b.y - b.x * a.y;
      area += cross;
      cx += (a.x + b.x) * cross;
      cy += (a.y + b.y) * cross;
    }
    if (std::abs(area) > best_area) {
      best_area = std::abs(area);
      best = {cx / (3 * area), cy / (3 * area)};
    }
  }
  return best;
}

// A projected shape moved into the plane by the layout: its vertices, rings, bounds, label
// point and, when it is filled, its triangles.
SceneRegion placeShape(const ProjectedShape& p, const Layout& layout, bool filled) {
  SceneRegion region;
  region.code = p.shape->code;
  region.nom = p.shape->nom;
  region.territory = p.shape->territory;
  for (const auto& polygon : p.polygons) {
    const auto base = static_cast<std::uint32_t>(region.vertices.size());
    for (const auto& ring : polygon.rings) {
      region.ring_starts.push_back(static_cast<std::uint32_t>(region.vertices.size()));
      for (const auto& xy : ring) {
        const Point plane = layout.toPlane(region.territory, xy);
        region.vertices.push_back(plane);
        region.bounds.expand(plane);
      }
    }
    if (filled)
      for (std::uint32_t index : triangulate(polygon)) region.triangles.push_back(base + index);
  }
  region.ring_starts.push_back(static_cast<std::uint32_t>(region.vertices.size()));
  region.label = labelPoint(region);
  return region;
}

}  // namespace

SceneContext buildContext(const Projector& projector, const Layout& layout, const std::vector<ContextShape>& shapes,
                          std::vector<FeatureIssue>* issues) {
  SceneContext context;
  for (std::size_t i = 0; i < shapes.size(); ++i) {
    const ContextShape& c = shapes[i];
    if (!layout.placed(c.shape.territory)) continue;  // a territory without an inset
    auto p = project(projector, c.shape);
    if (!p) {
      if (issues) issues->push_back({i, c.shape.code, "projection impossible : " + p.error().message});
      continue;
    }
    const bool pays = c.kind == ContextShape::Kind::Pays;
    SceneRegion region = placeShape(*p, layout, pays);
    if (!pays && c.label) {
      if (auto plane = layout.lonLatToPlane(projector, c.shape.territory, {c.label->x, c.label->y})) region.label = *plane;
    }
    (pays ? context.pays : context.departements).push_back(std::move(region));
  }
  return context;
}

Bounds Scene::territoryBounds(Territory territory) const {
  if (territory != Territory::Metropole) return layout.territoryBounds(territory);
  Bounds b;
  for (const auto& r : regions)
    if (r.territory == Territory::Metropole) b.expand(r.bounds);
  for (const auto& m : markers)
    if (m.territory == Territory::Metropole) b.expand(m.plane);
  return b.empty() ? layout.territoryBounds(territory) : b;
}

std::optional<std::size_t> Scene::regionAt(Point plane) const {
  for (std::size_t r = 0; r < regions.size(); ++r) {
    const SceneRegion& region = regions[r];
    if (!region.bounds.contains(plane)) continue;
    // Even-odd rule over every ring of every polygon: a hole flips back to outside.
    bool inside = false;
    for (std::size_t k = 0; k + 1 < region.ring_starts.size(); ++k) {
      const auto begin = region.ring_starts[k], end = region.ring_starts[k + 1];
      for (auto i = begin, j = end - 1; i < end; j = i++) {
        const Point& a = region.vertices[i];
        const Point& b = region.vertices[j];
        if ((a.y > plane.y) != (b.y > plane.y) && plane.x < (b.x - a.x) * (plane.y - a.y) / (b.y - a.y) + a.x)
          inside = !inside;
      }
    }
    if (inside) return r;
  }
  return std::nullopt;
}

Result<Scene> buildScene(const Projector& projector, const std::vector<RegionShape>& regions,
                         const std::vector<Catalyseur>& catalyseurs, const LayoutOptions& options) {
  Scene scene;

  std::array<bool, kTerritoryCount> wanted{};
  for (const auto& t : allTerritories()) wanted[static_cast<std::size_t>(t.territory)] = t.always_inset;
  for (const auto& c : catalyseurs)
    if (auto t = territoryAt(c.lon, c.lat)) wanted[static_cast<std::size_t>(*t)] = true;

  std::vector<ProjectedShape> projected;
  std::array<Bounds, kTerritoryCount> content{};
  for (std::size_t i = 0; i < regions.size(); ++i) {
    if (!wanted[static_cast<std::size_t>(regions[i].territory)] &&
        regions[i].territory != Territory::Metropole)
      continue;
    auto p = project(projector, regions[i]);
    if (!p) {
      scene.issues.push_back({i, regions[i].code, "projection impossible : " + p.error().message});
      continue;
    }
    content[static_cast<std::size_t>(regions[i].territory)].expand(p->bounds);
    projected.push_back(std::move(*p));
  }

  std::vector<Layout::InsetRequest> requests;
  for (const auto& t : allTerritories())
    if (t.territory != Territory::Metropole && wanted[static_cast<std::size_t>(t.territory)])
      requests.push_back({t.territory, content[static_cast<std::size_t>(t.territory)]});
  auto layout = Layout::build(projector, requests, options);
  if (!layout) return layout.error();
  scene.layout = std::move(*layout);

  for (auto& p : projected) scene.regions.push_back(placeShape(p, scene.layout, true));

  scene.markers.reserve(catalyseurs.size());
  for (std::size_t i = 0; i < catalyseurs.size(); ++i) {
    const auto& c = catalyseurs[i];
    const auto territory = territoryAt(c.lon, c.lat);
    if (!territory) {
      scene.issues.push_back({i, c.id, "point hors de tout territoire"});
      continue;
    }
    auto plane = scene.layout.lonLatToPlane(projector, *territory, {c.lon, c.lat});
    if (!plane) {
      scene.issues.push_back({i, c.id, "projection impossible : " + plane.error().message});
      continue;
    }
    scene.markers.push_back({static_cast<std::uint32_t>(i), *territory, *plane});
  }

  scene.home = scene.territoryBounds(Territory::Metropole);
  for (const auto& inset : scene.layout.insets()) scene.home.expand(inset.frame);
  return scene;
}

}  // namespace core
