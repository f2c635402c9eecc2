// Filters, counts and search at the sizes the map must handle: the 350 shipped entries,
// and the same entries repeated to 10 k and 100 k with distinct ids (the text stays
// realistic, which random strings would not be).
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "geojson.h"
#include "query.h"

namespace {

std::vector<core::Catalyseur> dataset(std::size_t n) {
  static const std::vector<core::Catalyseur> shipped = [] {
    std::ifstream in(std::string(CATALYSEURS_GEODATA_DIR) + "/catalyseurs.geojson");
    std::ostringstream s;
    s << in.rdbuf();
    return core::loadCatalyseurs(s.str()).items;
  }();
  std::vector<core::Catalyseur> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    core::Catalyseur c = shipped[i % shipped.size()];
    c.id += "-" + std::to_string(i);
    out.push_back(std::move(c));
  }
  return out;
}

void BM_CatalogBuild(benchmark::State& state) {
  const auto data = dataset(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    core::Catalog catalog(data);
    benchmark::DoNotOptimize(catalog.size());
  }
}

// What one keystroke in the search field costs the core: the match and the counts.
void BM_Keystroke(benchmark::State& state) {
  const auto data = dataset(static_cast<std::size_t>(state.range(0)));
  const core::Catalog catalog(data);
  core::Filters filters;
  filters.metiers = {"dialogue", "lieu"};
  for (auto _ : state) {
    auto matching = catalog.match(filters, "reunion");
    auto facets = catalog.facets(filters, "reunion");
    benchmark::DoNotOptimize(matching.data());
    benchmark::DoNotOptimize(facets.region.data());
  }
}

void BM_FilterOnly(benchmark::State& state) {
  const auto data = dataset(static_cast<std::size_t>(state.range(0)));
  const core::Catalog catalog(data);
  core::Filters filters;
  filters.region = {"11", "84"};
  for (auto _ : state) {
    auto matching = catalog.match(filters, "");
    benchmark::DoNotOptimize(matching.data());
  }
}

}  // namespace

BENCHMARK(BM_CatalogBuild)->Arg(350)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Keystroke)->Arg(350)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FilterOnly)->Arg(350)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
