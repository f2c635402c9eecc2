// The map's GPU mesh, natively: what buildMapMesh makes of hand-made shapes (fills, borders
// as strips a pixel out on each side, insets' frames) and of the shipped regions and context,
// and which runs visibleRuns draws at a view.
#include "map_mesh.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "map_state.h"
#include "style.h"
#include "../core/test_support.h"

namespace {

using app::MapMesh;
using app::MapVertex;

// A 1 km square at (x, y), counter-clockwise, as two triangles.
core::SceneRegion square(double x, double y, core::Territory territory = core::Territory::Metropole) {
  core::SceneRegion s;
  s.code = "sq";
  s.territory = territory;
  s.vertices = {{x, y}, {x + 1000, y}, {x + 1000, y + 1000}, {x, y + 1000}};
  s.ring_starts = {0, 4};
  s.triangles = {0, 1, 2, 0, 2, 3};
  s.bounds = core::Bounds::of(x, y, x + 1000, y + 1000);
  return s;
}

core::Point planeOf(const MapMesh& mesh, const MapVertex& v) { return {v.x + mesh.origin.x, v.y + mesh.origin.y}; }

TEST(MapMeshTest, AShapeIsItsFillThenItsBorderAsAStripAPixelOutOnEachSide) {
  core::Scene scene;
  scene.regions.push_back(square(0, 0));
  const MapMesh mesh = app::buildMapMesh(scene, {});
  ASSERT_EQ(mesh.pieces.size(), 1u);
  EXPECT_EQ(mesh.pieces[0].first_index, 0u);
  EXPECT_EQ(mesh.pieces[0].index_count, 6u + 4 * 6);  // the fill, then two triangles per side
  ASSERT_EQ(mesh.vertices.size(), 4u + 2 * 4);
  ASSERT_EQ(mesh.region_fills.size(), 1u);
  EXPECT_EQ(mesh.region_fills[0].first_vertex, 0u);
  EXPECT_EQ(mesh.region_fills[0].vertex_count, 4u);
  EXPECT_DOUBLE_EQ(mesh.origin.x, 500);
  EXPECT_DOUBLE_EQ(mesh.origin.y, 500);
  for (std::size_t i = 0; i < 4; ++i) {
    const MapVertex& v = mesh.vertices[i];
    EXPECT_EQ(v.across, 0);
    EXPECT_EQ(v.offset_x, 0);
    EXPECT_EQ(v.offset_y, 0);
    EXPECT_EQ(mesh.colours[i], app::meshColour(app::kPalette.land));
  }
  // At a right-angled corner the sides stay a pixel away: the offset runs along the diagonal,
  // √2 long, one way for each side of the line.
  for (std::size_t i = 4; i < mesh.vertices.size(); i += 2) {
    const MapVertex& out = mesh.vertices[i];
    const MapVertex& in = mesh.vertices[i + 1];
    EXPECT_EQ(out.across, 1);
    EXPECT_EQ(in.across, -1);
    EXPECT_NEAR(std::hypot(out.offset_x, out.offset_y), std::sqrt(2.0), 1e-6);
    EXPECT_NEAR(std::fabs(out.offset_x), 1, 1e-6);
    EXPECT_FLOAT_EQ(in.offset_x, -out.offset_x);
    EXPECT_FLOAT_EQ(in.offset_y, -out.offset_y);
    EXPECT_EQ(out.x, in.x);
    EXPECT_EQ(mesh.colours[i], app::meshColour(app::kPalette.border));
  }
  for (std::uint32_t index : mesh.indices) EXPECT_LT(index, mesh.vertices.size());
}

TEST(MapMeshTest, AStraightStretchOfBorderIsOffsetAlongItsNormal) {
  core::Scene scene;
  core::SceneRegion line = square(0, 0);
  // A ring running east then back: the middle point's two sides are a pixel north and south.
  line.vertices = {{0, 0}, {500, 0}, {1000, 0}, {500, 1}};
  line.triangles.clear();
  scene.regions.push_back(line);
  const MapMesh mesh = app::buildMapMesh(scene, {});
  ASSERT_EQ(mesh.vertices.size(), 8u);
  const MapVertex& north = mesh.vertices[2];
  EXPECT_NEAR(std::fabs(north.offset_y), 1, 1e-6);
  EXPECT_NEAR(north.offset_x, 0, 1e-6);
  EXPECT_EQ(mesh.region_fills[0].vertex_count, 0u);
}

TEST(MapMeshTest, ColoursAreStoredAsBytesRedGreenBlueAlpha) {
  const std::uint32_t colour = app::meshColour(0x112233, 0.5f);
  unsigned char bytes[4];
  std::memcpy(bytes, &colour, 4);
  EXPECT_EQ(bytes[0], 0x11);
  EXPECT_EQ(bytes[1], 0x22);
  EXPECT_EQ(bytes[2], 0x33);
  EXPECT_EQ(bytes[3], 128);
  EXPECT_EQ(app::regionFillColour(false, 9, 9), app::meshColour(app::kPalette.land));
  EXPECT_EQ(app::regionFillColour(true, 0, 9), app::meshColour(app::kPalette.land));
  EXPECT_EQ(app::regionFillColour(true, 9, 9), app::meshColour(app::kChoroplethRamp[4]));
}

// The shipped regions, context and layout at 1280×800.
class ShippedMeshTest : public testing::Test {
 protected:
  void SetUp() override {
    const std::string geodata = CATALYSEURS_GEODATA_DIR;
    core::LoadReport report;
    state.resize(1280, 800);
    state.load(core::DataKind::Regions, test_support::readFile(geodata + "/territoires.geojson"), report);
    state.load(core::DataKind::Catalyseurs, test_support::fixture("geojson/seven-catalyseurs.geojson"), report);
    state.load(core::DataKind::Context, test_support::readFile(geodata + "/contexte.geojson"), report);
    ASSERT_TRUE(state.ready());
    ASSERT_FALSE(state.context().departements.empty());
    mesh = app::buildMapMesh(state.scene(), state.context());
  }

  core::Projector projector;
  core::MapState state{projector};
  MapMesh mesh;
};

TEST_F(ShippedMeshTest, PiecesFollowThePaintingOrderAndCoverEveryIndex) {
  const auto& insets = state.scene().layout.insets();
  const auto& context = state.context();
  ASSERT_FALSE(insets.empty());
  std::uint32_t next = 0;
  for (const app::MapPiece& piece : mesh.pieces) {
    EXPECT_EQ(piece.first_index, next) << "pieces are consecutive";
    next += piece.index_count;
  }
  EXPECT_EQ(next, mesh.indices.size());

  std::size_t at = 0;
  const auto take = [&] { return at < mesh.pieces.size() ? mesh.pieces[at++] : app::MapPiece{}; };
  // The mainland's neighbours, each culled by its own bounds.
  for (const core::SceneRegion& land : context.pays) {
    if (land.territory != core::Territory::Metropole) continue;
    const app::MapPiece piece = take();
    EXPECT_EQ(piece.cull, land.bounds);
    EXPECT_FALSE(piece.clip_to_inset);
  }
  // Each inset's sea, a box, then its own neighbours clipped to its frame.
  for (std::size_t i = 0; i < insets.size(); ++i) {
    const app::MapPiece sea = take();
    EXPECT_EQ(sea.cull, insets[i].frame);
    EXPECT_EQ(sea.index_count, 6u);
    for (const core::SceneRegion& land : context.pays) {
      if (land.territory != insets[i].territory) continue;
      const app::MapPiece piece = take();
      EXPECT_EQ(piece.cull, land.bounds);
      EXPECT_EQ(piece.clip_to_inset, i);
    }
  }
  for (const core::SceneRegion& region : state.scene().regions) {
    const app::MapPiece piece = take();
    EXPECT_EQ(piece.cull, region.bounds) << region.code;
    EXPECT_FALSE(piece.departement || piece.clip_to_inset);
  }
  for (const core::SceneRegion& d : context.departements) {
    const app::MapPiece piece = take();
    EXPECT_EQ(piece.cull, d.bounds) << d.code;
    EXPECT_TRUE(piece.departement);
  }
  // The frames' outlines last, never culled.
  for (std::size_t i = 0; i < insets.size(); ++i) {
    const app::MapPiece piece = take();
    EXPECT_FALSE(piece.cull);
    EXPECT_EQ(piece.index_count, 4u * 6);
  }
  EXPECT_EQ(at, mesh.pieces.size());
  EXPECT_EQ(mesh.region_fills.size(), state.scene().regions.size());
  EXPECT_EQ(mesh.colours.size(), mesh.vertices.size());
}

// The farthest vertex is about 1.3e6 m from the origin, where a float's step is 0.125 m.
TEST_F(ShippedMeshTest, VerticesAreThePlanesWithinAFloatsStep) {
  const core::SceneRegion& region = state.scene().regions.front();
  const app::RegionFill& fill = mesh.region_fills.front();
  ASSERT_EQ(fill.vertex_count, region.vertices.size());
  for (std::size_t i = 0; i < region.vertices.size(); ++i) {
    const core::Point p = planeOf(mesh, mesh.vertices[fill.first_vertex + i]);
    EXPECT_NEAR(p.x, region.vertices[i].x, 0.0625);
    EXPECT_NEAR(p.y, region.vertices[i].y, 0.0625);
  }
}

TEST_F(ShippedMeshTest, RunsLeaveOutWhatIsOffScreenAndTheDepartementsUntilTheirScale) {
  std::vector<app::MapRun> runs;
  const auto drawn = [&](const core::Camera& camera) {
    app::visibleRuns(mesh, camera, runs);
    std::size_t count = 0;
    for (const app::MapRun& run : runs) count += run.index_count;
    return count;
  };
  std::size_t departement_indices = 0;
  for (const app::MapPiece& piece : mesh.pieces) departement_indices += piece.departement ? piece.index_count : 0;
  ASSERT_GT(departement_indices, 0u);

  const auto inRuns = [&](const app::MapPiece& piece) {
    for (const app::MapRun& run : runs)
      if (piece.first_index >= run.first_index && piece.first_index + piece.index_count <= run.first_index + run.index_count)
        return true;
    return false;
  };
  // The overview shows every region but no département, in few runs.
  core::Camera camera = state.camera();
  ASSERT_LT(camera.scale(), app::kDepartementBordersFrom / 1000);
  EXPECT_GT(drawn(camera), (mesh.indices.size() - departement_indices) * 9 / 10);
  EXPECT_LE(runs.size(), 2 + 2 * state.scene().layout.insets().size());
  for (const app::MapRun& run : runs) EXPECT_GT(run.index_count, 0u);
  for (const app::MapPiece& piece : mesh.pieces) {
    if (piece.departement) EXPECT_FALSE(inRuns(piece));
    if (!piece.cull) EXPECT_TRUE(inRuns(piece));
  }
  std::size_t regions_drawn = 0;
  for (const app::MapPiece& piece : mesh.pieces)
    for (const core::SceneRegion& region : state.scene().regions)
      if (piece.cull == region.bounds && !piece.departement && inRuns(piece)) ++regions_drawn;
  EXPECT_EQ(regions_drawn, state.scene().regions.size());

  // Close to Lyon: the départements around it, not the whole map.
  camera.setView({842000, 6519000}, 4.0 / 1000);
  const std::size_t close = drawn(camera);
  EXPECT_LT(close, mesh.indices.size() / 2);
  bool departements = false;
  for (const app::MapPiece& piece : mesh.pieces) departements = departements || (piece.departement && inRuns(piece));
  EXPECT_TRUE(departements);

  // Far out at sea only the frames' outlines are left, never culled.
  camera.setView({-5e6, 0}, 4.0 / 1000);
  EXPECT_EQ(drawn(camera), state.scene().layout.insets().size() * 4 * 6);
}

TEST_F(ShippedMeshTest, FramesAreOutlinedHalfAPixelInside) {
  const core::Inset& inset = state.scene().layout.insets().front();
  const app::MapPiece& outline = mesh.pieces[mesh.pieces.size() - state.scene().layout.insets().size()];
  const auto begin = mesh.indices.begin() + outline.first_index;
  const std::uint32_t first = *std::min_element(begin, begin + outline.index_count);
  const core::Point middle = inset.frame.center();
  for (std::uint32_t v = first; v < first + 8; v += 2) {
    const MapVertex& a = mesh.vertices[v];
    const MapVertex& b = mesh.vertices[v + 1];
    // Halfway between the two sides: the line's centre, moved towards the frame's middle.
    const double shift_x = (a.offset_x + b.offset_x) / 2, shift_y = (a.offset_y + b.offset_y) / 2;
    const core::Point corner = planeOf(mesh, a);
    EXPECT_DOUBLE_EQ(std::fabs(shift_x), 0.5);
    EXPECT_DOUBLE_EQ(std::fabs(shift_y), 0.5);
    EXPECT_GT(shift_x * (middle.x - corner.x), 0);
    EXPECT_GT(shift_y * (middle.y - corner.y), 0);
    EXPECT_EQ(mesh.colours[v], app::meshColour(app::kPalette.inset_frame));
  }
}

}  // namespace
