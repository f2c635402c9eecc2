#include "triangulate.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "test_support.h"

namespace {

using core::Point;
using core::Polygon;
using core::Ring;

// Each fixture in tests/fixtures/triangulate is a polygon with the triangle count it must give,
// worked out from its geometry (n - 2 + 2h for a simple polygon; its description explains any
// other count), and a deviation bound.
const std::vector<std::string> kFixtures = {
    "square",
    "concave_l",
    "concave_u",
    "concave_u_clockwise",
    "comb",
    "spiral",
    "star",
    "square_with_hole",
    "several_holes",
    "hole_beside_slanted_edge",
    "hole_touching_outer_at_leftmost",
    "hole_touching_outer_elsewhere",
    "hole_touching_outer_edge",
    "holes_touching_each_other",
    "holes_touching_in_an_x",
    "outer_ring_touching_itself",
    "collinear_points",
    "collinear_concave",
    "collinear_hole",
    "duplicate_points",
    "duplicate_points_in_hole",
    "degenerate_holes",
    "tiny_far_from_origin",
    "no_rings",
    "empty_ring",
    "single_point",
    "two_points",
    "repeated_point",
    "zero_area",
    "zero_area_spike",
    "real_bretagne",
    "real_nouvelle_aquitaine",
    "real_auvergne_rhone_alpes",
};

struct Fixture {
  Polygon polygon;
  std::size_t triangles = 0;
  double max_deviation = 0;
};

std::optional<Fixture> loadFixture(const std::string& name) {
  const std::string text = test_support::fixture("triangulate/" + name + ".json");
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("rings") ||
      !doc["rings"].IsArray() || !doc.HasMember("triangles") || !doc["triangles"].IsUint() ||
      !doc.HasMember("max_deviation") || !doc["max_deviation"].IsNumber()) {
    ADD_FAILURE() << "unreadable fixture " << name;
    return std::nullopt;
  }
  Fixture f;
  f.triangles = doc["triangles"].GetUint();
  f.max_deviation = doc["max_deviation"].GetDouble();
  for (const auto& json_ring : doc["rings"].GetArray()) {
    Ring ring;
    for (const auto& xy : json_ring.GetArray()) {
      if (!xy.IsArray() || xy.Size() != 2 || !xy[0].IsNumber() || !xy[1].IsNumber()) {
        ADD_FAILURE() << "bad point in fixture " << name;
        return std::nullopt;
      }
      ring.push_back({xy[0].GetDouble(), xy[1].GetDouble()});
    }
    f.polygon.rings.push_back(std::move(ring));
  }
  return f;
}

// The checks below are written independently of the triangulator's own predicates.

// Relative to the first point, to stay exact enough for small shapes far from the origin.
double shoelace(const Ring& ring) {
  double sum = 0;
  for (std::size_t i = 0; i < ring.size(); ++i) {
    const Point& a = ring[i];
    const Point& b = ring[(i + 1) % ring.size()];
    sum += (a.x - ring[0].x) * (b.y - ring[0].y) - (b.x - ring[0].x) * (a.y - ring[0].y);
  }
  return sum / 2;
}

// Even-odd crossing test.
bool insideRing(const Point& p, const Ring& ring) {
  bool inside = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const Point& a = ring[i];
    const Point& b = ring[j];
    if ((a.y > p.y) != (b.y > p.y) && p.x < a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y))
      inside = !inside;
  }
  return inside;
}

std::vector<Point> flatten(const Polygon& polygon) {
  std::vector<Point> points;
  for (const Ring& ring : polygon.rings) points.insert(points.end(), ring.begin(), ring.end());
  return points;
}

// Every triangle references existing points, is wound like the outer ring, and has its
// centroid inside the outer ring and outside every hole.
void expectTrianglesInsidePolygon(const Polygon& polygon,
                                  const std::vector<std::uint32_t>& indices) {
  ASSERT_EQ(indices.size() % 3, 0u);
  if (indices.empty()) return;
  const std::vector<Point> points = flatten(polygon);
  const double winding = shoelace(polygon.rings[0]) > 0 ? 1 : -1;
  for (std::size_t t = 0; t < indices.size(); t += 3) {
    ASSERT_LT(indices[t], points.size());
    ASSERT_LT(indices[t + 1], points.size());
    ASSERT_LT(indices[t + 2], points.size());
    const Point& a = points[indices[t]];
    const Point& b = points[indices[t + 1]];
    const Point& c = points[indices[t + 2]];
    const double abx = b.x - a.x, aby = b.y - a.y, acx = c.x - a.x, acy = c.y - a.y;
    const double cross = abx * acy - aby * acx;
    // Tolerance for rounding on nearly straight corners of real outlines.
    const double tolerance = 1e-9 * std::hypot(abx, aby) * std::hypot(acx, acy);
    EXPECT_GE(cross * winding, -tolerance) << "triangle " << t / 3 << " is wound backwards";
    if (std::abs(cross) <= tolerance) continue;  // a sliver's centroid is on the boundary
    const Point centroid{(a.x + b.x + c.x) / 3, (a.y + b.y + c.y) / 3};
    EXPECT_TRUE(insideRing(centroid, polygon.rings[0])) << "triangle " << t / 3 << " is outside";
    for (std::size_t h = 1; h < polygon.rings.size(); ++h)
      EXPECT_FALSE(insideRing(centroid, polygon.rings[h]))
          << "triangle " << t / 3 << " is in hole " << h;
  }
}

class TriangulateFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(TriangulateFixture, GivesTheExpectedTriangles) {
  const auto fixture = loadFixture(GetParam());
  ASSERT_TRUE(fixture);
  const auto indices = core::triangulate(fixture->polygon);
  EXPECT_EQ(indices.size(), 3 * fixture->triangles);
  EXPECT_LE(core::triangulationDeviation(fixture->polygon, indices), fixture->max_deviation);
  expectTrianglesInsidePolygon(fixture->polygon, indices);
}

TEST_P(TriangulateFixture, DoesNotDependOnWhereRingsStart) {
  const auto fixture = loadFixture(GetParam());
  ASSERT_TRUE(fixture);
  for (std::size_t shift : {1, 2, 7}) {
    Polygon rotated = fixture->polygon;
    for (Ring& ring : rotated.rings)
      if (!ring.empty()) std::rotate(ring.begin(), ring.begin() + shift % ring.size(), ring.end());
    const auto indices = core::triangulate(rotated);
    EXPECT_EQ(indices.size(), 3 * fixture->triangles) << "shift " << shift;
    EXPECT_LE(core::triangulationDeviation(rotated, indices), fixture->max_deviation)
        << "shift " << shift;
    expectTrianglesInsidePolygon(rotated, indices);
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, TriangulateFixture, ::testing::ValuesIn(kFixtures),
                         [](const auto& test) { return test.param; });

TEST(Triangulate, EveryFixtureFileIsListed) {
  namespace fs = std::filesystem;
  std::set<std::string> listed(kFixtures.begin(), kFixtures.end());
  std::set<std::string> found;
  const fs::path dir = fs::path(CATALYSEURS_FIXTURES_DIR) / "triangulate";
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".json") found.insert(entry.path().stem().string());
  EXPECT_EQ(found, listed);
}

TEST(Triangulate, NonFiniteCoordinatesGiveNothing) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const Polygon nan_outer{{{{0, 0}, {1, 0}, {nan, 1}, {0, 1}}}};
  const Polygon inf_outer{{{{0, 0}, {inf, 0}, {1, 1}}}};
  const Polygon inf_hole{{{{0, 0}, {4, 0}, {4, 4}, {0, 4}}, {{1, 1}, {2, -inf}, {2, 2}}}};
  EXPECT_TRUE(core::triangulate(nan_outer).empty());
  EXPECT_TRUE(core::triangulate(inf_outer).empty());
  EXPECT_TRUE(core::triangulate(inf_hole).empty());
}

// Above and to the right of the outer ring, not level with it: earcut finds no edge to join it to.
TEST(Triangulate, IgnoresHolesOutsideTheOuterRing) {
  const Polygon polygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}, {{5, 5}, {6, 5}, {6, 6}}}};
  const auto indices = core::triangulate(polygon);
  EXPECT_EQ(indices.size(), 6u);
  const Polygon outer_only{{polygon.rings[0]}};
  EXPECT_EQ(core::triangulationDeviation(outer_only, indices), 0);
}

// Invalid input has no right answer; it must still come back quickly with usable indices.
TEST(Triangulate, InvalidInputStillGivesValidIndices) {
  const std::vector<Polygon> invalid = {
      // Bow tie.
      {{{{0, 0}, {2, 2}, {2, 0}, {0, 2}}}},
      // Ring passing twice through the same point, crossing itself there.
      {{{{0, 0}, {4, 0}, {4, 4}, {2, 2}, {0, 4}, {4, 4}, {2, 6}, {2, 2}}}},
      // Hole crossing the outer ring, and two overlapping holes.
      {{{{0, 0}, {4, 0}, {4, 4}, {0, 4}}, {{3, 1}, {6, 1}, {6, 2}, {3, 2}}}},
      {{{{0, 0}, {4, 0}, {4, 4}, {0, 4}},
        {{1, 1}, {3, 1}, {3, 3}, {1, 3}},
        {{2, 2}, {3.5, 2}, {3.5, 3.5}}}},
      // Hole identical to the outer ring.
      {{{{0, 0}, {4, 0}, {4, 4}, {0, 4}}, {{0, 0}, {4, 0}, {4, 4}, {0, 4}}}},
      // Star polygon drawn in one stroke: edges cross everywhere.
      {{{{0, 3}, {2, -3}, {-3, 1}, {3, 1}, {-2, -3}}}},
  };
  for (std::size_t i = 0; i < invalid.size(); ++i) {
    const auto indices = core::triangulate(invalid[i]);
    const std::size_t points = flatten(invalid[i]).size();
    EXPECT_EQ(indices.size() % 3, 0u) << "case " << i;
    for (std::uint32_t index : indices) EXPECT_LT(index, points) << "case " << i;
  }
}

// The usual defect in a real outline is two points in the wrong order, which twists the
// ring: the result must stay close to that of the intended outline.
TEST(Triangulate, UndoesLocalTwistsInRealOutlines) {
  for (const std::string name :
       {"real_bretagne", "real_nouvelle_aquitaine", "real_auvergne_rhone_alpes"}) {
    const auto fixture = loadFixture(name);
    ASSERT_TRUE(fixture);
    Polygon twisted = fixture->polygon;
    std::vector<std::uint32_t> original(flatten(twisted).size());
    for (std::uint32_t i = 0; i < original.size(); ++i) original[i] = i;
    Ring& outer = twisted.rings[0];
    for (std::size_t i = 5; i + 1 < outer.size(); i += 97) {
      std::swap(outer[i], outer[i + 1]);
      std::swap(original[i], original[i + 1]);
    }
    auto indices = core::triangulate(twisted);
    EXPECT_EQ(indices.size(), 3 * fixture->triangles) << name;
    for (std::uint32_t& index : indices) index = original.at(index);
    EXPECT_LT(core::triangulationDeviation(fixture->polygon, indices), 1e-4) << name;
  }
}

TEST(TriangulationDeviation, MeasuresMissingAndExtraArea) {
  const Polygon square{{{{0, 0}, {2, 0}, {2, 2}, {0, 2}}}};
  EXPECT_DOUBLE_EQ(core::triangulationDeviation(square, {0, 1, 2, 0, 2, 3}), 0);
  EXPECT_DOUBLE_EQ(core::triangulationDeviation(square, {0, 1, 2}), 0.5);
  EXPECT_DOUBLE_EQ(core::triangulationDeviation(square, {}), 1);
  EXPECT_DOUBLE_EQ(core::triangulationDeviation(square, {0, 1, 2, 0, 2, 3, 0, 1, 3}), 0.5);
  const Polygon with_hole{{{{0, 0}, {4, 0}, {4, 4}, {0, 4}}, {{1, 1}, {1, 3}, {3, 3}, {3, 1}}}};
  // Covering the hole too counts as extra area: 16 covered for 12.
  EXPECT_DOUBLE_EQ(core::triangulationDeviation(with_hole, {0, 1, 2, 0, 2, 3}), 4.0 / 12);
}

TEST(TriangulationDeviation, IsInfiniteForImpossibleIndices) {
  const Polygon square{{{{0, 0}, {2, 0}, {2, 2}, {0, 2}}}};
  EXPECT_TRUE(std::isinf(core::triangulationDeviation(square, {0, 1})));
  EXPECT_TRUE(std::isinf(core::triangulationDeviation(square, {0, 1, 4})));
  const Polygon flat{{{{0, 0}, {1, 1}, {2, 2}}}};
  EXPECT_EQ(core::triangulationDeviation(flat, {}), 0);
  // A bow tie's halves cancel out: any covered area is infinitely too much.
  const Polygon bow_tie{{{{0, 0}, {2, 2}, {2, 0}, {0, 2}}}};
  EXPECT_TRUE(std::isinf(core::triangulationDeviation(bow_tie, {0, 1, 2})));
}

}  // namespace
