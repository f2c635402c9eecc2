#include "places.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "csv.h"

#include "text.h"

namespace core {

namespace detail {

bool withinOneEdit(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (i == a.size()) return true;  // equal, or one letter added at the end
  if (a.size() == b.size()) {
    // One letter changed, or two neighbours swapped.
    if (a.substr(i + 1) == b.substr(i + 1)) return true;
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
  }
  return a.substr(i) == b.substr(i + 1);  // one letter added in b
}

}  // namespace detail

namespace {

bool parseNumber(const std::string& s, double& out) {
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return !s.empty() && end == s.c_str() + s.size() && std::isfinite(out);
}

// « 29 », « 2A », « 971 »: what a département number looks like, once folded (lower case).
bool looksLikeDepartementNumber(std::string_view q) {
  if (q.size() == 2 && q[0] == '2' && (q[1] == 'a' || q[1] == 'b')) return true;
  return (q.size() == 2 || q.size() == 3) && std::all_of(q.begin(), q.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool PlaceIndex::readCommunes(std::string_view csv, std::string& error) {
  const CsvTable table = parseCsv(csv);
  const std::vector<std::string> header{"code_insee", "nom", "lon", "lat", "population", "chef_lieu"};
  if (table.fatal || !table.errors.empty() || table.records.empty() || table.records[0].fields != header) {
    error = table.fatal ? "ligne " + std::to_string(table.fatal->line) + " : " + table.fatal->reason
                        : "ligne 1 : en-tête attendu « code_insee,nom,lon,lat,population,chef_lieu »";
    return false;
  }
  std::vector<Place> communes;
  std::vector<std::string> folded;
  for (std::size_t r = 1; r < table.records.size(); ++r) {
    const auto& f = table.records[r].fields;
    Place p;
    char* end = nullptr;
    const bool ok = f.size() == header.size() && f[0].size() == 5 && text::isValidUtf8(f[1]) && !f[1].empty() &&
                    parseNumber(f[2], p.at.lon) && parseNumber(f[3], p.at.lat) && std::abs(p.at.lon) <= 180 &&
                    std::abs(p.at.lat) <= 90;
    const unsigned long population = ok ? std::strtoul(f[4].c_str(), &end, 10) : 0;
    if (!ok || end != f[4].c_str() + f[4].size() || population > 100'000'000) {
      error = "ligne " + std::to_string(table.records[r].line) + " : ligne de commune mal formée";
      return false;
    }
    p.kind = Place::Kind::Commune;
    p.code = f[0];
    p.nom = f[1];
    // The département: 971…988 overseas, the first two characters elsewhere (2A, 2B included).
    p.departement = p.code.substr(0, p.code.rfind("97", 0) == 0 || p.code.rfind("98", 0) == 0 ? 3 : 2);
    p.population = static_cast<std::uint32_t>(population);
    p.seat = f[5] == "region" ? Place::Seat::Region
             : f[5] == "departement" ? Place::Seat::Departement
             : f[5] == "arrondissement" ? Place::Seat::Arrondissement
                                        : Place::Seat::None;
    folded.push_back(text::fold(p.nom));
    communes.push_back(std::move(p));
  }
  communes_ = std::move(communes);
  folded_communes_ = std::move(folded);
  return true;
}

void PlaceIndex::addCommunes(const Gazetteer& gazetteer) {
  for (const Commune& c : gazetteer.communes()) {
    communes_.push_back({Place::Kind::Commune, c.code_insee, c.nom, c.departement, {c.lon, c.lat}, c.population});
    folded_communes_.push_back(text::fold(c.nom));
  }
}

void PlaceIndex::addDepartement(std::string code, std::string nom, LonLat label) {
  folded_departements_.push_back(text::fold(nom));
  departements_.push_back({Place::Kind::Departement, code, std::move(nom), code, label, 0});
}

void PlaceIndex::clearDepartements() {
  departements_.clear();
  folded_departements_.clear();
}

const Place* PlaceIndex::departement(std::string_view code) const {
  for (const Place& p : departements_)
    if (p.code == code) return &p;
  return nullptr;
}

std::vector<const Place*> PlaceIndex::find(std::string_view query, const PlaceSearchOptions& options) const {
  const std::string q = text::fold(query);
  std::vector<std::pair<int, const Place*>> found;  // (how well it matches, place)
  if (q.empty()) return {};
  if (looksLikeDepartementNumber(q)) {
    std::string code = q;
    std::transform(code.begin(), code.end(), code.begin(), [](unsigned char c) { return std::toupper(c); });
    if (const Place* d = departement(code)) found.emplace_back(0, d);
  }
  const bool typos = q.size() >= options.typo_min_length;
  for (const auto& [places, folded] : {std::pair{&departements_, &folded_departements_}, std::pair{&communes_, &folded_communes_}}) {
    for (std::size_t i = 0; i < places->size(); ++i) {
      if ((*folded)[i] == q)
        found.emplace_back(0, &(*places)[i]);
      else if (typos && detail::withinOneEdit((*folded)[i], q))
        found.emplace_back(1, &(*places)[i]);
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    if (a.second->kind != b.second->kind) return a.second->kind == Place::Kind::Departement;
    return a.second->population > b.second->population;
  });
  std::vector<const Place*> out;
  for (const auto& f : found) {
    if (out.size() == options.limit) break;
    if (std::find(out.begin(), out.end(), f.second) == out.end()) out.push_back(f.second);
  }
  return out;
}

}  // namespace core
