#include "places.h"

#include <algorithm>
#include <cctype>

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

// « 29 », « 2A », « 971 »: what a département number looks like, once folded (lower case).
bool looksLikeDepartementNumber(std::string_view q) {
  if (q.size() == 2 && q[0] == '2' && (q[1] == 'a' || q[1] == 'b')) return true;
  return (q.size() == 2 || q.size() == 3) && std::all_of(q.begin(), q.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

void PlaceIndex::addCommunes(const Gazetteer& gazetteer) {
  for (const Commune& c : gazetteer.communes()) {
    places_.push_back({Place::Kind::Commune, c.code_insee, c.nom, c.departement, {c.lon, c.lat}, c.population});
    folded_.push_back(text::fold(c.nom));
  }
}

void PlaceIndex::addDepartement(std::string code, std::string nom, LonLat label) {
  folded_.push_back(text::fold(nom));
  places_.push_back({Place::Kind::Departement, code, std::move(nom), code, label, 0});
}

const Place* PlaceIndex::departement(std::string_view code) const {
  for (const Place& p : places_)
    if (p.kind == Place::Kind::Departement && p.code == code) return &p;
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
  for (std::size_t i = 0; i < places_.size(); ++i) {
    if (folded_[i] == q)
      found.emplace_back(0, &places_[i]);
    else if (typos && detail::withinOneEdit(folded_[i], q))
      found.emplace_back(1, &places_[i]);
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
