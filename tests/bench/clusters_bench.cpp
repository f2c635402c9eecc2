// What clustering costs: building the index over every point, done once per dataset and
// overview scale; a filter change, which recounts it for the matching points (against a
// new index over the matching points alone, as filter changes were first done); and the
// view query, done on every pan or zoom. Points are spread over mainland France's
// Lambert-93 extent, uniformly, or gathered around towns as real addresses are.
//
// With CLUSTERS_BENCH_POINTS naming a file of little-endian float64 (lon, lat) pairs,
// BM_BuildFromFile also times building on those points, put on the Web-Mercator plane that
// supercluster uses, so that tests/bench/clusters_vs_supercluster.mjs can time both on the
// same input.
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <numbers>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "camera.h"
#include "clusters.h"

namespace {

using core::ClusterIndex;
using core::ClusterPoint;

// About the scale at which a 1280 × 800 view shows the whole mainland.
constexpr double kOverviewScale = 7e-4;

// As the map clusters (MapState): level 0 at the widest view, a quarter of the overview,
// the finest at the deepest zoom, 400 times the overview.
constexpr double kMapBaseScale = kOverviewScale / 4;
const core::ClusterOptions kMapOptions = [] {
  core::ClusterOptions options;
  options.max_zoom = 10;  // floor(log2(400 / 0.25))
  return options;
}();

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

// What a filter keeps, by arg: everything (no filter), a third at random (a métier), the
// points of one area (a region), or ten at random (a search for a name).
enum class Filter { All, Third, Region, Ten };
const char* const kFilterNames[] = {"all", "third", "region", "ten"};

// About the extent of Auvergne-Rhône-Alpes.
const core::Bounds kRegion = core::Bounds::of(700e3, 6.4e6, 1.1e6, 6.65e6);

std::vector<std::uint32_t> matchingIds(const std::vector<ClusterPoint>& points, Filter filter) {
  std::mt19937 rng(7);
  const double share = filter == Filter::Third ? 1 / 3.0
                       : filter == Filter::Ten ? 10.0 / static_cast<double>(points.size())
                                               : 1;
  std::bernoulli_distribution kept(std::min(1.0, share));
  std::vector<std::uint32_t> ids;
  for (const ClusterPoint& p : points) {
    if (filter == Filter::Region ? kRegion.contains(p.position) : kept(rng)) ids.push_back(p.id);
  }
  return ids;
}

// The index over every point of a dataset, built once, as the map does.
ClusterIndex& builtOnce(bool gathered, std::size_t n) {
  static std::map<std::pair<bool, std::size_t>, std::unique_ptr<ClusterIndex>> indexes;
  auto& index = indexes[{gathered, n}];
  if (!index) index = std::make_unique<ClusterIndex>(dataset(gathered, n), kMapBaseScale, kMapOptions);
  return *index;
}

// A filter change: the index recounted for the matches, from the same filter (as a
// keystroke that changes little would).
void BM_RecountForFilter(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  ClusterIndex& index = builtOnce(true, n);
  const std::vector<std::uint32_t> ids = matchingIds(dataset(true, n), static_cast<Filter>(state.range(1)));
  index.setMatching(ids);
  for (auto _ : state) {
    index.setMatching(ids);
    benchmark::DoNotOptimize(index);
  }
  state.SetLabel(kFilterNames[state.range(1)]);
  state.counters["matching"] = static_cast<double>(index.matchingCount());
}
BENCHMARK(BM_RecountForFilter)
    ->ArgsProduct({{350, 100'000, 1'000'000}, {0, 1, 2, 3}})
    ->Unit(benchmark::kMillisecond);

// The first filter: from every point matching to the filter's, which must first forget
// the count of every point. Only that change is timed.
void BM_RecountFromNoFilter(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  ClusterIndex& index = builtOnce(true, n);
  const std::vector<std::uint32_t> all = matchingIds(dataset(true, n), Filter::All);
  const std::vector<std::uint32_t> ids = matchingIds(dataset(true, n), static_cast<Filter>(state.range(1)));
  for (auto _ : state) {
    index.setMatching(all);
    const auto start = std::chrono::steady_clock::now();
    index.setMatching(ids);
    state.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  state.SetLabel(kFilterNames[state.range(1)]);
}
BENCHMARK(BM_RecountFromNoFilter)
    ->ArgsProduct({{350, 100'000, 1'000'000}, {1, 2, 3}})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// A filter change as it was first done: a new index over the matching points alone. With
// every point, what the map builds once.
void BM_RebuildForFilter(benchmark::State& state) {
  const auto& points = dataset(true, static_cast<std::size_t>(state.range(0)));
  const auto filter = static_cast<Filter>(state.range(1));
  std::vector<ClusterPoint> kept;
  for (std::uint32_t id : matchingIds(points, filter)) kept.push_back(points[id]);
  for (auto _ : state) {
    ClusterIndex index(kept, kMapBaseScale, kMapOptions);
    benchmark::DoNotOptimize(index);
  }
  state.SetLabel(kFilterNames[state.range(1)]);
  state.counters["matching"] = static_cast<double>(kept.size());
}
BENCHMARK(BM_RebuildForFilter)
    ->ArgsProduct({{350, 100'000, 1'000'000}, {0, 1, 2, 3}})
    ->Unit(benchmark::kMillisecond);

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

// Views once filtered, the whole mainland at level 0 and a 1280 × 800 view over Paris at
// levels 4 and 8: the cost follows the items drawn, not the points indexed.
void BM_QueryAfterFilter(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  ClusterIndex& index = builtOnce(true, n);
  index.setMatching(matchingIds(dataset(true, n), static_cast<Filter>(state.range(2))));
  core::Camera camera;
  camera.setViewport(1280, 800);
  camera.setView({652e3, 6.862e6}, index.levelScale(static_cast<int>(state.range(1))));
  const core::Bounds view = state.range(1) == 0 ? core::Bounds::of(-1e9, -1e9, 1e9, 1e9) : camera.visibleBounds();
  std::size_t items = 0;
  for (auto _ : state) {
    const std::vector<core::ClusterItem> found = index.query(view, static_cast<int>(state.range(1)));
    items = found.size();
    benchmark::DoNotOptimize(found.data());
  }
  state.SetLabel(kFilterNames[state.range(2)]);
  state.counters["items"] = static_cast<double>(items);
}
BENCHMARK(BM_QueryAfterFilter)
    ->ArgsProduct({{350, 100'000, 1'000'000}, {0, 4, 8}, {0, 1, 3}})
    ->Unit(benchmark::kMicrosecond);

// Web Mercator's sphere, and the width of the world in pixels at level 0, as supercluster's
// `extent`: level z of both indexes is then drawn at the same scale.
constexpr double kEarthRadius = 6378137;
constexpr double kWorldPixelsAtLevel0 = 512;

core::Point webMercator(double lon, double lat) {
  constexpr double kDegree = std::numbers::pi / 180;
  return {kEarthRadius * lon * kDegree,
          kEarthRadius * std::log(std::tan(std::numbers::pi / 4 + lat * kDegree / 2))};
}

// Empty when the file cannot be read or is not made of whole (lon, lat) pairs.
std::vector<ClusterPoint> readLonLatFile(const char* path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return {};
  const auto bytes = static_cast<std::size_t>(in.tellg());
  if (bytes % (2 * sizeof(double)) != 0) return {};
  std::vector<double> lonlat(bytes / sizeof(double));
  in.seekg(0);
  if (!in.read(reinterpret_cast<char*>(lonlat.data()), static_cast<std::streamsize>(bytes))) return {};
  std::vector<ClusterPoint> points;
  points.reserve(lonlat.size() / 2);
  for (std::size_t i = 0; i < lonlat.size(); i += 2) {
    points.push_back({webMercator(lonlat[i], lonlat[i + 1]), core::Territory::Metropole,
                      static_cast<std::uint32_t>(i / 2)});
  }
  return points;
}

// The options are the app's defaults; they are reported, with the items drawn at a few
// levels, so that the other index can be built with the same ones and checked against it.
void buildFromFile(benchmark::State& state, const std::vector<ClusterPoint>& points) {
  const double base_scale = kWorldPixelsAtLevel0 / (2 * std::numbers::pi * kEarthRadius);
  const core::ClusterOptions options;
  for (auto _ : state) {
    ClusterIndex index(points, base_scale, options);
    benchmark::DoNotOptimize(index);
  }
  const ClusterIndex index(points, base_scale, options);
  const core::Bounds world = core::Bounds::of(-1e9, -1e9, 1e9, 1e9);
  for (int level = 0; level <= options.max_zoom; level += 4) {
    state.counters["items_z" + std::to_string(level)] =
        static_cast<double>(index.query(world, level).size());
  }
  state.counters["points"] = static_cast<double>(index.size());
  state.counters["radius_px"] = options.radius;
  state.counters["max_zoom"] = options.max_zoom;
  state.counters["min_points"] = options.min_points;
  state.counters["world_px_level0"] = kWorldPixelsAtLevel0;
}

}  // namespace

int main(int argc, char** argv) {
  if (const char* file = std::getenv("CLUSTERS_BENCH_POINTS")) {
    static const std::vector<ClusterPoint> points = readLonLatFile(file);
    if (points.empty()) {
      std::fprintf(stderr, "CLUSTERS_BENCH_POINTS: no (lon, lat) pairs read from %s\n", file);
      return 1;
    }
    benchmark::RegisterBenchmark("BM_BuildFromFile",
                                 [](benchmark::State& state) { buildFromFile(state, points); })
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
