// What triangulating a region costs (earcut, core/triangulate.cpp), done once per polygon
// when the map is built. The shipped basemap whole, then outlines of n vertices: a circle
// (earcut's easy case), a jagged circle and a star (every other vertex reflex, like a
// detailed coastline) and a comb (long thin teeth). The sizes stop at core::kMaxRegionVertices,
// the most a region may have: beyond it the cost grows much faster than n (by hand, the
// jagged circle took 0.27 s at 50 000 vertices, 1.7 s at 100 000, 29 s at 200 000 and
// 150 s at 400 000).
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "geojson.h"
#include "triangulate.h"

namespace {

using core::Point;
using core::Polygon;

enum Shape { kCircle, kJagged, kStar, kComb };

// Lambert-93-like metres around the mainland's middle, as the scene triangulates them.
Polygon outline(Shape shape, std::size_t n) {
  Polygon polygon;
  polygon.rings.emplace_back();
  auto& ring = polygon.rings[0];
  ring.reserve(n);
  if (shape == kComb) {
    // n / 4 teeth 1 km long and 5 m wide, on a base strip.
    for (std::size_t i = 0; i < n / 4; ++i) {
      const double x = 600e3 + 10.0 * static_cast<double>(i);
      ring.insert(ring.end(), {{x, 6.5e6}, {x, 6.5e6 + 1000}, {x + 5, 6.5e6 + 1000}, {x + 5, 6.5e6 + 0.5}});
    }
    ring.push_back({600e3 + 10.0 * static_cast<double>(n / 4), 6.5e6 - 10});
    ring.push_back({600e3, 6.5e6 - 10});
    return polygon;
  }
  std::mt19937 rng(1);
  std::uniform_real_distribution<double> jag(0.8, 1.0);
  for (std::size_t i = 0; i < n; ++i) {
    const double a = 2 * M_PI * static_cast<double>(i) / static_cast<double>(n);
    const double r = shape == kCircle ? 1.0 : shape == kJagged ? jag(rng) : (i % 2 ? 1.0 : 0.5);
    ring.push_back({600e3 + 100e3 * r * std::cos(a), 6.5e6 + 100e3 * r * std::sin(a)});
  }
  return polygon;
}

void triangulateShape(benchmark::State& state, Shape shape) {
  const Polygon polygon = outline(shape, static_cast<std::size_t>(state.range(0)));
  std::size_t triangles = 0;
  for (auto _ : state) {
    const std::vector<std::uint32_t> indices = core::triangulate(polygon);
    triangles = indices.size() / 3;
    benchmark::DoNotOptimize(indices.data());
  }
  state.counters["triangles"] = static_cast<double>(triangles);
  state.SetComplexityN(state.range(0));
}

void BM_Circle(benchmark::State& state) { triangulateShape(state, kCircle); }
void BM_Jagged(benchmark::State& state) { triangulateShape(state, kJagged); }
void BM_Star(benchmark::State& state) { triangulateShape(state, kStar); }
void BM_Comb(benchmark::State& state) { triangulateShape(state, kComb); }
void sizes(benchmark::internal::Benchmark* b) {
  for (std::int64_t n : {1'000, 5'000, 10'000, 25'000}) b->Arg(n);
  b->Arg(static_cast<std::int64_t>(core::kMaxRegionVertices));
  b->Unit(benchmark::kMillisecond)->Complexity();
}
BENCHMARK(BM_Circle)->Apply(sizes);
BENCHMARK(BM_Jagged)->Apply(sizes);
BENCHMARK(BM_Star)->Apply(sizes);
BENCHMARK(BM_Comb)->Apply(sizes);

// Every polygon of geodata/territoires.geojson, in lon/lat: what the map really pays.
void BM_ShippedBasemap(benchmark::State& state) {
  std::ifstream in(std::string(CATALYSEURS_GEODATA_DIR) + "/territoires.geojson", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const auto regions = core::loadRegions(text.str());
  std::size_t vertices = 0;
  for (const auto& region : regions.items)
    for (const auto& polygon : region.polygons)
      for (const auto& ring : polygon.rings) vertices += ring.size();
  for (auto _ : state)
    for (const auto& region : regions.items)
      for (const auto& polygon : region.polygons) benchmark::DoNotOptimize(core::triangulate(polygon).data());
  state.counters["vertices"] = static_cast<double>(vertices);
}
BENCHMARK(BM_ShippedBasemap)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
