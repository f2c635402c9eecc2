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

// What typing a word costs the core, one letter at a time from an empty field: each
// keystroke gives the matches and the counts. A letter typed on searches only what the
// letters before it matched.
void BM_TypingOn(benchmark::State& state) {
  const auto data = dataset(static_cast<std::size_t>(state.range(0)));
  core::Catalog catalog(data);
  core::Filters filters;
  filters.metiers = {"dialogue", "lieu"};
  const std::string word = "reunion";
  for (auto _ : state) {
    for (std::size_t n = 0; n <= word.size(); ++n) {
      auto selection = catalog.select(filters, std::string_view(word).substr(0, n));
      benchmark::DoNotOptimize(selection.matching.data());
    }
  }
  state.SetLabel("8 keystrokes, from empty to « reunion »");
}

// A search that narrows nothing (another word): every entry's text is read.
void BM_NewSearch(benchmark::State& state) {
  const auto data = dataset(static_cast<std::size_t>(state.range(0)));
  core::Catalog catalog(data);
  core::Filters filters;
  filters.metiers = {"dialogue", "lieu"};
  bool flip = false;
  for (auto _ : state) {
    auto selection = catalog.select(filters, (flip = !flip) ? "reunion" : "lyon");
    benchmark::DoNotOptimize(selection.matching.data());
    benchmark::DoNotOptimize(selection.facets.region.data());
  }
}

// A filter change, the search text staying: no text is read.
void BM_FilterOnly(benchmark::State& state) {
  const auto data = dataset(static_cast<std::size_t>(state.range(0)));
  core::Catalog catalog(data);
  core::Filters regions;
  regions.region = {"11", "84"};
  core::Filters lieu;
  lieu.metiers = {"lieu"};
  bool flip = false;
  for (auto _ : state) {
    auto selection = catalog.select((flip = !flip) ? regions : lieu, "");
    benchmark::DoNotOptimize(selection.matching.data());
  }
}

}  // namespace

BENCHMARK(BM_CatalogBuild)->Arg(350)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TypingOn)->Arg(350)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NewSearch)->Arg(350)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FilterOnly)->Arg(350)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
