// The commune gazetteer (geodata/communes.csv): where each commune is, by INSEE code or
// by name, for offline geocoding.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace core {

struct Commune {
  std::string code_insee;
  std::string nom;
  std::string departement;
  std::string region;
  double lon = 0;
  double lat = 0;
  std::uint32_t population = 0;  // GeoNames'; 0 when unknown
};

class Gazetteer {
 public:
  // Reads communes.csv (code_insee,nom,departement,region,lon,lat,population). On a
  // malformed file, returns nothing and sets `error` (with the line number).
  static std::optional<Gazetteer> parse(std::string_view csv, std::string& error);

  const Commune* byCode(std::string_view code_insee) const;
  // Communes whose name matches once folded (accents, case, hyphens ignored), restricted
  // to a département when one is given.
  std::vector<const Commune*> byName(std::string_view name, std::string_view departement = {}) const;

  std::size_t size() const { return communes_.size(); }
  const std::vector<Commune>& communes() const { return communes_; }

 private:
  std::vector<Commune> communes_;
  std::unordered_map<std::string, std::size_t> by_code_;
  std::unordered_multimap<std::string, std::size_t> by_folded_name_;
};

}  // namespace core
