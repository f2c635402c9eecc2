#include "gazetteer.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "csv.h"
#include "text.h"

namespace core {

namespace {

bool parseDouble(const std::string& s, double& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(out);
}

}  // namespace

std::optional<Gazetteer> Gazetteer::parse(std::string_view csv, std::string& error) {
  const CsvTable table = parseCsv(csv);
  if (table.fatal) {
    error = "ligne " + std::to_string(table.fatal->line) + " : " + table.fatal->reason;
    return std::nullopt;
  }
  if (!table.errors.empty()) {
    error = "ligne " + std::to_string(table.errors[0].line) + " : " + table.errors[0].reason;
    return std::nullopt;
  }
  const std::vector<std::string> expected{"code_insee", "nom", "departement", "region", "lon", "lat", "population"};
  if (table.records.empty() || table.records[0].fields != expected) {
    error = "ligne 1 : en-tête attendu « code_insee,nom,departement,region,lon,lat,population »";
    return std::nullopt;
  }
  Gazetteer g;
  g.communes_.reserve(table.records.size() - 1);
  for (std::size_t r = 1; r < table.records.size(); ++r) {
    const auto& rec = table.records[r];
    Commune c;
    if (rec.fields.size() != expected.size() || !parseDouble(rec.fields[4], c.lon) ||
        !parseDouble(rec.fields[5], c.lat)) {
      error = "ligne " + std::to_string(rec.line) + " : ligne de commune mal formée";
      return std::nullopt;
    }
    c.code_insee = rec.fields[0];
    c.nom = rec.fields[1];
    c.departement = rec.fields[2];
    c.region = rec.fields[3];
    const std::string& population = rec.fields[6];
    char* end = nullptr;
    const unsigned long n = population.empty() ? 0 : std::strtoul(population.c_str(), &end, 10);
    if (!population.empty() && (end != population.c_str() + population.size() || n > 100'000'000)) {
      error = "ligne " + std::to_string(rec.line) + " : population « " + population + " » invalide";
      return std::nullopt;
    }
    c.population = static_cast<std::uint32_t>(n);
    const std::size_t index = g.communes_.size();
    if (!g.by_code_.emplace(c.code_insee, index).second) {
      error = "ligne " + std::to_string(rec.line) + " : code INSEE " + c.code_insee + " en double";
      return std::nullopt;
    }
    g.by_folded_name_.emplace(text::fold(c.nom), index);
    g.communes_.push_back(std::move(c));
  }
  return g;
}

const Commune* Gazetteer::byCode(std::string_view code_insee) const {
  auto it = by_code_.find(std::string(code_insee));
  return it == by_code_.end() ? nullptr : &communes_[it->second];
}

std::vector<const Commune*> Gazetteer::byName(std::string_view name, std::string_view departement) const {
  std::vector<const Commune*> out;
  auto [begin, end] = by_folded_name_.equal_range(text::fold(name));
  for (auto it = begin; it != end; ++it) {
    const Commune& c = communes_[it->second];
    if (departement.empty() || c.departement == departement) out.push_back(&c);
  }
  // Stable order for messages: by INSEE code.
  std::sort(out.begin(), out.end(), [](const Commune* a, const Commune* b) { return a->code_insee < b->code_insee; });
  return out;
}

}  // namespace core
