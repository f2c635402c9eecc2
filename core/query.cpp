#include "query.h"

#include <algorithm>
#include <numeric>

#include "categories.h"
#include "territory.h"
#include "text.h"

namespace core {

namespace {

// The mask of the values a list names; words outside the vocabulary add nothing.
template <class E>
std::uint32_t maskOf(const std::vector<std::string>& values) {
  std::uint32_t mask = 0;
  for (const auto& v : values)
    if (auto e = fromSlug<E>(v)) mask |= bitOf(*e);
  return mask;
}

template <class E>
bool known(const std::string& value) {
  return fromSlug<E>(value).has_value();
}

std::uint32_t regionBit(std::string_view code) {
  const auto& regions = allRegions();
  for (std::size_t i = 0; i < regions.size(); ++i)
    if (regions[i].code == code) return 1u << i;
  return 0;
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  const std::string folded = text::fold(text);
  std::size_t start = 0;
  while (start < folded.size()) {
    const std::size_t end = std::min(folded.find(' ', start), folded.size());
    if (end > start) out.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// An empty mask means the group does not filter.
bool passes(std::uint32_t values, std::uint32_t mask) { return mask == 0 || (values & mask) != 0; }

}  // namespace

Catalog::Catalog(const std::vector<Catalyseur>& catalyseurs) {
  entries_.reserve(catalyseurs.size());
  for (const auto& c : catalyseurs) {
    Entry e;
    e.metiers = maskOf<Metier>(c.metiers);
    e.thematiques = maskOf<Thematique>(c.thematiques);
    if (auto s = fromSlug<Structure>(c.structure)) e.structure = bitOf(*s);
    e.region = regionBit(c.region);
    e.name = text::fold(c.nom);
    const RegionInfo* region = regionByCode(c.region);
    e.place = text::fold(c.commune + " " + (region ? std::string(region->name_fr) : std::string()));
    e.other = text::fold(c.territoire + " " + c.description);
    entries_.push_back(std::move(e));
  }
}

Catalog::Masks Catalog::masksOf(const Filters& f) {
  Masks m{0, 0, 0, 0};
  m.metiers = maskOf<Metier>(f.metiers);
  m.thematiques = maskOf<Thematique>(f.thematiques);
  m.structure = maskOf<Structure>(f.structure);
  for (const auto& v : f.region) m.region |= regionBit(v);
  return m;
}

int Catalog::rank(const Entry& e, const std::vector<std::string>& search) {
  if (search.empty()) return 0;
  bool all_in_name = true, all_in_place = true;
  for (const auto& w : search) {
    const bool in_name = e.name.find(w) != std::string::npos;
    const bool in_place = in_name || e.place.find(w) != std::string::npos;
    if (!in_place && e.other.find(w) == std::string::npos) return -1;
    all_in_name = all_in_name && in_name;
    all_in_place = all_in_place && in_place;
  }
  return all_in_name ? 0 : all_in_place ? 1 : 2;
}

std::vector<std::uint32_t> Catalog::match(const Filters& filters, std::string_view text) const {
  const Masks m = masksOf(filters);
  const auto search = words(text);
  std::vector<std::pair<int, std::uint32_t>> ranked;
  for (std::uint32_t i = 0; i < entries_.size(); ++i) {
    const Entry& e = entries_[i];
    if (!passes(e.metiers, m.metiers) || !passes(e.thematiques, m.thematiques) ||
        !passes(e.structure, m.structure) || !passes(e.region, m.region))
      continue;
    const int r = rank(e, search);
    if (r >= 0) ranked.emplace_back(r, i);
  }
  std::sort(ranked.begin(), ranked.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    const int by_name = entries_[a.second].name.compare(entries_[b.second].name);
    return by_name != 0 ? by_name < 0 : a.second < b.second;
  });
  std::vector<std::uint32_t> out;
  out.reserve(ranked.size());
  for (const auto& r : ranked) out.push_back(r.second);
  return out;
}

Facets Catalog::facets(const Filters& filters, std::string_view text) const {
  const Masks m = masksOf(filters);
  const auto search = words(text);
  std::vector<std::size_t> metiers(metierValues().size()), thematiques(thematiqueValues().size()),
      structure(structureValues().size()), region(allRegions().size());
  auto add = [](std::vector<std::size_t>& counts, std::uint32_t bits) {
    for (std::size_t i = 0; i < counts.size(); ++i)
      if (bits & (1u << i)) ++counts[i];
  };
  for (const Entry& e : entries_) {
    const bool pm = passes(e.metiers, m.metiers), pt = passes(e.thematiques, m.thematiques),
               ps = passes(e.structure, m.structure), pr = passes(e.region, m.region);
    if ((int(pm) + int(pt) + int(ps) + int(pr)) < 3) continue;  // fails two groups: counts nowhere
    if (rank(e, search) < 0) continue;
    if (pt && ps && pr) add(metiers, e.metiers);
    if (pm && ps && pr) add(thematiques, e.thematiques);
    if (pm && pt && pr) add(structure, e.structure);
    if (pm && pt && ps) add(region, e.region);
  }
  auto pack = [](const auto& values, const std::vector<std::size_t>& counts) {
    std::vector<FacetCount> out;
    for (std::size_t i = 0; i < counts.size(); ++i) out.push_back({std::string(values[i]), counts[i]});
    return out;
  };
  std::vector<std::string_view> region_codes;
  for (const auto& r : allRegions()) region_codes.push_back(r.code);
  return {pack(metierValues(), metiers), pack(thematiqueValues(), thematiques),
          pack(structureValues(), structure), pack(region_codes, region)};
}

Filters Catalog::sanitize(const Filters& filters, std::vector<std::string>* rejected) {
  Filters out;
  auto keep = [&](const std::vector<std::string>& in, std::vector<std::string>& kept, auto known) {
    for (const auto& v : in) {
      if (!known(v)) {
        if (rejected) rejected->push_back(v);
      } else if (std::find(kept.begin(), kept.end(), v) == kept.end()) {
        kept.push_back(v);
      }
    }
  };
  keep(filters.metiers, out.metiers, known<Metier>);
  keep(filters.thematiques, out.thematiques, known<Thematique>);
  keep(filters.structure, out.structure, known<Structure>);
  keep(filters.region, out.region, [](const std::string& v) { return regionBit(v) != 0; });
  return out;
}

}  // namespace core
