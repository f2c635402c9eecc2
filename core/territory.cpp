#include "territory.h"

namespace core {

namespace {

// Inset scales: the DROM values are DESIGN §4's; the COM values were chosen so that each
// inset is roughly as large on screen as the DROM ones (Polynesia spans 2 000 km, the
// French part of Saint-Martin 20 km).
constexpr std::array<TerritoryInfo, kTerritoryCount> kTerritories{{
    {Territory::Metropole, "metropole", "France métropolitaine", "Metropolitan France", "Métropole", "Mainland", "Métropole", "Mainland", "", 2154,
     false, Bounds{-5.6, 41.2, 9.9, 51.3}, 1.0},
    {Territory::Guadeloupe, "guadeloupe", "Guadeloupe", "Guadeloupe", "Guadeloupe", "Guadeloupe", "Guadel.", "Guadel.", "971", 5490, true,
     Bounds{-61.9, 15.75, -60.9, 16.6}, 1.5},
    {Territory::Martinique, "martinique", "Martinique", "Martinique", "Martinique", "Martinique", "Martiniq.", "Martiniq.", "972", 5490, true,
     Bounds{-61.3, 14.35, -60.75, 14.95}, 1.5},
    {Territory::Guyane, "guyane", "Guyane", "French Guiana", "Guyane", "Fr. Guiana", "Guyane", "Guiana", "973", 2972, true,
     Bounds{-54.7, 2.0, -51.5, 5.9}, 0.35},
    {Territory::Reunion, "reunion", "La Réunion", "Réunion", "Réunion", "Réunion", "Réunion", "Réunion", "974", 2975, true,
     Bounds{55.15, -21.45, 55.9, -20.8}, 1.5},
    {Territory::Mayotte, "mayotte", "Mayotte", "Mayotte", "Mayotte", "Mayotte", "Mayotte", "Mayotte", "976", 4471, true,
     Bounds{44.9, -13.1, 45.35, -12.55}, 1.5},
    {Territory::SaintPierreEtMiquelon, "saint-pierre-et-miquelon", "Saint-Pierre-et-Miquelon",
     "Saint Pierre and Miquelon", "St-Pierre-et-Miq.", "St Pierre & Miq.", "St-P.-et-M.", "St P. & M.", "975", 4467, false, Bounds{-56.5, 46.7, -56.05, 47.2}, 1.5},
    {Territory::SaintBarthelemy, "saint-barthelemy", "Saint-Barthélemy", "Saint Barthélemy", "St-Barth", "St Barth", "St-Barth", "St Barth", "977",
     5490, false, Bounds{-62.96, 17.85, -62.76, 17.98}, 3.0},
    {Territory::SaintMartin, "saint-martin", "Saint-Martin", "Saint Martin", "St-Martin", "St Martin", "St-Martin", "St Martin", "978", 5490, false,
     Bounds{-63.2, 18.0, -62.96, 18.15}, 3.0},
    {Territory::WallisEtFutuna, "wallis-et-futuna", "Wallis-et-Futuna", "Wallis and Futuna", "Wallis-et-F.", "Wallis & F.", "Wallis", "Wallis", "986",
     8903, false, Bounds{-178.3, -14.45, -176.0, -13.1}, 0.5},
    {Territory::PolynesieFrancaise, "polynesie-francaise", "Polynésie française",
     "French Polynesia", "Polynésie fr.", "Fr. Polynesia", "Polynésie", "Polynesia", "987", 3297, false, Bounds{-155.0, -28.2, -134.2, -7.6}, 0.06},
    {Territory::NouvelleCaledonie, "nouvelle-caledonie", "Nouvelle-Calédonie",
     "New Caledonia", "Nouv.-Calédonie", "N. Caledonia", "N.-Calédonie", "N. Caled.", "988", 3163, false, Bounds{163.4, -22.95, 168.4, -19.4}, 0.3},
}};

}  // namespace

const std::array<TerritoryInfo, kTerritoryCount>& allTerritories() { return kTerritories; }

const TerritoryInfo& info(Territory territory) {
  return kTerritories[static_cast<std::size_t>(territory)];
}

std::optional<Territory> territoryFromSlug(std::string_view slug) {
  for (const auto& t : kTerritories)
    if (t.slug == slug) return t.territory;
  return std::nullopt;
}

std::optional<Territory> territoryAt(double lon, double lat) {
  for (const auto& t : kTerritories)
    if (t.lonlat_extent.contains({lon, lat})) return t.territory;
  return std::nullopt;
}

const std::vector<RegionInfo>& allRegions() {
  static const std::vector<RegionInfo> regions{
      {"84", "Auvergne-Rhône-Alpes", Territory::Metropole},
      {"27", "Bourgogne-Franche-Comté", Territory::Metropole},
      {"53", "Bretagne", Territory::Metropole},
      {"24", "Centre-Val de Loire", Territory::Metropole},
      {"94", "Corse", Territory::Metropole},
      {"44", "Grand Est", Territory::Metropole},
      {"32", "Hauts-de-France", Territory::Metropole},
      {"11", "Île-de-France", Territory::Metropole},
      {"28", "Normandie", Territory::Metropole},
      {"75", "Nouvelle-Aquitaine", Territory::Metropole},
      {"76", "Occitanie", Territory::Metropole},
      {"52", "Pays de la Loire", Territory::Metropole},
      {"93", "Provence-Alpes-Côte d’Azur", Territory::Metropole},
      {"01", "Guadeloupe", Territory::Guadeloupe},
      {"02", "Martinique", Territory::Martinique},
      {"03", "Guyane", Territory::Guyane},
      {"04", "La Réunion", Territory::Reunion},
      {"06", "Mayotte", Territory::Mayotte},
      {"975", "Saint-Pierre-et-Miquelon", Territory::SaintPierreEtMiquelon},
      {"977", "Saint-Barthélemy", Territory::SaintBarthelemy},
      {"978", "Saint-Martin", Territory::SaintMartin},
      {"986", "Wallis-et-Futuna", Territory::WallisEtFutuna},
      {"987", "Polynésie française", Territory::PolynesieFrancaise},
      {"988", "Nouvelle-Calédonie", Territory::NouvelleCaledonie},
  };
  return regions;
}

const RegionInfo* regionByCode(std::string_view code) {
  for (const auto& r : allRegions())
    if (r.code == code) return &r;
  return nullptr;
}

std::optional<Territory> territoryOfRegionCode(std::string_view code) {
  if (const RegionInfo* r = regionByCode(code)) return r->territory;
  return std::nullopt;
}

}  // namespace core
