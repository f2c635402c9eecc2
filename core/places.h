// The places the search knows besides the catalyseurs: the gazetteer's communes and the
// départements. A query names a place when, once folded (accents, case, hyphens ignored), it
// is the place's name, or one letter away from it (« toulouze »), or a département's number
// (« 29 », « 2A », « 974 »).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gazetteer.h"
#include "projector.h"

namespace core {

struct Place {
  enum class Kind : std::uint8_t { Commune, Departement };
  Kind kind = Kind::Commune;
  std::string code;         // the commune's INSEE code, or the département's number
  std::string nom;
  std::string departement;  // the commune's département; a département's own number
  LonLat at;                // the commune's position, or where the département's name goes
  std::uint32_t population = 0;
  // What the commune is the chef-lieu of, the highest: it ranks its name on the map.
  enum class Seat : std::uint8_t { Region, Departement, Arrondissement, None };
  Seat seat = Seat::None;
};

struct PlaceSearchOptions {
  std::size_t limit = 3;  // places offered at once: more would push the catalyseurs down
  // Shorter queries must be exact: one letter off « Metz » is « Mez », « Meuz »…, noise.
  std::size_t typo_min_length = 5;
};

class PlaceIndex {
 public:
  // The map's places file, geodata/lieux.csv: code_insee,nom,lon,lat,population,chef_lieu.
  // False, with the line and the reason in `error`, when it is not such a file.
  bool readCommunes(std::string_view csv, std::string& error);
  // The command line's gazetteer instead (no chef-lieu there).
  void addCommunes(const Gazetteer& gazetteer);
  void addDepartement(std::string code, std::string nom, LonLat label);
  void clearDepartements();
  const std::vector<Place>& communes() const { return communes_; }

  // The places the query names: exact names first, then those one letter away; within each,
  // départements before communes, then the most populous first.
  std::vector<const Place*> find(std::string_view query, const PlaceSearchOptions& options = {}) const;

  const Place* departement(std::string_view code) const;
  std::size_t size() const { return communes_.size() + departements_.size(); }

 private:
  // Two lists, as they come from two files; each with its names folded alongside.
  std::vector<Place> communes_;
  std::vector<std::string> folded_communes_;
  std::vector<Place> departements_;
  std::vector<std::string> folded_departements_;
};

namespace detail {
// True when `a` and `b` differ by at most one edit: a letter changed, added or removed, or two
// neighbours swapped (optimal string alignment distance ≤ 1).
bool withinOneEdit(std::string_view a, std::string_view b);
}  // namespace detail

}  // namespace core
