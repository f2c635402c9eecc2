// What clustering costs: building the index, done on every filter change, and the view
// query, done on every pan or zoom. Points are spread over mainland France's Lambert-93
// extent, uniformly, or gathered around towns as real addresses are.
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <utility>
#include <vector>

#include "camera.h"
#include "clusters.h"

namespace {

using core::ClusterIndex;
using core::ClusterPoint;

// About the scale at which a 1280 × 800 view shows the whole mainland.
constexpr double kOverviewScale = 7e-4;

std::uniform_real_distribution<double> kX(100e3, 1.25e6);
std::uniform_real_distribution<double> kY(6.05e6, 7.11e6);

std::vector<ClusterPoint> uniform(std::size_t n) {
  std::mt19937 rng(42);
  std::vector<ClusterPoint> points;
  points.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    points.push_back({{kX(rng), kY(rng)}, core::Territory::Metropole, i});
  }
  return points;
}

// A fifth spread evenly, a tenth on one of 300 town halls, the rest around 40 towns.
std::vector<ClusterPoint> towns(std::size_t n) {
  std::mt19937 rng(42);
  std::vector<core::Point> town(300);
  std::vector<double> spread(300);
  std::exponential_distribution<double> size(1 / 5000.0);
  for (std::size_t t = 0; t < town.size(); ++t) {
    town[t] = {kX(rng), kY(rng)};
    spread[t] = 100 + size(rng);
  }
  std::uniform_int_distribution<std::size_t> pick(0, 299);
  std::uniform_int_distribution<int> kind(0, 9);
  std::normal_distribution<double> around(0, 1);
  std::vector<ClusterPoint> points;
  points.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const int k = kind(rng);
    core::Point p;
    if (k < 2) {
      p = {kX(rng), kY(rng)};
    } else if (k == 2) {
      p = town[pick(rng)];
    } else {
      const std::size_t t = pick(rng) % 40;
      p = {town[t].x + around(rng) * spread[t], town[t].y + around(rng) * spread[t]};
    }
    points.push_back({p, core::Territory::Metropole, i});
  }
  return points;
}

const std::vector<ClusterPoint>& dataset(bool gathered, std::size_t n) {
  static std::map<std::pair<bool, std::size_t>, std::vector<ClusterPoint>> cache;
  auto& points = cache[{gathered, n}];
  if (points.size() != n) points = gathered ? towns(n) : uniform(n);
  return points;
}

std::size_t heapInUse() {
  const struct mallinfo2 m = mallinfo2();
  return m.uordblks + m.hblkhd;
}

void build(benchmark::State& state, bool gathered) {
  const auto& points = dataset(gathered, static_cast<std::size_t>(state.range(0)));
  std::size_t held = 0;
  for (auto _ : state) {
    const std::size_t before = heapInUse();
    ClusterIndex index(points, kOverviewScale);
    held = heapInUse() - before;
    benchmark::DoNotOptimize(index);
  }
  state.counters["MB_held"] = static_cast<double>(held) / 1e6;
}

void BM_BuildUniform(benchmark::State& state) { build(state, false); }
void BM_BuildTowns(benchmark::State& state) { build(state, true); }
BENCHMARK(BM_BuildUniform)
    ->Arg(10'000)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BuildTowns)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// A 1280 × 800 view over Paris at the scale of level range(1), uniform points.
void BM_Query(benchmark::State& state) {
  static std::map<std::size_t, std::unique_ptr<ClusterIndex>> indexes;
  const auto n = static_cast<std::size_t>(state.range(0));
  auto& index = indexes[n];
  if (!index) index = std::make_unique<ClusterIndex>(dataset(false, n), kOverviewScale);
  core::Camera camera;
  camera.setViewport(1280, 800);
  camera.setView({652e3, 6.862e6}, index->levelScale(static_cast<int>(state.range(1))));
  const core::Bounds view = camera.visibleBounds();
  std::size_t items = 0;
  for (auto _ : state) {
    const std::vector<core::ClusterItem> found =
        index->query(view, index->levelForScale(camera.scale()));
    items = found.size();
    benchmark::DoNotOptimize(found.data());
  }
  state.counters["items"] = static_cast<double>(items);
}
BENCHMARK(BM_Query)
    ->ArgsProduct({{10'000, 100'000, 1'000'000}, {0, 4, 8, 12}})
    ->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
