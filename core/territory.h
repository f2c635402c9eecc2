// The territories of the map: mainland France and each overseas department or
// collectivity, with the legal CRS each one is drawn in (DESIGN §4).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "geometry.h"

namespace core {

enum class Territory : std::uint8_t {
  Metropole,
  Guadeloupe,
  Martinique,
  Guyane,
  Reunion,
  Mayotte,
  SaintPierreEtMiquelon,
  SaintBarthelemy,
  SaintMartin,
  WallisEtFutuna,
  PolynesieFrancaise,
  NouvelleCaledonie,
};

inline constexpr std::size_t kTerritoryCount = 12;

struct TerritoryInfo {
  Territory territory;
  std::string_view slug;     // stable identifier, as in geodata/territoires.geojson
  std::string_view name_fr;  // label of the inset, with French typography
  std::string_view name_en;
  // Abridged names, for an inset too narrow for the full one: a name still says which
  // territory it is, where a number (« 975 ») says it to few.
  std::string_view short_fr;
  std::string_view short_en;
  // Shorter still, for a phone's insets: a name all the same.
  std::string_view tiny_fr;
  std::string_view tiny_en;
  // The département or collectivity number (« 974 »), familiar in France: the inset
  // label when the full name does not fit.
  std::string_view short_label;
  int epsg;                  // legal projected CRS
  bool always_inset;         // DROM get an inset even without data; COM only with data
  // Where the territory lies, in lon/lat degrees. Generous enough to hold every island
  // of the territory, tight enough that no two territories overlap.
  Bounds lonlat_extent;
  // Plane metres per projected metre inside the inset (the mainland is 1).
  double inset_scale;
};

const std::array<TerritoryInfo, kTerritoryCount>& allTerritories();
const TerritoryInfo& info(Territory territory);

std::optional<Territory> territoryFromSlug(std::string_view slug);

// The territory whose extent holds lon/lat, if any.
std::optional<Territory> territoryAt(double lon, double lat);

// INSEE region code ("11"…"94", DROM "01"…"06") or COM code ("975"…"988").
std::optional<Territory> territoryOfRegionCode(std::string_view code);

struct RegionInfo {
  std::string_view code;
  std::string_view name_fr;  // official name, French typography
  Territory territory;
};
// Every region and collectivity the map knows, mainland first, in the order filters list them.
const std::vector<RegionInfo>& allRegions();
const RegionInfo* regionByCode(std::string_view code);

}  // namespace core
