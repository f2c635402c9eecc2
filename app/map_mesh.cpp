#include "map_mesh.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "legend.h"
#include "style.h"

namespace app {

namespace {

// Half the strip a border is drawn as, in CSS pixels: a one-pixel line fades out over one
// pixel on each side of its centre, as ImGui draws its anti-aliased lines.
constexpr double kBorderReach = 1.0;

struct Offset {
  double x = 0, y = 0;
};

// ImGui's polyline joins (IM_FIXNORMAL2F): the mean of two unit normals, lengthened so that
// each side stays at its distance from the line, up to ten times at the sharpest turns.
Offset joinNormal(Offset a, Offset b) {
  Offset m{(a.x + b.x) / 2, (a.y + b.y) / 2};
  const double d2 = m.x * m.x + m.y * m.y;
  if (d2 > 1e-6) {
    const double inverse = std::min(1 / d2, 100.0);
    m.x *= inverse;
    m.y *= inverse;
  }
  return m;
}

class MeshBuilder {
 public:
  explicit MeshBuilder(MapMesh& mesh) : mesh_(mesh) {}

  void beginPiece(std::optional<core::Bounds> cull, std::optional<std::size_t> clip_to_inset = std::nullopt,
                  bool departement = false) {
    MapPiece piece;
    piece.first_index = static_cast<std::uint32_t>(mesh_.indices.size());
    piece.cull = cull;
    piece.clip_to_inset = clip_to_inset;
    piece.departement = departement;
    mesh_.pieces.push_back(piece);
  }
  void endPiece() {
    MapPiece& piece = mesh_.pieces.back();
    piece.index_count = static_cast<std::uint32_t>(mesh_.indices.size()) - piece.first_index;
    if (piece.index_count == 0) mesh_.pieces.pop_back();
  }

  // The shape's triangles; returns the vertices they are on.
  RegionFill fill(const core::SceneRegion& shape, std::uint32_t colour) {
    const auto base = static_cast<std::uint32_t>(mesh_.vertices.size());
    if (shape.triangles.empty()) return {base, 0};
    for (const core::Point& p : shape.vertices) vertex(p, {}, 0, colour);
    for (std::uint32_t index : shape.triangles) mesh_.indices.push_back(base + index);
    return {base, static_cast<std::uint32_t>(shape.vertices.size())};
  }

  void borders(const core::SceneRegion& shape, std::uint32_t colour) {
    for (std::size_t k = 0; k + 1 < shape.ring_starts.size(); ++k) {
      const auto begin = shape.ring_starts[k], end = shape.ring_starts[k + 1];
      ring(&shape.vertices[begin], end - begin, nullptr, colour);
    }
  }

  // An axis-aligned box, filled.
  void box(const core::Bounds& b, std::uint32_t colour) {
    const auto base = static_cast<std::uint32_t>(mesh_.vertices.size());
    for (const core::Point& p : corners(b)) vertex(p, {}, 0, colour);
    for (std::uint32_t index : {0u, 1u, 2u, 0u, 2u, 3u}) mesh_.indices.push_back(base + index);
  }

  // An axis-aligned box outlined half a pixel inside its edges, as ImDrawList::AddRect does.
  void boxOutline(const core::Bounds& b, std::uint32_t colour) {
    const auto points = corners(b);
    // Towards the middle, along the plane's axes: top-left, top-right, bottom-right, bottom-left.
    const Offset inward[4] = {{0.5, -0.5}, {-0.5, -0.5}, {-0.5, 0.5}, {0.5, 0.5}};
    ring(points.data(), points.size(), inward, colour);
  }

 private:
  // Top-left, top-right, bottom-right, bottom-left on screen: ImGui's rectangle order.
  static std::array<core::Point, 4> corners(const core::Bounds& b) {
    return {core::Point{b.min_x, b.max_y}, core::Point{b.max_x, b.max_y}, core::Point{b.max_x, b.min_y},
            core::Point{b.min_x, b.min_y}};
  }

  void vertex(core::Point p, Offset offset, float across, std::uint32_t colour) {
    mesh_.vertices.push_back({static_cast<float>(p.x - mesh_.origin.x), static_cast<float>(p.y - mesh_.origin.y),
                              static_cast<float>(offset.x), static_cast<float>(offset.y), across});
    mesh_.colours.push_back(colour);
  }

  // A closed ring as a strip of two vertices per point, one pixel out on each side, each
  // segment two triangles: ImGui's textured anti-aliased polyline. `shift` moves each point
  // on screen first, in CSS pixels.
  void ring(const core::Point* points, std::size_t count, const Offset* shift, std::uint32_t colour) {
    if (count < 2) return;
    normals_.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
      const core::Point& a = points[i];
      const core::Point& b = points[i + 1 == count ? 0 : i + 1];
      double dx = b.x - a.x, dy = b.y - a.y;
      const double length = std::hypot(dx, dy);
      if (length > 0) {
        dx /= length;
        dy /= length;
      }
      normals_[i] = {dy, -dx};
    }
    const auto base = static_cast<std::uint32_t>(mesh_.vertices.size());
    for (std::size_t i = 0; i < count; ++i) {
      const Offset n = joinNormal(normals_[i == 0 ? count - 1 : i - 1], normals_[i]);
      const Offset s = shift ? shift[i] : Offset{};
      vertex(points[i], {s.x + n.x * kBorderReach, s.y + n.y * kBorderReach}, 1, colour);
      vertex(points[i], {s.x - n.x * kBorderReach, s.y - n.y * kBorderReach}, -1, colour);
    }
    for (std::size_t i = 0; i < count; ++i) {
      const std::uint32_t a = base + 2 * static_cast<std::uint32_t>(i);
      const std::uint32_t b = base + 2 * static_cast<std::uint32_t>(i + 1 == count ? 0 : i + 1);
      for (std::uint32_t index : {b, a, a + 1, b + 1, a + 1, b}) mesh_.indices.push_back(index);
    }
  }

  MapMesh& mesh_;
  std::vector<Offset> normals_;  // a ring's segment normals, reused
};

core::Bounds extentOf(const core::Scene& scene, const core::SceneContext& context) {
  core::Bounds all;
  for (const auto* shapes : {&scene.regions, &context.pays, &context.departements})
    for (const core::SceneRegion& shape : *shapes) all.expand(shape.bounds);
  for (const core::Inset& inset : scene.layout.insets()) all.expand(inset.frame);
  return all;
}

}  // namespace

std::uint32_t meshColour(std::uint32_t rgb, float alpha) {
  const auto a = static_cast<std::uint32_t>(std::lround(std::clamp(alpha, 0.0f, 1.0f) * 255));
  return ((rgb >> 16) & 0xFF) | (rgb & 0xFF00) | ((rgb & 0xFF) << 16) | (a << 24);
}

std::uint32_t regionFillColour(bool regional, std::uint32_t count, std::uint32_t max) {
  if (!regional || count == 0 || max == 0) return meshColour(kPalette.land);
  return meshColour(kChoroplethRamp[core::choroplethClass(count, max)]);
}

MapMesh buildMapMesh(const core::Scene& scene, const core::SceneContext& context) {
  MapMesh mesh;
  const core::Bounds extent = extentOf(scene, context);
  if (!extent.empty()) mesh.origin = extent.center();
  MeshBuilder build(mesh);
  const std::uint32_t pays = meshColour(kPalette.pays), pays_border = meshColour(kPalette.pays_border);
  // Each shape's border right after its fill, so that the next shape covers it as it did
  // when shapes were drawn one after another.
  for (const core::SceneRegion& land : context.pays) {
    if (land.territory != core::Territory::Metropole) continue;
    build.beginPiece(land.bounds);
    build.fill(land, pays);
    build.borders(land, pays_border);
    build.endPiece();
  }
  // Each inset's sea over the mainland's neighbours, then the territory's own neighbours,
  // clipped to its frame.
  const auto& insets = scene.layout.insets();
  for (std::size_t i = 0; i < insets.size(); ++i) {
    build.beginPiece(insets[i].frame);
    build.box(insets[i].frame, meshColour(kPalette.sea));
    build.endPiece();
    for (const core::SceneRegion& land : context.pays) {
      if (land.territory != insets[i].territory) continue;
      build.beginPiece(land.bounds, i);
      build.fill(land, pays);
      build.borders(land, pays_border);
      build.endPiece();
    }
  }
  const std::uint32_t land = regionFillColour(false, 0, 0), border = meshColour(kPalette.border);
  for (const core::SceneRegion& region : scene.regions) {
    build.beginPiece(region.bounds);
    mesh.region_fills.push_back(build.fill(region, land));
    build.borders(region, border);
    build.endPiece();
  }
  // Départements: thin lines inside the regions' borders.
  const std::uint32_t departement_border = meshColour(kPalette.departement_border);
  for (const core::SceneRegion& d : context.departements) {
    build.beginPiece(d.bounds, std::nullopt, true);
    build.borders(d, departement_border);
    build.endPiece();
  }
  // The frames' outlines over everything, never culled: they reach half a pixel outside.
  for (const core::Inset& inset : insets) {
    build.beginPiece(std::nullopt);
    build.boxOutline(inset.frame, meshColour(kPalette.inset_frame));
    build.endPiece();
  }
  return mesh;
}

void visibleRuns(const MapMesh& mesh, const core::Camera& camera, std::vector<MapRun>& runs) {
  runs.clear();
  const core::Bounds view = camera.visibleBounds();
  const bool departements = camera.scale() >= kDepartementBordersFrom / 1000;
  for (const MapPiece& piece : mesh.pieces) {
    if (piece.departement && !departements) continue;
    if (piece.cull && !piece.cull->intersects(view)) continue;
    if (!runs.empty()) {
      MapRun& last = runs.back();
      if (last.clip_to_inset == piece.clip_to_inset && last.first_index + last.index_count == piece.first_index) {
        last.index_count += piece.index_count;
        continue;
      }
    }
    runs.push_back({piece.first_index, piece.index_count, piece.clip_to_inset});
  }
}

}  // namespace app
