#include "territory.h"

#include <gtest/gtest.h>

namespace {

using core::Territory;

TEST(Territory, EpsgCodesAreTheLegalOnes) {
  // DESIGN §4.
  EXPECT_EQ(core::info(Territory::Metropole).epsg, 2154);
  EXPECT_EQ(core::info(Territory::Guadeloupe).epsg, 5490);
  EXPECT_EQ(core::info(Territory::Martinique).epsg, 5490);
  EXPECT_EQ(core::info(Territory::SaintMartin).epsg, 5490);
  EXPECT_EQ(core::info(Territory::SaintBarthelemy).epsg, 5490);
  EXPECT_EQ(core::info(Territory::Guyane).epsg, 2972);
  EXPECT_EQ(core::info(Territory::Reunion).epsg, 2975);
  EXPECT_EQ(core::info(Territory::Mayotte).epsg, 4471);
  EXPECT_EQ(core::info(Territory::SaintPierreEtMiquelon).epsg, 4467);
  EXPECT_EQ(core::info(Territory::NouvelleCaledonie).epsg, 3163);
  EXPECT_EQ(core::info(Territory::PolynesieFrancaise).epsg, 3297);
  EXPECT_EQ(core::info(Territory::WallisEtFutuna).epsg, 8903);
}

TEST(Territory, TableIsIndexedByTerritory) {
  for (std::size_t i = 0; i < core::kTerritoryCount; ++i)
    EXPECT_EQ(static_cast<std::size_t>(core::allTerritories()[i].territory), i);
}

TEST(Territory, ExtentsDoNotOverlap) {
  const auto& all = core::allTerritories();
  for (std::size_t i = 0; i < all.size(); ++i)
    for (std::size_t j = i + 1; j < all.size(); ++j)
      EXPECT_FALSE(all[i].lonlat_extent.intersects(all[j].lonlat_extent))
          << all[i].slug << " / " << all[j].slug;
}

TEST(Territory, FindsTheTerritoryOfAPoint) {
  EXPECT_EQ(core::territoryAt(2.35, 48.85), Territory::Metropole);
  EXPECT_EQ(core::territoryAt(9.45, 42.7), Territory::Metropole);  // Bastia
  EXPECT_EQ(core::territoryAt(-61.27, 16.33), Territory::Guadeloupe);  // La Désirade side
  EXPECT_EQ(core::territoryAt(-63.08, 18.07), Territory::SaintMartin);
  EXPECT_EQ(core::territoryAt(-62.85, 17.90), Territory::SaintBarthelemy);
  EXPECT_EQ(core::territoryAt(-140.1, -8.91), Territory::PolynesieFrancaise);
  EXPECT_EQ(core::territoryAt(167.26, -20.92), Territory::NouvelleCaledonie);
  EXPECT_FALSE(core::territoryAt(-30, 40));
  EXPECT_FALSE(core::territoryAt(13.4, 52.5));  // Berlin
}

TEST(Territory, RegionCodes) {
  EXPECT_EQ(core::territoryOfRegionCode("11"), Territory::Metropole);
  EXPECT_EQ(core::territoryOfRegionCode("94"), Territory::Metropole);
  EXPECT_EQ(core::territoryOfRegionCode("04"), Territory::Reunion);
  EXPECT_EQ(core::territoryOfRegionCode("06"), Territory::Mayotte);
  EXPECT_EQ(core::territoryOfRegionCode("988"), Territory::NouvelleCaledonie);
  EXPECT_FALSE(core::territoryOfRegionCode("05"));
  EXPECT_FALSE(core::territoryOfRegionCode(""));
  EXPECT_EQ(core::territoryFromSlug("reunion"), Territory::Reunion);
  EXPECT_FALSE(core::territoryFromSlug("Reunion"));
}

}  // namespace
